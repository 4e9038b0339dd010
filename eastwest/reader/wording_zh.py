"""The Chinese edition's counterpart of eastwest.reader.wording: every phrase a Chinese reader sees
about a value, a period, a status or a theme, in one place, worded from the same rows of
data/facts.csv. Written for Chinese readers, not word for word from the English: numbers in 亿 and
万 as the source wrote them ("1.26亿元", "5.8万人"), qualifiers in the source's own word and place
("260余人", "近45亿元", "3000万元以上"), periods as Chinese writes them ("2017年3月至2021年2月",
"截至2021年2月"). Imports neither matplotlib nor the dataset, like wording.py."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from eastwest.reader import counters_zh
from eastwest.reader.counters_zh import (  # noqa: F401 (the wording's names for them)
    NOUN_COUNTER_UNITS,
    SOURCE_COUNTER_UNITS,
    source_counter_zh,
)

# --- Numbers ---------------------------------------------------------------------------------------

DASH = "—"  # a range, Chinese style: 2—3元, 2023年1—10月
_MAGNITUDES = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}

# Each unit of data/reference/vocabulary.yml `units` as a Chinese reader counts it, measure word
# included ("个项目", "家企业"). A unit the vocabulary gains without a word here fails
# tests/test_wording_zh.py, not a page. Area and distance in Chinese words (平方公里, 公里), so no
# Latin letter reaches a Chinese page.
UNIT_WORDS_ZH = {
    "yuan": "元",
    "person": "人",
    "person_time": "人次",
    "household": "户",
    "project": "个项目",
    "village": "个村",
    "township": "个乡镇（街道）",
    "county": "个县（市、区）",
    "city": "个市（州）",
    "province": "个省（区、市）",
    "school": "所学校",
    "enterprise": "家企业",
    "organisation": "家机构",
    "department": "个部门",
    "cooperative": "家合作社",
    "batch": "批",
    "class": "期",
    "item": "个",
    "technology": "项技术",
    "visit": "次互访",
    "meeting": "次会议",
    "event": "场活动",
    "edition": "届",
    "measure": "条",
    "report": "篇",
    "mu": "亩",
    "km2": "平方公里",
    "km": "公里",
    "percent": "%",
    "times": "倍",
    "plant": "株",
    "animal": "头",
    "piece": "个",
    "building": "栋",
    "room": "间",
    "station": "个站点",
    "position": "个岗位",
    "category": "类",
    "hour": "小时",
    "rank": "名",  # 第3名; a range from the top, 前3 (among the top three)
    "year": "年",
}

# The words each qualifier (data/reference/vocabulary.yml `qualifiers`) is written with, by where
# they stand: before the number (近1.3万人), after it (1.3万余人, 80余万元), or after the unit
# (3000万元以上). A fact keeps the word its source used (its `number_text`); a fact whose source
# text names none gets the first word listed. 近 is "nearly" (short of the number), never 约.
QUALIFIER_WORDS_ZH = {
    "exact": (),
    "over": ("余", "多", "超过", "超", "逾", "以上"),
    "nearly": ("近", "将近", "接近"),
    "about": ("约", "大约", "大概", "左右", "来"),
    "under": ("不足", "不到", "以内", "以下"),
    "range": (),
}
_BEFORE = {"超过", "超", "逾", "近", "将近", "接近", "约", "大约", "大概", "不足", "不到"}
_AFTER_NUMBER = {"余", "多", "来"}  # 1.3万余人 or 80余万元, as the source placed it
_AFTER_UNIT = {"以上", "左右", "以内", "以下"}

NUMBER_MISSING_ZH = "原文缺数字"


def _decimal(value: float) -> Decimal:
    """A stored value as an exact decimal (27.55亿 is 2755000000, never 2754999999.9999998)."""
    return Decimal(repr(float(value)))


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def magnitude_zh(value: float, unit: str, number_text: str = "") -> str:
    """'亿', '万' or '': the source's own (its number_text says 亿 or 万); for an amount of money
    whose source text is not at hand, 亿 from 100 million and 万 from 10,000 ('1.26亿元', '1.2万元');
    other counts without the source's 万 are written in full ('86300人', '22896人')."""
    for mark in ("亿", "万"):
        if mark in number_text and abs(value) >= _MAGNITUDES[mark]:
            return mark
    if number_text.strip() or unit != "yuan":
        return ""
    return next((mark for mark, size in _MAGNITUDES.items() if abs(value) >= size), "")


