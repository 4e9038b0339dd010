"""Every table a reader downloads, as a spreadsheet opens it: a chart's data (eastwest.charts.base),
the spreadsheet copies of the dataset's tables on the data page (eastwest.pages.data_page) and the
fact explorer's rows (its licence line). One writer, so every download reads the same way:

- a UTF-8 byte-order mark (without it Excel on Windows reads UTF-8 as a legacy code page and
  garbles the Chinese quotes);
- the licence on the first line (a spreadsheet shows it as row 1), the header on the next;
- whole numbers without '.0' (120000000, never 120000000.0), other numbers exactly as stored;
- beside a fact's value and ISO period, the value and the period in the words the book uses
  (eastwest.reader.wording: 'over ¥30 m', 'cumulative to 2019-11 (date estimated)').

The dataset's own tables in data/ stay the machine-readable ones (no mark, no licence line), with
their numbers written by `plain_numbers` too."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from eastwest.core.files import csv_text
from eastwest.reader.wording import DOWNLOAD_LICENCE, PERIOD_WORDS_COLUMN, period_label, value_text

BYTE_ORDER_MARK = "\ufeff"
VALUE_WORDS_COLUMN = "value_in_words"  # "over ¥30 m": the value as the book writes it, qualifier included


def plain_number(value) -> str:
    """120000000 rather than 120000000.0; 1.955 as it is; an empty cell stays empty."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def plain_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every column of decimal numbers written as plain_number writes them."""
    floats = [c for c in table.columns if pd.api.types.is_float_dtype(table[c])]
    return table.assign(**{c: table[c].map(plain_number) for c in floats}) if floats else table


def _flags(table: pd.DataFrame) -> pd.Series:
    """Each row's flags: a fact's flag_list, or its ';'-separated `flags` text; none otherwise."""
    if "flag_list" in table:
        return table["flag_list"]
    if "flags" in table:
        return table["flags"].fillna("").astype(str)
    return pd.Series([[]] * len(table), index=table.index, dtype=object)


def spreadsheet_table(table: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """`columns` of `table` (all by default), numbers plain, and beside a fact's value and ISO
    period their words (VALUE_WORDS_COLUMN, PERIOD_WORDS_COLUMN)."""
    out = table[list(columns) if columns is not None else list(table.columns)].copy()
    if {"value", "value_high", "unit", "qualifier"} <= set(out.columns):
        words = [value_text(r) for _, r in out.iterrows()]
        out.insert(list(out.columns).index("value_high") + 1, VALUE_WORDS_COLUMN, words)
    for column in ("value", "value_high"):
        if column in out:
            out[column] = out[column].map(plain_number)
    out = plain_numbers(out)
    if {"period", "scope"} <= set(out.columns):
        words = [period_label(str(p), str(s), f) for p, s, f in zip(table["period"], table["scope"], _flags(table))]
        out.insert(list(out.columns).index("period") + 1, PERIOD_WORDS_COLUMN, words)
    return out


def spreadsheet_text(table: pd.DataFrame, columns: Sequence[str] | None = None) -> str:
    """The download's text: the byte-order mark, the licence line, then the table."""
    return BYTE_ORDER_MARK + DOWNLOAD_LICENCE + "\n" + csv_text(spreadsheet_table(table, columns))
