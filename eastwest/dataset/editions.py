"""Editions of the dataset: a compact record of the facts each edition published, and what changed
between two editions — facts added, corrected and removed — computed from those records, never typed.

An edition's record is `data/editions/<version>.csv`, one row per fact with the fields a reader
would call the fact itself (`MANIFEST_COLUMNS`: its source and the source's reader's name, the
indicator, value, unit, qualifier, period, status), sorted by fact id. It is written when an
edition is cut (`python -m eastwest edition cut`, eastwest.pages.changelog) and never rewritten,
so the next edition's changes are computed against exactly what this one published. A fact is
the same fact in two editions when its id is; it is *corrected* when any recorded field other
than the source's name differs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from eastwest.core.errors import DataError
from eastwest.core.files import write_csv
from eastwest.core.paths import PROJECT, ProjectPaths

MANIFEST_COLUMNS = ["fact_id", "source_id", "source", "indicator", "value", "value_high", "unit", "qualifier", "period", "status"]
COMPARED = [c for c in MANIFEST_COLUMNS if c not in ("fact_id", "source")]  # a change in any of these is a correction
VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


def parse_version(version: str) -> tuple[int, int, int]:
    """'0.5.0' -> (0, 5, 0); anything but three dot-separated numbers is refused."""
    match = VERSION.match(str(version).strip())
    if not match:
        raise DataError(f"edition version {version!r} is not of the form MAJOR.MINOR.PATCH (e.g. 0.6.0)")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def editions_dir(paths: ProjectPaths = PROJECT) -> Path:
    return paths.data / "editions"


def recorded(paths: ProjectPaths = PROJECT) -> list[str]:
    """The versions with a record in data/editions/, oldest first."""
    folder = editions_dir(paths)
    versions = [p.stem for p in folder.glob("*.csv") if VERSION.match(p.stem)] if folder.is_dir() else []
    return sorted(versions, key=parse_version)


def _text(value) -> str:
    """A field as the record writes it: '' for a missing value, a number in its shortest exact form."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)  # 240000000, as data/facts.csv writes it
    return str(value)


def manifest(facts: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The record of an edition's facts: MANIFEST_COLUMNS as text, sorted by fact id; `labels` gives
    each source's reader's name by source id."""
    rows = []
    for _, fact in facts.iterrows():
        row = {c: _text(fact.get(c)) for c in MANIFEST_COLUMNS if c != "source"}
        row["source"] = labels.get(row["source_id"], row["source_id"])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=MANIFEST_COLUMNS)
    return frame.sort_values("fact_id", kind="stable").reset_index(drop=True)


def write_manifest(frame: pd.DataFrame, version: str, paths: ProjectPaths = PROJECT) -> Path:
    path = editions_dir(paths) / f"{version}.csv"
    write_csv(path, frame[MANIFEST_COLUMNS])
    return path


def read_manifest(version: str, paths: ProjectPaths = PROJECT) -> pd.DataFrame:
    path = editions_dir(paths) / f"{version}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in MANIFEST_COLUMNS if c not in frame.columns]
    if missing:
        raise DataError(f"{path}: the edition record lacks the columns {missing}")
    return frame[MANIFEST_COLUMNS]


@dataclass
class Correction:
    fact_id: str
    source_id: str
    source: str
    indicator: str
    changes: dict[str, tuple[str, str]]  # field: (before, after)


@dataclass
class Changes:
    """What changed from one edition's facts to the next's."""

    added: pd.DataFrame
    removed: pd.DataFrame
    corrected: list[Correction] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.added.empty and self.removed.empty and not self.corrected


def compare(before: pd.DataFrame | None, after: pd.DataFrame) -> Changes:
    """Facts added, removed and corrected from `before` (None: no earlier record, so every fact is
    added) to `after`, both records as `manifest` writes them."""
    after = after[MANIFEST_COLUMNS].astype(str)
    if before is None:
        return Changes(added=after.reset_index(drop=True), removed=after.iloc[0:0])
    before = before[MANIFEST_COLUMNS].astype(str)
    old, new = before.set_index("fact_id"), after.set_index("fact_id")
    added = after[~after.fact_id.isin(old.index)].reset_index(drop=True)
    removed = before[~before.fact_id.isin(new.index)].reset_index(drop=True)
    corrected = []
    for fact_id in sorted(set(old.index) & set(new.index)):
        was, now = old.loc[fact_id], new.loc[fact_id]
        changes = {c: (str(was[c]), str(now[c])) for c in COMPARED if str(was[c]) != str(now[c])}
        if changes:
            corrected.append(Correction(fact_id, str(now["source_id"]), str(now["source"]), str(now["indicator"]), changes))
    return Changes(added=added, removed=removed, corrected=corrected)


def by_source_and_indicator(frame: pd.DataFrame) -> list[tuple[str, str, list[tuple[str, int]]]]:
    """(source id, source's name, [(indicator, facts), ...]) per source, in source-id order, the
    indicators by number of facts (most first), then name."""
    grouped = []
    for source_id, part in frame.groupby("source_id", sort=True):
        counts = part.indicator.value_counts()
        indicators = sorted(((str(k), int(v)) for k, v in counts.items()), key=lambda kv: (-kv[1], kv[0]))
        grouped.append((str(source_id), str(part.source.iloc[0]), indicators))
    return grouped
