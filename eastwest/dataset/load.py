"""The one loader: notebooks, pages and tests read the built dataset through these functions.

Each function reads under data/'s lock held shared (eastwest.core.files.read_lock), so the tables
one call combines (facts with places, sources, indicators and pairings) are from one build, never
from two. A reader that calls several of them holds `reading()` around the calls for the same
guarantee; `make book` holds it from the notebooks to the Sphinx pass, so no notebook or page of
one book sees two datasets. A build waits for the readers; readers wait for a build's commit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import pandas as pd

from eastwest.core.errors import DataError
from eastwest.core.files import read_lock
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.dataset.attribution import Attribution, attribute
from eastwest.reader.wording import in_words, short_name, source_label

# The chapter whose fact table lists each theme's facts (source pages link back to it).
CHAPTER_BY_THEME = {
    "industry": "01_industry",
    "talent": "02_talent",
    "labour": "03_labour",
    "consumption": "04_consumption",
    "pairing": "00_overview",
    "social": "00_overview",
    "outcome": "00_overview",
    "context": "00_overview",
}


@contextmanager
def reading(paths: ProjectPaths = PROJECT) -> Iterator[None]:
    """Every table read inside is from one build: a build of data/ waits until the block ends (and
    one killed after its commit is completed first)."""
    with read_lock(paths.data):
        yield


def _read_csv(path) -> pd.DataFrame:
    """A built table; a missing or empty one is an error that says what to run."""
    with read_lock(path.parent):
        if not path.exists() or path.stat().st_size == 0:
            raise DataError(f"{path} is missing or empty: run `make data` (python -m eastwest build)")
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _version(path) -> tuple | None:
    """What the cached readers are keyed on besides the project: a table rebuilt in the same process
    (a build publishes by renaming, so each build gives a new inode and mtime) is read again."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


@lru_cache(maxsize=4)
def _facts(paths: ProjectPaths, _version_key=None) -> pd.DataFrame:
    frame = _read_csv(paths.facts_csv)
    for column in ("value", "value_high"):
        frame[column] = pd.to_numeric(frame[column].replace("", None))
    for column in ("quote_start", "quote_end"):
        frame[column] = frame[column].astype(int)
    for column in ("number_start", "number_end"):
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
    frame["flag_list"] = frame["flags"].map(lambda s: [f for f in s.split(";") if f])
    places = _places(paths, _version(paths.places_csv)).set_index("id")["name_en"]
    # a group of places (ids joined by ';') reads 'Yutian, Maiji and Jingtai'
    frame["east_name"] = frame["east"].map(lambda ids: in_words([places.get(p, "") for p in ids.split(";")]) if ids else "")
    frame["west_name"] = frame["west"].map(lambda ids: in_words([places.get(p, "") for p in ids.split(";")]) if ids else "")
    frame["pairing"] = [
        (f"{_short_names(e, places)} → {_short_names(w, places)}" if e and w else (_short_names(e or w, places) or "—"))
        + (", together" if ";" in e + w else "")
        for e, w in zip(frame["east"], frame["west"])
    ]
    frame["chapter"] = frame["theme"].map(CHAPTER_BY_THEME)
    meta = _read_csv(paths.sources_csv).set_index("source_id")
    source_labels = {sid: source_label(row) for sid, row in meta.iterrows()}
    frame["source_label"] = frame["source_id"].map(lambda sid: source_labels.get(sid, sid))
    vocabulary = _indicators(paths, _version(paths.indicators_csv)).set_index("indicator")
    for column, source in (
        ("indicator_label", "label_en"),
        ("indicator_zh", "label_zh"),
        ("direction", "direction"),
        ("comparability", "comparability"),
        ("area", "area"),
    ):
        frame[column] = frame["indicator"].map(vocabulary[source])
    # what a fact counts for a Chinese reader: its own Chinese description, else its indicator's name
    described_zh = frame["description_zh"] if "description_zh" in frame else pd.Series("", index=frame.index)
    frame["what_zh"] = described_zh.where(described_zh.fillna("").astype(str).str.strip() != "", frame["indicator_zh"])
    attributions = _attribute(frame, paths)
    frame["programme"] = [a.programme for a in attributions]
    frame["programme_label"] = [a.label for a in attributions]
    frame["shown_on"] = [";".join(a.shown_on) for a in attributions]
    return frame


def _short_names(ids: str, names: pd.Series) -> str:
    return in_words([short_name(names.get(p, "")) for p in ids.split(";")]) if ids else ""


def _attribute(frame: pd.DataFrame, paths: ProjectPaths) -> list[Attribution]:
    """Each fact's pairing, group or credited helper (eastwest.dataset.attribution)."""
    sources = _read_csv(paths.sources_csv)
    source_pairings = {sid: pairs.split(";") for sid, pairs in zip(sources.source_id, sources.pairings)}
    places = _places(paths, _version(paths.places_csv))
    return attribute(frame, places, _read_csv(paths.pairings_csv), source_pairings)


@lru_cache(maxsize=4)
def _indicators(paths: ProjectPaths, _version_key=None) -> pd.DataFrame:
    frame = _read_csv(paths.indicators_csv)
    for column in ("facts", "sources"):
        frame[column] = frame[column].astype(int)
    return frame


def indicators(paths: ProjectPaths = PROJECT) -> pd.DataFrame:
    """The indicator vocabulary in its file order, with the number of facts and sources per indicator."""
    with reading(paths):
        return _indicators(paths, _version(paths.indicators_csv)).copy()


def facts(paths: ProjectPaths = PROJECT) -> pd.DataFrame:
    with reading(paths):
        return _facts(paths, _version(paths.facts_csv)).copy()


@lru_cache(maxsize=4)
def _places(paths: ProjectPaths, _version_key=None) -> pd.DataFrame:
    return _read_csv(paths.places_csv)


def places(paths: ProjectPaths = PROJECT) -> pd.DataFrame:
    with reading(paths):
        return _places(paths, _version(paths.places_csv)).copy()


def pairings(paths: ProjectPaths = PROJECT) -> pd.DataFrame:
    with reading(paths):
        frame = _read_csv(paths.pairings_csv)
        names = places(paths).set_index("id")["name_en"].map(short_name)
    frame["label"] = frame["east"].map(names) + " → " + frame["west"].map(names)
    return frame


def sources(paths: ProjectPaths = PROJECT) -> pd.DataFrame:
    return _read_csv(paths.sources_csv)


def mentions(paths: ProjectPaths = PROJECT) -> pd.DataFrame:
    return _read_csv(paths.mentions_csv)


def _read_json(path) -> dict:
    with read_lock(path.parent):
        if not path.exists() or path.stat().st_size == 0:
            raise DataError(f"{path} is missing or empty: run `make data` (python -m eastwest build)")
        return json.loads(path.read_text(encoding="utf-8"))


def quality_log(paths: ProjectPaths = PROJECT) -> dict:
    return _read_json(paths.quality_log)


def build_report(paths: ProjectPaths = PROJECT) -> dict:
    return _read_json(paths.build_report)


def clean_text(source_id: str, paths: ProjectPaths = PROJECT) -> str:
    with reading(paths):
        return paths.clean_text(source_id).read_text(encoding="utf-8")


def clean_corpus(paths: ProjectPaths = PROJECT) -> dict[str, str]:
    with reading(paths):
        return {p.stem: p.read_text(encoding="utf-8") for p in sorted(paths.clean.glob("*.txt"))}
