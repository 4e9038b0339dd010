"""The fields of one proposed fact: unit, status, time, scope and period, indicator and places.

Each `choose_*` reads the number's words by the rules and adds a `check:` note where it guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eastwest.annotate.numerals import ParsedNumber
from eastwest.draft.rules import Rules, Words
from eastwest.draft.source_context import SourceContext
from eastwest.draft.spots import PART_END, Spot
from eastwest.draft.time_expressions import TimeExpr, time_expressions
from eastwest.reference.vocabulary import Vocabulary

_NP_STOP = re.compile(r"[与和及、，,。；;：:！？!?为在到于将已均分别共之\d]")


@dataclass
class Proposal:
    spot: Spot
    number: str
    parsed: ParsedNumber
    number_start: int
    fact: dict = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)


def _counted_noun(spot: Spot, number_end: int) -> str:
    after = spot.text[number_end : spot.para_end]
    stop = _NP_STOP.search(after)
    return after[: stop.start() if stop else min(len(after), 12)][:12]


def choose_unit(p: Proposal, rules: Rules) -> str | None:
    allowed = p.parsed.allowed_units
    if allowed and len(allowed) == 1:
        return next(iter(allowed))
    counter = p.parsed.counter.strip()
    noun_after = _counted_noun(p.spot, p.number_start + len(p.number))
    tiers = [(3, noun_after), (2, p.spot.clause_before), (1, p.spot.before)]
    best, fallback = None, None
    for rule in rules.units:
        if not rule["counter"].search(counter):
            continue
        if "noun" not in rule:
            fallback = fallback or rule["unit"]
            continue
        for tier, text in tiers:
            matches = list(rule["noun"].finditer(text))
            if matches:
                key = (tier, matches[-1].end())
                if best is None or key > best[0]:
                    best = (key, rule["unit"])
                break
    if best:
        if best[0][0] < 3:
            p.checks.append(f"unit {best[1]} read from words before the number; is that what it counts?")
        return best[1]
    if fallback:
        if fallback == "item":
            p.checks.append("unit guessed as item (the counter names no kind of thing)")
        return fallback
    p.checks.append(f"no unit rule for the counter {counter or '(none)'!r}; choose the unit")
    return None


def choose_status(p: Proposal, rules: Rules, words: Words, ctx: SourceContext) -> str:
    s = rules.status
    before = p.spot.before
    quota = s["quota"]
    per_year = words.cues(before, quota["per_year"])
    if per_year and rules.quota_verbs.search(before[per_year[-1][0] :] + p.spot.after[:12]):
        return "quota"
    if p.fact.get("unit") == "percent" and rules.share_rule_after.search(
        p.spot.text[p.number_start + len(p.number) : p.spot.para_end]
    ):
        return "quota"
    found = []
    for status in ("achieved", "planned", "expected", "target"):
        for end, cue in words.cues(before, s[status]):
            found.append((end, status, cue))
    found.sort()
    # 将 right after another cue (预计将, 计划将) only repeats it
    found = [c for i, c in enumerate(found) if not (c[2] == "将" and i and found[i - 1][0] == c[0] - 1)]
    if not found:
        return "achieved"
    end, status, cue = found[-1]
    if cue == "将" and _dated_before_article(before[: end - 1], ctx, rules):
        # 将 after a past date is 把 (一场火灾将房屋烧毁), not the future tense
        p.checks.append("将 after a past date read as 把 (achieved); is it a plan?")
        return "achieved"
    if status != "achieved":
        clause_start = len(before) - len(p.spot.clause_before)
        if end <= clause_start:
            p.checks.append(f"status {status} from {cue!r} in an earlier clause; does it govern this number?")
        if cue == "将":
            p.checks.append("status planned from 将; is it a plan or a description?")
    return status


def _dated_before_article(text: str, ctx: SourceContext, rules: Rules) -> bool:
    """A day, month or year named in text ends before the article's month."""
    for expr in time_expressions(text, ctx.article_ym, rules):
        if expr.kind in ("day", "month", "year", "relative_year") and expr.period:
            end = expr.period.split("/")[-1]
            if end[:7] < ctx.article[:7] and not (len(end) == 4 and end == ctx.article[:4]):
                return True
    return False


PARAGRAPH_KINDS = ("year", "relative_year", "range", "day", "month", "months", "half")
SPAN_KINDS = ("range", "half", "months")  # a stated span of years or months: a period total


def choose_time(p: Proposal, ctx: SourceContext, rules: Rules) -> tuple[TimeExpr | None, str, str]:
    """The time expression that governs the number; whether it opens (since) or closes (until) a
    span; and where it was found (sentence or paragraph)."""
    spot = p.spot
    before = spot.before
    # 目前 (now) governs only its own part of the sentence (up to ；), so 目前 in one list item
    # does not date the next; a year or a date governs the rest of the sentence
    part_start = max((i + 1 for i, ch in enumerate(before) if ch in PART_END), default=0)
    exprs = [e for e in time_expressions(before, ctx.article_ym, rules) if e.kind != "now" or e.start >= part_start]
    where = "sentence"
    if not exprs:  # the paragraph before the sentence: a year that opens a run of sentences
        para_before = spot.text[spot.para_start : spot.sentence_bounds[0]]
        exprs = [e for e in time_expressions(para_before, ctx.article_ym, rules) if e.kind in PARAGRAPH_KINDS]
        before = para_before
        where = "paragraph"
    if not exprs:
        return None, "", ""
    expr = exprs[-1]
    role = ""
    if rules.until.search(before[: expr.start]):
        role = "until"
    elif expr.kind == "years_since" or rules.since.match(before[expr.end :] + spot.text[spot.start : spot.para_end]):
        role = "since"
    if where == "paragraph":
        p.checks.append("period from a time cue in an earlier sentence of the paragraph")
    return expr, role, where


