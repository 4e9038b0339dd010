"""The Chinese words of what the chapters' code puts on a page (eastwest.pages.book, tables,
narrative, downloads, landing): the furniture of fact lists, tables and chart downloads, and the
landing page's table, beside eastwest.reader.wording_zh, which words values, periods and names."""

from __future__ import annotations

from eastwest.reader.wording_zh import in_words_zh, span_text_zh, status_text_zh, value_text_zh

# What the chapters' code puts under charts and tables (eastwest.pages.book, tables, narrative).
SOURCES_NONE_ZH = "无"
SOURCES_MARK_ZH = "；"
CALC_BASIS_ZH = "由数据集中的{n}个数字计算"
CALC_BASIS_ONE_ZH = "由数据集计算"
CONTEXT_TITLE_ZH = "外部数据：{outlet}，{date}；来源性质：{reliability}"
RELIABILITY_ZH = {"reprint": "转载", "secondary": "二手资料", "weak": "较弱"}  # national_context.csv `reliability`
EMPTY_ZH = "资料中没有这类数字。"
FACT_LIST_SOURCES_ZH = "资料来源："
FACTS_BEHIND_CHART_ZH = "图表所依据的数字（{n}条）"
FACTS_BEHIND_CHAPTER_ZH = "本章所依据的数字（{n}条，均链接至原文）"
FACTS_BEHIND_BY_SOURCE_ZH = "数字太多，此处不一一列出；每条均在其来源页面上标出：{sources}。"
FACTS_BEHIND_EXPLORER_ZH = "数据浏览页列出数据集中的全部数字，可筛选、引用和下载"
MORE_FACTS_ZH = "另有{n}条，均在其来源页面上标出：{links}"
TABLE_HEADINGS_ZH = ("数值", "指标（原文）", "时间", "结对", "来源")
CHART_TABLE_HEADINGS_ZH = ("所计内容", "结对", "数值", "时间", "状态", "来源")
SOURCES_TABLE_HEADINGS_ZH = ("来源", "标题", "媒体", "日期", "体裁", "数字条数")
PAIRINGS_TABLE_HEADINGS_ZH = ("结对", "协作形式", "起始时间", "起始时间的原文")


def chart_data_link_text_zh(rows: int) -> str:
    """The link under a chart to the data it drew (its Chinese download, eastwest.pages.downloads_zh)."""
    return f"下载图表数据（CSV，可用电子表格软件打开：第一行为许可说明，第二行为表头，其后{rows}行数据）"


UNTITLED_ZH = "（所存文本无标题）"  # a source whose copy gives no title
ACHIEVED_ZH = "已实现"  # the status of a result (not a plan, forecast or quota), wherever a status is named
BACKGROUND_STATUS_ZH = "不适用（背景数字）"  # a distance or a population is not a piece of work done


def status_cell_zh(row) -> str:
    """A fact's status in a table: its status word; 已实现 for a result; for a background figure,
    that a status does not apply."""
    return status_text_zh(row) or (BACKGROUND_STATUS_ZH if row.get("theme") == "context" else ACHIEVED_ZH)


DOWNLOAD_LICENCE_ZH = (
    "# 数据：CC BY 4.0 - 东西部协作报告项目组。原文引文：出自各行所注文章，版权归其发布者，仅供研究与核对。下一行为表头。"
)


def chart_table_summary_zh(shown: int, total: int) -> str:
    """'表格：图表的全部12行' or '表格：图表共40行中的前25行（下载文件含全部）'."""
    return f"表格：图表共{total}行中的前{shown}行（下载文件含全部）" if total > shown else f"表格：图表的全部{total}行"


# --- The landing page's table and the pairing pages' key numbers (eastwest.pages.landing, key_numbers)

