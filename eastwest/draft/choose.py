"""The fields of one proposed fact: unit, status, indicator and places (scope and period: draft.periods).

Each `choose_*` reads the number's words by the rules and adds a `check:` note where it guesses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from eastwest.annotate.numerals import ParsedNumber
from eastwest.draft.rules import Rules, Words
from eastwest.draft.source_context import SourceContext
from eastwest.draft.spots import Spot
from eastwest.draft.time_expressions import time_expressions
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
    # 计划内资金 (funds of the yearly budget), 计划单列市: a plan's word inside a name, not a plan
    found = [
        (end, status, cue)
        for end, status, cue in found
        if not (status != "achieved" and rules.status_word_after.match(before[end:]))
    ]
    found.sort()
    # a cue right after a plan's cue belongs to the plan: 计划将 and 计划完成 are planned
    plan_ends = {end for end, status, _ in found if status != "achieved"}
    found = [(end, status, cue) for end, status, cue in found if end - len(cue) not in plan_ends]
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


def choose_indicator(
    p: Proposal,
    rules: Rules,
    vocab: Vocabulary,
    total: tuple[str, str] | None = None,
    learned: Callable[[], str | None] | None = None,
) -> tuple[str, str]:
    """The first indicator rule that fits the number's list item, then its clause, part and
    sentence. A part of a total (其中…) that its own item and clause do not place takes the total's
    indicator. Where no rule fits, the indicator `learned` proposes (eastwest.draft.learned), if
    its unit fits, else other_<theme> from the theme's words."""
    unit = p.fact.get("unit")
    windows = p.spot.windows()
    if p.spot.item != windows[0]:
        windows.insert(0, p.spot.item)
    clause_level = len(windows) - 2  # the windows before the part and the sentence
    if p.spot.list_intro:  # 资金1850万元 in a list the line above says is of 帮扶资金
        windows.append(f"{p.spot.list_intro}{p.spot.sentence}")
    for n, window in enumerate(windows):
        if n == clause_level and total:
            p.checks.append(f"indicator {total[0]} of the total this is a part of; confirm")
            return total
        for rule in rules.indicators:
            indicator = vocab.indicators[rule["indicator"]]
            if indicator.unit not in (unit, "any"):  # other_<theme> takes any unit
                continue
            if rule["subject"] and not rule["subject"].search(p.spot.clause_subject):
                continue
            if all(r.search(window) for r in rule["all"]) and not any(r.search(window) for r in rule["none"]):
                if total and indicator.theme == "context":
                    continue  # 其中贫困人口620人: the part's people are the total's kind, not a population
                if n >= clause_level:
                    p.checks.append(f"indicator {indicator.id} from words outside the number's clause")
                return indicator.id, indicator.theme
    guess = learned() if learned else None
    if guess in vocab.indicators and vocab.indicators[guess].unit in (unit, "any"):
        p.checks.append(f"no indicator rule fits; {guess} as curators chose for numbers like this one")
        return guess, vocab.indicators[guess].theme
    for window in windows:
        for theme, words_re in rules.themes:
            if word := words_re.search(window):
                p.checks.append(f"no indicator rule fits; other_{theme} from the word {word[0]!r}")
                return f"other_{theme}", theme
    p.checks.append("no indicator or theme rule fits; other_context is a placeholder")
    return "other_context", "context"
