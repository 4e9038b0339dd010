"""Table schemas of the built dataset (pandera), also the source of the data dictionary."""

from __future__ import annotations

import pandera.pandas as pa

from eastwest.reference.vocabulary import Vocabulary

FACT_COLUMNS = {
    "fact_id": "Stable unique id: the source's prefix and a slug chosen by the annotator",
    "source_id": "The seed's file stem (see data/sources.csv)",
    "theme": "industry, talent, labour, consumption, pairing, social, outcome or context",
    "indicator": "What is counted: an id from the indicator vocabulary (data/reference/indicators.yml)",
    "breakdown": "The part or side of the indicator the fact counts (e.g. housing safety, helping side); empty when the fact is the whole",
    "description": "One line in English",
    "description_zh": "What the number counts, in Chinese, for the Chinese edition (short, no value or date); empty where not yet written",
    "east": "Place id of the helping side (data/places.csv); empty where not applicable; for a figure the sentence gives for several places together, their ids joined by ';' in the order the annotation lists them (one figure for the group, never split)",
    "west": "Place id of the receiving side; empty where not applicable; several ids joined by ';' as for east",
    "value": "Normalised number (万 = 10^4, 亿 = 10^8, percent as number); empty only when the source lost it",
    "value_high": "Upper end of a range; otherwise empty",
    "unit": "Controlled unit (see the units table)",
    "qualifier": "exact, over (余/多/超), nearly (近/将近/接近: just under), about (约/左右: either side), under, range",
    "status": "achieved, planned, expected, target or quota: planned amounts are never achieved",
    "period": "YYYY, YYYY-MM, YYYY-MM-DD, a START/END range (either end may be empty: /YYYY-MM is up to a date, YYYY/ from a date), or unknown",
    "scope": "cumulative, annual, event, stock, period_total or recurring",
    "quote": "Verbatim sentence part from the clean text showing what the number counts",
    "number_text": "The number as written in the quote",
    "quote_start": "Character offset of the quote in data/clean/<source_id>.txt",
    "quote_end": "Offset just past the quote's end",
    "number_start": "Character offset of the number in the clean text",
    "number_end": "Offset just past the number",
    "flags": "Semicolon-separated flags (number_missing_in_source, year_missing_in_source, planned, ...)",
}


def facts_schema(vocab: Vocabulary) -> pa.DataFrameSchema:
    place_ids = ["", *vocab.places]

    def places_or_group(series):
        # a place id, empty, or a group of at least two distinct ids joined by ';'
        def fine(text: str) -> bool:
            ids = text.split(";")
            return all(i in vocab.places for i in ids) and len(set(ids)) == len(ids) if len(ids) > 1 else text in place_ids

        return series.map(fine)

    def isin(section: str) -> pa.Check:
        return pa.Check.isin(list(vocab.terms[section]))

    def known_flags(series):
        allowed = set(vocab.terms["flags"])
        return series.map(lambda text: all(f in allowed for f in text.split(";") if f))

    return pa.DataFrameSchema(
        {
            "fact_id": pa.Column(str, unique=True, checks=pa.Check.str_matches(r"^[0-9A-Za-z]+-[a-z0-9-]+$")),
            "source_id": pa.Column(str),
            "theme": pa.Column(str, isin("themes")),
            "indicator": pa.Column(str, pa.Check.isin(list(vocab.indicators))),
            "breakdown": pa.Column(str),
            "description": pa.Column(str, pa.Check.str_length(min_value=3)),
            "description_zh": pa.Column(str),
            "east": pa.Column(str, pa.Check(places_or_group, element_wise=False)),
            "west": pa.Column(str, pa.Check(places_or_group, element_wise=False)),
            "value": pa.Column(float, nullable=True),
            "value_high": pa.Column(float, nullable=True),
            "unit": pa.Column(str, isin("units")),
            "qualifier": pa.Column(str, isin("qualifiers")),
            "status": pa.Column(str, isin("statuses")),
            "period": pa.Column(str),
            "scope": pa.Column(str, isin("scopes")),
            "quote": pa.Column(str, pa.Check.str_length(min_value=2)),
            "number_text": pa.Column(str),
            "quote_start": pa.Column(int, pa.Check.ge(0)),
            "quote_end": pa.Column(int, pa.Check.ge(0)),
            "number_start": pa.Column(float, nullable=True),
            "number_end": pa.Column(float, nullable=True),
            "flags": pa.Column(str, pa.Check(known_flags, element_wise=False)),
        },
        checks=[
            pa.Check(
                lambda df: df["value"].notna() | df["flags"].str.contains("number_missing_in_source"),
                error="value empty without the flag number_missing_in_source",
            ),
            pa.Check(
                lambda df: ~(df["status"].isin(["planned", "expected", "target"]) & ~df["flags"].str.contains("planned")),
                error="planned/expected/target fact without the planned flag",
            ),
        ],
        strict=True,
        ordered=True,
    )
