"""Controlled vocabularies (data/reference/vocabulary.yml) and the place register."""
from __future__ import annotations

from dataclasses import dataclass

from . import plaintext
from .errors import DataError
from .indicators import Indicator, load_indicators
from .paths import PROJECT, ProjectPaths
from .yamlio import load_yaml

SECTIONS = ("themes", "units", "qualifiers", "statuses", "scopes", "flags", "exclusion_reasons")


@dataclass(frozen=True)
class Vocabulary:
    terms: dict[str, dict[str, str]]
    places: dict[str, dict]
    indicators: dict[str, Indicator]

    def check(self, section: str, value, where: str) -> None:
        if value not in self.terms[section]:
            allowed = ", ".join(sorted(self.terms[section]))
            raise DataError(f"{where}: unknown {section[:-1] if section.endswith('s') else section} {value!r} (allowed: {allowed})")

    def check_place(self, value, where: str) -> None:
        if value is not None and value not in self.places:
            raise DataError(f"{where}: unknown place id {value!r}; add it to data/reference/places.yml")


def load_vocabulary(paths: ProjectPaths = PROJECT) -> Vocabulary:
    raw = load_yaml(paths.vocabulary)
    missing = [s for s in SECTIONS if s not in (raw or {})]
    if missing:
        raise DataError(f"{paths.vocabulary}: missing section(s) {', '.join(missing)}")
    places_raw = load_yaml(paths.places_input)
    places: dict[str, dict] = {}
    for index, place in enumerate(places_raw.get("places", [])):
        for key in ("id", "name_zh", "name_en", "level", "province", "role"):
            if key not in place:
                raise DataError(f"{paths.places_input}: place #{index + 1} has no {key!r}")
        for key in ("name_zh", "name_en", "province", "level"):
            trouble = plaintext.problem(place.get(key))
            if trouble:
                raise DataError(f"{paths.places_input}: place {place['id']!r}: {key} {trouble}")
        if place["id"] in places:
            raise DataError(f"{paths.places_input}: duplicate place id {place['id']!r}")
        if place["role"] not in ("east", "west", "region"):
            raise DataError(f"{paths.places_input}: place {place['id']!r} has unknown role {place['role']!r}")
        places[place["id"]] = place
    for place in places.values():
        if place.get("parent") and place["parent"] not in places:
            raise DataError(f"{paths.places_input}: place {place['id']!r} has unknown parent {place['parent']!r}")
    terms = {s: dict(raw[s]) for s in SECTIONS}
    return Vocabulary(terms, places, load_indicators(paths, terms))
