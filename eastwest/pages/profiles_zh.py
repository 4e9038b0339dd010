"""The Chinese pairing pages in zh/pairings/ (never edited by hand): the counterpart of each page
eastwest.pages.profiles writes, with the same sections and the same numbers, worded by
eastwest.reader.wording_zh. Each figure is shown by its verbatim Chinese sentence and its
indicator's Chinese name (the dataset's descriptions are English, and are not translated here).
The charts are the Chinese drawings, figures/zh/pairings/<same name>, drawn by the chart code
beside the English ones. Called by `pages.generate.write_pages` after the English pages."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from eastwest.analysis.comparisons import profiled_pairings
from eastwest.analysis.headline import HEADLINE, headline_facts
from eastwest.charts.profile import chart_facts
from eastwest.core.files import write_text
from eastwest.core.paths import ProjectPaths
from eastwest.core.plaintext import markdown_text
from eastwest.dataset import load
from eastwest.dataset.attribution import nested_pairings, unit_kind
from eastwest.pages import downloads_zh
from eastwest.pages.downloads import CHART_DATA
from eastwest.pages.profiles import (
    FROM_DIR,
    MAX_BARS,
    MAX_INDICATOR_ROWS,
    directive_text,
    in_report_order,
    shown_beside,
    speaking_sources,
)
from eastwest.pages.render import render
from eastwest.pages.source_pages_zh import ZH_DIR
from eastwest.pages.tables import facts_behind_zh
from eastwest.reader import page_words_zh, pages_zh, wording_zh
from eastwest.reader.links import PROFILE_DIR, fact_href, profile_href, source_href

FIGURES_ZH = f"../../figures/{ZH_DIR}/{PROFILE_DIR}"  # from zh/pairings/: the Chinese drawings
# The key numbers' questions (eastwest.analysis.headline.HEADLINE) in Chinese; one missing here fails tests/test_pages_zh.py.
QUESTIONS_ZH = {"Aid money": "帮扶资金", "People": "人员", "Jobs": "就业", "Sales": "销售与采购"}
CHART_WORDS_ZH = {"yuan": ("金额", "笔金额"), "person": ("人数", "项人数")}  # as eastwest.charts.profile.CHART_UNITS


class _Context:
    """What every part of one language's pages reads: the tables, indexed once."""

    def __init__(self, paths: ProjectPaths) -> None:
        self.facts, self.sources, self.pairings = load.facts(paths), load.sources(paths), load.pairings(paths)
        self.places, self.indicators = load.places(paths).set_index("id", drop=False), load.indicators(paths)
        self.by_source = self.sources.set_index("source_id", drop=False)
        self.profiled = profiled_pairings(self.facts)
        self.labels = {p["pairing_id"]: pages_zh.pairing_label_zh(p, self.places) for _, p in self.pairings.iterrows()}
        provinces = self.places[self.places.level == "province"]
        self.province_zh = dict(zip(provinces.name_en, provinces.name_zh))

    def programme(self, fact: pd.Series) -> str:
        return pages_zh.programme_label_zh(fact, self.pairings, self.places)


def _source_link(source: pd.Series) -> str:
    title = source["title_zh"] or "（所存文本无标题）"
    return (
        f'<a href="{escape(source_href(source["source_id"], FROM_DIR))}" title="{escape(title)}">'
        f"{escape(pages_zh.source_label_zh(source))}</a>"
    )


def _pairing_link(pairing_id: str, c: _Context) -> str:
    label = escape(c.labels.get(pairing_id, pairing_id))
    return f'<a href="{escape(profile_href(pairing_id, FROM_DIR))}">{label}</a>' if pairing_id in c.profiled else label


def _more(frame: pd.DataFrame, c: _Context) -> str:
    """Facts past a table's cap, counted by source: '另有5条数据，均在来源页标出：荔枝网，…（3条）'."""
    counts = frame.source_id.value_counts().sort_index()
    links = "、".join(f"{_source_link(c.by_source.loc[sid])}（{n}条）" for sid, n in zip(counts.index.astype(str), counts))
    return f"另有{len(frame)}条数据，均在来源页标出：{links}。"


