"""A chart's data download on a page: the CSV beside the figure (figures/<name>.csv, written by
eastwest.charts.base.write_chart_data) copied into the site's static files, and the paragraph
that offers it. The chapters (through eastwest.pages.book), the overview and every pairing page
use it, so every chart that draws data offers that data."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from eastwest.reader.wording import chart_data_link_text

CHART_DATA = "_static/generated/chart-data"  # copied into the site by Sphinx with the other static files


def chart_data_paragraph(data: Path, rows: int, root: Path, from_dir: str = "chapters", subfolder: str = "") -> str:
    """Publish `data` under CHART_DATA (in `subfolder`) and return the paragraph linking to it from
    a page in `from_dir` ("" for the book's root); empty when the chart wrote no data."""
    if not data.exists():
        return ""
    relative = f"{subfolder}/{data.name}" if subfolder else data.name
    target = root / CHART_DATA / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(data, target)
    href = ("../" if from_dir else "") + f"{CHART_DATA}/{relative}"
    return f'<p class="chart-data"><a href="{escape(href)}" download>{escape(chart_data_link_text(rows))}</a></p>'