def choose_scope_and_period(p: Proposal, ctx: SourceContext, rules: Rules, words: Words, indicator: str) -> tuple[str, str, bool]:
    """Scope, period and whether the period was inferred from the article's date."""
    sc = rules.scope
    before = p.spot.before
    status = p.fact["status"]
    expr, role, where = choose_time(p, ctx, rules)
    article, start = ctx.article, ctx.start_for(p.fact.get("east"), p.fact.get("west"))
    running = f"{start}/{article}" if start else f"/{article}"
    stated = expr.period if expr and expr.kind not in ("years_since", "now") else ""
    kind = expr.kind if expr else ""  # a stated period has an expression: its kind
    inferred = expr.inferred if expr else True
    if status == "quota" or words.cues(before, sc["recurring"]):
        return "recurring", (stated if role != "until" and stated else article) or "unknown", not stated or inferred
    if status != "achieved":
        if stated and kind in SPAN_KINDS:
            return "period_total", stated, inferred
        if stated and kind in ("year", "relative_year") and role != "since":
            return "annual", stated, inferred
        p.checks.append(
            f"scope {sc['not_achieved']} for a {status} figure; is it one plan, a yearly rate or a total over a span?"
        )
        return sc["not_achieved"], (stated or article) + ("" if stated else "/"), not stated or inferred
    if p.fact.get("unit") in sc["stock_units"]:
        return "stock", (stated.split("/")[-1] if stated else article) or "unknown", not stated or inferred
    if expr is not None and role == "since" and stated and where == "sentence":
        begin = stated.split("/")[0]
        if begin[:4] == article[:4] and expr.kind in ("year", "relative_year"):
            return "period_total", f"{begin[:4]}-01/{article}", True  # 今年以来: the year so far
        return "cumulative", f"{begin}/{article}", True
    if indicator in sc["stock_indicators"] or p.fact.get("unit") in sc["stock_units"]:
        end = stated.split("/")[-1] if stated else article
        return "stock", end or "unknown", not stated or inferred
    if indicator in sc["event_indicators"]:
        if not stated or kind not in ("day", "month"):
            p.checks.append("scope event: which event, and when?")
        return "event", stated or article, not stated or inferred
    if expr is not None and (role == "since" or expr.kind == "years_since"):
        begin = stated.split("/")[0] if stated else start
        return "cumulative", f"{begin}/{article}", True
    if expr is not None and (role == "until" or expr.kind == "now"):
        end = stated.split("/")[-1] if stated else article
        return "cumulative", (f"{start}/{end}" if start else f"/{end}"), inferred
    if expr is not None:
        if expr.kind in SPAN_KINDS:
            return "period_total", stated, inferred
        if expr.kind in ("day", "month"):
            if not expr.year_stated:
                p.checks.append("the year of this date is not stated; inferred from the article's date")
            return "event", stated, inferred
        return "annual", stated, inferred
    if words.cues(before, sc["cumulative"]):
        return "cumulative", running, True
    if words.cues(before, sc["stock"]) or p.fact.get("unit") in sc["default_stock_units"]:
        return "stock", article or "unknown", True
    p.checks.append("scope guessed as cumulative (no cue in the sentence)")
    return "cumulative", running, True


def choose_indicator(p: Proposal, rules: Rules, vocab: Vocabulary) -> tuple[str, str]:
    unit = p.fact.get("unit")
    windows = p.spot.windows()
    for n, window in enumerate(windows):
        for rule in rules.indicators:
            indicator = vocab.indicators[rule["indicator"]]
            if indicator.unit != unit:
                continue
            if all(r.search(window) for r in rule["all"]) and not any(r.search(window) for r in rule["none"]):
                if n > 0:
                    p.checks.append(f"indicator {indicator.id} from words outside the number's clause")
                return indicator.id, indicator.theme
    for window in windows:
        for theme, words_re in rules.themes:
            if word := words_re.search(window):
                p.checks.append(f"no indicator rule fits; other_{theme} from the word {word[0]!r}")
                return f"other_{theme}", theme
    p.checks.append("no indicator or theme rule fits; other_context is a placeholder")
    return "other_context", "context"


def choose_places(p: Proposal, ctx: SourceContext, rules: Rules) -> tuple[str | None, str | None]:
    spot = p.spot
    found: dict[str, list[tuple[int, str]]] = {"east": [], "west": []}
    a, b = spot.sentence_bounds
    sentence = spot.text[a:b]
    taken = [False] * len(sentence)
    for name, place_id in rules.place_names:  # longest names first; a short form inside a long one is not counted
        for m in re.finditer(re.escape(name), sentence):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            role = rules.vocab.places[place_id]["role"]
            if role in found:
                found[role].append((abs(a + m.start() - spot.start), place_id))
    east = min(found["east"])[1] if found["east"] else None
    west = min(found["west"])[1] if found["west"] else None
    pairing = ctx.pairing_for(east, west)
    if pairing:
        east = east or pairing["east"]
        west = west or pairing["west"]
    elif not (east or west):
        p.checks.append("no place named in the sentence and the source covers several pairings; set east and west")
    return east, west
