"""What a Chinese chart says that eastwest.reader.wording_zh does not: places and pairings by their
Chinese names (data/places.csv `name_zh`, shortened as a Chinese report writes them: 沿河土家族自治县 ->
沿河, 张家港市 -> 张家港), a fact's programme ('张家港→沿河', '张家港（不属于单一结对）'), a source
by its outlet and date ('荔枝网，2021年2月27日'), and what a fact counts (its indicator's Chinese
label, data/indicators.csv `label_zh`, and the clause of its source sentence that holds the number).
Every word comes from the dataset or from this module's few fixed phrases; nothing is translated by
guess. An English name with no Chinese name in data/ stays as it is (tests/test_figures_zh.py then
fails on the Latin letters, naming the chart)."""

from __future__ import annotations

import functools
import re

import pandas as pd

from eastwest.dataset import load
from eastwest.reader import languages, source_names_zh, wording, wording_zh

# China's peoples as the names of autonomous units write them (土家族, 维吾尔), longest first, so that
# '沿河土家族自治县' reads '沿河' and '积石山保安族东乡族撒拉族自治县' '积石山'.
PEOPLES_ZH = sorted(
    [
        "阿昌",
        "白",
        "保安",
        "布朗",
        "布依",
        "朝鲜",
        "达斡尔",
        "傣",
        "德昂",
        "东乡",
        "侗",
        "独龙",
        "俄罗斯",
        "鄂伦春",
        "鄂温克",
        "高山",
        "仡佬",
        "哈尼",
        "哈萨克",
        "汉",
        "赫哲",
        "回",
        "基诺",
        "京",
        "景颇",
        "柯尔克孜",
        "拉祜",
        "黎",
        "傈僳",
        "珞巴",
        "满",
        "毛南",
        "门巴",
        "蒙古",
        "苗",
        "仫佬",
        "纳西",
        "怒",
        "普米",
        "羌",
        "撒拉",
        "畲",
        "水",
        "塔吉克",
        "塔塔尔",
        "土",
        "土家",
        "佤",
        "维吾尔",
        "乌孜别克",
        "锡伯",
        "瑶",
        "彝",
        "裕固",
        "藏",
        "壮",
    ],
    key=len,
    reverse=True,
)
_PEOPLE_ZH = "(?:(?:" + "|".join(PEOPLES_ZH) + ")族|维吾尔)"  # 新疆维吾尔自治区 alone drops 族
_ETHNIC = re.compile(rf"(?:{_PEOPLE_ZH}[、和]?)+自治(?:县|州|区|旗)$")
_LEVEL = re.compile(r"(?<=..)(?:省|市|县|区)$")


def short_zh(name: str) -> str:
    """A place's Chinese name as a report shortens it: '沿河土家族自治县' -> '沿河', '新疆维吾尔自治区' ->
    '新疆', '张家港市' -> '张家港', '碧江区' -> '碧江'; a town or village keeps its 镇/乡/村."""
    short = re.sub(r"自治(?:县|州|区|旗)$", "", _ETHNIC.sub("", name))
    return short if short != name else _LEVEL.sub("", name)


@functools.lru_cache(maxsize=4)
def _place_names(_key: int = 0) -> dict[str, str]:
    """English names as the English labels write them -> Chinese short names."""
    names: dict[str, str] = {}
    for row in load.places().itertuples():
        zh = short_zh(str(row.name_zh))
        english = str(row.name_en)
        for form in (english, english.split(" (")[0], wording.short_name(english)):
            names.setdefault(form, zh)
    return names


def place_zh(name: str) -> str:
    """An English place name (as wording.short_name writes it) in Chinese; itself if data/ has none."""
    names = _place_names()
    if name.endswith(" (city)"):
        base = name.removesuffix(" (city)")
        return names.get(base, base) + ("市" if base in names else "")
    return names.get(name, name)


def _side_zh(side: str) -> str:
    """'Yutian, Maiji and Jingtai' -> '于田、麦积、景泰'."""
    parts = re.split(r", and |, | and ", side)
    return "、".join(place_zh(p.strip()) for p in parts if p.strip())


def programme_zh(label: str) -> str:
    """A fact's programme label (eastwest.dataset.attribution) in Chinese: 'Zhangjiagang → Yanhe' ->
    '张家港→沿河'; 'Xiqing → Yutian and Maiji, together' -> '西青→于田、麦积（合并报道）';
    'Background: Zhangjiagang (no single pairing)' -> '张家港（不属于单一结对）'."""
    if not label:
        return ""
    if label == wording.BACKGROUND:
        return wording_zh.BACKGROUND_ZH
    if label.startswith("Background: ") and label.endswith(" (no single pairing)"):
        named = label.removeprefix("Background: ").removesuffix(" (no single pairing)")
        return wording_zh.background_label_zh(_side_zh(named))
    together = label.endswith(", together")
    east, west = wording.label_ends(label)
    text = "→".join(_side_zh(side) for side in (east, west) if side)
    return text + (wording_zh.TOGETHER_ZH if together else "")


