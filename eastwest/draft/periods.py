"""Scope and period of a proposed fact, read from the time cues that govern its number.

The cue is looked for in the number's sentence, then earlier in its paragraph, then in the phrase
that opens an earlier paragraph (a year-end review says 今年以来 once, at the top). Periods are
relative to the article's date, and to the month its figures are "as of" (截至10月底 in a report of
early November) where it states one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eastwest.draft.choose import Proposal
from eastwest.draft.rules import Rules, Words
from eastwest.draft.source_context import SourceContext
from eastwest.draft.spots import CLAUSE_END, PART_END, Spot
from eastwest.draft.time_expressions import TimeExpr, time_expressions

PARAGRAPH_KINDS = ("year", "relative_year", "range", "day", "month", "months", "half")
SPAN_KINDS = ("range", "half", "months")  # a stated span of years or months: a period total
YEAR_KINDS = ("year", "relative_year")
_SINCE_AN_EVENT = re.compile(r"(?:自|从)[^，,。；;\d]{1,20}(?:以来|起)")  # 自首批队员进驻以来: no date of its own


@dataclass
class Cue:
    """The time expression that governs a number, whether it opens (since) or closes (until) a
    span, and where it was found (sentence, paragraph or article)."""

    expr: TimeExpr
    role: str
    where: str
    text: str  # the text the expression was found in


def _role(expr: TimeExpr, text: str, following: str, rules: Rules) -> str:
    if rules.until.search(text[: expr.start]):
        return "until"
    if expr.kind == "years_since" or rules.since.match(text[expr.end :] + following):
        return "since"
    return ""


def choose_time(p: Proposal, ctx: SourceContext, rules: Rules, opening: bool = True) -> Cue | None:
    """The time cue that governs the number, nearest first: sentence, paragraph, and (if `opening`)
    the span that opens an earlier paragraph."""
    spot = p.spot
    before = spot.before
    following = spot.text[spot.start : spot.para_end]
    # 目前 (now) governs only its own part of the sentence (up to ；), so 目前 in one list item
    # does not date the next; a year or a date governs the rest of the sentence
    part_start = max((i + 1 for i, ch in enumerate(before) if ch in PART_END), default=0)
    # read with the rest of the sentence, so that 去年的2.3倍 is seen to be a comparison
    exprs = [
        e
        for e in time_expressions(before + following, ctx.article_ym, rules)
        if e.end <= len(before) and (e.kind != "now" or e.start >= part_start) and not e.comparison
    ]
    if exprs:
        return Cue(exprs[-1], _role(exprs[-1], before, following, rules), "sentence", before)
    para_before = spot.text[spot.para_start : spot.sentence_bounds[0]]  # a year opening a run of sentences
    exprs = [e for e in time_expressions(para_before, ctx.article_ym, rules) if e.kind in PARAGRAPH_KINDS and not e.comparison]
    if exprs:
        p.checks.append("period from a time cue in an earlier sentence of the paragraph")
        return Cue(exprs[-1], _role(exprs[-1], para_before, following, rules), "paragraph", para_before)
    intro = spot.list_intro  # 今年1—9月…列示如下： dates the lines of its list
    exprs = [e for e in time_expressions(intro, ctx.article_ym, rules) if e.kind in PARAGRAPH_KINDS and not e.comparison]
    if exprs:
        p.checks.append("period from the time cue of the line that introduces the list")
        return Cue(exprs[-1], _role(exprs[-1], intro, "", rules), "paragraph", intro)
    cue = _opening_cue(spot.text, spot.para_start, ctx.article_ym, rules) if opening else None
    if cue:
        p.checks.append("period from the time cue that opens an earlier paragraph")
    return cue


def _opening_cue(text: str, para_start: int, article: tuple[int, int], rules: Rules) -> Cue | None:
    """The nearest earlier paragraph whose first clause opens a recent span: 今年以来，…; 1—10月，…
    (a year alone there is more often a story's date than the span of what follows)."""
    end = para_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        first = re.split(f"[{CLAUSE_END}]", text[start:end], maxsplit=1)[0]
        heading = bool(rules.heading.match(text[start:end].strip()))
        for e in reversed(time_expressions(first, article, rules)):
            role = _role(e, first, "", rules)
            # a year the lead makes its subject (2019年是…之年), or a section heading names (一、2019年
            # 工作开展情况; 三、2020年工作打算), frames what follows
            # a year-end review's lead that opens with its year (2022年，…) frames it too
            review_year = article[0] if article[1] == 12 else article[0] - 1 if article[1] <= rules.review_months else 0
            review_lead = first.strip().endswith(first[e.start : e.end]) and e.period == str(review_year)
            framed = e.kind in YEAR_KINDS and (first[e.end : e.end + 1] == "是" or heading or review_lead)
            span = e.kind in SPAN_KINDS or framed or (e.kind in YEAR_KINDS and role == "since")
            if span and not e.comparison and int(e.period[:4]) >= article[0] - 1:
                return Cue(e, role, "article", first)
        end = start - 1
    return None


@lru_cache(maxsize=64)
def as_of(text: str, article: tuple[int, int], article_date: str, rules: Rules, untils: bool = True) -> str:
    """The month the article's figures are as of: the end of the latest run of months of its own
    year that it names, not after its date (2023年1—10月 in a report of November), or (`untils`) the
    latest month it counts up to (截至10月底), else its date."""
    year0, month0 = article
    exprs = [e for e in time_expressions(text, article, rules) if not e.comparison]
    months = [e.period.split("/")[-1] for e in exprs if e.kind == "months"]
    months = [m for m in months if m[:4] == str(year0)]
    # 截至10月底 says so too; in a review of January, 截至12月底 is the December before
    until_months = [
        e.period.split("/")[-1][:7]
        for e in exprs
        if e.kind in ("month", "day") and rules.until.search(text[max(0, e.start - 4) : e.start])
    ]
    months += [
        m
        for m in (until_months if untils else [])
        if m[:4] == str(year0) or (month0 <= rules.review_months and m == f"{year0 - 1}-12")
    ]
    months = [m for m in months if m <= f"{year0}-{month0:02d}"]
    return max(months) if months else article_date


def _as_of_text(spot: Spot, rules: Rules) -> str:
    """Where the month a figure is as of may be named: its paragraph, and the headings above it
    (张家港2021年1—9月工作情况); not another paragraph's 截至…月底."""
    headings = [line for line in spot.text[: spot.para_start].split("\n") if rules.heading.match(line.strip())]
    return "\n".join([*headings, spot.text[spot.para_start : spot.para_end]])


@lru_cache(maxsize=256)
def _dated_fair(text: str, para_end: int, article: tuple[int, int], rules: Rules) -> TimeExpr | None:
    """The days of the fair or meeting dated last before a number (11月20日至22日，…展销会…举行):
    the nearest paragraph up to the number's that names a fair and its day or days, a run of days
    before a single day."""
    for line in reversed(text[:para_end].split("\n")):
        if "。" not in line or not rules.scope["fair_words"].search(line):
            continue
        days = [e for e in time_expressions(line, article, rules) if e.kind == "day" and not e.comparison]
        if days:
            days.sort(key=lambda e: "/" not in e.period)
            return days[0]
    return None


def _compared_with_a_year(spot: Spot, ctx: SourceContext, rules: Rules) -> bool:
    """The number is compared with a year's figure (是去年的2.3倍)."""
    text = spot.before + spot.text[spot.start : spot.para_end]
    return any(e.comparison and e.end <= len(spot.before) for e in time_expressions(text, ctx.article_ym, rules))


def _sentence_until(before: str, ctx: SourceContext, rules: Rules) -> str:
    """The month a sentence's figures run up to (截至10月底，…今年已采购), if it names one."""
    ends = [
        e.period.split("/")[-1][:7]
        for e in time_expressions(before, ctx.article_ym, rules)
        if e.kind in ("month", "day") and rules.until.search(before[: e.start]) and not e.comparison
    ]
    return ends[-1] if ends else ""


def _future(period: str, expr: TimeExpr, article: tuple[int, int]) -> str:
    """A month with no year in a plan is the coming one: 12月底前 in November is this December."""
    if expr.year_stated or expr.kind not in ("day", "month") or not period.startswith(str(article[0] - 1)):
        return period
    return str(article[0]) + period[4:]


def choose_scope_and_period(p: Proposal, ctx: SourceContext, rules: Rules, words: Words, indicator: str) -> tuple[str, str, bool]:
    """Scope, period and whether the period was inferred from the article's date."""
    sc = rules.scope
    spot = p.spot
    before = spot.before
    status = p.fact["status"]
    unit = p.fact.get("unit")
    # cue words of the sentence (累计, 现有) outweigh a span that opens an earlier paragraph
    has_words = bool(words.cues(before, sc["cumulative"]) or words.cues(before, sc["stock"]))
    cue = choose_time(p, ctx, rules, opening=not has_words)
    expr, role, where = (cue.expr, cue.role, cue.where) if cue else (None, "", "")
    article, start = ctx.article, ctx.start_for(p.fact.get("east"), p.fact.get("west"))
    year = article[:4]
    now = _sentence_until(before, ctx, rules) or as_of(_as_of_text(spot, rules), ctx.article_ym, article, rules)
    if (
        cue
        and expr
        and expr.kind in YEAR_KINDS
        and expr.period == str(ctx.article_ym[0] - 1)
        and ctx.article_ym[1] <= rules.review_months
    ):
        now = f"{expr.period}-12"  # a January review of the year before: its counts are as of that December
    # a running total runs to the article's date (data/annotations/README.md), or to a month its
    # own sentence or a run of months (1—10月) states
    upto = _sentence_until(before, ctx, rules) or as_of(_as_of_text(spot, rules), ctx.article_ym, article, rules)
    stated = expr.period if expr and expr.kind != "now" else ""
    kind = expr.kind if expr else ""  # a stated period has an expression: its kind
    inferred = expr.inferred if expr else True
    end = stated.split("/")[-1] if stated else now
    sentence = spot.sentence

    if status == "quota" or words.cues(before, sc["recurring"]):
        return "recurring", (stated if role != "until" and stated else article) or "unknown", not stated or inferred
    if status != "achieved":
        stated = _future(stated, expr, ctx.article_ym) if expr else ""
        if stated and kind in SPAN_KINDS:
            return "period_total", stated, inferred
        if stated and kind in YEAR_KINDS and role != "since":
            return "annual", stated, inferred
        if stated and kind in ("day", "month") and where == "sentence":
            return sc["not_achieved"], stated, inferred
        if not stated and sc["occasion_words"].search(spot.sentence):  # 会上…拟投资: a plan of that day
            p.checks.append("a plan announced at an occasion, dated at the article's date; when was it?")
            return sc["not_achieved"], article, True
        p.checks.append(
            f"scope {sc['not_achieved']} for a {status} figure; is it one plan, a yearly rate or a total over a span?"
        )
        return sc["not_achieved"], (stated or article) + ("" if stated else "/"), not stated or inferred
    said = cue.text[expr.start : expr.end] if cue and expr else ""
    this_year = kind == "relative_year" or bool(rules.whole_year.fullmatch(said))  # 今年, 全年: not 2023年
    # a review of January sums up the year before: its 全年, 年内, 今年 are that year
    review = ctx.article_ym[1] <= rules.review_months and this_year and stated == year and role != "until"
    strong = bool(sc["strong_cumulative"].search(spot.clause_before))
    # a year's or a span's cue makes the act one of many in it (2018年捐赠…); 达 a total reached
    one_act = expr is None or kind in ("day", "month") or review
    if one_act and sc["event_verbs"].search(spot.clause_before) and not strong and not re.search("达到?$", spot.clause_before):
        p.checks.append("scope event from a verb of one act (signed, donated); at which occasion?")
        fair = _dated_fair(spot.text, spot.para_end, ctx.article_ym, rules) if where in ("", "article") and not review else None
        if fair:  # signed at the fair the article's lead dates
            return "event", fair.period, fair.inferred
        return "event", (str(int(year) - 1) if review else stated) or article, True
    if review:
        return "annual", str(int(year) - 1), True
    if unit in sc["default_stock_units"] and sc["share_words"].search(spot.clause_before):  # 占九成: a share at a date
        return "stock", end or "unknown", not stated or inferred
    if unit in sc["stock_units"] and not (unit == "times" and _compared_with_a_year(spot, ctx, rules)):
        # a distance or a rank: only its own sentence dates it (是去年的2.3倍 follows this year's flow)
        return "stock", (end if where == "sentence" else article) or "unknown", not stated or inferred
    if strong and where == "paragraph" and kind in ("day", "month", "year") and _SINCE_AN_EVENT.search(before):
        # 2015年8月，首批…进驻。…自首批队员进驻以来，累计选派…: since the event the paragraph dated
        return "cumulative", f"{stated}/{upto}", True
    if strong and (expr is None or role == "until" or kind == "now") and not sc["year_on_year"].search(sentence):
        return "cumulative", f"{start}/{end}" if start else f"/{end}", True  # 累计设立: a running total
    clause_after = re.split(f"[{CLAUSE_END}]", spot.after, maxsplit=1)[0]
    if not strong and (
        sc["state_words"].search(spot.clause_before) or sc["state_after"].search(clause_after)
    ):  # 已竣工, 第九批干部, 稳定就业: held at a date
        dated = role == "until" or kind in ("day", "month")
        return "stock", (end if dated else now) or "unknown", True
    # a count reached or held (吸纳…就业480人) is a stock unless its own sentence gives it a period
    # 加工厂今年4月投产，吸纳…就业28人: the month dates the plant's start, not the count it holds
    cue_elsewhere = where != "sentence" or (
        kind in ("day", "month") and expr is not None and expr.end <= len(before) - len(spot.clause_before)
    )
    counted = cue_elsewhere and bool(sc["stock_verbs"].search(spot.clause_before))
    lead_event = (
        _dated_fair(spot.text, spot.para_end, ctx.article_ym, rules)
        if where != "sentence" and sc["fair_words"].search(spot.part)
        else None
    )
    if lead_event and where in ("", "article"):  # 展位320个 at a fair the lead dates (11月22日至24日)
        p.checks.append("scope event: a figure of the fair or meeting the article's lead dates; is it?")
        return "event", lead_event.period, lead_event.inferred
    if where != "sentence" and sc["occasion_words"].search(spot.part):  # 签约仪式上: the last date named before
        dates = [
            e for e in time_expressions(spot.text[: spot.start], ctx.article_ym, rules) if e.kind == "day" and not e.comparison
        ]
        p.checks.append("scope event from the words of an occasion; which event, and when?")
        return "event", dates[-1].period if dates else article, True
    if expr is not None and role == "since" and stated and not counted:
        begin = stated.split("/")[0]
        if begin[:4] == year and kind in YEAR_KINDS:
            return "period_total", f"{year}-01/{now}", True  # 今年以来: the year so far
        if indicator not in sc["stock_indicators"] or where == "sentence":
            return "cumulative", f"{begin}/{upto}", True
    if (indicator in sc["stock_indicators"] and not sc["added_words"].search(spot.clause_before)) or counted:
        # a count at a date: the year its sentence names, else the month the article's figures are as of
        dated = not counted and (where == "sentence" or kind in ("day", "month"))
        return "stock", (end if dated else now) or "unknown", not stated or inferred
    if indicator in sc["event_indicators"]:
        if not stated or kind not in ("day", "month"):
            p.checks.append("scope event: which event, and when?")
        return "event", stated or article, not stated or inferred
    if expr is not None and expr.kind == "now" and sc["held_before"].search(spot.clause_before):
        return "stock", now, True  # 目前…挂职的干部有35名: a count at the article's date
    if expr is not None and (role == "until" or expr.kind == "now"):
        if (
            end[:4] == year
            and expr.kind != "now"
            and (sc["year_on_year"].search(sentence) or not words.cues(before, sc["cumulative"]))
        ):
            return "period_total", f"{year}-01/{end}", inferred  # 截至10月底 in a yearly report: the year so far
        return "cumulative", (f"{start}/{end}" if start else f"/{end}"), inferred
    if expr is not None:
        if kind in SPAN_KINDS:
            return "period_total", stated, inferred
        if kind in ("day", "month"):
            if not expr.year_stated:
                p.checks.append("the year of this date is not stated; inferred from the article's date")
            return "event", stated, inferred
        # a year-end review: 今年, 全年 is the whole year — unless its sentence counts up to a month
        until = _sentence_until(before, ctx, rules)
        december = until == f"{year}-12" if until else ctx.article_ym[1] == 12 or now == f"{year}-12"
        if this_year and stated == year and not december and not sc["allocation_words"].search(spot.clause_before):
            return "period_total", f"{year}-01/{now}", True  # 今年, 全年 in a report before December
        return "annual", stated, inferred
    if words.cues(before, sc["cumulative"]):
        return "cumulative", f"{start}/{upto}" if start else f"/{upto}", True
    if words.cues(before, sc["stock"]) or unit in sc["default_stock_units"]:
        return "stock", now or "unknown", True
    fair = _dated_fair(spot.text, spot.para_end, ctx.article_ym, rules) if where in ("", "article") else None
    if fair:  # no cue of its own in an article about a fair its lead dates: a figure of the fair
        p.checks.append("scope event: a figure of the fair or meeting the article's lead dates; is it?")
        return "event", fair.period, fair.inferred
    p.checks.append("scope guessed as cumulative (no cue in the sentence)")
    return "cumulative", f"{start}/{upto}" if start else f"/{upto}", True