def _rows(frame: pd.DataFrame, c: _Context) -> list[str]:
    rows = []
    for _, row in frame.iloc[:MAX_INDICATOR_ROWS].iterrows():
        href = fact_href(row["fact_id"], row["source_id"], FROM_DIR)
        status = wording_zh.status_text_zh(row)
        badge = f'<br><span class="fact-status">{escape(status)}，并非已实现</span>' if status else ""
        value = f'<a class="fact-link" href="{escape(href)}">{escape(wording_zh.value_text_zh(row))}</a>{badge}'
        scope = wording_zh.SCOPE_WORDS_ZH.get(row["scope"], row["scope"])
        period = f"{escape(wording_zh.period_text_zh(row))}<br><small>{escape(scope)}</small>"
        rows.append(
            f'<tr><td data-label="数值">{value}</td><td data-label="原文">{escape(row["quote"])}</td>'
            f'<td data-label="时间">{period}</td><td data-label="来源">{_source_link(c.by_source.loc[row["source_id"]])}</td></tr>'
        )
    if len(frame) > MAX_INDICATOR_ROWS:
        rows.append(f'<tr class="facts-more-row"><td colspan="4">{_more(frame.iloc[MAX_INDICATOR_ROWS:], c)}</td></tr>')
    return rows


TABLE_HEAD = (
    '<thead><tr><th scope="col">数值</th><th scope="col">原文</th><th scope="col">时间</th><th scope="col">来源</th></tr></thead>'
)


def theme_table(facts: pd.DataFrame, c: _Context) -> str:
    """One table for a theme: a heading row per indicator (its Chinese name), then its facts."""
    names = dict(zip(c.indicators["indicator"], c.indicators["label_zh"]))
    bodies = [
        f'<tbody><tr class="indicator-row"><th colspan="4" scope="colgroup">{escape(names.get(i, i))}</th></tr>'
        f"{''.join(_rows(facts[facts.indicator == i], c))}</tbody>"
        for i in dict.fromkeys(facts["indicator"])
    ]
    return f'<div class="fact-table-wrap"><table class="fact-table profile-table theme-table">{TABLE_HEAD}{"".join(bodies)}</table></div>\n'


def _theme_sections(facts: pd.DataFrame, c: _Context) -> list[str]:
    parts = []
    for theme in dict.fromkeys(c.indicators["theme"]):
        of_theme = facts[facts.theme == theme]
        if len(of_theme):
            heading = pages_zh.THEME_HEADINGS_ZH.get(theme) or wording_zh.THEME_LABELS_ZH[theme]
            parts.append(f"## {heading}\n\n{theme_table(of_theme, c)}")
    return parts


def key_numbers_zh(pairing_id: str, facts: pd.DataFrame, n_sources: int, shared: int) -> str:
    """The key-numbers block: the same headline figures as the English page, in Chinese."""
    chosen = headline_facts(facts) if len(facts) else pd.DataFrame()
    cards = ""
    if len(chosen):
        chosen = chosen[chosen.programme == pairing_id]
        order = {question: i for i, question in enumerate(HEADLINE)}
        cards = "".join(
            f'<li><span class="key-number-question">{escape(page_words_zh.KEY_NUMBER_QUESTIONS_ZH.get(row["indicator"], QUESTIONS_ZH[row["question"]]))}</span> '
            f'<a class="key-number-value" href="{escape(fact_href(row["fact_id"], row["source_id"], FROM_DIR))}">'
            f"{escape(wording_zh.value_text_zh(row))}</a> "
            f'<span class="key-number-what">{escape(wording_zh.what_counted_zh(row))}</span> '
            f'<span class="key-number-when">{escape(wording_zh.when_text_zh(row))}</span></li>'
            for _, row in chosen.sort_values("question", key=lambda q: q.map(order), kind="stable").iterrows()
        )
    with_facts = int(facts.source_id.nunique()) if len(facts) else 0
    counts = [f"{len(facts)}条数据，来自{with_facts}篇资料"]
    if n_sources > with_facts:
        counts.append(f"另有{n_sources - with_facts}篇资料提到本结对")
    not_achieved = int((facts.status != "achieved").sum()) if len(facts) else 0
    if not_achieved:
        counts.append(f"其中{not_achieved}条为计划、预计或每年定额，均已注明")
    if shared:
        counts.append(f"另有{shared}条与其他结对合并报道，单独列出")
    lead = (
        "资料所载本结对帮扶资金、人员、就业和销售的最新已实现总数，各按其单位列出（人数与人次分开），并注明时间；"
        "其他数字见下文各节；计划不列入，数字不相加。"
        if cards
        else "资料未载本结对单独的帮扶资金、人员、就业或销售的已实现总数。"
    )
    listing = f'<ul class="key-numbers">{cards}</ul>' if cards else ""
    return f'<p class="key-numbers-lead">{lead}</p>{listing}<p class="key-numbers-count">{escape("；".join(counts))}。</p>'


