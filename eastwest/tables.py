"""HTML fragments for the book: fact tables whose values link to the source sentence, and the
collapsed list of fact ids under each chart. Every text from a source is HTML-escaped."""
from __future__ import annotations

from html import escape

import pandas as pd

from .cite import fact_href
from .style import human

QUALIFIER_WORDS = {"exact": "", "over": "over ", "about": "about ", "under": "under ", "range": ""}


def value_text(row) -> str:
    if pd.isna(row["value"]):
        return "number missing in source"
    text = human(row["value"], row["unit"])
    if row["qualifier"] == "range" and not pd.isna(row["value_high"]):
        text += "–" + human(row["value_high"], row["unit"])
    unit = "" if row["unit"] in ("yuan", "percent") else " " + row["unit"].replace("_", "-")
    return QUALIFIER_WORDS.get(row["qualifier"], "") + text + unit


def fact_link(row, from_dir: str = "chapters") -> str:
    href = fact_href(row["fact_id"], row["source_id"], from_dir)
    return f'<a class="fact-link" href="{escape(href)}" title="{escape(row["quote"])}">{escape(value_text(row))}</a>'


def fact_table(frame: pd.DataFrame, from_dir: str = "chapters", caption: str | None = None) -> str:
    """A table of facts: value (linked to its highlighted sentence), what, period, pairing, source."""
    from .cite import bib_key

    rows = []
    for _, row in frame.iterrows():
        status = "" if row["status"] == "achieved" else f' <span class="fact-status">({escape(row["status"])})</span>'
        rows.append(
            "<tr>"
            f"<td>{fact_link(row, from_dir)}{status}</td>"
            f"<td>{escape(row['description'])}<br><span class=\"fact-quote\" lang=\"zh\">{escape(row['quote'])}</span></td>"
            f"<td>{escape(row['period'])}<br><small>{escape(row['scope'])}</small></td>"
            f"<td>{escape(row['pairing'])}</td>"
            f"<td><code>{escape(bib_key(row['source_id']))}</code></td>"
            "</tr>"
        )
    head = "<tr><th>Value</th><th>What it counts (quote)</th><th>Period</th><th>Pairing</th><th>Source</th></tr>"
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f'<div class="fact-table-wrap"><table class="fact-table">{cap}<thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


def facts_behind(frame: pd.DataFrame, from_dir: str = "chapters") -> str:
    """Collapsed list of the fact ids a chart draws on, each linked to its sentence."""
    items = "".join(
        f'<li><a href="{escape(fact_href(r["fact_id"], r["source_id"], from_dir))}"><code>{escape(r["fact_id"])}</code></a> '
        f"{escape(value_text(r))}: {escape(r['description'])}</li>"
        for _, r in frame.iterrows()
    )
    return f'<details class="facts-behind"><summary>Facts behind this chart ({len(frame)})</summary><ul>{items}</ul></details>'
