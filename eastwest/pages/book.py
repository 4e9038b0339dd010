"""What a chapter notebook calls to put data on the page: glued numbers that link to their
source sentence, fact tables and the collapsed list of facts under each chart.

Glued values carry data attributes (`data-fact`, `data-value`, `data-calc`) so the tests can
check every number on the built page against data/facts.csv.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

import pandas as pd
from IPython.display import HTML, display
from myst_nb import glue

from eastwest.analysis.comparisons import pick
from eastwest.pages import downloads, narrative, tables
from eastwest.reader import wording

if TYPE_CHECKING:  # charts imports matplotlib: a page that draws nothing does not need it
    from eastwest.charts.base import Chart


def glue_fact(facts: pd.DataFrame, fact_id: str, key: str | None = None, from_dir: str = "chapters") -> None:
    """Glue one fact's value as a link to its highlighted sentence; paste it with {glue}`<fact_id>`.

    The glued text is the number with its qualifier (over, about) and currency or percent sign;
    the prose supplies the noun, so "{glue}`x` projects" reads naturally.
    """
    row = pick(facts, [fact_id]).iloc[0]
    glue(key or fact_id, HTML(narrative.glued_link(row, from_dir)), display=False)


def glue_facts(facts: pd.DataFrame, fact_ids: list[str], from_dir: str = "chapters") -> None:
    for fact_id in dict.fromkeys(fact_ids):  # a fact may serve two selections; glue it once
        glue_fact(facts, fact_id, from_dir=from_dir)


def glue_calc(key: str, value: float, text: str, fact_ids: Sequence[str] = ()) -> None:
    """Glue a number computed from the dataset; its tooltip says so, and the facts it was computed
    from are named in `data-facts` (for the tests and a curious reader's inspector, not shown)."""
    basis = f"computed from {len(fact_ids)} figures of the dataset" if len(fact_ids) > 1 else "computed from the dataset"
    facts = f' data-facts="{escape(" ".join(fact_ids))}"' if fact_ids else ""
    html = (
        f'<span class="calc glued" data-calc="{escape(key)}" data-value="{float(value)!r}"{facts} '
        f'title="{escape(basis)}">{escape(text)}</span>'
    )
    glue(key, HTML(html), display=False)


def glue_count(key: str, count: int, of: int | None = None) -> None:
    """Glue a count computed from the dataset as `key` and, given the whole it is part of, its
    share as `key`-share ('24' and '10%')."""
    glue_calc(key, count, str(count))
    if of is not None:
        glue_calc(f"{key}-share", count / of, f"{count / of:.0%}")


def glue_text(key: str, text: str) -> None:
    """Glue a piece of text derived from the data (a name, a list of sources)."""
    glue(key, HTML(f'<span class="glued-text">{escape(text)}</span>'), display=False)


def show_facts_behind(chart: Chart, from_dir: str = "chapters") -> None:
    display(HTML(tables.facts_behind(chart.facts, from_dir) if len(chart.facts) and "fact_id" in chart.facts else ""))


def glue_sources(key: str, source_ids, from_dir: str = "chapters") -> None:
    """Glue the list of sources behind a chart or a sentence; paste it in a caption with {glue}`key`."""
    glue(key, HTML(f'<span class="glued-sources">{tables.source_links(source_ids, from_dir)}</span>'), display=False)


def show_chart(chart: Chart, from_dir: str = "chapters") -> None:
    """A chart's caption sources (glued as `sources-<chart name>`: exactly the sources of the facts
    it drew), a download of the data behind it, and the collapsed list of those facts."""
    from eastwest.core.paths import PROJECT

    glue_sources(f"sources-{chart.name}", chart.sources, from_dir)
    paragraph = downloads.chart_data_paragraph(chart.path.with_suffix(".csv"), len(chart.facts), PROJECT.root, from_dir)
    if paragraph:
        display(HTML(paragraph))
    show_facts_behind(chart, from_dir)


def show_fact_table(frame: pd.DataFrame, caption: str | None = None, from_dir: str = "chapters") -> None:
    display(HTML(tables.fact_table(frame, from_dir=from_dir, caption=caption)))


def show_chapter_facts(groups: list[tuple[str, pd.DataFrame]], from_dir: str = "chapters") -> None:
    """The collapsed "Facts behind this chapter" block: [(caption, facts), ...]."""
    display(HTML(tables.chapter_facts(groups, from_dir)))


def show_fact_list(frame: pd.DataFrame, from_dir: str = "chapters", empty: str = narrative.EMPTY, intro: str = "") -> None:
    """Facts told as sentences, pairing by pairing, each number linked to its sentence (pages.narrative)."""
    display(HTML(narrative.fact_list(frame, from_dir, empty, intro)))


def show_html(html: str) -> None:
    display(HTML(html))


def glue_context(key: str, indicator: str, period: str) -> None:
    """Glue an outside figure (data/reference/national_context.csv), marked as outside the sources."""
    from eastwest.analysis.comparisons import context_figures
    from eastwest.reader.wording import human

    frame = context_figures()
    match = frame[(frame.indicator == indicator) & (frame.period == period)]
    if len(match) != 1:
        raise KeyError(f"national_context.csv has {len(match)} rows for {indicator!r} / {period!r}; expected one")
    row = match.iloc[0]
    html = (
        f'<span class="context-figure glued" data-context="{escape(key)}" data-value="{float(row.value)!r}" '
        f'title="Outside figure: {escape(row.outlet)}, {escape(row.published or "undated")}; reliability {escape(row.reliability)}">'
        f"{escape(' '.join(filter(None, [human(row.value, row.unit), wording.unit_text(row.unit, row.value)])))}</span>"
    )
    glue(key, HTML(html), display=False)
