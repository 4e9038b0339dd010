"""HTML fragments for the book: fact tables whose values link to the source sentence, and the
collapsed list of fact ids under each chart. Every text from a source is HTML-escaped."""

from __future__ import annotations

from html import escape

import pandas as pd

from eastwest.analysis.comparisons import profiled_pairings
from eastwest.dataset import load
from eastwest.reader import links, wording
from eastwest.reader.links import fact_href, source_href
from eastwest.reader.wording import SCOPE_WORDS, period_text, start_text, status_text, value_text

# Listings stay bounded however many sources there are: past these many facts, a table shows the
# first ones (in its own order) and counts the rest by source, each source linked to its page, where
# every one of its facts is highlighted and anchored; a chart's facts-behind list counts them all.
MAX_TABLE_ROWS = 100
MAX_LISTED = 100


def fact_link(row, from_dir: str = "chapters") -> str:
    href = fact_href(row["fact_id"], row["source_id"], from_dir)
    return f'<a class="fact-link" href="{escape(href)}" title="{escape(row["quote"])}">{escape(value_text(row))}</a>'


def source_labels(paths=None) -> dict[str, str]:
    """Each source's reader's name (outlet and date), by source id."""
    return {
        str(sid): wording.source_label(row) for sid, row in load.sources(paths or load.PROJECT).set_index("source_id").iterrows()
    }


def source_link(source_id: str, label: str, from_dir: str = "chapters") -> str:
    return (
        f'<a class="source-link" href="{escape(source_href(source_id, from_dir))}" data-source="{escape(source_id)}">'
        f"{escape(label)}</a>"
    )


def source_links(source_ids, from_dir: str = "chapters", paths=None) -> str:
    """The sources, by outlet and date, each linked to its page; in source order."""
    labels = source_labels(paths)
    links = [source_link(sid, labels[sid], from_dir) for sid in sorted(set(source_ids))]
    return "; ".join(links) if links else "none"


def more_facts(frame: pd.DataFrame, from_dir: str = "chapters") -> str:
    """'12 more facts, each highlighted on its source's page: Litchi News, 2021-02-27 (7) · …': the facts a
    bounded listing leaves out, counted by source (in source order), each source linked to its page."""
    # the facts carry their source's label (eastwest.dataset.load): no second read of a project that
    # may not be the one these facts came from
    labels = dict(zip(frame.source_id.astype(str), frame.source_label)) if "source_label" in frame else source_labels()
    counts = frame.groupby("source_id", sort=True).size()
    links = " · ".join(f"{source_link(str(sid), labels[str(sid)], from_dir)} ({n})" for sid, n in counts.items())
    noun = "fact" if len(frame) == 1 else "facts"
    return f"{len(frame)} more {noun}, each highlighted on its source's page: {links}"


def fact_table(
    frame: pd.DataFrame, from_dir: str = "chapters", caption: str | None = None, max_rows: int = MAX_TABLE_ROWS
) -> str:
    """A table of facts: value (linked to its highlighted sentence), what, period, pairing, source.
    Past `max_rows` facts, the rest are counted by source under the table."""
    rows = []
    for _, row in frame.iloc[:max_rows].iterrows():
        status = "" if row["status"] == "achieved" else f' <span class="fact-status">({escape(status_text(row))})</span>'
        rows.append(
            "<tr>"
            f"<td>{fact_link(row, from_dir)}{status}</td>"
            f'<td>{escape(row["description"])}<br><span class="fact-quote" lang="zh">{escape(row["quote"])}</span></td>'
            f"<td>{escape(period_text(row))}<br><small>{escape(SCOPE_WORDS.get(row['scope'], row['scope']))}</small></td>"
            f"<td>{escape(row['pairing'])}</td>"
            f"<td>{escape(row['source_label'])}</td>"
            "</tr>"
        )
    head = "<tr><th>Value</th><th>What it counts (quote)</th><th>Period</th><th>Pairing</th><th>Source</th></tr>"
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    more = f'<p class="facts-more">{more_facts(frame.iloc[max_rows:], from_dir)}</p>' if len(frame) > max_rows else ""
    return (
        f'<div class="fact-table-wrap"><table class="fact-table">{cap}<thead>{head}</thead><tbody>{"".join(rows)}</tbody>'
        f"</table>{more}</div>"
    )


