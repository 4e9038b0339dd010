"""Time expressions in a text (years, ranges, months, days, 去年, 上半年, 以来...) read as periods.

Periods are relative to the article's (year, month) where the text leaves the year unsaid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eastwest.draft.rules import Rules


@dataclass
class TimeExpr:
    start: int
    end: int
    kind: str  # day, month, months, year, relative_year, range, half, years_since, now
    period: str
    inferred: bool
    year_stated: bool = True
    comparison: bool = False  # the base of a comparison (比去年同期, 是去年的两倍), not the number's period


_CN_NUM = "一二两三四五六七八九十"


def _int(token: str) -> int:
    if token.isdigit():
        return int(token)
    import cn2an

    return int(cn2an.cn2an(token, "smart"))


def _optional_int(digits: str | None) -> int | None:
    return int(digits) if digits else None


def _dated(m: re.Match, year: int, month: int | None, day: int | None, inferred: bool, year_kind: str = "year") -> TimeExpr:
    """The expression matched by `m` as a day, a month or (without a month) a year."""
    if month and day:
        return TimeExpr(m.start(), m.end(), "day", f"{year}-{month:02d}-{day:02d}", inferred)
    if month:
        return TimeExpr(m.start(), m.end(), "month", f"{year}-{month:02d}", inferred)
    return TimeExpr(m.start(), m.end(), year_kind, str(year), inferred)


def time_expressions(text: str, article: tuple[int, int], rules: Rules) -> list[TimeExpr]:
    """Time expressions in text, in order; periods relative to the article's (year, month)."""
    year0, month0 = article
    rel = "|".join(sorted(map(re.escape, rules.relative_years), key=len, reverse=True))
    half = "|".join(sorted(map(re.escape, rules.half_years), key=len, reverse=True))
    plans = "|".join(map(re.escape, rules.five_year_plans)) or "(?!)"
    pattern = re.compile(
        rf"(?P<y1>(?:19|20)\d\d)年?\s*(?:[、和及至到~\-—–]|年至|年到)\s*(?P<y2>(?:19|20)\d\d)年"
        rf"|(?:(?P<my>(?:19|20)\d\d)年度?|(?P<mrel>{rel})|(?<![\d年]))(?P<m1>\d{{1,2}}|[{_CN_NUM}]{{1,2}})月?份?"
        rf"\s*[-—–~～至到]\s*(?P<m2>\d{{1,2}}|[{_CN_NUM}]{{1,3}})月份?(?:底|末)?"
        rf"|[“\"]?(?P<plan>{plans})[”\"]?(?:期间|时期)?"
        rf"|(?P<whole>{rules.whole_year.pattern})"
        rf"|(?P<y>(?:19|20)\d\d)年(?:度)?(?:(?P<yend>底|末)|(?P<m>\d{{1,2}})月(?:份)?(?:(?P<d>\d{{1,2}})[日号])?)?"
        rf"|(?P<ago>[{_CN_NUM}\d]+)年前的?(?:(?P<agom>\d{{1,2}})月(?:(?P<agod>\d{{1,2}})[日号])?)?"
        rf"|(?P<rel>{rel})(?:(?P<relend>底|末)|(?P<half1>{half})?(?:(?P<rm>\d{{1,2}}|[{_CN_NUM}]{{1,2}})月(?:份)?(?:(?P<rd>\d{{1,2}})[日号])?)?)"
        rf"|(?P<half>{half})"
        rf"|(?P<yearend>年底|年末)"
        rf"|(?<![\d年])(?P<mm>\d{{1,2}})月(?:份|初|中旬|下旬|底)?(?:(?P<dd>\d{{1,2}})(?:[日号]?\s*[-~—–至到]\s*(?P<dd2>\d{{1,2}}))?[日号])?"
        rf"|(?P<since>{rules.years_since.pattern})"
        rf"|(?P<monthsago>{rules.months_ago.pattern})"
        rf"|(?P<now>{rules.now.pattern})"
    )
    quoted = _quoted_spans(text)
    out: list[TimeExpr] = []
    last_year: int | None = None
    for m in pattern.finditer(text):
        if not m["plan"] and any(a <= m.start() < b for a, b in quoted):
            continue  # a year inside a title or a quoted name (“2017年国家级…”); “十三五” is a period
        if m["m2"]:  # a run of months: 1—9月, 2020年1至6月
            first, last = _int(m["m1"]), _int(m["m2"])
            if not 1 <= first < last <= 12:
                continue
            if m["my"]:
                y, inferred = int(m["my"]), False
            elif m["mrel"]:
                y, inferred = year0 + rules.relative_years[m["mrel"]], True
            else:
                y, inferred = (last_year, False) if last_year is not None else (year0 if last <= month0 else year0 - 1, True)
            last_year = y
            out.append(TimeExpr(m.start(), m.end(), "months", f"{y}-{first:02d}/{y}-{last:02d}", inferred))
        elif m["plan"]:
            if rules.plan_year_after.match(text[m.end() :]):
                continue  # “十四五”开局之年: a year of the plan, not its span
            a, b = rules.five_year_plans[m["plan"]]
            out.append(TimeExpr(m.start(), m.end(), "range", f"{a}/{b}", False))
        elif m["whole"]:  # 全年: the year last named, else the article's
            y = last_year or year0
            out.append(TimeExpr(m.start(), m.end(), "year", str(y), last_year is None))
        elif m["y1"]:
            out.append(TimeExpr(m.start(), m.end(), "range", f"{m['y1']}/{m['y2']}", False))
            last_year = int(m["y2"])
        elif m["y"]:
            if not (m["m"] or m["yend"]) and rules.event_name_after.match(text[m.end() :]):
                continue  # 2020年…展销会: the year of an event's name, not a period
            last_year = int(m["y"])
            month = 12 if m["yend"] else _optional_int(m["m"])
            out.append(_dated(m, last_year, month, _optional_int(m["d"]), False))
        elif m["ago"]:
            last_year = year0 - _int(m["ago"])
            out.append(_dated(m, last_year, _optional_int(m["agom"]), _optional_int(m["agod"]), True))
        elif m["rel"]:
            y = last_year = year0 + rules.relative_years[m["rel"]]
            if m["relend"]:
                out.append(TimeExpr(m.start(), m.end(), "month", f"{y}-12", True))
            elif m["half1"]:
                a, b = rules.half_years[m["half1"]]
                out.append(TimeExpr(m.start(), m.end(), "half", f"{y}-{a}/{y}-{b}", True))
            else:
                month = _int(m["rm"]) if m["rm"] else None
                day = _optional_int(m["rd"]) if month else None
                out.append(_dated(m, y, month, day, True, year_kind="relative_year"))
        elif m["half"]:
            a, b = rules.half_years[m["half"]]
            y = last_year or year0
            out.append(TimeExpr(m.start(), m.end(), "half", f"{y}-{a}/{y}-{b}", last_year is None))
        elif m["yearend"]:  # 年底: the end of the year last named, else of the article's
            y = last_year or year0
            out.append(TimeExpr(m.start(), m.end(), "month", f"{y}-12", last_year is None, last_year is not None))
        elif m["mm"]:
            month = int(m["mm"])
            if not 1 <= month <= 12:
                continue
            if last_year is not None:
                y, inferred, stated = last_year, False, True
            else:
                y = year0 if month <= month0 else year0 - 1
                inferred, stated = True, False
            if m["dd2"]:
                period = f"{y}-{month:02d}-{int(m['dd']):02d}/{y}-{month:02d}-{int(m['dd2']):02d}"
                kind = "day"
            elif m["dd"]:
                period, kind = f"{y}-{month:02d}-{int(m['dd']):02d}", "day"
            else:
                period, kind = f"{y}-{month:02d}", "month"
            out.append(TimeExpr(m.start(), m.end(), kind, period, inferred, stated))
        elif m["since"]:  # 五年来: from five years before the article; 一年来: from its month a year before
            back = _int(rules.years_since.match(m["since"])[1])  # type: ignore[index]
            if back == 1 and month0 == 12:  # 一年来 in a December review: the calendar year
                out.append(TimeExpr(m.start(), m.end(), "relative_year", str(year0), True))
                continue
            begin = f"{year0 - 1}-{month0:02d}" if back == 1 else str(year0 - back)
            out.append(TimeExpr(m.start(), m.end(), "years_since", begin, True))
        elif m["monthsago"]:
            months = rules.months_ago.match(m["monthsago"])
            assert months is not None  # the same pattern matched this text within the larger one
            back = _int(months[1])
            y, mo = divmod(year0 * 12 + (month0 - 1) - back, 12)
            out.append(TimeExpr(m.start(), m.end(), "month", f"{y}-{mo + 1:02d}", True))
        elif m["now"]:
            out.append(TimeExpr(m.start(), m.end(), "now", f"{year0}-{month0:02d}", True))
    for expr in out:
        expr.comparison = bool(
            rules.comparison_before.search(text[max(0, expr.start - 4) : expr.start])
            or rules.comparison_after.match(text[expr.end : expr.end + 20])
        )
    return out


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"“[^“”]{0,40}”|《[^《》]{0,60}》|「[^「」]{0,40}」", text)]
