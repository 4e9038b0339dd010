"""The helping (east) and receiving (west) side of a proposed fact: the places its sentence credits.

A place counts for the fact when the sentence attributes the number to it: the subject of the
clause holding the number or its 为/向/在 phrase, at the level the sentence names (a city's funds
stay the city's, a district's projects the district's). A place followed by 等 is an example of
what is counted, not its owner. Several places of one role listed together mean the fact covers
them together. A side the sentence does not name comes from the source's pairings, or else from
the place last named before the sentence. Rules (cue words) live in draft_rules.yml `places`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from eastwest.annotate.mentions import MENTION
from eastwest.draft.rules import Rules
from eastwest.draft.source_context import SourceContext
from eastwest.draft.spots import Spot

ROLES = ("east", "west")
Side = str | list[str] | None


@dataclass(frozen=True)
class Named:
    """One place name in the text."""

    start: int
    end: int
    place_id: str
    role: str  # east, west or region


@lru_cache(maxsize=8)
def named_places(text: str, rules: Rules) -> tuple[Named, ...]:
    """Every place name in the text, longest names first (a short form inside a long one is not
    counted); a place named right before a place of its own side (江苏省张家港市, 昆山市周市镇) only
    says where that one lies and is left out."""
    taken = [False] * len(text)
    found = []
    for name, place_id in rules.place_names:
        for m in re.finditer(re.escape(name), text):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            found.append(Named(m.start(), m.end(), place_id, str(rules.vocab.places[place_id]["role"])))
    found.sort(key=lambda n: n.start)
    kept = []
    for i, named in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt and nxt.role == named.role and nxt.place_id != named.place_id and _locates(text[named.end : nxt.start]):
            continue
        kept.append(named)
    return tuple(kept)


def _locates(gap: str) -> bool:
    """The words between two places of one side say the first only locates the second (江苏省张家港市,
    贵州省级沿河经济开发区)."""
    return gap in ("", "级", "的")


def _family(place_id: str, ctx: SourceContext) -> set[str]:
    """The place and the places it lies in (`parent`, and `within` where places.yml gives it)."""
    out: set[str] = set()
    todo = [place_id]
    while todo:
        current = todo.pop()
        if current in out or current not in ctx.vocab.places:
            continue
        out.add(current)
        place = ctx.vocab.places[current]
        todo += [str(place[key]) for key in ("parent", "within") if place.get(key)]
    return out


def _related(place_id: str, ctx: SourceContext) -> bool:
    """The place is a side of one of the source's pairings, lies in one, or holds one (a city and
    its district); with no pairings every place may be a side."""
    if not ctx.pairings:
        return True
    sides = {pr[role] for pr in ctx.pairings for role in ROLES}
    return bool(_family(place_id, ctx) & sides) or any(place_id in _family(side, ctx) for side in sides)


def _example(text: str, named: Named, rules: Rules) -> bool:
    """X等N个: the place is one of the things counted, not who counts them; 距X: a point of reference."""
    return bool(
        rules.place_example_after.match(text, named.end)
        or rules.place_reference_before.search(text, max(0, named.start - 4), named.start)
    )


def _in_list(text: str, named: Named, others: list[Named]) -> bool:
    """The place is listed with another of its side (、 和 及 与 between them)."""
    for other in others:
        if other is named or other.role != named.role or other.place_id == named.place_id:
            continue
        a, b = sorted((named, other), key=lambda n: n.start)
        gap = text[a.end : b.start]
        # places each followed by its own number (毕节产品1.41亿元、黔南产品9600万元) are not a list
        if len(gap) <= 12 and re.search(r"[、和及与·/]", gap) and not re.search(r"[，,；;。]", gap) and not MENTION.search(gap):
            return True
    return False


def _too_wide(named: Named, ctx: SourceContext) -> bool:
    """A province outside the source's pairings only says where people went or came from (到浙江就业)."""
    return bool(ctx.pairings) and ctx.vocab.places[named.place_id].get("level") in ("province", "country")