def pairing_zh(east: str, west: str) -> str:
    """A pairing by its places' ids: '张家港→沿河'."""
    table = load.places().set_index("id")["name_zh"]
    return "→".join(short_zh(str(table.get(p, p))) for p in (east, west))


def source_label_zh(source) -> str:
    """A source as every Chinese page names it (source_names_zh.source_label_zh)."""
    return source_names_zh.source_label_zh(source)


@functools.lru_cache(maxsize=4)
def _source_labels(_key: int = 0) -> dict[str, str]:
    return {str(s["source_id"]): source_label_zh(s) for s in load.sources().to_dict("records")}


def source_of(row) -> str:
    """The Chinese label of the source of a fact (a row with source_id); its English label where the
    source is not in data/sources.csv (a test's made-up fact)."""
    labels = _source_labels()
    return labels.get(str(row["source_id"]), str(row.get("source_label", row["source_id"])))


_CLAUSE_END = "，。；：！？,;\n"


def clause_zh(row) -> str:
    """The clause of the fact's source sentence that holds its number ('累计销售沿河农特产品1.2亿元'),
    from the quote and the number's place in it; '' when the fact does not say where its number is."""
    quote = str(row.get("quote") or "")
    number_text = str(row.get("number_text") or "")
    if not quote or not number_text or number_text == "nan":
        return ""
    at = quote.find(number_text)
    if at < 0:
        return ""
    start = max(quote.rfind(c, 0, at) for c in _CLAUSE_END) + 1
    ends = [i for i in (quote.find(c, at + len(number_text)) for c in _CLAUSE_END) if i >= 0]
    clause = quote[start : min(ends) if ends else len(quote)].strip(" “”\"'")
    return clause.replace("“", "‘").replace("”", "’")  # quoted again by the label: its own quotes go single


def what_zh(row, clause: bool = True) -> str:
    """What a fact counts, for a bar's label: its indicator's Chinese name, and the source's own
    clause ('帮助销售农特产品：“为巩留县‘带货’超3000万元”'); with `clause` False, the clause only
    where the fact has a breakdown (what the indicator's name alone does not say)."""
    label = str(row.get("indicator_zh") or "")
    said = clause_zh(row) if clause or str(row.get("breakdown") or "") else ""
    return f"{label}：“{said}”" if said and label else label or said


# The purposes aid is split into, by the poverty campaign's own headings (两不愁三保障 and the rest);
# a breakdown not here is shown by its source's words (breakdown_zh).
BREAKDOWN_ZH = {
    "industrial development": "产业发展",
    "housing safety": "住房安全保障",
    "village infrastructure": "贫困村基础设施",
    "basic medical care": "基本医疗保障",
    "compulsory education": "义务教育保障",
    "other": "其他",
    "teachers": "教师",
    "helping side": "帮扶方",
    "receiving side": "受援方",
    "east to west": "东部到西部",
    "west to east": "西部到东部",
}


def breakdown_zh(row) -> str:
    """A fact's breakdown in Chinese: the campaign's own term where BREAKDOWN_ZH has it, else the
    source's words that hold the number (“…”), else the indicator's Chinese name."""
    breakdown = str(row.get("breakdown") or "")
    if breakdown in BREAKDOWN_ZH:
        return BREAKDOWN_ZH[breakdown]
    said = clause_zh(row)
    return f"“{said}”" if said else str(row.get("indicator_zh") or "")


def kind_zh(row) -> str:
    """What a fact counts in a label that says its pairing and period elsewhere: the indicator's
    Chinese name, with the source's clause where the fact has a breakdown."""
    return what_zh(row, clause=False)


def value_zh(row, with_unit: bool = True, status: bool = True) -> str:
    """A fact's value in Chinese ('260余人', '1.26亿元') with its status word before it when it is
    not a result ('计划1.2亿元'), unless `status` is False."""
    row = row if isinstance(row, dict | pd.Series) else row._asdict()
    text = wording_zh.value_text_zh(row, with_unit=with_unit)
    return (wording_zh.status_text_zh(row) if status else "") + text


def chinese() -> bool:
    """Whether the chart being drawn is the Chinese one (eastwest.reader.languages.in_language)."""
    return languages.current() == languages.CHINESE
