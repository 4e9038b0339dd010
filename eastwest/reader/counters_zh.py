"""The measure words a Chinese number is written with where the dataset's unit names only a kind:
the source's own (四级 -> 4级, 1500余家店, 6个贫困村, 8个省(市、区) -> 8个省（市、区）), read from the
fact's number text and quote (eastwest.reader.wording_zh.unit_word_zh)."""

from __future__ import annotations

import re

# Units whose Chinese word is only a kind (类, 个站点, 个乡镇（街道）): a fact counted in one of them is
# written with the source's own measure word and noun where its number has them (四级 -> 4级,
# 1500余家店, 4个城市管理办事处), since the kind's word would misname it (4类, 1500余个站点).
SOURCE_COUNTER_UNITS = {"category", "station", "township", "item", "piece", "organisation", "class", "measure"}
# Units whose word names the kind well (个村, 个县（市、区）) but not which ones: the source's noun is
# kept where it says more than a measure word (6个贫困村, 14个深度贫困县, 5个区县, 2区; never a bare 个).
NOUN_COUNTER_UNITS = {
    "county",
    "village",
    "department",
    "province",
    "city",
    "school",
    "enterprise",
    "cooperative",
    "meeting",
    "event",
    "batch",
}
_COUNTER = re.compile(
    r"^(?:超过|超|逾|近|将近|接近|约|大约|大概|不足|不到)?\s*[0-9.零〇一二两三四五六七八九十百千]+\s*(?:余|多|来)?\s*"
    r"(?P<counter>[^\s0-9.零〇一二两三四五六七八九十百千万亿余多来]\S{0,11}?)(?:以上|左右|以内|以下)?$"
)


def source_counter_zh(number_text: str) -> str:
    """The measure word and noun after a number as the source wrote it ('四级' -> '级', '1500余家店'
    -> '家店', '14 个' -> '个', '10个市(县)区' -> '个市（县）区', brackets full-width); '' where the
    number has none or carries a magnitude (万, 亿)."""
    match = _COUNTER.match(str(number_text or "").strip())
    return match.group("counter").replace("(", "（").replace(")", "）") if match else ""


def source_unit_word_zh(row) -> str:
    """The source's own measure word and noun for a fact's number where its unit's word would only
    name a kind (SOURCE_COUNTER_UNITS, NOUN_COUNTER_UNITS), with the brackets the source puts after
    it; '' where the unit's own word is to be used."""
    number = str(row.get("number_text") or "").replace("nan", "")
    counter = source_counter_zh(number)
    if counter and (
        row["unit"] in SOURCE_COUNTER_UNITS or (row["unit"] in NOUN_COUNTER_UNITS and counter not in BARE_MEASURE_WORDS)
    ):
        return counter + _bracket_after(number, str(row.get("quote") or ""))
    return ""


BARE_MEASURE_WORDS = {"个", "家", "所", "只", "名", "位", "座", "处", "批", "次"}
_BRACKET = re.compile(r"\s*[(（]([^()（）]{1,8})[)）]")


def _bracket_after(number: str, quote: str) -> str:
    """What the source puts in brackets right after the number's noun ('8个省(市、区)' -> '（市、区）'),
    in full-width brackets; '' where there is none."""
    at = quote.find(number) if number else -1
    found = _BRACKET.match(quote, at + len(number)) if at >= 0 else None
    return f"（{found.group(1)}）" if found else ""
