"""HTML fragments for the book: fact tables whose values link to the source sentence, and the
collapsed list of fact ids under each chart. Every text from a source is HTML-escaped."""

from __future__ import annotations

import re
from html import escape

import pandas as pd

from eastwest.analysis.comparisons import profiled_pairings
from eastwest.dataset import load
from eastwest.reader import links, page_words_zh, source_names_zh, wording, wording_zh
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


# --- The same fragments for the Chinese edition (eastwest.reader.wording_zh) -------------------------
# Each function below is its English namesake's counterpart: same links, same data attributes, same
# bounds; the words are Chinese. The dataset has no Chinese description of a fact: a Chinese reader
# sees the indicator's Chinese name and the source's own sentence instead, never a translation.


def place_names_zh(paths=None) -> dict[str, str]:
    """Each place's English names as the dataset's labels write them ('Yanhe', 'Suzhou (city)',
    'Shangang village') -> its Chinese name in running text ('沿河', '苏州市', '善港村')."""
    names: dict[str, str] = {}
    for _, place in load.places(paths or load.PROJECT).iterrows():
        short = wording.short_name(place["name_en"])
        zh = wording_zh.short_place_zh(place["name_zh"], place["level"])
        names[place["id"]] = zh
        names[place["name_en"]] = names[short] = names[place["name_en"].split(" (")[0]] = zh
        names[wording.city_name(short)] = wording_zh.city_name_zh(place["name_zh"])
    return names


_BACKGROUND_NAMED = re.compile(r"^Background: (.*) \(no single pairing\)$")


def programme_label_zh(label: str, names: dict[str, str] | None = None) -> str:
    """A fact's programme label (eastwest.dataset.attribution) in Chinese: 'Zhangjiagang → Yanhe' ->
    '张家港→沿河'; 'Zhangjiagang → Gongliu and Yanhe, together' -> '张家港→巩留、沿河（合并报道）';
    'Background: Zhangjiagang (no single pairing)' -> '张家港（不属于单一结对）'. A name with no
    Chinese counterpart in data/places.csv stays as written (tests/test_outputs_zh.py catches it)."""
    names = place_names_zh() if names is None else names
    if label == wording.BACKGROUND:
        return wording_zh.BACKGROUND_ZH
    named = _BACKGROUND_NAMED.match(label)
    if named:
        return wording_zh.background_label_zh(programme_label_zh(named.group(1), names))
    together = label.endswith(", together")
    sides = [
        [names.get(n, n) for n in re.split(r", | and ", side) if n] for side in label.removesuffix(", together").split(" → ")
    ]
    if together:
        return wording_zh.group_label_zh(*sides) if len(sides) == 2 else wording_zh.in_words_zh(sides[0]) + wording_zh.TOGETHER_ZH
    return wording_zh.ARROW_ZH.join(wording_zh.in_words_zh(side) for side in sides)


def pairing_zh(row, names: dict[str, str] | None = None) -> str:
    """The places a fact names, Chinese style ('张家港→沿河', '善港村', '—'), from its east and west ids."""
    names = place_names_zh() if names is None else names
    east, west = ([names.get(p, p) for p in str(row[side] or "").split(";") if p] for side in ("east", "west"))
    return wording_zh.pairing_label_zh(wording_zh.in_words_zh(east), wording_zh.in_words_zh(west))


def source_labels_zh(paths=None) -> dict[str, str]:
    """Each source's Chinese name (outlet and date), by source id."""
    return {
        str(sid): source_names_zh.source_label_zh(row)
        for sid, row in load.sources(paths or load.PROJECT).set_index("source_id").iterrows()
    }


def with_dataset_columns(frame: pd.DataFrame, paths=None) -> pd.DataFrame:
    """`frame` with the dataset's columns it lacks (a chart's facts keep only some), by fact id."""
    facts = load.facts(paths or load.PROJECT)
    missing = [c for c in facts.columns if c not in frame.columns]
    if not missing or "fact_id" not in frame:
        return frame
    return frame.merge(facts[["fact_id", *missing]], on="fact_id", how="left", validate="many_to_one")


