"""One exception type for every input problem, so callers can report it plainly."""


class DataError(Exception):
    """Bad input: the message names the file and, where known, the line or fact id."""
