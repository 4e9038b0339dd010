"""The Chinese words of the generated pages (sources, pairings, data, quality, explorer): the
furniture a Chinese reader sees around the facts, and the Chinese names of sources, places and
pairings, taken from the data (a place's 中文名, an outlet's Chinese name), never translated here.

Values, periods, statuses and themes are worded by eastwest.reader.wording_zh; this module adds
what only the pages say. A free text the data holds only in English (a fact's description, a
source's reliability note) is not translated: the pages show the verbatim Chinese quote or the
indicator's Chinese name instead, and say that the note is on the English page."""

from __future__ import annotations

import re
from html import escape

import pandas as pd

from eastwest.reader.source_names_zh import (  # noqa: F401 (the pages' names for them)
    GENRE_ZH,
    outlet_label_zh,
    outlet_zh,
    source_date_zh,
    source_label_zh,
)
from eastwest.reader.wording_zh import (
    BACKGROUND_ZH,
    DIRECTION_WORDS_ZH,
    TOGETHER_ZH,
    background_label_zh,
)

_HAN = re.compile(r"[\u3400-\u9fff]")

GARBLED_MARK_ZH = "[乱码]"  # where the cleaned text marks a garbled run ("[garbled]", eastwest.sources.cleaning)
DATE_STATUS_ZH = {"as_given": "页面所载日期", "repost_date": "转载日期", "undated": "未注明日期", "estimated": "推断日期"}
SCRIPT_ZH = {"simplified": "简体", "traditional": "繁体"}
LEVEL_ZH = {
    "country": "全国",
    "province": "省级",
    "prefecture": "地级",
    "county": "县级",
    "township": "乡镇级",
    "village": "村级",
}
THEME_HEADINGS_ZH = {"industry": "产业合作与帮扶资金"}
COUNTER = "条"  # 33条数据


def has_han(text: str) -> bool:
    return bool(_HAN.search(str(text or "")))


def outlet_html_zh(outlet: str, genre: str = "") -> str:
    """The outlet for a Chinese table (source_names_zh.outlet_label_zh), escaped."""
    return escape(outlet_label_zh(outlet, genre))


def author_zh(author: str) -> str:
    """The author's Chinese name ('施志鹄 (Shi Zhihu), …' -> '施志鹄'), read as an outlet's is; '未署名'
    where none is given."""
    return outlet_zh(author) or "未署名"


def place_short_zh(place) -> str:
    """A place as a pairing's label names it: a county or city by its short name (张家港, 沿河), a
    town or village by its full name (善港村)."""
    name = str(place["name_zh"] or "")
    if place["level"] in ("village", "township"):
        return name
    short = re.sub(r"(土家族苗族自治县|土家族自治县|苗族自治县|自治县|市|县|区|省|自治区)$", "", name)
    return short if len(short) >= 2 else name


def pairing_label_zh(pairing, places: pd.DataFrame) -> str:
    """'张家港→沿河' from the places' Chinese names (`places` indexed by id)."""
    return f"{place_short_zh(places.loc[pairing['east']])}→{place_short_zh(places.loc[pairing['west']])}"


def _names(ids: str, places: pd.DataFrame) -> list[str]:
    return [place_short_zh(places.loc[i]) for i in str(ids or "").split(";") if i and i in places.index]


def programme_label_zh(fact, pairings: pd.DataFrame, places: pd.DataFrame) -> str:
    """Whose figure a fact is, in Chinese, from the same attributes as its English label: a pairing
    ('张家港→沿河'), several pairings' one figure ('张家港→巩留、沿河（合并报道）'), a helper credited
    at another level ('苏州→沿河'), or background ('张家港（不属于单一结对）')."""
    programme = str(fact["programme"] or "")
    ends = {str(p): (str(e), str(w)) for p, e, w in zip(pairings["pairing_id"], pairings["east"], pairings["west"])}
    easts, wests = _names(fact["east"], places), _names(fact["west"], places)
    if not programme:
        named = "、".join(easts) if easts and not wests else ""
        return background_label_zh(named) if named else BACKGROUND_ZH
    if "+" in programme:
        members = [unit.split(">")[-1] for unit in programme.split("+")]
        easts = easts or list(dict.fromkeys(place_short_zh(places.loc[ends[m][0]]) for m in members))
        wests = wests or list(dict.fromkeys(place_short_zh(places.loc[ends[m][1]]) for m in members))
        return f"{'、'.join(easts)}→{'、'.join(wests)}{TOGETHER_ZH}"
    if ">" in programme:
        east, pid = programme.split(">", 1)
        west = wests[0] if wests else place_short_zh(places.loc[ends[pid][1]])
        return f"{places.loc[east]['name_zh']}→{west}"
    return pairing_label_zh({"east": ends[programme][0], "west": ends[programme][1]}, places)


def facts_count_zh(n: int) -> str:
    return f"{n}{COUNTER}数据"


def highlighted_count_zh(facts: int, nested: int) -> str:
    """'下文标出33条数据'；有数据落在另一条的标注之内时：'共13条数据，下文标出12条，另1条标在其他标注之内'。"""
    if not nested:
        return f"下文标出{facts}条数据"
    return f"共{facts}条数据，下文标出{facts - nested}条，另{nested}条标在其他标注之内"


BACK_TO_USE_ZH = "返回引用此数字之处：{chapter}"


# --- The data page ---------------------------------------------------------------------------------