def fact_link_zh(row, from_dir: str = "chapters") -> str:
    href = fact_href(row["fact_id"], row["source_id"], from_dir)
    text = wording_zh.value_text_zh(row)
    return f'<a class="fact-link" href="{escape(href)}" title="{escape(row["quote"])}">{escape(text)}</a>'


def source_links_zh(source_ids, from_dir: str = "chapters", paths=None) -> str:
    """The sources by outlet and date, Chinese style, each linked to its page; in source order."""
    labels = source_labels_zh(paths)
    found = [source_link(sid, labels[sid], from_dir) for sid in sorted(set(source_ids))]
    return page_words_zh.SOURCES_MARK_ZH.join(found) if found else page_words_zh.SOURCES_NONE_ZH


def _by_source_zh(frame: pd.DataFrame, from_dir: str) -> str:
    labels = source_labels_zh()
    counts = frame.groupby("source_id", sort=True).size()
    return " · ".join(f"{source_link(str(sid), labels[str(sid)], from_dir)}（{n}条）" for sid, n in counts.items())


def more_facts_zh(frame: pd.DataFrame, from_dir: str = "chapters") -> str:
    return page_words_zh.MORE_FACTS_ZH.format(n=len(frame), links=_by_source_zh(frame, from_dir))


def what_zh(row) -> str:
    """What a fact counts, for a Chinese reader: its Chinese description, else the indicator's Chinese name."""
    return wording_zh.what_counted_zh(row)


def quote_zh(row) -> str:
    """'，原文“…”': the source's own sentence, after a fact told in Chinese."""
    return f'，原文<span class="fact-quote" lang="zh">“{escape(row["quote"])}”</span>'


def fact_table_zh(
    frame: pd.DataFrame, from_dir: str = "chapters", caption: str | None = None, max_rows: int = MAX_TABLE_ROWS
) -> str:
    """fact_table in Chinese: value (linked), indicator and the source's sentence, period and how it
    counts, the places, the source."""
    frame = with_dataset_columns(frame)
    names, labels = place_names_zh(), source_labels_zh()
    rows = []
    for _, row in frame.iloc[:max_rows].iterrows():
        status = wording_zh.status_text_zh(row)
        status = f' <span class="fact-status">（{escape(status)}）</span>' if status else ""
        scope = wording_zh.SCOPE_WORDS_ZH.get(row["scope"], "")
        rows.append(
            "<tr>"
            f"<td>{fact_link_zh(row, from_dir)}{status}</td>"
            f'<td>{escape(what_zh(row))}<br><span class="fact-quote" lang="zh">{escape(row["quote"])}</span></td>'
            f"<td>{escape(wording_zh.period_text_zh(row))}<br><small>{escape(scope)}</small></td>"
            f"<td>{escape(pairing_zh(row, names))}</td>"
            f"<td>{escape(labels.get(str(row['source_id']), ''))}</td>"
            "</tr>"
        )
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in page_words_zh.TABLE_HEADINGS_ZH) + "</tr>"
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    more = f'<p class="facts-more">{more_facts_zh(frame.iloc[max_rows:], from_dir)}</p>' if len(frame) > max_rows else ""
    return (
        f'<div class="fact-table-wrap"><table class="fact-table">{cap}<thead>{head}</thead><tbody>{"".join(rows)}</tbody>'
        f"</table>{more}</div>"
    )