def facts_behind(frame: pd.DataFrame, from_dir: str = "chapters", max_listed: int = MAX_LISTED) -> str:
    """Collapsed list of the facts a chart draws on: each value linked to its sentence, with its
    period (marked when inferred or when the source lost the year) and what it counts; no internal
    ids. Past `max_listed` facts none is listed: they are counted by source (each source's page
    highlights them) and the fact explorer is linked, so a page of corpus charts stays light."""
    summary = f"<summary>Facts behind this chart ({len(frame)})</summary>"
    if len(frame) > max_listed:
        return f'<details class="facts-behind">{summary}<p class="facts-more">{facts_by_source(frame, from_dir)}</p></details>'
    items = "".join(
        f'<li><a href="{escape(fact_href(r["fact_id"], r["source_id"], from_dir))}">{escape(value_text(r))}</a>'
        f" · {escape(period_text(r))}: {escape(r['description'])}</li>"
        for _, r in frame.iterrows()
    )
    return f'<details class="facts-behind">{summary}<ul>{items}</ul></details>'


def facts_by_source(frame: pd.DataFrame, from_dir: str = "chapters") -> str:
    """The facts counted by source, each source linked to its page, and a link to the explorer."""
    labels = dict(zip(frame.source_id.astype(str), frame.source_label)) if "source_label" in frame else source_labels()
    counts = frame.groupby("source_id", sort=True).size()
    sources = " · ".join(f"{source_link(str(sid), labels[str(sid)], from_dir)} ({n})" for sid, n in counts.items())
    explorer = f'<a href="{escape(links.explorer_href(from_dir))}">{escape(wording.FACTS_BEHIND_EXPLORER)}</a>'
    return f"{wording.FACTS_BEHIND_BY_SOURCE.format(sources=sources)} {explorer}."


def chapter_facts(groups: list[tuple[str, pd.DataFrame]], from_dir: str = "chapters") -> str:
    """Every fact a chapter rests on, collapsed at its end: one fact table per (caption, facts)
    group, under a summary that counts them."""
    groups = [(caption, frame) for caption, frame in groups if len(frame)]
    total = sum(len(frame) for _, frame in groups)
    noun = "fact" if total == 1 else "facts"
    body = "".join(fact_table(frame, from_dir, caption) for caption, frame in groups)
    return collapsed(f"Facts behind this chapter ({total} {noun}, each linked to its sentence)", body)


def collapsed(summary: str, html: str) -> str:
    """A block a reader opens when they want it (a table under a chart, a chapter's facts)."""
    return f'<details class="chapter-facts"><summary>{escape(summary)}</summary>{html}</details>'


def sources_table(sources: pd.DataFrame, from_dir: str = "chapters") -> str:
    """One row per source: its reader's name, outlet, date and how it was established, genre, facts,
    reliability."""

    rows = []
    for _, s in sources.iterrows():
        date = wording.source_date_text(s["published"], s["date_status"], s["date_estimate"])
        href = source_href(s["source_id"], from_dir)
        rows.append(
            "<tr>"
            f'<td><a href="{escape(href)}">{escape(wording.source_label(s))}</a></td>'
            f'<td><span lang="zh">{escape(s["title_zh"])}</span><br><small>{escape(s["title_en"])}</small></td>'
            f"<td>{escape(s['outlet'])}</td><td>{escape(date)}</td><td>{escape(s['genre'].replace('_', ' '))}</td>"
            f"<td>{escape(s['facts'])}</td><td><small>{escape(s['reliability'])}</small></td>"
            "</tr>"
        )
    head = "<tr><th>Source</th><th>Title</th><th>Outlet</th><th>Date</th><th>Genre</th><th>Facts</th><th>Reliability</th></tr>"
    return f'<div class="fact-table-wrap"><table class="fact-table"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


def pairings_table(
    pairings: pd.DataFrame, relationship_labels: dict, from_dir: str = "chapters", profiled: set[str] | None = None
) -> str:
    """One row per pairing: who helps whom (linked to its profile page when it has one: `profiled`,
    by default every pairing with a fact), under which arrangement, since when (with the sentence)."""
    start_source_labels = source_labels()
    if profiled is None:
        profiled = profiled_pairings(load.facts())
    rows = []
    for _, p in pairings.iterrows():
        label = escape(p["label"])
        if p["pairing_id"] in profiled:
            label = f'<a href="{escape(links.profile_href(p["pairing_id"], from_dir))}">{label}</a>'
        start = escape(start_text(p, since=""))
        if p["start_source"]:
            href = source_href(p["start_source"], from_dir)
            start += (
                f'<br><span class="fact-quote" lang="zh">{escape(p["start_quote"])}</span> '
                f'(<a href="{escape(href)}">{escape(start_source_labels[p["start_source"]])}</a>)'
            )
        rows.append(
            f"<tr><td>{label}</td><td>{escape(relationship_labels.get(p['relationship'], p['relationship']))}</td>"
            f"<td>{start}</td><td><small>{escape(p['note'])}</small></td></tr>"
        )
    head = "<tr><th>Pairing</th><th>Arrangement</th><th>Start</th><th>Note</th></tr>"
    return f'<div class="fact-table-wrap"><table class="fact-table"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'