def _chart_data_link(name: str, rows: int, paths: ProjectPaths) -> str:
    """The link to the chart's data in Chinese (eastwest.pages.downloads_zh), from the file the
    English page publishes."""
    return downloads_zh.chart_data_link_zh(
        paths.root / CHART_DATA / PROFILE_DIR / f"{name}.csv", rows, paths.root, FROM_DIR, PROFILE_DIR
    )


def _chart_section(pairing: pd.Series, facts: pd.DataFrame, c: _Context, paths: ProjectPaths) -> str:
    pid, label = pairing["pairing_id"], c.labels[pairing["pairing_id"]]
    chosen, unit = chart_facts(facts)
    if unit is None or not (paths.figures / PROFILE_DIR / f"{pid}.svg").exists():
        return "*无图表：资料未载本结对单独的资金总额或人数总数，只有分项、其他单位或有关当地的背景数字（均见下表）。*\n"
    figures = len(chosen)
    if figures > MAX_BARS:
        largest = chosen.sort_values(["value", "fact_id"], ascending=[False, True]).head(MAX_BARS).index
        chosen = chosen[chosen.index.isin(largest)]
    noun, kind = CHART_WORDS_ZH[str(unit)]
    low, high = chosen.sort_values("value").iloc[0], chosen.sort_values("value").iloc[-1]
    not_achieved = int((chosen.status != "achieved").sum())
    if len(chosen) == 1:
        alt = f"横向条形图：资料所载{label}的一{kind}：{wording_zh.value_with_status_zh(low)}。"
    else:
        alt = (
            f"横向条形图：资料所载{label}的{len(chosen)}{kind}，"
            f"从{wording_zh.value_with_status_zh(low)}到{wording_zh.value_with_status_zh(high)}"
            + (f"；其中{not_achieved}{kind[0]}并非已实现（计划、预计或每年定额）" if not_achieved else "")
            + "。"
        )
    alt = directive_text(alt)
    caption = (
        f"资料所载{escape(label)}的{noun}。每个数字一根条形，资料作为另一数字组成部分给出的分项只列在下表中。"
        "同一结对、同一时期的数字可能相互包含（资料很少说明），因此条形从不相加。斜线条形为计划、预计或每年定额，并非已实现。"
        "不同种类、口径和时期的数字并列展示，从不相加。"
        + (f"图中只画出{figures}个数字中最大的{len(chosen)}个，其余均见下表。" if figures > len(chosen) else "")
        + "来源："
        + "、".join(_source_link(c.by_source.loc[s]) for s in dict.fromkeys(chosen.source_id))
        + "。"
    )
    return (
        f"## {noun}一览\n\n```{{figure}} {FIGURES_ZH}/{pid}.svg\n:alt: {alt}\n:width: 100%\n\n{caption}\n```\n\n"
        + _chart_data_link(pid, len(chosen), paths)
        + _chart_rows(chosen, c)
        + "\n\n"
        + facts_behind_zh(chosen, FROM_DIR)  # the collapsed list of the facts drawn, as the English page has
        + "\n"
    )


def _chart_rows(chosen: pd.DataFrame, c: _Context) -> str:
    """The chart's figures as a collapsed table, each value linked to its sentence."""
    rows = "".join(
        f"<tr><td>{escape(wording_zh.what_counted_zh(r))}</td>"
        f'<td><a href="{escape(fact_href(r["fact_id"], r["source_id"], FROM_DIR))}">{escape(wording_zh.value_text_zh(r))}</a></td>'
        f"<td>{escape(wording_zh.period_label_zh(r['period'], r['scope'], r['flag_list']))}</td><td>{escape(page_words_zh.status_cell_zh(r))}</td>"
        f"<td>{escape(pages_zh.source_label_zh(c.by_source.loc[r['source_id']]))}</td></tr>"
        for _, r in in_report_order(chosen, c.sources, c.indicators).iterrows()
    )
    return (
        f'<details class="chart-table"><summary>表格：图中的{len(chosen)}个数字</summary><div class="chart-table-scroll">'
        '<table class="chart-rows"><thead><tr><th>指标</th><th>数值</th><th>时间</th><th>状态</th><th>来源</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></details>"
    )