def facts_behind_zh(frame: pd.DataFrame, from_dir: str = "chapters", max_listed: int = MAX_LISTED) -> str:
    """facts_behind in Chinese: each value linked to its sentence, its period (marked), what it counts."""
    summary = f"<summary>{escape(page_words_zh.FACTS_BEHIND_CHART_ZH.format(n=len(frame)))}</summary>"
    if len(frame) > max_listed:
        explorer = f'<a href="{escape(links.explorer_href(from_dir))}">{escape(page_words_zh.FACTS_BEHIND_EXPLORER_ZH)}</a>'
        text = page_words_zh.FACTS_BEHIND_BY_SOURCE_ZH.format(sources=_by_source_zh(frame, from_dir))
        return f'<details class="facts-behind">{summary}<p class="facts-more">{text}{explorer}。</p></details>'
    frame = with_dataset_columns(frame)
    items = "".join(
        f'<li><a href="{escape(fact_href(r["fact_id"], r["source_id"], from_dir))}">{escape(wording_zh.value_text_zh(r))}</a>'
        f" · {escape(wording_zh.period_text_zh(r))}：{escape(what_zh(r))}{quote_zh(r)}</li>"
        for _, r in frame.iterrows()
    )
    return f'<details class="facts-behind">{summary}<ul>{items}</ul></details>'


def chapter_facts_zh(groups: list[tuple[str, pd.DataFrame]], from_dir: str = "chapters") -> str:
    groups = [(caption, frame) for caption, frame in groups if len(frame)]
    total = sum(len(frame) for _, frame in groups)
    body = "".join(fact_table_zh(frame, from_dir, caption) for caption, frame in groups)
    return collapsed(page_words_zh.FACTS_BEHIND_CHAPTER_ZH.format(n=total), body)


def sources_table_zh(sources: pd.DataFrame, from_dir: str = "chapters") -> str:
    """One row per source, Chinese style: its name, its Chinese title, outlet, date, genre, facts."""
    rows = []
    for _, s in sources.iterrows():
        date = source_names_zh.source_label_zh(s).partition("，")[2]
        rows.append(
            "<tr>"
            f'<td><a href="{escape(source_href(s["source_id"], from_dir))}">{escape(source_names_zh.source_label_zh(s))}</a></td>'
            f'<td><span lang="zh">{escape(s["title_zh"] or page_words_zh.UNTITLED_ZH)}</span></td>'
            f"<td>{escape(source_names_zh.outlet_label_zh(str(s['outlet']), str(s.get('genre') or '')))}</td><td>{escape(date)}</td>"
            f"<td>{escape(source_names_zh.GENRE_ZH.get(s['genre'], ''))}</td><td>{escape(s['facts'])}</td>"
            "</tr>"
        )
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in page_words_zh.SOURCES_TABLE_HEADINGS_ZH) + "</tr>"
    return f'<div class="fact-table-wrap"><table class="fact-table"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


def pairings_table_zh(pairings: pd.DataFrame, from_dir: str = "chapters", profiled: set[str] | None = None) -> str:
    """One row per pairing, Chinese style: who helps whom (linked to its page), the arrangement in the
    programme's own term, since when, and the sentence that dates it."""
    names, labels = place_names_zh(), source_labels_zh()
    if profiled is None:
        profiled = profiled_pairings(load.facts())
    rows = []
    for _, p in pairings.iterrows():
        label = escape(wording_zh.pairing_label_zh(names.get(p["east"], p["east"]), names.get(p["west"], p["west"])))
        if p["pairing_id"] in profiled:
            label = f'<a href="{escape(links.profile_href(p["pairing_id"], from_dir))}">{label}</a>'
        quote = ""
        if p["start_source"]:
            href = source_href(p["start_source"], from_dir)
            quote = (
                f'<span class="fact-quote" lang="zh">{escape(p["start_quote"])}</span>'
                f'（<a href="{escape(href)}">{escape(labels[p["start_source"]])}</a>）'
            )
        arrangement = wording_zh.RELATIONSHIP_SHORT_ZH.get(p["relationship"], p.get("relationship_zh", ""))
        rows.append(
            f"<tr><td>{label}</td><td>{escape(arrangement)}</td>"
            f"<td>{escape(wording_zh.start_text_zh(p))}</td><td>{quote}</td></tr>"
        )
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in page_words_zh.PAIRINGS_TABLE_HEADINGS_ZH) + "</tr>"
    return f'<div class="fact-table-wrap"><table class="fact-table"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'
