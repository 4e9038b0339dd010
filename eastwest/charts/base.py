"""The chart layer every chart module shares: the Chart a chart function returns, `save_chart`
(draw at both widths of eastwest.charts.style, save figures/<name>.svg with the facts drawn beside
it as figures/<name>.csv), the caps on what a chart draws, the panels that keep kinds of period
apart, and the colours, hatches and notes more than one chart uses.

However many sources the book holds, a chart draws at most MAX_BARS bars (or rows), chosen by a
rule it states on the chart ("The 12 largest of 240 figures are drawn."), so pages stay light.

Every chart is drawn by the same call in English, with pinyin place names, and in Chinese
(figures/zh/<name>.svg, with the CJK font of eastwest.charts.language); its text is chosen with
eastwest.reader.languages.pick while it is drawn, Chinese words from eastwest.charts.words_zh.
tests/test_figures.py and tests/test_figures_zh.py fail on any missing glyph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd

from eastwest.charts import style
from eastwest.charts.language import drawing_in, language_directory
from eastwest.core.files import write_text
from eastwest.reader import languages
from eastwest.reader.languages import pick
from eastwest.reader.spreadsheet import spreadsheet_text
from eastwest.reader.wording import period_label
from eastwest.reader.wording_zh import period_label_zh

RELATIONSHIP_COLOURS = {
    "east_west_cooperation": style.BLUE,
    "north_south_linkage": style.GREEN,
    "xinjiang_aid": style.ORANGE,
    "tibet_aid": style.VERMILION,
    "counterpart_assistance": style.PINK,
}

MAX_BARS = 20  # bars (or rows) a chart draws at most, whatever the number of sources
MAX_PANEL_ROWS = 8  # rows of one panel in a chart of report dates

# The columns of a chart's data download: enough to redraw it and to find each sentence.
DATA_COLUMNS = [
    "fact_id",
    "source_id",
    "source_label",
    "programme_label",
    "indicator",
    "indicator_label",
    "breakdown",
    "value",
    "value_high",
    "unit",
    "qualifier",
    "status",
    "period",
    "scope",
    "quote",
    "description",
]


@dataclass
class Chart:
    name: str
    path: Path
    facts: pd.DataFrame  # the rows of data/facts.csv the chart draws

    @property
    def sources(self) -> list[str]:
        return sorted(self.facts["source_id"].unique()) if len(self.facts) and "source_id" in self.facts else []


def save_chart(
    draw: Callable[[style.Layout], plt.Figure], name: str, directory: Path, drawn: pd.DataFrame, extra: Sequence[str] = ()
) -> Chart:
    """Draw and save the chart at every layout, in English and in Chinese (`draw` chooses its words
    with languages.pick while it runs; eastwest.charts.language), and, beside the English, the facts
    it drew (figures/<name>.csv; `extra` columns after the usual ones)."""
    paths = draw_both(draw, name, directory)
    if len(drawn.columns):
        columns = [c for c in [*DATA_COLUMNS, *extra] if c in drawn] if "fact_id" in drawn else list(drawn.columns)
        write_chart_data(directory / f"{name}.csv", drawn, columns)
    return Chart(name, paths[style.WIDE.name], drawn)


def draw_both(draw: Callable[[style.Layout], plt.Figure], name: str, directory: Path) -> dict[str, Path]:
    """The chart saved at every layout in each language (Chinese into figures/zh/); the English
    paths by layout name."""
    paths = {}
    for language in languages.LANGUAGES:
        with drawing_in(language):
            folder = language_directory(directory, language)
            for layout in style.LAYOUTS:
                path = style.save(draw(layout), name, folder, layout)
                if language == languages.ENGLISH:
                    paths[layout.name] = path
    return paths


# --- A chart's data download ----------------------------------------------------------------------


def write_chart_data(path: Path, drawn: pd.DataFrame, columns: Sequence[str]) -> None:
    """A chart's data as a spreadsheet opens it (eastwest.reader.spreadsheet): a byte-order mark,
    the licence line, then the table with plain numbers and the period in words."""
    write_text(path, spreadsheet_text(drawn, columns))


# --- Marks a page can explore ----------------------------------------------------------------------

# A chart's marks that draw something other than a fact (an arrow for a pairing, a dot for a place
# or a source) carry an id "<kind>:<key>" (set_gid) and are described, one row each, in
# figures/<name>.marks.csv beside the chart's data: what the page's box says (a title in English
# and Chinese, a line of text) and the page the mark opens (a path from the site's root).
MARKS_SUFFIX = ".marks.csv"
MARK_COLUMNS = ["mark", "title", "title_zh", "text", "href", "go"]


def marks_path(data: Path) -> Path:
    """The marks file beside a chart's data download (figures/<name>.csv -> <name>.marks.csv)."""
    return data.with_name(data.name.removesuffix(".csv") + MARKS_SUFFIX)


