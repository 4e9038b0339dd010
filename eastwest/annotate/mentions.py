"""Coverage audit: find every numeric mention in a clean text and account for it.

A mention is an Arabic number (with its multiplier and counter) or a Chinese numeral followed
by a counter. Each must overlap a fact's number or be excluded with a reason: automatically
for dates, clock times, ordinals and 一 used as an article, otherwise by a curated exclusion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "零〇一二两三四五六七八九十百千万亿几"
_COUNTERS = (
    "平方公里|公里|人次|批次|个|名|人|位|户|期|届|批|次|项|家|所|村|镇|乡|县|区|省|类|场|篇|条|级|倍|亩|元|"
    "件|株|只|头|栋|间|支|座|种|方面|分之|年|月|天|日|周|小时|分钟|对|轮|成|份|部|组|趟|万|亿"
)
MENTION = re.compile(
    rf"(?P<arabic>\d+(?:\.\d+)?(?:\s*[-~—–]\s*\d+(?:\.\d+)?)?(?:[万亿])?(?:余|多)?(?:[万亿])?(?:%|{_COUNTERS})?)"
    rf"|(?P<chinese>[{_CN}]+(?:余|多)?(?:{_COUNTERS}))"
)
_DATE_AFTER = re.compile(r"^(?:\d{0,2}月|\d{0,2}日|号)")
# The day of a numeric date (2020-11-06, 2020/11/06) and the minutes of a clock time (09:15): the
# mention pattern reads "2020-11" as a range, leaving the day on its own.
_DAY_OF_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d([-/.])\d{1,2}\1$")
_MINUTES = re.compile(r"(?<!\d)\d{1,2}:$")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    status: str = "unaccounted"
    fact_id: str = ""
    reason: str = ""


def _auto_reason(text: str, match: re.Match) -> str | None:
    token = match.group(0)
    before = text[max(0, match.start() - 1) : match.start()]
    after = text[match.end() : match.end() + 2]
    if before == "第":
        return "ordinal"
    reach = text[max(0, match.start() - 8) : match.start()]
    if re.fullmatch(r"\d{1,2}", token) and _DAY_OF_DATE.search(reach):
        return "date"
    if re.fullmatch(r"\d{2}", token) and _MINUTES.search(reach):
        return "clock_time"
    if re.fullmatch(r"\d{4}(?:\s*[-~—–]\s*\d{4})?年", token) or re.fullmatch(r"[\d一二三四五六七八九十]+[月日号]", token):
        return "date"
    if re.fullmatch(r"\d{4}-\d{1,2}(?:-\d{1,2})?", text[match.start() : match.start() + 10].split(" ")[0]):
        return "date"
    if re.fullmatch(r"(?:19|20)\d\d", token) and after[:1] in ("、", "年", "-", "/"):
        return "date"
    if re.fullmatch(r"\d{1,2}", token) and (after.startswith("时") or after.startswith(":") or after.startswith("点")):
        return "clock_time"
    if match.group("chinese") and token[0] == "一" and len(token) > 1 and token[1] not in _CN and before not in _CN:
        return "duration" if token[1:] in ("年", "月", "天", "周", "小时", "分钟") else "article"
    if _DATE_AFTER.match(after) and re.fullmatch(r"\d{4}年", token + after[:0]):
        return "date"
    return None


def scan(text: str) -> list[tuple[re.Match, str | None]]:
    return [(m, _auto_reason(text, m)) for m in MENTION.finditer(text)]


def audit(text: str, facts: list[dict], exclusions: list[tuple[int, int, str]]) -> list[Mention]:
    number_spans = [(f["number_start"], f["number_end"], f["fact_id"]) for f in facts if f["number_start"] is not None]
    mentions = []
    for match, auto in scan(text):
        mention = Mention(match.start(), match.end(), match.group(0))
        linked = [fid for s, e, fid in number_spans if s < mention.end and mention.start < e]
        excluded = [reason for s, e, reason in exclusions if s < mention.end and mention.start < e]
        if linked:
            mention.status, mention.fact_id = "linked", ";".join(sorted(linked))
        elif excluded:
            mention.status, mention.reason = "excluded", excluded[0]
        elif auto:
            mention.status, mention.reason = "excluded", auto
        mentions.append(mention)
    return mentions