def _map_section(pairing: pd.Series, c: _Context, paths: ProjectPaths) -> str:
    name = f"{pairing['pairing_id']}-map"
    label = c.labels[pairing["pairing_id"]]
    alt = directive_text(f"中国省级区划地图：以圆点标出{label}的帮扶方与受援方，箭头由帮扶方指向受援方；如有下辖结对，一并标出。")
    data = paths.root / CHART_DATA / PROFILE_DIR / f"{name}.csv"
    table = pd.read_csv(data, dtype=str, keep_default_na=False, skiprows=1, encoding="utf-8-sig") if data.exists() else None
    within = "；其中的县级结对各以圆点标出" if table is not None and len(table) > 1 else ""
    return f"```{{figure}} {FIGURES_ZH}/{name}.svg\n:alt: {alt}\n:width: 100%\n\n帮扶方与受援方的位置{within}。\n```\n\n" + (
        _chart_data_link(name, len(table), paths) + _map_rows(table, c) if table is not None else ""
    )


def _start_zh(pairing_id: str, c: _Context) -> str:
    """When a pairing on the map began, as its own page says it (wording_zh.start_text_zh)."""
    found = c.pairings[c.pairings.pairing_id == pairing_id]
    return wording_zh.start_text_zh(found.iloc[0]) if len(found) else "资料未注明起始时间"


def _map_rows(table: pd.DataFrame, c: _Context) -> str:
    """The map's pairings as a collapsed table: who helps whom, the arrangement and its start."""
    rows = "".join(
        f"<tr><td>{_pairing_link(r['pairing_id'], c)}</td><td>{escape(c.places.loc[r['east']]['name_zh'])}</td>"
        f"<td>{escape(c.places.loc[r['west']]['name_zh'])}</td>"
        f"<td>{escape(wording_zh.RELATIONSHIP_SHORT_ZH.get(r['relationship'], r['relationship']))}</td>"
        f"<td>{escape(_start_zh(r['pairing_id'], c))}</td></tr>"
        for _, r in table.iterrows()
        if r["east"] in c.places.index and r["west"] in c.places.index
    )
    return (
        f'<details class="chart-table"><summary>表格：图中的{len(table)}个结对</summary><div class="chart-table-scroll">'
        '<table class="chart-rows"><thead><tr><th>结对</th><th>帮扶方</th><th>受援方</th><th>协作形式</th><th>起始时间</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></details>"
    )


def _place_text(place: pd.Series, c: _Context) -> str:
    province = c.province_zh.get(place["province"], "")
    level = pages_zh.LEVEL_ZH.get(place["level"], "")
    return f"{escape(place['name_zh'])}<br><small>{escape('，'.join(p for p in (province, level) if p))}</small>"


def _who_helps_whom(pairing: pd.Series, c: _Context, nested: dict[str, list[str]]) -> str:
    east, west = c.places.loc[pairing["east"]], c.places.loc[pairing["west"]]
    start = escape(wording_zh.start_text_zh(pairing))
    if pairing["start_source"]:
        source = c.by_source.loc[pairing["start_source"]]
        start += f'<br><q class="fact-quote">{escape(pairing["start_quote"])}</q>（{_source_link(source)}）'
    rows = [
        ("帮扶方", _place_text(east, c)),
        ("受援方", _place_text(west, c)),
        ("协作形式", escape(pairing["relationship_zh"])),
        ("起始时间", start),
    ]
    pid = pairing["pairing_id"]
    outer = [o for o, inner in nested.items() if pid in inner]
    if outer:
        rows.append(("所属结对", " · ".join(_pairing_link(o, c) for o in outer)))
    if nested.get(pid):
        rows.append(("下辖结对", " · ".join(_pairing_link(i, c) for i in nested[pid])))
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="provenance pairing-summary">{body}</table>'


