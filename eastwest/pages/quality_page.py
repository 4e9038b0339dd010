"""The data-quality appendix, sources/quality.md (never edited by hand): what was wrong with each
raw text and what cleaning did about it, one row per source, then the site's accessibility note.
Called by `pages.generate.write_pages`."""

from __future__ import annotations

from html import escape

import pandas as pd

from eastwest.pages.render import render
from eastwest.reader import wording
from eastwest.reader.links import source_page


def quality_page_markdown(sources: pd.DataFrame, log: dict, facts: pd.DataFrame) -> str:
    """One row per source (a page that stays small however many sources there are); the details,
    line by line, are in the Cleaning section of each source's page."""
    flagged = facts[facts["flags"].str.contains("year_missing_in_source")].groupby("source_id").size()
    rows = []
    for _, s in sources.iterrows():
        sid = s["source_id"]
        entry = log[sid]
        rules = ", ".join(f"{escape(rule.replace('_', ' '))} ({n})" for rule, n in entry["lines_removed_by_rule"].items())
        other = []
        if entry.get("byte_order_mark_stripped"):
            other.append("byte-order mark removed")
        if entry["script_conversion"]:
            other.append(f"{entry['characters_converted']} characters simplified ({escape(entry['script_conversion'])})")
        rows.append(
            f'<tr><td><a href="{source_page(sid)}.html#cleaning">{escape(s["title_en"])}</a><br>{escape(wording.source_label(s))}</td>'
            f"<td>{len(entry['lines_removed'])}<br><small>{rules}</small></td>"
            f"<td>{entry['pinyin_glosses_stripped']}</td><td>{len(entry['garbled_runs'])}</td>"
            f"<td>{len(entry.get('numbers_missing_in_source', []))}</td><td>{int(flagged.get(sid, 0))}</td>"
            f"<td><small>{'; '.join(other)}</small></td></tr>"
        )
    return render("quality_page", rows="".join(rows))
