"""What a chapter notebook calls to put data on the page: glued numbers that link to their
source sentence, fact tables and the collapsed list of facts under each chart.

Glued values carry data attributes (`data-fact`, `data-value`, `data-calc`) so the tests can
check every number on the built page against data/facts.csv.

Both editions from one run: each notebook runs once (the Chinese notebooks share its code cells,
so jupyter-cache hands them the English execution), hence everything put on a page here holds both
languages (eastwest.reader.languages.both) and each book keeps its own. Glue keys are the same in
both books.

The Chinese glue convention: a glued fact's Chinese part is the same link (same href, data-fact,
data-value, and the source's sentence as its title) whose text is the value WITH its Chinese unit
word and its qualifier where the source put it (wording_zh.value_text_zh: '260余人', '近45亿元',
'18个村'), so Chinese prose never adds a unit after a glued fact: '{glue}`002-labour-placed`' reads
'260余人' where the English reads 'over 260' and the prose supplies 'people'. A fact whose number the
source lost reads '原文缺数字'. Computed numbers (glue_calc, glue_count) are bare digits or shares in
both ('24', '10%'; a calc whose text has words takes its Chinese text as `zh`, '3.1倍'); the prose
supplies the measure word after them.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

import pandas as pd
from IPython.display import HTML, display
from myst_nb import glue

from eastwest.analysis.comparisons import pick
from eastwest.charts.words_zh import BREAKDOWN_ZH  # the charts' names for a part, the glue's too
from eastwest.pages import downloads, narrative, tables
from eastwest.reader import page_words_zh, wording, wording_zh
from eastwest.reader.languages import both

if TYPE_CHECKING:  # charts imports matplotlib: a page that draws nothing does not need it
    from eastwest.charts.base import Chart


def glue_fact(facts: pd.DataFrame, fact_id: str, key: str | None = None, from_dir: str = "chapters") -> None:
    """Glue one fact's value as a link to its highlighted sentence; paste it with {glue}`<fact_id>`.

    The glued text is the number with its qualifier (over, about) and currency or percent sign;
    the prose supplies the noun, so "{glue}`x` projects" reads naturally. In Chinese the unit is
    glued with it ('18个项目'), see the module's docstring.
    """
    row = pick(facts, [fact_id]).iloc[0]
    html = both(narrative.glued_link(row, from_dir), narrative.glued_link_zh(row, from_dir))
    glue(key or fact_id, HTML(html), display=False)


def glue_facts(facts: pd.DataFrame, fact_ids: list[str], from_dir: str = "chapters") -> None:
    for fact_id in dict.fromkeys(fact_ids):  # a fact may serve two selections; glue it once
        glue_fact(facts, fact_id, from_dir=from_dir)


def glue_calc(key: str, value: float, text: str, fact_ids: Sequence[str] = (), zh: str | None = None) -> None:
    """Glue a number computed from the dataset; its tooltip says so, and the facts it was computed
    from are named in `data-facts` (for the tests and a curious reader's inspector, not shown).
    `zh` is the Chinese text where `text` has words ('3.1倍' for '3.1 times'); without it the
    Chinese book shows `text` (digits, a share)."""
    glue(key, HTML(calc_html(key, value, text, fact_ids, zh)), display=False)


def calc_html(key: str, value: float, text: str, fact_ids: Sequence[str] = (), zh: str | None = None) -> str:
    basis = f"computed from {len(fact_ids)} figures of the dataset" if len(fact_ids) > 1 else "computed from the dataset"
    basis_zh = page_words_zh.CALC_BASIS_ZH.format(n=len(fact_ids)) if len(fact_ids) > 1 else page_words_zh.CALC_BASIS_ONE_ZH
    facts = f' data-facts="{escape(" ".join(fact_ids))}"' if fact_ids else ""
    head = f'<span class="calc glued" data-calc="{escape(key)}" data-value="{float(value)!r}"{facts} '
    return both(
        f'{head}title="{escape(basis)}">{escape(text)}</span>',
        f'{head}title="{escape(basis_zh)}">{escape(text if zh is None else zh)}</span>',
    )


def glue_count(key: str, count: int, of: int | None = None) -> None:
    """Glue a count computed from the dataset as `key` and, given the whole it is part of, its
    share as `key`-share ('24' and '10%')."""
    glue_calc(key, count, str(count))
    if of is not None:
        glue_calc(f"{key}-share", count / of, f"{count / of:.0%}")


def glue_text(key: str, text: str, zh: str | None = None) -> None:
    """Glue a piece of text derived from the data (a name, a list of sources); `zh` is its Chinese
    wording (without it the Chinese book shows `text`: a version number, a year)."""
    html = both(
        f'<span class="glued-text">{escape(text)}</span>', f'<span class="glued-text">{escape(text if zh is None else zh)}</span>'
    )
    glue(key, HTML(html), display=False)


def show_facts_behind(chart: Chart, from_dir: str = "chapters") -> None:
    if not len(chart.facts) or "fact_id" not in chart.facts:
        display(HTML(""))
        return
    display(HTML(both(tables.facts_behind(chart.facts, from_dir), tables.facts_behind_zh(chart.facts, from_dir))))


def glue_sources(key: str, source_ids, from_dir: str = "chapters") -> None:
    """Glue the list of sources behind a chart or a sentence; paste it in a caption with {glue}`key`."""
    source_ids = list(source_ids)
    html = both(
        f'<span class="glued-sources">{tables.source_links(source_ids, from_dir)}</span>',
        f'<span class="glued-sources">{tables.source_links_zh(source_ids, from_dir)}</span>',
    )
    glue(key, HTML(html), display=False)


def show_chart(chart: Chart, from_dir: str = "chapters") -> None:
    """A chart's caption sources (glued as `sources-<chart name>`: exactly the sources of the facts
    it drew), a download of the data behind it, and the collapsed list of those facts."""
    from eastwest.core.paths import PROJECT

    glue_sources(f"sources-{chart.name}", chart.sources, from_dir)
    data = chart.path.with_suffix(".csv")
    paragraph = downloads.chart_data_paragraph(data, len(chart.facts), PROJECT.root, from_dir)
    if paragraph:
        display(HTML(both(paragraph, downloads.chart_data_paragraph_zh(data, len(chart.facts), PROJECT.root, from_dir))))
    show_facts_behind(chart, from_dir)


def show_fact_table(
    frame: pd.DataFrame, caption: str | None = None, from_dir: str = "chapters", caption_zh: str | None = None
) -> None:
    english = tables.fact_table(frame, from_dir=from_dir, caption=caption)
    display(HTML(both(english, tables.fact_table_zh(frame, from_dir, caption_zh))))


def show_chapter_facts(groups: list[tuple[str, pd.DataFrame]], from_dir: str = "chapters", zh: Sequence[str] = ()) -> None:
    """The collapsed "Facts behind this chapter" block: [(caption, facts), ...]; `zh`, the captions
    in Chinese, in the same order (a theme's label is worded from wording_zh without it)."""
    themes = {
        label: wording_zh.THEME_LABELS_ZH[theme]
        for theme, label in wording.THEME_LABELS.items()
        if theme in wording_zh.THEME_LABELS_ZH
    }
    captions = list(zh) or [themes.get(caption, "") for caption, _ in groups]
    if len(captions) != len(groups):
        raise ValueError(f"show_chapter_facts: {len(groups)} groups but {len(captions)} Chinese captions")
    chinese = [(caption, frame) for caption, (_, frame) in zip(captions, groups)]
    display(HTML(both(tables.chapter_facts(groups, from_dir), tables.chapter_facts_zh(chinese, from_dir))))


def show_fact_list(
    frame: pd.DataFrame,
    from_dir: str = "chapters",
    empty: str = narrative.EMPTY,
    intro: str = "",
    empty_zh: str | None = None,
    intro_zh: str | None = None,
) -> None:
    """Facts told as sentences, pairing by pairing, each number linked to its sentence (pages.narrative);
    `empty_zh` and `intro_zh` are the Chinese of `empty` and `intro`."""
    if empty_zh is None:
        empty_zh = narrative.EMPTY_ZH if empty == narrative.EMPTY else empty
    english = narrative.fact_list(frame, from_dir, empty, intro)
    display(HTML(both(english, narrative.fact_list_zh(frame, from_dir, empty_zh, intro if intro_zh is None else intro_zh))))


def show_html(html: str, zh: str | None = None) -> None:
    """Show a piece of HTML; `zh` is its Chinese counterpart (without it both books show `html`)."""
    display(HTML(html if zh is None else both(html, zh)))


def glue_context(key: str, indicator: str, period: str) -> None:
    """Glue an outside figure (data/reference/national_context.csv), marked as outside the sources."""
    from eastwest.analysis.comparisons import context_figures
    from eastwest.reader.wording import human

    frame = context_figures()
    match = frame[(frame.indicator == indicator) & (frame.period == period)]
    if len(match) != 1:
        raise KeyError(f"national_context.csv has {len(match)} rows for {indicator!r} / {period!r}; expected one")
    row = match.iloc[0]
    head = f'<span class="context-figure glued" data-context="{escape(key)}" data-value="{float(row.value)!r}" '
    english = (
        f'{head}title="Outside figure: {escape(row.outlet)}, {escape(row.published or "undated")}; reliability {escape(row.reliability)}">'
        f"{escape(' '.join(filter(None, [human(row.value, row.unit), wording.unit_text(row.unit, row.value)])))}</span>"
    )
    # an outside figure has no number text of ours: large numbers in 万 or 亿, as a Chinese report writes them
    magnitude = "亿" if abs(row.value) >= 1e8 else "万" if abs(row.value) >= 1e5 else ""
    fact = {"value": row.value, "value_high": None, "unit": row.unit, "qualifier": "exact", "number_text": magnitude}
    date = wording_zh.date_zh(str(row.published)) if row.published else wording_zh.DATE_NOT_GIVEN_ZH
    title = page_words_zh.CONTEXT_TITLE_ZH.format(
        outlet=row.get("outlet_zh") if isinstance(row.get("outlet_zh"), str) and row.get("outlet_zh") else row.outlet,
        date=date,
        reliability=page_words_zh.RELIABILITY_ZH.get(row.reliability, row.reliability),
    )
    chinese = f'{head}title="{escape(title)}">{escape(wording_zh.value_text_zh(fact))}</span>'
    glue(key, HTML(both(english, chinese)), display=False)


def per_project_text_zh(r) -> str:
    """Funds per project, Chinese style: '139万元'; '至多105万元' where the funds went mainly to the
    projects counted (the English is eastwest.charts.industry.per_project_text)."""
    return ("至多" if r["per_project_at_most"] else "") + wording_zh.human_zh(r["funds_per_project"], "yuan")


def label_zh(label: str) -> str:
    """A fact's programme label in Chinese ('Zhangjiagang → Yanhe' -> '张家港→沿河'): tables.programme_label_zh."""
    return tables.programme_label_zh(label)


def quoted_zh(row) -> str:
    """A part (a fact's breakdown) named for a Chinese glue: by the campaign's own term where it is
    one ('住房安全保障', words_zh.BREAKDOWN_ZH), else by its source's own sentence:
    '原文“住房安全保障16个,投入帮扶资金195.5万元”所列一项'."""
    return BREAKDOWN_ZH.get(str(row.get("breakdown") or ""), f"原文“{row['quote']}”所列一项")
