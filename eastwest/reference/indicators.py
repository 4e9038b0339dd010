"""The controlled indicator vocabulary (data/reference/indicators.yml), checked against a schema.

Every fact names one indicator; the indicator fixes the fact's unit and theme, so facts with the
same indicator, status and scope can be compared across pairings and sources.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from eastwest.core import plaintext
from eastwest.core.errors import DataError
from eastwest.core.paths import ProjectPaths
from eastwest.core.yamlio import load_yaml

ANY_UNIT = "any"  # only the other_<theme> indicators accept facts of any unit
OTHER_PREFIX = "other_"
DIRECTIONS = ("east_to_west", "west_to_east", "both", "none")


class Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label_en: str
    label_zh: str
    definition: str
    unit: str
    theme: str
    area: str
    direction: Literal[DIRECTIONS]  # type: ignore[valid-type]
    comparability: str

    @field_validator("id")
    @classmethod
    def _snake_case(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", value):
            raise ValueError("must be snake_case")
        return value

    @property
    def is_other(self) -> bool:
        return self.id.startswith(OTHER_PREFIX)


def load_indicators(paths: ProjectPaths, terms: dict[str, dict[str, str]]) -> dict[str, Indicator]:
    """Indicators by id; `terms` are the other vocabularies (themes and units must exist there)."""
    path = paths.indicators
    raw = load_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("indicators"), list):
        raise DataError(f"{path}: expected a mapping with an 'indicators' list")
    for section in ("areas", "comparability", "directions"):
        if not isinstance(raw.get(section), dict):
            raise DataError(f"{path}: missing section {section!r}")
        for key, text in raw[section].items():
            trouble = plaintext.problem(key) or plaintext.problem(text)
            if trouble:
                raise DataError(f"{path}: {section} {key!r}: {trouble}")
    indicators: dict[str, Indicator] = {}
    for index, entry in enumerate(raw["indicators"]):
        where = f"{path}: indicator #{index + 1}" + (f" ({entry.get('id')!r})" if isinstance(entry, dict) else "")
        try:
            indicator = Indicator.model_validate(entry)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg']}" for e in exc.errors())
            raise DataError(f"{where}: {problems}") from exc
        if indicator.id in indicators:
            raise DataError(f"{where}: duplicate indicator id")
        for field in ("label_en", "label_zh", "definition"):  # shown on pages and in charts: plain text only
            trouble = plaintext.problem(getattr(indicator, field))
            if trouble:
                raise DataError(f"{where}: {field} {trouble}")
        checks = [
            ("theme", indicator.theme, terms["themes"]),
            ("area", indicator.area, raw["areas"]),
            ("comparability", indicator.comparability, raw["comparability"]),
        ]
        if not indicator.is_other or indicator.unit != ANY_UNIT:
            checks.append(("unit", indicator.unit, terms["units"]))
        for field, value, allowed in checks:
            if value not in allowed:
                raise DataError(f"{where}: unknown {field} {value!r} (allowed: {', '.join(sorted(allowed))})")
        if indicator.is_other and indicator.id != f"{OTHER_PREFIX}{indicator.theme}":
            raise DataError(f"{where}: an other_* indicator must be named other_<its theme> ({OTHER_PREFIX}{indicator.theme})")
        indicators[indicator.id] = indicator
    missing_other = [t for t in terms["themes"] if f"{OTHER_PREFIX}{t}" not in indicators]
    if missing_other:
        raise DataError(
            f"{path}: every theme needs its other_<theme> indicator; missing: "
            + ", ".join(f"{OTHER_PREFIX}{t}" for t in missing_other)
        )
    return indicators


def check_fact(indicators: dict[str, Indicator], fact: dict, where: str) -> None:
    """A fact's indicator must exist and agree with the fact's unit and theme."""
    indicator = indicators.get(fact["indicator"])
    if indicator is None:
        raise DataError(
            f"{where}: unknown indicator {fact['indicator']!r}; use one of data/reference/indicators.yml "
            f"(or other_{fact['theme']}), or add it there with its definition"
        )
    if indicator.theme != fact["theme"]:
        raise DataError(f"{where}: indicator {indicator.id!r} belongs to theme {indicator.theme!r}, not {fact['theme']!r}")
    if indicator.unit != ANY_UNIT and indicator.unit != fact["unit"]:
        raise DataError(f"{where}: indicator {indicator.id!r} is counted in {indicator.unit!r}, not {fact['unit']!r}")