# Each headline question (eastwest.analysis.headline.HEADLINE) as a Chinese column heading.
HEADLINE_ZH = {"Aid money": "帮扶资金", "People": "人员往来", "Jobs": "就业", "Sales": "产品销售"}
# What a headline figure counts, said before its value (the value carries its unit: '2.4亿元').
WHAT_ZH = {
    "fiscal_aid_funds": "{east}安排的帮扶资金",
    "aid_funds_all_kinds": "为{west}争取的各类帮扶资金",
    "cadres_seconded_west": "选派到{west}挂职的干部",
    "professionals_sent_west": "选派到{west}的专业技术人才",
    "professionals_sent_west_times": "选派到{west}的专业技术人才",
    "cadres_seconded_east": "{west}到{east}挂职的干部",
    "workers_placed_east": "{west}外出务工就业的人员",
    "local_employment": "{west}就地就近就业创业的人员",
    "business_started": "{west}培训后创业的学员",
    "products_sold": "{east}帮助销售的{west}产品",
    "products_purchased": "{east}采购的{west}产品",
}
NONE_REPORTED_ZH = "未报告"
PAIRING_HEADING_ZH = "结对"
SHARED_NOTE_ZH = {
    "group": "这些结对合计的一个数字，不在各结对之间拆分；见",
    "credited": "记在原文所述帮扶方名下，不是本结对自己的数字；见",
}


def earlier_text_zh(row, newer) -> str:
    """'早于旁边统计至2021年2月的157人次': a headline figure older than another beside it."""
    return f"早于旁边统计至{span_text_zh(str(newer['report_date']))}的{value_text_zh(newer)}"


def unreported_sentence_zh(unreported, in_group, credited, named_only) -> str:
    """What the landing table leaves out, Chinese style, from the same lists of pairings."""
    parts = []
    if unreported:
        parts.append(f"没有给出{in_words_zh(unreported)}在上述几方面已实现的数字（其结对页面列出了资料报告的内容）")
    if in_group:
        parts.append(f"{in_words_zh(in_group)}的数字只与其他结对合计报告，为一个合计数（见其结对页面）")
    if credited:
        parts.append(f"{in_words_zh(credited)}的数字只记在帮扶方的另一级名下（见其结对页面）")
    if named_only:
        parts.append(f"对{in_words_zh(named_only)}只报道了结对及其往来，没有给出数字")
    return f"资料{'；'.join(parts)}。" if parts else ""


# A pairing page's key numbers (eastwest.pages.key_numbers): a heading where an indicator answers
# its question in its own way (a purchase is not a sale), and what a kind of figure keeps.
KEY_NUMBER_QUESTIONS_ZH = {"products_purchased": "采购", "business_started": "创业"}
HEADLINE_KIND_WORDS_ZH = {"People": "人员往来（双向挂职的干部、选派到受援方的专业技术人才）"}
KEY_NUMBERS_LEAD_ZH = (
    "资料给出的{kinds}的最新已实现总数，各用其自身单位（人数与人次分开），并注明时间；"
    "其他数字（包括其他人员）见下文各节；计划数不列入，也不做加总。"
)
KEY_NUMBERS_NONE_ZH = "资料没有给出该结对单独的帮扶资金、人员、就业或销售方面的已实现总数。"


def key_number_counts_zh(facts: int, with_facts: int, naming: int, not_achieved: int, shared: int) -> str:
    """'28条数字，来自3篇资料；另有1篇资料提及该结对；其中4条为计划、预计或每年定额，均已标明。'"""
    counts = [f"{facts}条数字，来自{with_facts}篇资料"]
    if naming:
        counts.append(f"另有{naming}篇资料提及该结对")
    if not_achieved:
        counts.append(f"其中{not_achieved}条为计划、预计或每年定额，均已标明")
    if shared:
        counts.append(f"另有{shared}条与其他结对合计报告，单独列出")
    return "；".join(counts) + "。"


# What each scope of data/reference/vocabulary.yml means, for the method page (the English meanings
# are the vocabulary's own); a scope without words here fails tests/test_outputs_zh.py.
SCOPE_MEANINGS_ZH = {
    "cumulative": "从某一起点（报道未必写明）到期末的累计数",
    "annual": "一个自然年的年度数字（年中的报道可能只到报道之时）",
    "event": "一次活动、会议、批次或交易",
    "stock": "某一时点的状态（人口、学校数、贫困发生率）",
    "period_total": "一段写明的多年或不足一年时段内的合计，而非累计数",
    "recurring": "每年重复的任务或比率",
}
COVERAGE_NONE_LEFT_ZH = "没有一类只留在折叠的事实表里"
COVERAGE_LEFT_ZH = "{count}类只出现在折叠的事实表里"
REVIEW_RECORDS_NOTE_ZH = "审读记录以英文撰写；各次审读及其文件如下："