def number_zh(value: float, unit: str = "", number_text: str = "", magnitude: str | None = None) -> str:
    """The number alone, Chinese style, with as many decimals as it has (never rounded): 126000000
    yuan -> '1.26亿'; 1955000 yuan from '195.5万元' -> '195.5万'; 86300 from '8.63万人' -> '8.63万';
    86300 from '86300人' -> '86300'; 97.64 percent -> '97.64'. No thousands separator."""
    if value is None or value != value:
        return NUMBER_MISSING_ZH
    mark = magnitude_zh(value, unit, number_text) if magnitude is None else magnitude
    scaled = _decimal(value) / _MAGNITUDES[mark] if mark else _decimal(value)
    return _plain(scaled) + mark


def qualifier_word_zh(qualifier: str, number_text: str = "") -> str:
    """The word a qualifier is written with: the source's, where its number text has one of the
    qualifier's words ('4万余元' -> '余', '2000万以上' -> '以上', '十几户' -> '多'), else the
    qualifier's first word ('余', '近', '约', '不足'); '' for exact and range. A source's 近…余
    ('近30余名', which reads as about) is written 约."""
    words = QUALIFIER_WORDS_ZH.get(qualifier)
    if words is None:
        raise KeyError(f"qualifier {qualifier!r} has no Chinese words in eastwest.reader.wording_zh.QUALIFIER_WORDS_ZH")
    if not words:
        return ""
    text = number_text.replace("几", "多")
    found = [word for word in sorted(words, key=len, reverse=True) if word in text]
    if qualifier == "about":  # 来 is 'about' only right after a number (30来人), not in 以来
        found = [w for w in found if w != "来" or re.search(r"[\d十百千万亿]来", text)]
    return found[0] if found else words[0]


def unit_text_zh(unit: str) -> str:
    """A unit's Chinese word ('人', '个项目', '元', '%'); a unit with none is an error, never a
    bare number."""
    if unit not in UNIT_WORDS_ZH:
        raise KeyError(f"unit {unit!r} has no Chinese word; add it to eastwest.reader.wording_zh.UNIT_WORDS_ZH")
    return UNIT_WORDS_ZH[unit]


def unit_word_zh(row) -> str:
    """The word after a fact's number: the source's own measure word and noun where the unit's word
    would only name a kind (eastwest.reader.counters_zh), else its unit's (unit_text_zh)."""
    return counters_zh.source_unit_word_zh(row) or unit_text_zh(row["unit"])


def value_text_zh(row, with_unit: bool = True) -> str:
    """A fact's value as a Chinese reader reads it, its qualifier kept in the source's word and
    place: '1.26亿元', '260余人', '4万余元', '80余万元', '近45亿元', '约30人', '1.2亿元左右',
    '3000万元以上', '超40%', '2—3元', '4—8倍', '前3名', '第2名'; '原文缺数字' for a number the source lost."""
    if pd.isna(row["value"]):
        return NUMBER_MISSING_ZH
    unit, source = row["unit"], str(row.get("number_text") or "")
    if source == "nan":
        source = ""
    high = None if pd.isna(row.get("value_high")) else row["value_high"]
    word = unit_word_zh(row) if with_unit else ""
    if unit == "rank":
        if row["qualifier"] == "range" and high is not None and row["value"] == 1:
            return f"前{number_zh(high, unit)}" + word
        low = number_zh(row["value"], unit) + (DASH + number_zh(high, unit) if high is not None else "")
        return f"第{low}{word}"
    mark = magnitude_zh(max(row["value"], high or 0), unit, source)
    low = number_zh(row["value"], unit, magnitude=mark).removesuffix(mark)
    if row["qualifier"] == "range" and high is not None:
        low += DASH + number_zh(high, unit, magnitude=mark).removesuffix(mark)
    qualifier = qualifier_word_zh(row["qualifier"], source)
    if unit == "percent" and qualifier in _AFTER_NUMBER and qualifier not in source:
        qualifier = "超"  # 超40%, not 40%余, where the source's own word is not at hand
    if qualifier in _AFTER_NUMBER:
        if unit == "percent":  # 十分之一多: 10%多
            return f"{low}{word}{qualifier}"
        after_mark = bool(mark) and f"{mark}{qualifier}" in source
        return (f"{low}{mark}{qualifier}" if after_mark or not mark else f"{low}{qualifier}{mark}") + word
    if qualifier in _AFTER_UNIT:
        return f"{low}{mark}{word}{qualifier}"
    return f"{qualifier}{low}{mark}{word}"