# What each column of data/facts.csv holds (eastwest.dataset.schema.FACT_COLUMNS), for the Chinese
# data dictionary; a column the schema gains without a line here fails tests/test_pages_zh.py.
FACT_COLUMNS_ZH = {
    "fact_id": "数据编号，稳定且唯一：资料编号前缀加标注者所取的简称",
    "source_id": "资料编号，即原始文件名（见 data/sources.csv）",
    "theme": "主题（产业、人才、劳务、消费、结对、社会帮扶、成效、背景之一）",
    "indicator": "统计的指标：指标词表中的代码（data/reference/indicators.yml）",
    "breakdown": "数据所计的分项或一方；数据为整体时为空（英文）",
    "description": "一句英文说明（英文版所用）",
    "description_zh": "一句中文说明：数字所计为何（不含数值和时间），中文版所用；尚未撰写时为空，中文版以指标中文名代替",
    "east": "帮扶方地点代码（data/places.csv）；不适用时为空；原句合并给出几个地点的数字时，各代码以分号连接",
    "west": "受援方地点代码；不适用时为空；多个代码同上以分号连接",
    "value": "规范化数值（万 = 10⁴，亿 = 10⁸，百分比记百分号前的数）；仅在原文缺数字时为空",
    "value_high": "区间的上限；其他情况为空",
    "unit": "受控单位（见下文单位表）",
    "qualifier": "限定词：确数、余（多、超）、近（将近、接近：略少于）、约（左右：上下均可）、不足、区间",
    "status": "状态：已实现、计划、预计、目标或每年定额；计划数从不当作已实现",
    "period": "时间：年、年-月、年-月-日，或“起/止”区间（任一端可空：/年-月 为截至某日，年/ 为自某日起），或 unknown（未注明）",
    "scope": "口径：累计、年度、单次、时点数、期间合计或每年",
    "quote": "清理后文本中的原句片段，逐字照录，说明数字所计为何",
    "number_text": "原句中数字的写法",
    "quote_start": "原句在 data/clean/<source_id>.txt 中的起始字符位置",
    "quote_end": "原句结束后的字符位置",
    "number_start": "数字在清理后文本中的起始字符位置",
    "number_end": "数字结束后的字符位置",
    "flags": "以分号分隔的标记（原文缺数字、原文缺年份、计划等）",
}

# Why a numeric mention is not a fact (data/reference/vocabulary.yml `exclusion_reasons`).
EXCLUSION_ZH = {
    "date": "日期、月份、日或年份",
    "clock_time": "钟点时间",
    "age": "人的年龄",
    "duration": "时长（三个月、两年多来、1个月以上）",
    "ordinal": "序数或届次（第十五届、首个、第八批）",
    "label": "含数字的口号、名称或标签（五位一体、三个全覆盖、十三五）",
    "idiom": "成语或固定说法中的数字（千山万水、一对一）",
    "article": "泛指的“一”（如“一批”“一支队伍”），并非计数",
    "anecdote": "关于某个人日常生活的数字，与帮扶工作无关（一天能挣80元）",
    "part_of_fact": "已收入某条数据的数字的一部分（同一数量的第二个单位）",
    "not_a_quantity": "其他不计数的数字（电话号码、型号、热线号码）",
}

FLAG_ZH = {
    "number_missing_in_source": "原文缺数字：原句丢失了数字，数值为空",
    "year_missing_in_source": "原文缺年份：原文有月份或“以来”，但年份被删去",
    "period_inferred": "时间为推断：时间由文章（推断的）日期得出，而非原句所载",
    "garbled_nearby": "同一句中有乱码",
    "planned": "未完成：计划、预计或目标（由状态自动设定）",
    "part_of_total": "同一资料中另一条数据的组成部分（分项）",
    "claim_unverified": "资料对自身所称的“全国首个”之类说法",
    "approximate_duplicate": "另一篇资料给出同一数量，但数值或日期不同",
}

DIRECTION_ZH = {**DIRECTION_WORDS_ZH, "none": "—"}  # a table cell is never empty

# What an input file on the data page holds, where its name does not say (as wording.INPUT_FILE_NOTES).
INPUT_FILE_NOTES_ZH = {
    "reference/national_context.csv": "来自原文以外的全国和地区数字，仅用作各章背景（各注明媒体与来源性质，有日期的注明日期）",
    "editions/": "各版报告发布的数据，留作下一版更新说明比较之用",
}


def file_size_zh(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} kB"


# What each comparability class of data/reference/indicators.yml groups, for the Chinese data page;
# a class the vocabulary gains without words here fails tests/test_pages_zh.py.
COMPARABILITY_ZH = {
    "aid_money": "帮扶方政府为受援方项目提供的资金",
    "enterprise_money": "企业和金融机构的资金：到位或签约投资、信贷与融资租赁",
    "charity_money": "捐款捐物和助学资金",
    "sales_money": "购买或销售受援方产品的金额",
    "projects": "资助或引进的项目",
    "cadres_moved": "选派到对方挂职的党政干部",
    "professionals_moved": "派出或接收的专业技术人才（教师、医生、专家）和干部",
    "exchange_visits": "双方之间的互访和考察",
    "training": "培训班次及参训人员",
    "jobs": "实现就业或创业的人员",
    "job_fair": "招聘会的各个环节：用人单位、岗位、到场人数、登记和签约意向",
    "pairing_links": "双方相互结对的单位",
    "local_reach": "项目惠及的受援方人口、农户、村和土地",
    "channels": "把受援方产品推向市场的企业和销售网点",
    "poverty_exit": "脱贫的人口、农户和村，以及贫困发生率",
    "place_context": "有关某地的背景数字（人口、贫困县和贫困村、灾情）",
    "other": "无法归入任何指标的数据：不与任何数据比较",
}
OWN_AREA_ZH = "（本项目自设的分组，不在资料所列领域之内）"
