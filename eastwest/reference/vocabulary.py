"""Controlled vocabularies (data/reference/vocabulary.yml) and the place register.

Every section maps a term to its meaning, except `units`: each unit is a mapping with its
`meaning` and the English `singular` and `plural` shown in labels and tables (optional: `sign`,
the sign the number carries instead of a word, as in ¥30 m or 97.64%; `word_before`, the word
goes before the number, as in top 3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from eastwest.core import plaintext
from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.yamlio import load_yaml

if TYPE_CHECKING:  # the indicator schema (pydantic) is needed to load the whole vocabulary, not its units
    from eastwest.reference.indicators import Indicator

SECTIONS = ("themes", "units", "qualifiers", "statuses", "scopes", "flags", "exclusion_reasons")
UNIT_FIELDS = {"meaning", "singular", "plural", "sign", "word_before"}


@dataclass(frozen=True)
class Unit:
    id: str
    meaning: str
    singular: str
    plural: str
    sign: str = ""  # the number carries it (¥, %): no word is shown
    word_before: bool = False  # "top 3", not "3 top"


@dataclass(frozen=True)
class Vocabulary:
    terms: dict[str, dict[str, str]]  # section -> term -> meaning (for units, the unit's meaning)
    places: dict[str, dict]
    indicators: dict[str, Indicator]
    units: dict[str, Unit]

    def check(self, section: str, value, where: str) -> None:
        if value not in self.terms[section]:
            allowed = ", ".join(sorted(self.terms[section]))
            raise DataError(
                f"{where}: unknown {section[:-1] if section.endswith('s') else section} {value!r} (allowed: {allowed})"
            )

    def check_place(self, value, where: str) -> None:
        if value is not None and (not isinstance(value, str) or value not in self.places):
            raise DataError(f"{where}: unknown place id {value!r}; add it to data/reference/places.yml")

    def check_side(self, value, where: str) -> str:
        """A fact's `east` or `west` as stored in facts.csv: a place id, '' for null, or for a list
        of at least two distinct place ids ("these places together") the ids joined by ';' in the
        order written. Never split into shares, never guessed."""
        if not isinstance(value, list):
            self.check_place(value, where)
            return value or ""
        if len(value) < 2:
            raise DataError(
                f"{where}: a list means 'these places together' and needs at least two distinct place ids; "
                "write a single place as its id alone"
            )
        for item in value:
            self.check_place(item, where)
        repeated = sorted({item for item in value if value.count(item) > 1})
        if repeated:
            raise DataError(f"{where}: place {', '.join(map(repr, repeated))} listed twice; list each place of the group once")
        return ";".join(value)


def enclosing(places: dict[str, dict], place_id: str, link: str = "within") -> list[str] | None:
    """The places a place lies within (or its parents, link='parent'), nearest first
    (Zhangjiagang -> [suzhou]); None on a cycle."""
    chain: list[str] = []
    here = places.get(place_id, {}).get(link)
    while here:
        if here == place_id or here in chain:
            return None
        chain.append(here)
        here = places.get(here, {}).get(link)
    return chain


def parse_units(raw, where) -> dict[str, Unit]:
    """The `units` section: every unit with a meaning and a non-empty English singular and plural."""
    if not isinstance(raw, dict):
        raise DataError(f"{where}: 'units' must map each unit to its meaning, singular and plural")
    units = {}
    for unit, entry in raw.items():
        here = f"{where}: unit {unit!r}"
        if not isinstance(entry, dict):
            raise DataError(f"{here}: write it as a mapping {{meaning: ..., singular: ..., plural: ...}}")
        unknown = sorted(set(entry) - UNIT_FIELDS)
        if unknown:
            raise DataError(f"{here}: unknown field(s) {', '.join(unknown)} (allowed: {', '.join(sorted(UNIT_FIELDS))})")
        for field in ("meaning", "singular", "plural"):
            value = entry.get(field)
            if not isinstance(value, str) or not value.strip():
                raise DataError(
                    f"{here}: {field!r} must be a non-empty text (the English {field} shown in labels)"
                    if field != "meaning"
                    else f"{here}: 'meaning' must be a non-empty text"
                )
        for field in ("meaning", "singular", "plural", "sign"):
            trouble = plaintext.problem(entry.get(field))
            if trouble:
                raise DataError(f"{here}: {field} {trouble}")
        if not isinstance(entry.get("word_before", False), bool):
            raise DataError(f"{here}: 'word_before' must be true or false")
        units[unit] = Unit(
            unit,
            entry["meaning"].strip(),
            entry["singular"].strip(),
            entry["plural"].strip(),
            str(entry.get("sign") or ""),
            bool(entry.get("word_before", False)),
        )
    return units


def load_units(paths: ProjectPaths = PROJECT) -> dict[str, Unit]:
    """The units with their English forms, read from the vocabulary alone (for labels and tables);
    read again when the file changes."""
    return _units(paths.vocabulary, paths.vocabulary.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _units(path, _mtime: int) -> dict[str, Unit]:
    raw = load_yaml(path) or {}
    return parse_units(raw.get("units") if isinstance(raw, dict) else None, path)


PLACE_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")  # in page addresses and chart ids
PLACE_TEXTS = ("name_zh", "name_en", "level", "province", "role", "parent", "within")
PLACE_LEVELS = ("country", "province", "prefecture", "city", "district", "county", "township", "village")


def _check_place_entry(place, index: int, path) -> None:
    """One entry of places.yml: a mapping with its fields, texts as plain one-line text, an id
    that can stand in an address, coordinates as numbers."""
    if not isinstance(place, dict):
        raise DataError(f"{path}: place #{index + 1} is not a mapping (write it as {{id: ..., name_zh: ..., ...}})")
    for key in ("id", "name_zh", "name_en", "level", "province", "role"):
        if key not in place:
            raise DataError(f"{path}: place #{index + 1} has no {key!r}")
    if not isinstance(place["id"], str) or not PLACE_ID.fullmatch(place["id"]):
        raise DataError(f"{path}: place #{index + 1}: id {place['id']!r} must be lowercase letters and digits joined by '-'")
    for key in PLACE_TEXTS:
        value = place.get(key)
        if value is not None and not isinstance(value, str):
            raise DataError(f"{path}: place {place['id']!r}: {key} must be a text, not {value!r}")
        trouble = plaintext.problem(value)
        if trouble:
            raise DataError(f"{path}: place {place['id']!r}: {key} {trouble}")
    if place["level"] not in PLACE_LEVELS:
        raise DataError(f"{path}: place {place['id']!r}: level {place['level']!r} is not one of {', '.join(PLACE_LEVELS)}")
    for key, limit in (("lat", 90), ("lon", 180)):
        value = place.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not -limit <= value <= limit):
            raise DataError(f"{path}: place {place['id']!r}: {key} must be a number of degrees within ±{limit}, not {value!r}")


def load_vocabulary(paths: ProjectPaths = PROJECT) -> Vocabulary:
    raw = load_yaml(paths.vocabulary)
    if not isinstance(raw, dict):
        raise DataError(f"{paths.vocabulary}: expected a mapping of sections ({', '.join(SECTIONS)})")
    missing = [s for s in SECTIONS if s not in raw]
    if missing:
        raise DataError(f"{paths.vocabulary}: missing section(s) {', '.join(missing)}")
    units = parse_units(raw["units"], paths.vocabulary)
    places_raw = load_yaml(paths.places_input)
    if not isinstance(places_raw, dict) or not isinstance(places_raw.get("places"), list):
        raise DataError(f"{paths.places_input}: expected a mapping with a 'places' list")
    places: dict[str, dict] = {}
    for index, place in enumerate(places_raw["places"]):
        _check_place_entry(place, index, paths.places_input)
        if place["id"] in places:
            raise DataError(f"{paths.places_input}: duplicate place id {place['id']!r}")
        if place["role"] not in ("east", "west", "region"):
            raise DataError(f"{paths.places_input}: place {place['id']!r} has unknown role {place['role']!r}")
        places[place["id"]] = place
    for place in places.values():
        for key in ("parent", "within"):
            if place.get(key) and place[key] not in places:
                raise DataError(f"{paths.places_input}: place {place['id']!r} has unknown {key} {place[key]!r}")
        if enclosing(places, place["id"]) is None:
            raise DataError(f"{paths.places_input}: place {place['id']!r}: its `within` chain comes back to itself")
        if enclosing(places, place["id"], "parent") is None:
            raise DataError(f"{paths.places_input}: place {place['id']!r}: its `parent` chain comes back to itself")
    wrong = [s for s in SECTIONS if not isinstance(raw[s], dict)]
    if wrong:
        raise DataError(f"{paths.vocabulary}: section {wrong[0]!r} must be a mapping of term: meaning, one per line")
    terms = {s: dict(raw[s]) for s in SECTIONS}
    for section, meanings in terms.items():  # shown on the data page and in tables: plain text only
        if section == "units":
            continue  # checked above, field by field
        for term, meaning in meanings.items():
            trouble = plaintext.problem(term) or plaintext.problem(meaning)
            if trouble:
                raise DataError(f"{paths.vocabulary}: {section} {term!r}: {trouble}")
    terms["units"] = {unit: entry.meaning for unit, entry in units.items()}
    from eastwest.reference.indicators import load_indicators

    return Vocabulary(terms, places, load_indicators(paths, terms), units)