# --- Statuses, themes, relationships ----------------------------------------------------------------

# What a fact that is not a result is (data/reference/vocabulary.yml `statuses`), said before its
# value wherever a fact stands on its own: a plan, a forecast or a yearly quota never reads as done.
STATUS_WORDS_ZH = {"planned": "计划", "expected": "预计", "target": "目标", "quota": "每年定额"}
RULE_WORD_ZH = "规定比例"  # a quota that is a share assigned by rule (622分红), not a yearly amount


def status_text_zh(row) -> str:
    """'计划', '预计', '目标', '每年定额' ('规定比例' for a share assigned by rule); '' for an
    achieved fact. A status without a Chinese word here is an error, never silence."""
    if row["status"] == "achieved":
        return ""
    if row["status"] == "quota" and row.get("unit") == "percent":
        return RULE_WORD_ZH
    if row["status"] not in STATUS_WORDS_ZH:
        raise KeyError(f"status {row['status']!r} has no Chinese word in eastwest.reader.wording_zh.STATUS_WORDS_ZH")
    return STATUS_WORDS_ZH[row["status"]]


def what_counted_zh(row) -> str:
    """What a fact counts, for a Chinese reader: its own Chinese description (the dataset's
    description_zh), else its indicator's Chinese name, else its theme's."""
    for column in ("what_zh", "description_zh", "indicator_zh"):
        text = str(row.get(column) or "")
        if text and text != "nan":
            return text
    return THEME_LABELS_ZH.get(row.get("theme", ""), "")


def value_with_status_zh(row) -> str:
    """The value with its status word before it: '计划1.2亿元左右', '预计3000万元以上', '每年定额10人',
    '2.4亿元' (achieved); '计划：原文缺数字' for a plan whose number the source lost."""
    status = status_text_zh(row)
    if status and pd.isna(row["value"]):
        return f"{status}：{NUMBER_MISSING_ZH}"
    return status + value_text_zh(row)


THEME_LABELS_ZH = {
    "industry": "产业合作",
    "talent": "人才交流",
    "labour": "劳务协作",
    "consumption": "消费扶贫",
    "pairing": "结对关系",
    "social": "社会帮扶",
    "outcome": "脱贫成效",
    "context": "背景",
}

THEME_SHORT_ZH = {
    "industry": "产业",
    "talent": "人才",
    "labour": "劳务",
    "consumption": "消费",
    "pairing": "结对",
    "social": "社会帮扶",
    "outcome": "成效",
    "context": "背景",
}

BACKGROUND_ZH = "不属于单一结对"


def background_label_zh(named: str) -> str:
    """'张家港（不属于单一结对）' — a figure naming a helper but no one pairing (its 260 cadres sent
    since 1995, to many places); '不属于单一结对' where it names no helper."""
    return f"{named}（不属于单一结对）" if named else BACKGROUND_ZH


RELATIONSHIP_SHORT_ZH = {
    "east_west_cooperation": "东西部扶贫协作",
    "north_south_linkage": "南北挂钩（江苏省内）",
    "xinjiang_aid": "对口援疆",
    "tibet_aid": "对口援藏（藏区县）",
    "counterpart_assistance": "对口帮扶",
}

DIRECTION_WORDS_ZH = {"east_to_west": "帮扶方→受援方", "west_to_east": "受援方→帮扶方", "both": "双向", "none": ""}


# --- Periods ---------------------------------------------------------------------------------------

# A fact's scope (data/reference/vocabulary.yml `scopes`) as a Chinese reader reads it.
SCOPE_WORDS_ZH = {
    "cumulative": "累计",
    "annual": "年度",
    "event": "单次",
    "stock": "时点数",
    "period_total": "期间合计",
    "recurring": "每年",
}

# The marks a displayed period carries, said of its time, never of the number: one wording for an
# inferred period everywhere ('2019年11月（时间为推断）'), and a year the source lost.
PERIOD_MARKS_ZH = {"period_inferred": "时间为推断", "year_missing_in_source": "原文缺年份"}
DATE_NOT_GIVEN_ZH = "未注明日期"
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _parts(date: str) -> tuple[str, ...]:
    match = _ISO.match(date)
    if not match:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {date!r}")
    return tuple(str(int(p)) if i else p for i, p in enumerate(match.groups()) if p)


def date_zh(date: str) -> str:
    """'2021' -> '2021年'; '2021-02' -> '2021年2月'; '2019-11-20' -> '2019年11月20日'."""
    return "".join(part + mark for part, mark in zip(_parts(date), "年月日"))