def write_marks(directory: Path, name: str, marks: pd.DataFrame) -> None:
    """figures/<name>.marks.csv: one row per explorable mark (MARK_COLUMNS), sorted by mark id."""
    table = marks.reindex(columns=MARK_COLUMNS).fillna("").drop_duplicates("mark").sort_values("mark", kind="stable")
    write_chart_data(marks_path(directory / f"{name}.csv"), table.reset_index(drop=True), MARK_COLUMNS)


def read_chart_data(path: Path, **options) -> pd.DataFrame:
    """A chart's data download read back (the licence line skipped); `options` go to read_csv."""
    return pd.read_csv(path, skiprows=1, encoding="utf-8-sig", **options)


# --- Shared wording and selection ---------------------------------------------------------------

# Cumulative, one-year and one-date figures never share a panel (an axis).
SCOPE_PANELS = {
    "cumulative": "several",
    "period_total": "several",
    "annual": "year",
    "recurring": "year",
    "event": "date",
    "stock": "date",
}
PANEL_HEADINGS = {
    "several": "Totals over more than one year",
    "year": "One year or part of one (or per year)",
    "date": "At one date or one event",
    "other": "Period not stated",
}
PANEL_HEADINGS_ZH = {
    "several": "多年累计或合计",
    "year": "一年或一年内（含每年）",
    "date": "某一时点或单次",
    "other": "未注明时间",
}


def panel_heading(kind: str) -> str:
    """A panel's heading in the current language."""
    return pick(PANEL_HEADINGS[kind], PANEL_HEADINGS_ZH[kind])


def panel_of(scope: str, period: str = "") -> str:
    """The panel (SCOPE_PANELS) a figure of this scope and period is drawn in: a total whose stated
    span lies within one calendar year (今年以来, January to October) is a one-year figure, not a
    total over several years."""
    kind = SCOPE_PANELS.get(scope, "other")
    start, _, end = str(period or "").partition("/")
    if kind == "several" and start[:4].isdigit() and start[:4] == end[:4]:
        return "year"
    return kind


def panel_kinds(table: pd.DataFrame) -> pd.Series:
    """The panel each row of a chart's table is drawn in (panel_of by scope and period)."""
    return pd.Series([panel_of(s, p) for s, p in zip(table["scope"], table["period"])], index=table.index, dtype=object)


def period_of(row) -> str:
    """A fact's period as a chart's label names it ("2019", "2017–2020", ...; in Chinese
    "2019年度", "2017年3月至2021年2月累计")."""
    if languages.current() == languages.CHINESE:
        return period_label_zh(row["period"], row["scope"], row["flag_list"])
    return period_label(row["period"], row["scope"], row["flag_list"])


def status_style(status: str) -> tuple[str, str]:
    """A bar's colour and hatch for its status: solid when achieved, hatched otherwise."""
    achieved = status == "achieved"
    return style.STATUS_COLOURS.get(status, style.GREY), "" if achieved else style.NOT_ACHIEVED_HATCH


def largest(table: pd.DataFrame, limit: int = MAX_BARS, column: str = "value") -> pd.DataFrame:
    """The `limit` rows with the largest values (ties by fact id), kept in the table's order."""
    if len(table) <= limit:
        return table
    keep = table.sort_values([column, "fact_id"], ascending=[False, True], kind="stable").head(limit).index
    return table[table.index.isin(keep)]


def panels_by_scope(table: pd.DataFrame, make_bar: Callable[[pd.Series], style.Bar], **panel) -> list[style.Panel]:
    """One panel per kind of period, in the order cumulative, one year, one date; headed only
    when there is more than one."""
    kinds = panel_kinds(table)
    order = [k for k in PANEL_HEADINGS if k in set(kinds)]
    return [
        style.Panel(
            [of_fact(make_bar(r), r) for _, r in table[kinds == k].iterrows()],
            panel_heading(k) if len(order) > 1 else "",
            **panel,
        )
        for k in order
    ]


def of_fact(bar: style.Bar, row) -> style.Bar:
    """The bar, marked with the fact it draws (a row of data/facts.csv), so the page links it."""
    if not bar.fact and "fact_id" in row and "source_id" in row:
        bar.fact, bar.source = str(row["fact_id"]), str(row["source_id"])
    return bar


def records(table: pd.DataFrame) -> Iterator[Any]:
    """The table's rows as named tuples, read by column name. Typed Any: pandas-stubs types every
    field as the union of all scalars, where each column of a chart's table holds one kind."""
    return table.itertuples()


def sentences(*parts: str) -> str:
    """Sentences joined: by a space in English, directly in Chinese (each ends with '。')."""
    return pick(" ", "").join(p for p in parts if p)


def scale_note() -> str:
    return pick("Bars are to scale within a panel, not across panels.", "各组内的条形按同一比例绘制，组与组之间比例不同。")


def shared_note() -> str:
    return pick(
        "All bars are on one scale; the panels keep figures for different kinds of period apart.",
        "所有条形按同一比例绘制；分组是为了把不同时间口径的数字分开。",
    )
