"""The programme's own words and place names in Chinese (the glossary's terms, the places' names and
their short forms), which drafting reads as cues and the search index keeps whole."""

from __future__ import annotations

import re
from pathlib import Path

from eastwest.core.yamlio import load_yaml

GLOSSARY_TERM = re.compile(r"^([\u4e00-\u9fff]{2,})\s*$", re.M)


def place_names(name_zh: str) -> list[str]:
    """A place's Chinese name and its short form: 沿河土家族自治县 -> [沿河土家族自治县, 沿河]."""
    name = str(name_zh or "")
    short = re.sub(r"(土家族自治县|自治县|市|县|区|省|镇|乡|村)$", "", name)
    return [n for n in dict.fromkeys([name] + ([] if short.endswith("自治") else [short])) if len(n) >= 2]


def programme_terms(srcdir: Path) -> list[str]:
    glossary = srcdir / "glossary.md"
    terms = GLOSSARY_TERM.findall(glossary.read_text(encoding="utf-8")) if glossary.exists() else []
    places = load_yaml(srcdir / "data" / "reference" / "places.yml") or {}
    entries = places.get("places", places) if isinstance(places, dict) else places
    for place in entries if isinstance(entries, list) else []:
        terms += place_names(place.get("name_zh"))
    return sorted({t for t in terms if len(t) >= 2})