def span_text_zh(period: str) -> str:
    """A period Chinese style: '2021-02' -> '2021年2月'; '2016/2017' -> '2016—2017年';
    '2023-01/2023-10' -> '2023年1—10月'; '2017-03/2021-02' -> '2017年3月至2021年2月';
    '2020-11-22/2020-11-24' -> '2020年11月22日至24日'; '/2021-02' -> '截至2021年2月';
    '2018-05/' -> '2018年5月起'; 'unknown' -> '未注明日期'."""
    if not period or period == "unknown":
        return DATE_NOT_GIVEN_ZH
    if "/" not in period:
        return date_zh(period)
    start, end = period.split("/", 1)
    if not start or not end:
        return f"截至{date_zh(end)}" if end else f"{date_zh(start)}起"
    first, last = _parts(start), _parts(end)
    if first == last:
        return date_zh(start)
    if len(first) == len(last) == 1:
        return f"{first[0]}{DASH}{last[0]}年"
    if len(first) == len(last) == 2 and first[0] == last[0]:
        return f"{first[0]}年{first[1]}{DASH}{last[1]}月"
    if len(first) == len(last) == 3 and first[0] == last[0]:
        tail = f"{last[2]}日" if first[1] == last[1] else f"{last[1]}月{last[2]}日"
        return f"{date_zh(start)}至{tail}"
    return f"{date_zh(start)}至{date_zh(end)}"


def mark_period_zh(text: str, flags) -> str:
    """A displayed period with its caveats: '2019年11月（时间为推断）', '2019年11月20日（原文缺年份）',
    both '…（时间为推断；原文缺年份）'. `flags` is a fact's flag list or its ';'-separated text."""
    if isinstance(flags, str):
        flags = flags.split(";")
    notes = [PERIOD_MARKS_ZH[flag] for flag in PERIOD_MARKS_ZH if flag in flags]
    return f"{text}（{'；'.join(notes)}）" if notes else text


def _flags(row) -> list[str]:
    flags = row.get("flag_list")
    if flags is None or (not isinstance(flags, list) and pd.isna(flags)):
        flags = "" if pd.isna(row.get("flags", "")) else str(row.get("flags") or "")
    return flags.split(";") if isinstance(flags, str) else list(flags)


def period_text_zh(row) -> str:
    """A fact's period for tables and labels, with its marks: '2017年3月至2021年2月（时间为推断）'."""
    return mark_period_zh(span_text_zh(row["period"]), _flags(row))


def period_label_zh(period: str, scope: str, flags) -> str:
    """A period with its scope: '2017年3月至2021年2月累计', '截至2021年2月累计', '2018年度',
    '2016—2017年合计', '每年，自2018年5月起', with the marks of mark_period_zh. `flags` is required,
    so that no chart shows an inferred date bare."""
    start, _, end = period.partition("/")
    if not period or period == "unknown":
        text = DATE_NOT_GIVEN_ZH
    elif scope == "cumulative":
        text = span_text_zh(period) + SCOPE_WORDS_ZH["cumulative"]
    elif scope == "period_total":
        text = span_text_zh(period) + "合计"
    elif scope == "annual":  # the year's figure, which a report in May may give (2018年度, not 2018年全年)
        span = span_text_zh(period)
        text = span + "度" if span.endswith("年") else f"{span}（{SCOPE_WORDS_ZH['annual']}）"
    elif scope == "recurring":
        text = "每年" + (f"，自{date_zh(start)}起" if start else f"，截至{date_zh(end)}" if end else "")
    else:
        text = span_text_zh(period)
    return mark_period_zh(text, flags)


def when_text_zh(row) -> str:
    """When a fact holds, with its scope: '2017年3月至2021年2月累计', '2018年度', '2016—2017年合计',
    '每年，自2019年11月起', '2017年9月（时间为推断），一批' (a group sent), '截至2019年3月，在岗'
    (people in post, the only facts shown at one date with it)."""
    flags = _flags(row)
    if row["scope"] == "event":
        return f"{mark_period_zh(span_text_zh(row['period']), flags)}，一批"
    if row["scope"] == "stock":
        return f"{mark_period_zh(span_text_zh(row['period']), flags)}，在岗"
    return period_label_zh(row["period"], row["scope"], flags)