def _shared_sections(pairing: pd.Series, c: _Context) -> tuple[int, list[str], dict[str, int]]:
    pid = pairing["pairing_id"]
    shown = shown_beside(pid, c.facts)
    sections = []
    for programme in sorted(set(shown.programme), key=lambda p: (unit_kind(p) != "pairing", p)):
        unit = in_report_order(shown[shown.programme == programme], c.sources, c.indicators)
        first = unit.iloc[0]
        kind = unit_kind(first["programme"])
        if kind == "group":
            members = "、".join(_pairing_link(p, c) for p in first["shown_on"].split(";") if p)
            note = f"资料对这几个结对合并给出的一个数字：不属于本结对单独所有，从不分摊，也不与各结对自己的数字相加。以下各页均列出：{members}。"
        else:
            note = "资料将这些数字记在其所称的帮扶方名下，而非本结对的帮扶方：不是本结对自己的数字。"
        sections.append(
            f'## 合并或另记的数字：{escape(c.programme(first))}\n\n<p class="shared-note">{note}</p>\n\n{theme_table(unit, c)}'
        )
    return len(shown), sections, {str(k): int(v) for k, v in shown.source_id.value_counts().items()}


def _sources_list(chosen: pd.DataFrame, facts: pd.DataFrame, beside: dict[str, int]) -> str:
    items = []
    for _, s in chosen.iterrows():
        n, other = int((facts.source_id == s["source_id"]).sum()), beside.get(s["source_id"], 0)
        count = f"本结对数据{n}条" if n else "提到本结对，无本结对数据"
        if other:
            count += f"，另有{other}条与其他结对合并报道或另记"
        items.append(f"<li>{_source_link(s)}：{escape(s['title_zh'] or '（所存文本无标题）')}<br><small>{count}</small></li>")
    return f'<ul class="pairing-sources">{"".join(items)}</ul>'


def profile_markdown_zh(pairing: pd.Series, c: _Context, nested: dict[str, list[str]], paths: ProjectPaths) -> str:
    pid = pairing["pairing_id"]
    own = in_report_order(c.facts[c.facts.programme == pid], c.sources, c.indicators)
    shared_count, shared, beside = _shared_sections(pairing, c)
    speaking = speaking_sources(pid, own, c.sources, tuple(beside))
    east, west = c.places.loc[pairing["east"]], c.places.loc[pairing["west"]]
    chart = (
        _chart_section(pairing, own, c, paths)
        if len(own)
        else "*无图表：资料未载本结对自己的数字；与其他结对合并报道或记在其他层级帮扶方名下的数字见下表。*\n"
    )
    return render(
        "zh/profile",
        title=markdown_text(f"{east['name_zh']}→{west['name_zh']}"),  # a Markdown heading
        key_numbers=key_numbers_zh(pid, own, len(speaking), shared_count),
        has_chart="{figure}" in chart,
        shared_count=shared_count,
        who_helps_whom=_who_helps_whom(pairing, c, nested),
        where=_map_section(pairing, c, paths),
        chart=chart,
        indicator_sections=_theme_sections(own, c),
        shared_sections=shared,
        sources_list=_sources_list(speaking, own, beside),
    )


def index_markdown_zh(c: _Context) -> str:
    rows = []
    for _, p in c.pairings.iterrows():
        east, west = c.places.loc[p["east"]], c.places.loc[p["west"]]
        n_facts = int((c.facts.programme == p["pairing_id"]).sum())
        n_sources = len(speaking_sources(p["pairing_id"], c.facts, c.sources))
        provinces = f"{c.province_zh.get(east['province'], '')}→{c.province_zh.get(west['province'], '')}"
        rows.append(
            f"<tr><td>{_pairing_link(p['pairing_id'], c)}<br><small>{escape(east['name_zh'])}→{escape(west['name_zh'])} · "
            f"{escape(provinces)}</small></td><td>{escape(p['relationship_zh'])}</td>"
            f"<td>{escape(wording_zh.start_text_zh(p))}</td><td>{n_sources}<br><small>{n_facts}条数据</small></td></tr>"
        )
    return render("zh/pairings_index", rows="".join(rows))


def write_profiles_zh(paths: ProjectPaths) -> list[Path]:
    """Write zh/pairings/index.md and one page per pairing that has an English page; remove stale ones."""
    out = paths.root / ZH_DIR / PROFILE_DIR
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.md"):
        stale.unlink()
    c = _Context(paths)
    nested = nested_pairings(c.places, c.pairings)
    written = []
    for _, pairing in c.pairings.iterrows():
        if pairing["pairing_id"] in c.profiled:
            page = out / f"{pairing['pairing_id']}.md"
            write_text(page, profile_markdown_zh(pairing, c, nested, paths))
            written.append(page)
    write_text(out / "index.md", index_markdown_zh(c))
    return written
