"""East–West poverty-alleviation cooperation report: data pipeline and book helpers."""
