"""Which pairing a fact's figure belongs to, at the level its sentence names.

A fact's `programme` is the unit its figure is reported for:
- a pairing id (zhangjiagang-yanhe): the pairing's own figure. Towns and villages count for their
  county (places' `parent`); a figure of the pairing's helper for a county within the pairing's
  receiving city (Suzhou for Yanhe, with suzhou-tongren) is the city pairing's own;
- a helper credited beside a pairing, "<helper>><pairing>" (tianjin>xiqing-yutian): a figure the
  sentence gives for another level of the helping side than the pairing's (the city Tianjin for
  Yutian, whose pairing is Xiqing's), or for a helper the pairing does not name. It stays that
  helper's figure ("Tianjin (city) → Yutian"), shown on the pairing's page beside its own;
- a group, its units joined by "+" (xiqing-yutian+xiqing-maiji): one figure the sentence gives
  for several places together (an annotation's list of place ids). Never divided between the
  pairings, never added to one of them: shown as the group's on each member pairing's page;
- "" (background): a figure about a province or the nation, or one naming a helper alone in a
  source about several of its pairings (Zhangjiagang since 1995: no one pairing's, and not the sum
  of these pairings' either), labelled with the helper it names.

`shown_on` lists the pairings whose pages list a fact that is not their own: a group's members,
the pairing a helper is credited beside, and the pairings nested in a city pairing whose receiving
county the city's figure names. Deterministic: candidates in data/pairings.csv order.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import pandas as pd

from eastwest.reader.wording import BACKGROUND, background_label, city_name, group_label, short_name


@dataclass(frozen=True)
class Attribution:
    programme: str
    label: str
    shown_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Unit:
    """One (east, west) pair resolved: its unit id, the pairing it sits with, the helper it credits."""

    unit: str
    pairing: str
    east: str  # the helper the figure is credited to (the fact's own, or the pairing's)
    west: str


class Attributor:
    def __init__(self, places: pd.DataFrame, pairings: pd.DataFrame, source_pairings: dict[str, list[str]]):
        by_id = places.set_index("id")
        self.parent = {k: v for k, v in by_id["parent"].items() if v}
        self.within = {k: v for k, v in by_id["within"].items() if v} if "within" in by_id else {}
        self.name = {k: short_name(v) for k, v in by_id["name_en"].items()}
        self.order = {pid: i for i, pid in enumerate(pairings.pairing_id)}
        self.east_of = dict(zip(pairings.pairing_id, pairings.east))
        self.west_of = dict(zip(pairings.pairing_id, pairings.west))
        self.label_of = {
            pid: f"{self.name[e]} → {self.name[w]}" for pid, e, w in zip(pairings.pairing_id, pairings.east, pairings.west)
        }
        self.by_ends = {(e, w): pid for pid, e, w in zip(pairings.pairing_id, pairings.east, pairings.west)}
        self.source_pairings = source_pairings

    # --- places -----------------------------------------------------------------------------------

    def county(self, place: str) -> str:
        return self.parent.get(place) or place

    def enclosing(self, place: str) -> list[str]:
        """The places `place` lies within, nearest first (validated free of cycles by the vocabulary)."""
        out, here = [], self.within.get(place)
        while here and here not in out:
            out.append(here)
            here = self.within.get(here)
        return out

    def inside(self, place: str, area: str) -> bool:
        """place is area, or lies within it."""
        return place == area or area in self.enclosing(place)

    def nested(self, pairing: str, outer: str) -> bool:
        """pairing lies within outer (Zhangjiagang → Yanhe within Suzhou → Tongren)."""
        return (
            pairing != outer
            and self.inside(self.east_of[pairing], self.east_of[outer])
            and self.inside(self.west_of[pairing], self.west_of[outer])
        )

    def city_mark(self, east: str, pairing: str) -> str:
        """'Suzhou (city)' for a helper the pairing's helper lies within, else its plain name."""
        name = self.name.get(east, east)
        return city_name(name) if east != self.east_of[pairing] and self.inside(self.east_of[pairing], east) else name

    # --- one (east, west) pair --------------------------------------------------------------------

    def _resolve(self, source_id: str, east: str, west: str) -> _Unit | None:
        east, west = self.county(east), self.county(west)
        if (east, west) in self.by_ends:
            pid = self.by_ends[(east, west)]
            return _Unit(pid, pid, east, west)
        in_source = self.source_pairings.get(source_id, [])
        if east and west:
            return self._credit(in_source, east, west)
        # one side only: the source's one pairing with that side, or nothing
        found = [
            p for p in in_source if (west and self.west_of.get(p) == west) or (east and not west and self.east_of.get(p) == east)
        ]
        return _Unit(found[0], found[0], self.east_of[found[0]], self.west_of[found[0]]) if len(found) == 1 else None

    def _credit(self, in_source: list[str], east: str, west: str) -> _Unit | None:
        """A helper and a receiver that are no pairing: the pairing whose receiver is (or holds) the
        fact's, ranked: same helper (its own figure), a helper at another level (within), a helper
        the source's pairing does not name. Ties at the best rank that no exact receiver breaks are
        not guessed."""
        ranked: dict[int, list[str]] = {}
        for pid in self.order:
            if not self.inside(west, self.west_of[pid]):
                continue
            helper = self.east_of[pid]
            if helper == east:
                rank = 0
            elif self.inside(helper, east) or self.inside(east, helper):
                rank = 1
            elif pid in in_source:
                rank = 2
            else:
                continue
            ranked.setdefault(rank, []).append(pid)
        if not ranked:
            return None
        best = ranked[min(ranked)]
        exact = [p for p in best if self.west_of[p] == west]
        if len(best) > 1:
            best = exact
        if len(best) != 1:
            return None
        pid = best[0]
        if min(ranked) == 0:
            return _Unit(pid, pid, east, west)
        return _Unit(f"{east}>{pid}", pid, east, west)

    # --- a fact -----------------------------------------------------------------------------------

    def attribute(self, source_id: str, east_text: str, west_text: str) -> Attribution:
        easts, wests = east_text.split(";") if east_text else [""], west_text.split(";") if west_text else [""]
        resolved = [self._resolve(source_id, e, w) for e, w in product(easts, wests)]
        units = [u for u in resolved if u is not None]
        if len(easts) == 1 and len(wests) == 1:
            if not units:
                return Attribution("", background_label(self.name.get(easts[0], "")) if easts[0] and not wests[0] else BACKGROUND)
            return self._single(units[0])
        if len(units) < len(resolved):  # a member with no pairing: the group cannot be placed
            return Attribution("", background_label(group_label(self._names(easts), self._names(wests))))
        distinct = sorted({u.unit: u for u in units}.values(), key=lambda u: (self.order[u.pairing], u.unit))
        if len(distinct) == 1:  # towns of one county together: the county pairing's figure
            return self._single(distinct[0])
        members = tuple(dict.fromkeys(u.pairing for u in distinct))
        if len(members) == 1 and any(u.unit == members[0] for u in distinct):
            # a province and its city together (福建省、福州市两级) for the city's one pairing: that
            # pairing's figure, its label naming both helpers
            pairing = members[0]
            return Attribution(
                pairing, group_label(self._names(easts), self._names(wests)) if easts != [""] else self.label_of[pairing]
            )
        east_names = self._names(easts) if easts != [""] else self._names([self.east_of[p] for p in members])
        west_names = self._names(wests) if wests != [""] else self._names([self.west_of[p] for p in members])
        if easts != [""] and len(easts) == 1:
            east_names = [self.city_mark(self.county(easts[0]), members[0])]
        return Attribution("+".join(u.unit for u in distinct), group_label(east_names, west_names), members)

    def _single(self, unit: _Unit) -> Attribution:
        if unit.unit == unit.pairing:
            nested = tuple(
                p
                for p in self.order
                if self.nested(p, unit.pairing)
                and unit.west != self.west_of[unit.pairing]
                and self.inside(unit.west, self.west_of[p])
            )
            return Attribution(unit.pairing, self.label_of[unit.pairing], nested)
        label = f"{self.city_mark(unit.east, unit.pairing)} → {self.name.get(unit.west, unit.west)}"
        return Attribution(unit.unit, label, (unit.pairing,))

    def _names(self, ids: list[str]) -> list[str]:
        return list(dict.fromkeys(self.name.get(self.county(i), i) for i in ids if i))


def attribute(
    facts: pd.DataFrame, places: pd.DataFrame, pairings: pd.DataFrame, source_pairings: dict[str, list[str]]
) -> list[Attribution]:
    """Each fact's programme, label and the pages that show it beside their own (module docstring)."""
    attributor = Attributor(places, pairings, source_pairings)
    return [attributor.attribute(s, e, w) for s, e, w in zip(facts.source_id, facts.east, facts.west)]


def unit_kind(programme: str) -> str:
    """'pairing', 'group' (several pairings' one figure), 'credited' (a helper beside a pairing) or
    'background', from a fact's programme (pairing ids are lower-case letters, digits and '-')."""
    if not programme:
        return "background"
    return "group" if "+" in programme else "credited" if ">" in programme else "pairing"


def nested_pairings(places: pd.DataFrame, pairings: pd.DataFrame) -> dict[str, list[str]]:
    """Each pairing's pairings nested in it (Suzhou → Tongren: Zhangjiagang → Yanhe, Kunshan →
    Bijiang), by places' `within`; data/pairings.csv order."""
    attributor = Attributor(places, pairings, {})
    return {outer: [p for p in attributor.order if attributor.nested(p, outer)] for outer in attributor.order}
