"""Parse the numeric expressions of Chinese news text into normalised values.

"2.4亿元" -> 240000000 yuan; "近45亿元" -> 4500000000, nearly; "约3000元" -> 3000, about;
"260余名" -> 260, over; "两期" -> 2; "4-8倍" -> 4 to 8, range; "97.64%" -> 97.64 percent;
"十分之一多" -> 10 percent, over; "超四成" -> 40 percent, over; "前三" -> rank 1-3 (a range).
Chinese numerals are read by cn2an; this module only splits off qualifiers and multipliers.

近, 将近 and 接近 read as `nearly` (just under the number), never as `about` (either side of it).
近 together with an "over" word (近30余名, "nearly 30-odd") contradicts itself; it reads as `about`
alone: the figure is near 30 and the source does not say on which side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import cn2an

CHINESE_DIGITS = "零〇一二两三四五六七八九十百千万亿"
MULTIPLIERS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}

PREFIX_QUALIFIERS = {
    "超过": "over",
    "超": "over",
    "逾": "over",
    "近": "nearly",
    "将近": "nearly",
    "接近": "nearly",
    "约": "about",
    "大约": "about",
    "大概": "about",
    "不足": "under",
    "不到": "under",
}
SUFFIX_QUALIFIERS = {"余": "over", "多": "over", "以上": "over", "左右": "about", "以内": "under", "来": "about"}

# Counters that fix the unit; other counters (个, 名, 项 ...) leave the choice to the annotator.
COUNTER_UNITS = [
    ("平方公里", {"km2"}),
    ("公里", {"km"}),
    ("人次", {"person_time"}),
    ("元", {"yuan"}),
    ("亩", {"mu"}),
    ("%", {"percent"}),
    ("倍", {"times"}),
    ("户", {"household"}),
    ("株", {"plant"}),
    ("人", {"person"}),
    ("名", {"person"}),
    ("位", {"person"}),
    ("rank", {"rank"}),
    ("间", {"room"}),
    ("栋", {"building"}),
    ("届", {"edition"}),
    ("批", {"batch"}),
]

_ARABIC = r"\d+(?:\.\d+)?"
_NUMBER = re.compile(
    rf"^(?P<prefix>{'|'.join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True))})?"
    rf"(?:(?P<low>{_ARABIC})(?:\s*[-~—–至到]\s*(?P<high>{_ARABIC}))?|(?P<chinese>[{CHINESE_DIGITS}]+))"
    rf"(?P<several>几)?(?P<mult>[万亿])?"
    rf"(?P<suffix1>余|多|来)?(?P<mult2>[万亿])?"
    rf"(?P<rest>.*)$"
)
_FRACTION = re.compile(
    rf"^(?P<prefix>将近|接近|近|约|超)?(?P<den>[{CHINESE_DIGITS}\d]+)分之(?P<num>[{CHINESE_DIGITS}\d]+)(?P<suffix>多|强|左右)?(?P<rest>.*)$"
)


class NumberFormatError(ValueError):
    """The text does not hold a number this parser can read."""


@dataclass(frozen=True)
class ParsedNumber:
    value: Decimal
    value_high: Decimal | None
    qualifiers: frozenset[str]  # empty means exact
    counter: str

    @property
    def allowed_units(self) -> set[str] | None:
        for counter, units in COUNTER_UNITS:
            if self.counter.startswith(counter):
                return units
        return None


_DIGIT_VALUE = {d: i for i, d in enumerate("零一二三四五六七八九")} | {"两": 2}
_APPROXIMATE_PAIR = re.compile(r"(?P<head>.*?)(?P<a>[一二两三四五六七八])(?P<b>[二两三四五六七八九])(?P<tail>[十百千万亿]*)")


def _chinese_to_decimal(text: str) -> Decimal:
    try:
        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, KeyError) as exc:
        raise NumberFormatError(f"cannot read Chinese numeral {text!r}") from exc


def _to_decimal(text: str) -> Decimal:
    if re.fullmatch(_ARABIC, text):
        return Decimal(text)
    return _chinese_to_decimal(text)


def parse_number(text: str) -> ParsedNumber:
    """Parse one numeric expression (qualifier words, number, multiplier, counter)."""
    raw = text.strip()
    rank = re.fullmatch(rf"前([{CHINESE_DIGITS}\d]+)(?:名|位)?", raw)
    if rank:  # 前三: among the top three, a place from 1 to 3, not third exactly
        return ParsedNumber(Decimal(1), _to_decimal(rank[1]), frozenset({"range"}), "rank")
    if raw in ("百分百", "百分之百"):
        return ParsedNumber(Decimal(100), None, frozenset(), "%")
    fraction = _FRACTION.match(raw)
    if fraction:
        value = _to_decimal(fraction["num"]) / _to_decimal(fraction["den"]) * 100
        quals = set()
        if fraction["prefix"]:
            quals.add(PREFIX_QUALIFIERS[fraction["prefix"]])
        if fraction["suffix"]:
            quals.add("about" if fraction["suffix"] == "左右" else "over")
        return ParsedNumber(value, None, _reconciled(quals), "%" + fraction["rest"])
    m = _NUMBER.match(raw)
    if not m:
        raise NumberFormatError(f"no number found at the start of {text!r}")
    qualifiers: set[str] = set()
    if m["prefix"]:
        qualifiers.add(PREFIX_QUALIFIERS[m["prefix"]])
    if m["chinese"] is not None:
        chinese = m["chinese"]
        if chinese[0] in "十百千万亿":  # 千亩 means 一千亩
            chinese = "一" + chinese
        mult = m["mult"]
        pair = _APPROXIMATE_PAIR.fullmatch(chinese)
        if pair and 1 <= _DIGIT_VALUE[pair["b"]] - _DIGIT_VALUE[pair["a"]] <= 2:
            # 两三元, 三四百人, 七八十万, 十五六人: two neighbouring digits say "two or three" — a range
            value = _chinese_to_decimal(pair["head"] + pair["a"] + pair["tail"])
            high = _chinese_to_decimal(pair["head"] + pair["b"] + pair["tail"])
        else:
            value = _chinese_to_decimal(chinese)
            high = None
    else:
        value = Decimal(m["low"])
        high = Decimal(m["high"]) if m["high"] else None
        mult = m["mult"]
    for factor in (mult, m["mult2"]):
        if factor:
            value *= MULTIPLIERS[factor]
            high = high * MULTIPLIERS[factor] if high is not None else None
    if high is not None:
        qualifiers.add("range")
    if m["several"]:
        qualifiers.add("over")
    if m["suffix1"]:
        qualifiers.add(SUFFIX_QUALIFIERS[m["suffix1"]])
    rest = m["rest"]
    for word, qualifier in SUFFIX_QUALIFIERS.items():
        if len(word) > 1 and rest.endswith(word):
            qualifiers.add(qualifier)
            rest = rest[: -len(word)]
    for word in ("以上", "左右", "余", "多"):
        if rest.endswith(word):
            qualifiers.add(SUFFIX_QUALIFIERS[word])
            rest = rest[: -len(word)]
    if rest.startswith("成"):  # 四成 = 40 percent
        value *= 10
        high = high * 10 if high is not None else None
        rest = "%" + rest[1:]
    return ParsedNumber(value, high, _reconciled(qualifiers), rest)


def _reconciled(qualifiers: set[str]) -> frozenset[str]:
    """'nearly' (below the number) with 'over' (above it), as in 近30余名: the source says the
    figure is near the number but not on which side, so it reads as 'about' alone."""
    if {"nearly", "over"} <= qualifiers:
        qualifiers = (qualifiers - {"nearly", "over"}) | {"about"}
    return frozenset(qualifiers)


def format_decimal(value: Decimal | None) -> str:
    """Plain decimal text without exponent or trailing zeros: 240000000, 97.64, 0.5."""
    if value is None:
        return ""
    try:
        text = format(value.normalize(), "f")
    except InvalidOperation:  # pragma: no cover - Decimal from our parser is always finite
        text = str(value)
    return text