def _pick(spot: Spot, role: str, mentions: list[Named], ctx: SourceContext, rules: Rules) -> tuple[Side, str]:
    """The place of `role` the sentence credits, and the window it was found in ('' if none)."""
    text = spot.text
    windows = [("clause", spot.clause_bounds), ("part", spot.part_bounds), ("sentence", spot.sentence_bounds)]
    for where, (a, b) in windows:
        inside = [n for n in mentions if a <= n.start and n.end <= b and n.role == role and not _example(text, n, rules)]
        # places of the source's pairings first: another place is only where something lies
        inside = [n for n in inside if _related(n.place_id, ctx)] or [n for n in inside if not _too_wide(n, ctx)]
        if not inside:
            continue
        listed = [n for n in inside if _in_list(text, n, inside)]
        if listed and where in ("clause", "part"):
            # several places together: the source's partners among them, else none of them; with
            # 分别 (respectively) the n-th number after it belongs to the n-th place
            partners = {pr[role] for pr in ctx.pairings}
            ids = list(dict.fromkeys(n.place_id for n in listed if n.place_id in partners))
            adjacent = all(re.fullmatch("[、和及与]", text[a.end : b.start]) for a, b in pairwise(listed))
            if len(ids) < 2 and adjacent:  # a city and its district together (北京市、怀柔区到位资金): both credited
                ids = list(dict.fromkeys(n.place_id for n in listed if _related(n.place_id, ctx)))
            respectively = rules.place_respectively.search(text, listed[-1].end, spot.start)
            if respectively and len(ids) >= 2:
                nth = len(MENTION.findall(text, respectively.end(), spot.start))
                return (ids[nth] if nth < len(ids) else None), where
            if where == "clause" or listed[-1].end <= spot.start:
                return (ids if len(ids) >= 2 else None), where
        before = [n for n in inside if n.end <= spot.start]
        if not before and where == "sentence":
            continue  # a place in a later part of the sentence is that part's (…；投向黔东南州5.34亿元)
        # the subject of the clause or its 为/向/在 phrase comes first; a place after the number
        # (到张家港就业) only when none precedes it
        chosen = before[0] if before else inside[0]
        if len(before) > 1 and MENTION.search(text, before[0].end, spot.start):
            chosen = before[-1]  # a number of its own after the first place: the nearest place is this one's
        return chosen.place_id, where
    return None, ""


def _last_named_before(spot: Spot, role: str, mentions: list[Named], ctx: SourceContext, rules: Rules) -> tuple[str | None, bool]:
    """The place of `role` named last before the sentence, preferring the source's pairings' places;
    and whether it was named in the same paragraph (the local topic, kept at its level)."""
    a = spot.sentence_bounds[0]
    earlier = [
        n for n in mentions if n.end <= a and n.role == role and not _example(spot.text, n, rules) and _related(n.place_id, ctx)
    ]
    paired = [n for n in earlier if ctx.pairing_for(*((n.place_id, None) if role == "east" else (None, n.place_id)))]
    chosen = (paired or earlier)[-1] if earlier else None
    if chosen is None:
        return None, False
    return chosen.place_id, chosen.start >= spot.para_start


def _partners(east: Side, ctx: SourceContext) -> list[str]:
    """The receiving partners of a helper in the source's pairings (of its only helper if none is named)."""
    easts = {pr["east"] for pr in ctx.pairings}
    helper = east if isinstance(east, str) else (next(iter(easts)) if len(easts) == 1 and east is None else None)
    return list(dict.fromkeys(pr["west"] for pr in ctx.pairings if pr["east"] == helper))


def _partner_group_named(text: str, start: int, end: int, partners: list[str], rules: Rules) -> re.Match | None:
    """The last mention of the partners together (四地, 两州, 对口帮扶的四个县区) in text[start:end]."""
    last = None
    for m in rules.several_partners.finditer(text, start, end):
        count = _count(m.group("n"))
        if count == len(partners):
            last = m
    return last


def _count(numeral: str) -> int:
    return int(numeral) if numeral.isdigit() else "一两三四五六七八九十".find(numeral) + 1 if len(numeral) == 1 else 0


def _receiving_partners(spot: Spot, east: Side, mentions: list[Named], ctx: SourceContext, rules: Rules) -> Side:
    """The receiving side of a fact whose sentence names none, when the helper has several partners:
    the partner the paragraph last named, or the partners together (a helper's totals)."""
    partners = _partners(east, ctx)
    if len(partners) < 2:
        return None
    if _partner_group_named(spot.text, spot.sentence_bounds[0], spot.sentence_bounds[1], partners, rules):
        return partners
    group = _partner_group_named(spot.text, spot.para_start, spot.end, partners, rules)
    named = [
        n
        for n in mentions
        if spot.para_start <= n.start
        and n.end <= spot.start
        and n.role == "west"
        and not _example(spot.text, n, rules)
        and _related(n.place_id, ctx)
    ]
    if named and (group is None or named[-1].start > group.end()) and not _in_list(spot.text, named[-1], named):
        return named[-1].place_id
    return partners