def start_text_zh(pairing) -> str:
    """When a pairing began: '自2017年3月起'; a start sentence that kept its month but lost its year
    '自某年10月起（原文缺年份）'; one that lost its whole date '起始日期在资料中脱漏'; '资料未注明起始时间'."""
    flags = [f for f in str(pairing.get("start_flags", "") or "").split(";") if f]
    if pairing["start_date"]:
        return mark_period_zh(f"自{date_zh(pairing['start_date'])}起", flags)
    if "year_missing_in_source" in flags:
        month = re.search(r"(?<![\d年])(\d{1,2})月", str(pairing.get("start_quote") or ""))
        return f"自某年{int(month.group(1))}月起（原文缺年份）" if month else "起始日期在资料中脱漏"
    return "资料未注明起始时间"


# --- Names, sources and the furniture of the chapters' outputs (eastwest.pages) -------------------

_AUTONOMOUS_ZH = re.compile(r"自治(?:县|州|区|旗)$")
# The peoples an autonomous area's name ends with, cut one by one ('黔东南苗族侗族' -> '黔东南').
_PEOPLES_ZH = re.compile(
    r"(?:土家|苗|侗|藏|彝|回|壮|布依|蒙古|羌|仡佬|满|朝鲜|瑶|白|傣|黎|畲|水|哈尼|傈僳|纳西|景颇|土|撒拉|裕固|东乡|保安|"
    r"毛南|仫佬|达斡尔|鄂温克|鄂伦春|锡伯|哈萨克|柯尔克孜|塔吉克|维吾尔|拉祜|佤|普米|怒|独龙|基诺|德昂|布朗|阿昌|京|赫哲|俄罗斯|乌孜别克|塔塔尔|门巴|珞巴)族?$"
)
_LEVEL_ZH = re.compile(r"(?:省|市|县|区|州)$")
LIST_MARK_ZH = "、"
ARROW_ZH = "→"


def short_place_zh(name_zh: str, level: str = "county") -> str:
    """A place as a Chinese report names it in running text: '沿河土家族自治县' -> '沿河', '张家港市' ->
    '张家港', '甘孜藏族自治州' -> '甘孜', '江苏省' -> '江苏'; a town or village keeps its whole
    name ('张浦镇', '善港村'), and a name the cut would leave one character long stays whole."""
    if level in ("township", "village", "country") or not name_zh:
        return name_zh
    cut = _AUTONOMOUS_ZH.sub("", name_zh)
    if cut != name_zh:
        while _PEOPLES_ZH.search(cut) and len(_PEOPLES_ZH.sub("", cut)) >= 2:
            cut = _PEOPLES_ZH.sub("", cut)
        return cut if len(cut) >= 2 else name_zh
    cut = _LEVEL_ZH.sub("", name_zh)
    return cut if len(cut) >= 2 else name_zh


def in_words_zh(names) -> str:
    """'沿河', '巩留、沿河': names listed Chinese style."""
    return LIST_MARK_ZH.join(n for n in names if n)


def pairing_label_zh(east: str, west: str) -> str:
    """'张家港→沿河'; one side only: that side; neither: '—'."""
    return f"{east}{ARROW_ZH}{west}" if east and west else (east or west or "—")


# One figure a sentence gives for several places together: reported jointly, never a sum.
TOGETHER_ZH = "（合并报道）"


def group_label_zh(easts, wests) -> str:
    """One figure for several places together: '张家港→巩留、沿河（合并报道）'."""
    return ARROW_ZH.join(in_words_zh(side) for side in (easts, wests) if in_words_zh(side)) + TOGETHER_ZH


def city_name_zh(name_zh: str) -> str:
    """A helper credited at the city level above the pairing's district, by its full name ('苏州市')."""
    return name_zh


def human_zh(value: float, unit: str = "") -> str:
    """A number the book computes, Chinese style: money in 元, 万元 or 亿元 to the nearest hundred yuan
    ('1.2万元' is never written: below 10万 in full, '86300元'; '195.5万元'; '1.2345亿元'); counts as
    digits; '无' when there is none."""
    if value is None or value != value:
        return "无"
    if unit == "yuan":
        if abs(value) >= 1e8:
            return _plain(Decimal(f"{value / 1e8:.6f}")) + "亿元"
        if abs(value) >= 1e5:
            return _plain(Decimal(f"{value / 1e4:.2f}")) + "万元"
        return f"{value:.0f}元"
    if unit == "percent":
        return _plain(Decimal(repr(float(value)))) + "%"
    if float(value).is_integer():
        return str(int(value))
    return _plain(Decimal(f"{value:.2f}"))


def times_zh(ratio: float) -> str:
    """'3.1倍': a ratio to one decimal."""
    return f"{ratio:.1f}倍"
