"""The one loader: notebooks, pages and tests read the built dataset through these functions."""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from eastwest.core.errors import DataError
from eastwest.core.files import JOURNAL, build_lock, recover
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.reader.wording import BACKGROUND, short_name, source_label

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


def _read_csv(path) -> pd.DataFrame:
    """A built table; a missing or empty one is an error that says what to run."""
    _finish_interrupted_build(path.parent)
    if not path.exists() or path.stat().st_size == 0:
        raise DataError(f"{path} is missing or empty: run `make data` (python -m eastwest build)")
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _finish_interrupted_build(directory) -> None:
    """A build killed after committing its outputs is completed before anything is read."""
    if (directory / JOURNAL).exists():
        with build_lock(directory):
            recover(directory)


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
    frame["east_name"] = frame["east"].map(lambda p: places.get(p, "") if p else "")
    frame["west_name"] = frame["west"].map(lambda p: places.get(p, "") if p else "")
    frame["pairing"] = [
        f"{short_name(e)} → {short_name(w)}" if e and w else (short_name(e) or short_name(w) or "—")
        for e, w in zip(frame["east_name"], frame["west_name"])
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
    frame["programme"] = _programme_pairing(frame, paths)
    labels = pairings(paths).set_index("pairing_id")["label"]
    frame["programme_label"] = frame["programme"].map(lambda p: labels.get(p, BACKGROUND))
    return frame


def _programme_pairing(frame: pd.DataFrame, paths: ProjectPaths) -> list[str]:
    """The pairing a fact belongs to: towns and villages count for their county; a fact naming
    only the receiving side belongs to that source's pairing with it, if there is exactly one."""
    parent = _places(paths, _version(paths.places_csv)).set_index("id")["parent"].to_dict()
    pairs = _read_csv(paths.pairings_csv)
    by_ends = {(e, w): pid for pid, e, w in zip(pairs.pairing_id, pairs.east, pairs.west)}
    source_pairings = _read_csv(paths.sources_csv).set_index("source_id")["pairings"].map(lambda s: s.split(";"))
    west_of = pairs.set_index("pairing_id")["west"].to_dict()
    east_of = pairs.set_index("pairing_id")["east"].to_dict()
    out = []
    for sid, east, west in zip(frame.source_id, frame.east, frame.west):
        east, west = parent.get(east) or east, parent.get(west) or west
        if (east, west) in by_ends:
            out.append(by_ends[(east, west)])
            continue
        candidates = [
            p
            for p in source_pairings.get(sid, [])
            if (west and west_of.get(p) == west) or (east and not west and east_of.get(p) == east)
        ]
        out.append(candidates[0] if len(candidates) == 1 else "")
    return out


@lru_cache(maxsize=4)
def _indicators(paths: ProjectPaths, _version_key=None) -> pd.DataFrame:
    frame = _read_csv(paths.indicators_csv)
    for column in ("facts", "sources"):
        frame[column] = frame[column].astype(int)
    return frame


def indicators(paths: ProjectPaths = PROJECT) -> pd.DataFrame:
    """The indicator vocabulary in its file order, with the number of facts and sources per indicator."""
    return _indicators(paths, _version(paths.indicators_csv)).copy()


def facts(paths: ProjectPaths = PROJECT) -> pd.DataFrame:
    return _facts(paths, _version(paths.facts_csv)).copy()


@lru_cache(maxsize=4)
def _places(paths: ProjectPaths, _version_key=None) -> pd.DataFrame:
    return _read_csv(paths.places_csv)


def places(paths: ProjectPaths = PROJECT) -> pd.DataFrame:
    return _places(paths, _version(paths.places_csv)).copy()


def pairings(paths: ProjectPaths = PROJECT) -> pd.DataFrame:
    frame = _read_csv(paths.pairings_csv)
    names = places(paths).set_index("id")["name_en"].map(short_name)
    frame["label"] = frame["east"].map(names) + " → " + frame["west"].map(names)
    return frame


def sources(paths: ProjectPaths = PROJECT) -> pd.DataFrame:
    return _read_csv(paths.sources_csv)


def mentions(paths: ProjectPaths = PROJECT) -> pd.DataFrame:
    return _read_csv(paths.mentions_csv)


def _read_json(path) -> dict:
    _finish_interrupted_build(path.parent)
    if not path.exists() or path.stat().st_size == 0:
        raise DataError(f"{path} is missing or empty: run `make data` (python -m eastwest build)")
    return json.loads(path.read_text(encoding="utf-8"))


def quality_log(paths: ProjectPaths = PROJECT) -> dict:
    return _read_json(paths.quality_log)


def build_report(paths: ProjectPaths = PROJECT) -> dict:
    return _read_json(paths.build_report)


def clean_text(source_id: str, paths: ProjectPaths = PROJECT) -> str:
    _finish_interrupted_build(paths.data)
    return paths.clean_text(source_id).read_text(encoding="utf-8")


def clean_corpus(paths: ProjectPaths = PROJECT) -> dict[str, str]:
    _finish_interrupted_build(paths.data)
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(paths.clean.glob("*.txt"))}