def choose_places(spot: Spot, theme: str, ctx: SourceContext, rules: Rules, checks: list[str]) -> tuple[Side, Side]:
    """East and west for one fact: place ids, lists of ids for several together, or None."""
    mentions = sorted([*named_places(spot.text, rules), *_self_references(spot.text, ctx, rules)], key=lambda n: n.start)
    picked = {role: _pick(spot, role, mentions, ctx, rules) for role in ROLES}
    partners = _partners(picked["east"][0], ctx)
    a, b = spot.clause_bounds
    if len(partners) >= 2 and picked["west"][1] != "clause" and _partner_group_named(spot.text, a, b, partners, rules):
        picked["west"] = (partners, "clause")  # 到两州挂职, 两州120余家企业: the partners together
    east, west = picked["east"][0], picked["west"][0]
    if theme in rules.place_own_state_themes:
        # a fact about the place itself (its population, its poor counties): the owner named right
        # before the number, a region (全国) included; no helping side unless the clause names one
        west = (
            _owner(spot, mentions, rules)
            or west
            or (None if picked["west"][1] else _receiving_partners(spot, east, mentions, ctx, rules))
            or _last_named_before(spot, "west", mentions, ctx, rules)[0]
        )
        return (east if picked["east"][1] == "clause" else None), west
    # an outcome is the helping side's only when the sentence names it or says it helped
    east_allowed = not (
        theme in rules.place_helped_themes and not picked["east"][1] and not rules.place_helped_cue.search(spot.sentence)
    )
    if west is None and not picked["west"][1]:  # named none, not a list of other places either
        west = _receiving_partners(spot, east, mentions, ctx, rules)
    east, west = _complete(east, west, ctx)
    if east is None or west is None:
        found = {role: _last_named_before(spot, role, mentions, ctx, rules) for role in ROLES}
        prior_east = east or found["east"][0]
        prior_west = west or found["west"][0]
        if prior_east or prior_west:
            pairing = _pairing(prior_east, prior_west, ctx)
            if pairing and not all(found[r][1] for r in ROLES if found[r][0]):
                # named in an earlier paragraph: the pairing's own level, not a town or city named in passing
                prior_east, prior_west = east or pairing["east"], west or pairing["west"]
            east, west = _complete(prior_east, prior_west, ctx)
            checks.append("a side not named in the sentence: taken from the place named before it; confirm")
        else:
            checks.append("no place named in the sentence and the source covers several pairings; set east and west")
    return (east if east_allowed else None), west


def _pairing(east: Side, west: Side, ctx: SourceContext) -> dict | None:
    if isinstance(east, list) or isinstance(west, list):
        return None
    return ctx.pairing_for(east, west)


def _complete(east: Side, west: Side, ctx: SourceContext) -> tuple[Side, Side]:
    """Fill a side the sentence does not name from the one pairing that fits the side it names, or
    else from the one pairing of a place inside it (北京市's funds where the source pairs its 怀柔区)."""
    pairing = _pairing(east, west, ctx)
    if pairing:
        return east or pairing["east"], west or pairing["west"]
    for role, other in (("east", "west"), ("west", "east")):
        named, missing = (east, west) if role == "east" else (west, east)
        if isinstance(named, str) and missing is None:
            inside = {pr[other] for pr in ctx.pairings if named in _family(pr[role], ctx)}
            if len(inside) == 1:
                filled = inside.pop()
                return (named, filled) if role == "east" else (filled, named)
    return east, west


def _self_references(text: str, ctx: SourceContext, rules: Rules) -> list[Named]:
    """我县, 本市, 我州: the one place of the source's pairings whose name ends so (a county's own
    report says 我县 for itself)."""
    out = []
    sides = {(pr[role], role) for pr in ctx.pairings for role in ROLES}
    for m in rules.place_self_reference.finditer(text):
        fits = [(pid, role) for pid, role in sides if str(ctx.vocab.places[pid]["name_zh"]).endswith(m.group("kind"))]
        if len(fits) == 1:
            out.append(Named(m.start(), m.end(), fits[0][0], fits[0][1]))
    return out


def _owner(spot: Spot, mentions: list[Named], rules: Rules) -> str | None:
    """The place a background figure belongs to: the last place named in the clause before the
    number, not one given as an example (X等N县); a region (全国, a province) counts too."""
    a = spot.clause_bounds[0]
    before = [n for n in mentions if a <= n.start and n.end <= spot.start and not _example(spot.text, n, rules)]
    if not before:
        return None
    subject = before[0] if before[0].role != "east" else None
    nearest = before[-1]
    if nearest.role == "region" and spot.start - nearest.end <= 2:
        return nearest.place_id
    return (subject or nearest).place_id if (subject or nearest).role != "east" else None
