"""data/reference/national_context.csv: outside figures that frame the chapters (never facts).

Its texts are shown beside the book's numbers (a glued figure's tooltip, the bibliography), so
they are held to plain text like every other displayed field; a missing column, a value that is
not a number or markup in a cell is refused by the build, naming the file, line and column."""

from __future__ import annotations

import csv
import math
import re

import pandas as pd

from eastwest.core import plaintext
from eastwest.core.errors import DataError
from eastwest.core.paths import ProjectPaths

COLUMNS = ["indicator", "value", "unit", "period", "scope", "outlet", "published", "url", "reliability", "note"]
REQUIRED = ("indicator", "value", "unit", "period", "outlet", "reliability")
OPTIONAL = ("outlet_zh",)  # the outlet's Chinese name, for the Chinese edition (else the outlet as written)
_PUBLISHED = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_URL = re.compile(r"https?://[^\s\"'<>]+")


def context_path(paths: ProjectPaths):
    return paths.reference / "national_context.csv"


def check_context(paths: ProjectPaths) -> None:
    """Refuse a context table the pages could not show as written (DataError naming line and column)."""
    path = context_path(paths)
    if not path.exists():
        return
    try:
        handle = path.open(encoding="utf-8", newline="")
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not valid UTF-8 at byte {exc.start}") from exc
    with handle:
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise DataError(f"{path}: line 1: missing column(s) {', '.join(missing)} (the header is {','.join(COLUMNS)})")
        extra = [c for c in header if c not in (*COLUMNS, *OPTIONAL)]
        if extra:
            raise DataError(
                f"{path}: line 1: unknown column(s) {', '.join(map(str, extra))} (allowed: {','.join((*COLUMNS, *OPTIONAL))})"
            )
        try:
            for row in reader:
                _check_row(row, f"{path}: line {reader.line_num}")
        except (csv.Error, UnicodeDecodeError) as exc:
            raise DataError(f"{path}: line {reader.line_num}: not a readable CSV row ({exc})") from exc


def _check_row(row: dict, where: str) -> None:
    if None in row:
        raise DataError(f"{where}: more cells than the {len(COLUMNS)} columns (put a text holding ',' in double quotes)")
    for column in (*COLUMNS, *(c for c in OPTIONAL if c in row)):
        text = row.get(column)
        if text is None:
            raise DataError(f"{where}: fewer cells than the header's columns")
        if column in REQUIRED and not text.strip():
            raise DataError(f"{where}: column {column!r} is empty")
        trouble = plaintext.problem(text.replace("->", "→"))  # an arrow may join two places: Suzhou->Tongren
        if trouble:
            raise DataError(f"{where}: column {column!r} {trouble}")
    try:
        value = float(row["value"])
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise DataError(f"{where}: value {row['value']!r} is not a number (write digits, e.g. 22900000000 or 11.46)")
    if row["published"] and not _PUBLISHED.fullmatch(row["published"]):
        raise DataError(f"{where}: published {row['published']!r} must be YYYY, YYYY-MM or YYYY-MM-DD, or empty")
    if row["url"] and not _URL.fullmatch(row["url"]):
        raise DataError(f"{where}: url {row['url']!r} must start with http:// or https:// (no spaces or quotes)")


def load_context(paths: ProjectPaths) -> pd.DataFrame:
    """The context table, checked (check_context), with `value` as numbers."""
    check_context(paths)
    frame = pd.read_csv(context_path(paths), dtype=str, keep_default_na=False)
    frame["value"] = pd.to_numeric(frame["value"])
    return frame
