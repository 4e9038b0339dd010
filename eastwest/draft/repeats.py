"""A figure repeated by a headline, summary line or closing paragraph is one fact, not several.

Two proposals repeat one figure when they have the same number, unit, indicator and places and the
same words just before the number. The one in the longest paragraph (the body, not a headline or a
【内容提要】 line) stays a fact; each other becomes an exclusion (part_of_fact) with a check note.
"""

from __future__ import annotations

from eastwest.draft.quotes import exclusion_context
from eastwest.draft.rules import Rules
from eastwest.draft.spots import Spot

CHECK = "check"
_SAME_WORDS_BEFORE = 3  # characters before the number that must match


def _key(spot: Spot, fact: dict) -> tuple:
    before = spot.text[max(spot.para_start, spot.start - _SAME_WORDS_BEFORE) : spot.start]
    places = tuple(str(fact.get(side)) for side in ("east", "west"))
    return (fact["number"], fact["unit"], fact["indicator"], places, before)


def drop_repeats(proposed: list[tuple[Spot, dict]], rules: Rules) -> tuple[list[dict], list[dict]]:
    """The facts with each repeated figure kept once, and the exclusions for the repeats."""
    groups: dict[tuple, list[int]] = {}
    for i, (spot, fact) in enumerate(proposed):
        if len(fact["number"]) >= 3:
            groups.setdefault(_key(spot, fact), []).append(i)
    repeats: dict[int, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        body = max(members, key=lambda i: (proposed[i][0].para_end - proposed[i][0].para_start, -i))
        for i in members:
            if i != body:
                repeats[i] = proposed[body][1]["id"]
    facts, exclusions = [], []
    for i, (spot, fact) in enumerate(proposed):
        if i not in repeats:
            facts.append(fact)
            continue
        context = exclusion_context(spot.text, spot.start, spot.end, rules) or spot.sentence
        exclusions.append(
            {
                "mention": spot.mention,
                "context": context,
                "reason": "part_of_fact",
                CHECK: f"repeats the figure of {repeats[i]} (a headline, summary or closing line); confirm",
            }
        )
    return facts, exclusions
