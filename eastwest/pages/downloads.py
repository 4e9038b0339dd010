"""A chart's data download on a page: the CSV beside the figure (figures/<name>.csv, written by
eastwest.charts.base.write_chart_data) copied into the site's static files, and the paragraph
that offers it. The chapters (through eastwest.pages.book), the overview and every pairing page
use it, so every chart that draws data offers that data."""

from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path

import pandas as pd

from eastwest.charts.base import marks_path, read_chart_data
from eastwest.pages import downloads_zh
from eastwest.reader import page_words_zh, wording_zh
from eastwest.reader.links import fact_href
from eastwest.reader.wording import PERIOD_WORDS_COLUMN, chart_data_link_text, value_text

CHART_DATA = "_static/generated/chart-data"  # copied into the site by Sphinx with the other static files


def chart_data_paragraph(data: Path, rows: int, root: Path, from_dir: str = "chapters", subfolder: str = "") -> str:
    """Publish `data` under CHART_DATA (in `subfolder`) and return the paragraph linking to it from
    a page in `from_dir` ("" for the book's root); empty when the chart wrote no data."""
    if not data.exists():
        return ""
    href = publish(data, root, from_dir, subfolder)
    return f'<p class="chart-data"><a href="{escape(href)}" download>{escape(chart_data_link_text(rows))}</a></p>' + chart_table(
        data, from_dir
    )


def publish(data: Path, root: Path, from_dir: str = "chapters", subfolder: str = "") -> str:
    """Copy `data` (and its marks) under CHART_DATA; the link to it from a page in `from_dir`."""
    relative = f"{subfolder}/{data.name}" if subfolder else data.name
    target = root / CHART_DATA / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(data, target)
    if marks_path(data).exists():  # what the chart's arrows and dots say and open (_static/charts.js)
        shutil.copyfile(marks_path(data), marks_path(target))
    return ("../" if from_dir else "") + f"{CHART_DATA}/{relative}"


# A fact chart's rows as a reader reads them: (heading, how a row's cell is written).
FACT_COLUMNS = {
    "What": lambda r: r["indicator_label"] + (f" ({r['breakdown']})" if r.get("breakdown") else ""),
    "Value": lambda r: value_text(r),
    "Period": lambda r: r.get(PERIOD_WORDS_COLUMN, r.get("period", "")),
    "Status": lambda r: r.get("status", ""),
    "Source": lambda r: r.get("source_label", ""),
}


MAX_TABLE_ROWS = 25  # a chart draws at most 20 bars (eastwest.charts.base.MAX_BARS)
SNAKE_CASE = re.compile(r"[a-z]+(?:_[a-z]+)+")


def words(text: str) -> str:
    """A dataset's name for a column or a value (east_west_cooperation, date_status) in words."""
    return text.replace("_", " ") if SNAKE_CASE.fullmatch(text) else text


def chart_table(data: Path, from_dir: str = "chapters") -> str:
    """The chart's rows (its CSV) as a table, collapsed under the chart: a reader who cannot see
    the drawing, or wants the numbers, opens it; it needs no script. A fact's value links to its
    sentence."""
    table = read_chart_data(data, dtype=str, keep_default_na=False)
    if not len(table):
        return ""
    total = len(table)
    table = table.head(MAX_TABLE_ROWS)  # a chart of counts lists every fact it counted: the CSV has them all
    if "fact_id" in table:
        numbers = table.assign(
            value=pd.to_numeric(table["value"], errors="coerce"),
            value_high=pd.to_numeric(table.get("value_high", pd.Series("", index=table.index)), errors="coerce"),
        )
        head = "".join(f"<th>{h}</th>" for h in FACT_COLUMNS)
        rows = []
        for _, row in numbers.iterrows():
            cells = {h: escape(str(cell(row))) for h, cell in FACT_COLUMNS.items()}
            cells["Value"] = f'<a href="{escape(fact_href(row["fact_id"], row["source_id"], from_dir))}">{cells["Value"]}</a>'
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells.values()) + "</tr>")
    else:
        table = table[[c for c in table.columns if not c.endswith("_id")]]  # keys stay in the download
        head = "".join(f"<th>{escape(words(c))}</th>" for c in table.columns)
        rows = ["<tr>" + "".join(f"<td>{escape(words(str(v)))}</td>" for v in r) + "</tr>" for r in table.itertuples(index=False)]
    noun = "row" if total == 1 else "rows"
    shown = (
        f"the first {len(table)} of the chart's {total} rows (all in the download)"
        if total > len(table)
        else f"the chart's {total} {noun}"
    )
    return (
        f'<details class="chart-table"><summary>Table: {shown}</summary>'
        f'<div class="chart-table-scroll"><table class="chart-rows"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></details>"
    )


# --- The Chinese edition ------------------------------------------------------------------------------


def chart_data_paragraph_zh(data: Path, rows: int, root: Path, from_dir: str = "chapters", subfolder: str = "") -> str:
    """chart_data_paragraph for Chinese readers: the same download (the chart's data, one file for
    both editions), offered in Chinese, and the chart's facts as a Chinese table when it drew facts;
    a chart of counts offers its download only (its columns are the dataset's English names)."""
    if not data.exists():
        return ""
    publish(data, root, from_dir, subfolder)  # the marks the page's boxes read, shared by both editions
    return downloads_zh.chart_data_link_zh(data, rows, root, from_dir, subfolder) + chart_table_zh(data, from_dir)


def chart_table_zh(data: Path, from_dir: str = "chapters") -> str:
    """chart_table in Chinese for a chart of facts: indicator, value (linked), period, status, source,
    read from the dataset by each row's fact id; '' for a chart of counts."""
    from eastwest.pages import tables  # tables reads the dataset; a page without charts does not need it

    table = read_chart_data(data, dtype=str, keep_default_na=False)
    if not len(table) or "fact_id" not in table:
        return ""
    total = len(table)
    shown = tables.with_dataset_columns(table[["fact_id"]].head(MAX_TABLE_ROWS))
    labels, names = tables.source_labels_zh(), tables.place_names_zh()
    rows = []
    for _, row in shown.iterrows():
        href = fact_href(row["fact_id"], row["source_id"], from_dir)
        cells = (
            escape(tables.what_zh(row)),
            escape(tables.programme_label_zh(str(row["programme_label"]), names) if row.get("programme_label") else "—"),
            f'<a href="{escape(href)}">{escape(wording_zh.value_text_zh(row))}</a>',
            escape(wording_zh.period_text_zh(row)),
            escape(page_words_zh.status_cell_zh(row)),
            escape(labels.get(str(row["source_id"]), "")),
        )
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in page_words_zh.CHART_TABLE_HEADINGS_ZH)
    summary = page_words_zh.chart_table_summary_zh(len(shown), total)
    return (
        f'<details class="chart-table"><summary>{escape(summary)}</summary>'
        f'<div class="chart-table-scroll"><table class="chart-rows"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></details>"
    )
