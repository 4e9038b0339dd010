"""Generate one profile page per pairing into pairings/ (never edited by hand): who helps whom,
every indicator the pairing has facts for (grouped by theme, values linked to their sentences),
a small chart of the money (or else the people) the sources report, and the sources that speak
about it. Also pairings/index.md, the list of all pairings. Called by `pages.generate.write_pages`.

The chart is drawn by eastwest.charts.profile into figures/pairings/; this module chooses the
figures it shows (at most MAX_BARS) and writes its caption."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from eastwest.analysis.comparisons import profiled_pairings
from eastwest.charts.maps import pairing_locator
from eastwest.charts.profile import CHART_UNITS, chart_facts, draw_chart
from eastwest.core.files import write_text
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.plaintext import markdown_text
from eastwest.dataset import load
from eastwest.dataset.attribution import nested_pairings, unit_kind
from eastwest.pages.downloads import chart_data_paragraph
from eastwest.pages.key_numbers import key_numbers
from eastwest.pages.render import render
from eastwest.pages.tables import facts_behind, more_facts, source_links
from eastwest.reader import wording
from eastwest.reader.links import PROFILE_DIR, fact_href, profile_href, source_href
from eastwest.reader.wording import (
    RELATIONSHIP_SHORT,
    SCOPE_WORDS,
    label_ends,
    period_text,
    source_label,
    start_text,
    status_text,
    value_text,
)
from eastwest.reference.vocabulary import load_vocabulary

FROM_DIR = "pairings"  # where profile pages sit, for relative links to source pages
# However many sources speak about a pairing, its page stays bounded: the chart draws at most
# MAX_BARS figures (the largest) and each indicator's table lists at most MAX_INDICATOR_ROWS facts,
# counting the rest by source (every fact stays highlighted and anchored on its source's page).
MAX_BARS = 20  # as eastwest.charts.base.MAX_BARS
MAX_INDICATOR_ROWS = 12


# --- Where things go ------------------------------------------------------------------------------


def profile_dir(paths: ProjectPaths = PROJECT) -> Path:
    return paths.root / PROFILE_DIR


def figure_dir(paths: ProjectPaths = PROJECT) -> Path:
    return paths.figures / PROFILE_DIR


def _check_page_name(pairing_id: str) -> None:
    # _toc.yml globs `pairings/*-*` so that pairings/index is not listed twice.
    if "-" not in pairing_id or not re.fullmatch(r"[a-z0-9-]+", pairing_id):
        raise ValueError(f"pairing id {pairing_id!r} cannot name a profile page: use lower-case east-west, e.g. kunshan-bijiang")


# --- Readers' words for sources, dates and periods -----------------------------------------------


def report_date(source: pd.Series) -> str:
    """Sort key: when the source was written, best estimate first."""
    return source["date_estimate"] or source["published"] or "9999"


def _source_link(source: pd.Series) -> str:
    title = source["title_zh"] or source["title_en"]
    return (
        f'<a href="{escape(source_href(source["source_id"], FROM_DIR))}" title="{escape(title)}">'
        f"{escape(source_label(source))}</a>"
    )


def speaking_sources(pairing_id: str, facts: pd.DataFrame, sources: pd.DataFrame, also: tuple[str, ...] = ()) -> pd.DataFrame:
    """Sources with a fact on the pairing, a fact its page shows beside its own (`shown_on`, or the
    source ids in `also`), or naming it in their `pairings` field, by report date: the list the
    pairing page gives and the count the pairings index gives are this one list."""
    shown = facts["shown_on"].map(lambda s: pairing_id in str(s).split(";")).astype(bool) if "shown_on" in facts else False
    with_facts = set(facts.loc[(facts.programme == pairing_id) | shown, "source_id"]) | set(also)
    naming = sources["pairings"].map(lambda s: pairing_id in s.split(";"))
    chosen = sources[naming | sources.source_id.isin(with_facts)].copy()
    chosen["_date"] = chosen.apply(report_date, axis=1)
    return chosen.sort_values(["_date", "source_id"]).drop(columns="_date")


def in_report_order(facts: pd.DataFrame, sources: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Facts by indicator (vocabulary order), then by the date their source was written, then period."""
    frame = facts.copy()
    dates = sources.set_index("source_id").apply(report_date, axis=1)
    frame["report_date"] = frame["source_id"].map(dates)
    frame["indicator_order"] = frame["indicator"].map({k: i for i, k in enumerate(indicators["indicator"])})
    return frame.sort_values(["indicator_order", "report_date", "period", "fact_id"])


# --- The chart ------------------------------------------------------------------------------------

NO_OWN_FIGURES_CHART = (
    "*No chart: the sources give no figure of this pairing's own; the figures reported for it together "
    "with other pairings, or credited to another level of the helping side, are in the tables below.*\n"
)


def _alt_bar(row: pd.Series) -> str:
    """One bar as the alt text names it: 'about ¥120 m (Fiscal aid funds, planned)' — a plan or a
    forecast is said to be one, so a screen reader never hears it as a result."""
    status = status_text(row)
    return f"{value_text(row)} ({row['indicator_label']}{', ' + status if status else ''})"


def _chart_section(pairing: pd.Series, facts: pd.DataFrame, paths: ProjectPaths) -> str:
    chosen, unit = chart_facts(facts)
    if unit is None:
        return (
            "*No chart: for this pairing's work the sources give no whole amount of money and no whole count "
            "of people, only parts, other units or background about the places (all in the tables below).*\n"
        )
    figures = len(chosen)
    if figures > MAX_BARS:  # the largest, drawn in report order
        largest = chosen.sort_values(["value", "fact_id"], ascending=[False, True]).head(MAX_BARS).index
        chosen = chosen[chosen.index.isin(largest)]
    draw_chart(pairing, chosen, unit, figure_dir(paths))
    noun, question, kind = CHART_UNITS[unit]
    not_achieved = chosen[chosen.status != "achieved"]
    lo, hi = chosen.sort_values("value").iloc[0], chosen.sort_values("value").iloc[-1]
    alt = (
        f"Horizontal bar chart of one amount reported for {pairing['label']}: {_alt_bar(lo)}"
        if len(chosen) == 1
        else (
            f"Horizontal bar chart of {len(chosen)} {kind} reported for {pairing['label']}, "
            f"from {_alt_bar(lo)} to {_alt_bar(hi)}"
            + (f"; {len(not_achieved)} of them not achieved (planned, forecast or quota)" if len(not_achieved) else "")
        )
    ) + "."
    alt = re.sub(r"[\n<>\"]", " ", alt)
    missing = facts[(facts.breakdown == "") & facts.value.isna() & (facts.unit == unit) & (facts.theme != "context")]
    other = "" if unit == "yuan" else " The sources give no whole amount of money for this pairing, so the chart counts people."
    caption = (
        f"{markdown_text(question.format(pair=pairing['label']))} One bar per figure that the source does not give as a component of another ({escape(kind)}); "
        "components a source gives as such are only in the tables below. A figure drawn may still be included "
        "in a larger one of the same pairing and period (the sources seldom say), so bars are never added. Hatched bars are planned, forecast or quotas, "
        "not achievements. Background figures about the places are left out. Amounts of different kinds, scopes and "
        "periods are shown side by side, never added."
        + other
        + (
            f" The chart draws the {len(chosen)} largest of the {figures} figures; each of them is in the tables below "
            "or counted there by source, and highlighted on its source's page."
            if figures > len(chosen)
            else ""
        )
        + (f" {len(missing)} fact(s) whose number the source lost are not drawn." if len(missing) else "")
        + " Sources: "
        + source_links(chosen.source_id, FROM_DIR, paths)
        + "."
    )
    return (
        f"## The {noun} at a glance\n\n"
        f"```{{figure}} ../figures/{PROFILE_DIR}/{pairing['pairing_id']}.svg\n:alt: {alt}\n:width: 100%\n\n{caption}\n```\n\n"
        + chart_data_paragraph(figure_dir(paths) / f"{pairing['pairing_id']}.csv", len(chosen), paths.root, FROM_DIR, PROFILE_DIR)
        + "\n\n"
        + facts_behind(chosen, FROM_DIR)
        + "\n"
    )


# --- The page -------------------------------------------------------------------------------------


def _map_section(
    pairing: pd.Series, pairings: pd.DataFrame, places: pd.DataFrame, paths: ProjectPaths, profiled: set[str] | None = None
) -> str:
    """The pairing's small map (eastwest.charts.maps.pairing_locator) and its data download; its
    arrows and dots open the `profiled` pairings' pages."""
    chart = pairing_locator(pairing["pairing_id"], pairings, places.reset_index(drop=True), figure_dir(paths), profiled)
    within = "; the county pairings within this one are drawn with their own dots" if len(chart.facts) > 1 else ""
    alt = (
        f"Map of China's provinces with a dot at {pairing['label']}'s helping and receiving places and an arrow "
        "from one to the other, with any pairings within it."
    )
    return (
        # the directive's text is escaped by Sphinx: escaping it here too would print &#x27; to the reader
        f"```{{figure}} ../figures/{PROFILE_DIR}/{chart.name}.svg\n:alt: {directive_text(alt)}\n:width: 100%\n\n"
        + f"Where the helping and receiving places lie{within}.\n```\n\n"
        + chart_data_paragraph(figure_dir(paths) / f"{chart.name}.csv", len(chart.facts), paths.root, FROM_DIR, PROFILE_DIR)
    )


def directive_text(text: str) -> str:
    """Text for a directive's option: one line, no markup characters (Sphinx escapes the rest)."""
    return re.sub(r"[\n<>\"]", " ", text)


def _place_text(place: pd.Series) -> str:
    return (
        f'{escape(place["name_en"])} · <span lang="zh">{escape(place["name_zh"])}</span><br>'
        f"<small>{escape(place['level'])} level, {escape(place['province'])}</small>"
    )


def _who_helps_whom(pairing: pd.Series, places: pd.DataFrame, sources: pd.DataFrame, nesting: tuple = ()) -> str:
    east, west = places.loc[pairing["east"]], places.loc[pairing["west"]]
    arrangement = (
        f"{escape(RELATIONSHIP_SHORT.get(pairing['relationship'], pairing['relationship']))} "
        f'(<span lang="zh">{escape(pairing["relationship_zh"])}</span>)'
    )
    start = escape(start_text(pairing, since=""))
    if pairing["start_source"]:
        source = sources.set_index("source_id", drop=False).loc[pairing["start_source"]]
        start += f'<br><q class="fact-quote" lang="zh">{escape(pairing["start_quote"])}</q> ({_source_link(source)})'
    rows = [
        ("Helping side", _place_text(east)),
        ("Receiving side", _place_text(west)),
        ("Arrangement", arrangement),
        ("Since", start),
    ]
    rows += list(nesting)
    if pairing["note"]:
        rows.append(("Note", escape(pairing["note"])))
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="provenance pairing-summary">{body}</table>'


def _status_badge(row: pd.Series, statuses: dict[str, str]) -> str:
    if row["status"] == "achieved":
        return ""
    words = (
        "quota: a rule or recurring commitment; outcome not reported"
        if row["status"] == "quota"
        else f"{status_text(row)}, not achieved"
    )
    return f'<br><span class="fact-status" title="{escape(statuses.get(row["status"], ""))}">{escape(words)}</span>'


def _indicator_rows(frame: pd.DataFrame, sources: pd.DataFrame, statuses: dict[str, str], max_rows: int) -> tuple[list[str], str]:
    """The rows of one indicator's facts, by report date: value (linked to its sentence) and
    status, what it counts, period and scope, source as outlet and date; and past `max_rows`
    facts, a paragraph counting the rest by source ('' when none is left out)."""
    by_id = sources.set_index("source_id", drop=False)
    rows = []
    for _, row in frame.iloc[:max_rows].iterrows():
        href = fact_href(row["fact_id"], row["source_id"], FROM_DIR)
        value = (
            f'<a class="fact-link" href="{escape(href)}" title="{escape(row["quote"])}">'
            f"{escape(value_text(row))}</a>{_status_badge(row, statuses)}"
        )
        what = (f"<strong>{escape(row['breakdown'])}</strong><br>" if row["breakdown"] else "") + escape(row["description"])
        period = f"{escape(period_text(row))}<br><small>{escape(SCOPE_WORDS.get(row['scope'], row['scope']))}</small>"
        rows.append(
            f'<tr><td data-label="Value">{value}</td><td data-label="What it counts">{what}</td>'
            f'<td data-label="Period">{period}</td><td data-label="Source">{_source_link(by_id.loc[row["source_id"]])}</td></tr>'
        )
    more = f'<p class="facts-more">{more_facts(frame.iloc[max_rows:], FROM_DIR)}</p>' if len(frame) > max_rows else ""
    return rows, more


TABLE_HEAD = '<thead><tr><th scope="col">Value</th><th scope="col">What it counts</th><th scope="col">Period</th><th scope="col">Source</th></tr></thead>'


def indicator_table(
    frame: pd.DataFrame, sources: pd.DataFrame, statuses: dict[str, str], max_rows: int = MAX_INDICATOR_ROWS
) -> str:
    """One table of the facts of one indicator (or of one unit shown beside the pairing's own);
    past `max_rows` facts, the rest are counted by source in its last row."""
    rows, more = _indicator_rows(frame, sources, statuses, max_rows)
    return (
        f'<div class="fact-table-wrap"><table class="fact-table profile-table">{TABLE_HEAD}'
        f"<tbody>{''.join(rows)}</tbody></table>{more}</div>"
    )


def theme_table(
    facts: pd.DataFrame,
    sources: pd.DataFrame,
    indicators: pd.DataFrame,
    statuses: dict[str, str],
    max_rows: int = MAX_INDICATOR_ROWS,
) -> str:
    """One compact table for a theme: a heading row per indicator (its English and Chinese name),
    then its facts (at most `max_rows` each); the indicators' definitions, in readers' words, in a
    collapsed list under it."""
    vocab = indicators.set_index("indicator")
    labels = dict(zip(indicators["indicator"], indicators["label_en"]))
    bodies, definitions = [], []
    for indicator in dict.fromkeys(facts["indicator"]):
        entry = vocab.loc[indicator]
        name = f'{escape(entry["label_en"])} · <span lang="zh">{escape(entry["label_zh"])}</span>'
        rows, more = _indicator_rows(facts[facts.indicator == indicator], sources, statuses, max_rows)
        if more:
            rows.append(f'<tr class="facts-more-row"><td colspan="4">{more}</td></tr>')
        bodies.append(
            f'<tbody><tr class="indicator-row"><th colspan="4" scope="colgroup">{name}</th></tr>{"".join(rows)}</tbody>'
        )
        definition = wording.reader_definition(str(entry["definition"]), labels)
        definitions.append(f"<dt>{escape(entry['label_en'])}</dt><dd>{escape(definition)}</dd>")
    return (
        f'<div class="fact-table-wrap"><table class="fact-table profile-table theme-table">{TABLE_HEAD}{"".join(bodies)}</table></div>\n'
        f'<details class="indicator-definitions"><summary>What each kind of figure counts</summary><dl>{"".join(definitions)}</dl></details>\n'
    )


def _theme_sections(facts: pd.DataFrame, sources: pd.DataFrame, indicators: pd.DataFrame, statuses: dict[str, str]) -> list[str]:
    parts = []
    for theme in dict.fromkeys(indicators["theme"]):
        of_theme = facts[facts.theme == theme]
        if len(of_theme):
            heading = wording.PROFILE_THEME_HEADINGS.get(theme) or wording.THEME_LABELS.get(theme, theme)
            parts.append(f"## {escape(heading)}\n")
            parts.append(theme_table(of_theme, sources, indicators, statuses))
    return parts


def _sources_list(chosen: pd.DataFrame, facts: pd.DataFrame, shown: dict[str, int] | None = None) -> str:
    items = []
    for _, s in chosen.iterrows():
        n = int((facts.source_id == s["source_id"]).sum())
        beside = (shown or {}).get(s["source_id"], 0)
        count = f"{n} fact{'s' if n != 1 else ''} on this pairing" if n else "names the pairing; no facts on it"
        if beside:
            together = f"{beside} fact{'s' if beside != 1 else ''} reported with other pairings or levels"
            count = f"{n} fact{'s' if n != 1 else ''} on this pairing, {together}" if n else together
        items.append(
            f'<li>{_source_link(s)}: <span lang="zh">{escape(s["title_zh"] or "(untitled)")}</span><br>'
            f"<small>{escape(s['title_en'])} · {count}</small></li>"
        )
    return f'<ul class="pairing-sources">{"".join(items)}</ul>'


def profile_markdown(
    pairing: pd.Series,
    facts: pd.DataFrame,
    sources: pd.DataFrame,
    places: pd.DataFrame,
    indicators: pd.DataFrame,
    statuses: dict[str, str],
    chart: str,
    shared: SharedFigures | None = None,
    where: str = "",
) -> str:
    """The profile page of one pairing; `facts` are the pairing's facts in report order, `chart` its
    chart section, `shared` the figures shown beside its own and the pairings nested with it."""
    shared = shared or SharedFigures()
    east, west = places.loc[pairing["east"]], places.loc[pairing["west"]]
    speaking = speaking_sources(pairing["pairing_id"], facts, sources, tuple(dict(shared.by_source)))
    title = f"{pairing['label']} ({east['name_zh']} → {west['name_zh']})"
    return render(
        "profile",
        title=markdown_text(title),  # a Markdown heading
        facts=len(facts),
        sources=len(speaking),
        shared_count=shared.count,
        who_helps_whom=_who_helps_whom(pairing, places, sources, shared.nesting),
        chart=chart,
        where=where,
        has_chart="{figure}" in chart,
        indicator_sections=_theme_sections(facts, sources, indicators, statuses),
        key_numbers=key_numbers(pairing, facts, len(speaking), shared.count, FROM_DIR),
        shared_sections=shared.sections,
        sources_list=_sources_list(speaking, facts, dict(shared.by_source)),
    )


# --- Figures shown beside the pairing's own -------------------------------------------------------


@dataclass(frozen=True)
class SharedFigures:
    """What a pairing page shows besides its own facts: figures reported for it together with other
    pairings or credited to another level of the helping side (one section per unit), and the
    pairings it lies within or that lie within it (rows of its who-helps-whom table)."""

    count: int = 0
    sections: tuple[str, ...] = ()
    nesting: tuple[tuple[str, str], ...] = ()
    by_source: tuple[tuple[str, int], ...] = ()  # source id -> figures of it shown beside the own


def shown_beside(pairing_id: str, facts: pd.DataFrame) -> pd.DataFrame:
    """Facts that are not the pairing's own but that its page shows (eastwest.dataset.attribution)."""
    return facts[facts.shown_on.map(lambda s: pairing_id in s.split(";"))]


def _pairing_link(pairing_id: str, labels: pd.Series, profiled: set[str]) -> str:
    label = escape(labels[pairing_id])
    return f'<a href="{escape(profile_href(pairing_id, FROM_DIR))}">{label}</a>' if pairing_id in profiled else label


def _shared_note(pairing: pd.Series, unit: pd.DataFrame, labels: pd.Series, profiled: set[str]) -> str:
    first = unit.iloc[0]
    kind = unit_kind(first["programme"])
    own_east = label_ends(pairing["label"])[0]
    if kind == "group":
        members = [_pairing_link(p, labels, profiled) for p in first["shown_on"].split(";") if p]
        return (
            "One figure the sentence gives for these pairings together: not this pairing's own, never divided "
            f"between them and never added to their own figures. Each of them shows it: {', '.join(members)}."
        )
    if kind == "credited":
        east = label_ends(first["programme_label"])[0]
        return f"Credited to {escape(east)}, the helper the sentence names, not to {escape(own_east)}: not this pairing's own figure."
    outer = _pairing_link(first["programme"], labels, profiled)
    east = escape(label_ends(first["programme_label"])[0])
    return (
        f"Figures of {outer} that name {escape(label_ends(pairing['label'])[1])}: credited to {east}, "
        f"the level the sentence names, not to {escape(own_east)}: not this pairing's own."
    )


def shared_figures(
    pairing: pd.Series,
    facts: pd.DataFrame,
    pairings: pd.DataFrame,
    nested: dict[str, list[str]],
    context: tuple[pd.DataFrame, pd.DataFrame, dict[str, str]],
) -> SharedFigures:
    """The pairing page's figures shown beside its own, and its nesting rows; `context` is
    (sources, indicators, statuses)."""
    sources, indicators, statuses = context
    labels, profiled, pid = pairings.set_index("pairing_id")["label"], profiled_pairings(facts), pairing["pairing_id"]
    shown = shown_beside(pid, facts)
    sections = []
    for programme in sorted(set(shown.programme), key=lambda p: (unit_kind(p) != "pairing", p)):
        unit = in_report_order(shown[shown.programme == programme], sources, indicators)
        sections.append(
            f"## Reported for {escape(unit['programme_label'].iloc[0])}\n\n"
            f'<p class="shared-note">{_shared_note(pairing, unit, labels, profiled)}</p>\n\n'
            # every figure of the unit, by indicator (a helper's summary can give many for its partners)
            + theme_table(unit, sources, indicators, statuses)
            + "\n"
        )
    nesting = []
    outer = [o for o, inner in nested.items() if pid in inner]
    if outer:
        nesting.append(("Part of", " · ".join(_pairing_link(o, labels, profiled) for o in outer)))
    if nested.get(pid):
        nesting.append(("Pairings within it", " · ".join(_pairing_link(i, labels, profiled) for i in nested[pid])))
    by_source = tuple(sorted((str(k), int(v)) for k, v in shown.source_id.value_counts().items()))
    return SharedFigures(len(shown), tuple(sections), tuple(nesting), by_source)


def index_markdown(pairings: pd.DataFrame, facts: pd.DataFrame, sources: pd.DataFrame, places: pd.DataFrame) -> str:
    profiled = profiled_pairings(facts)
    rows = []
    for _, p in pairings.iterrows():
        label = escape(p["label"])
        if p["pairing_id"] in profiled:
            label = f'<a href="{escape(profile_href(p["pairing_id"], FROM_DIR))}">{label}</a>'
        east, west = places.loc[p["east"]], places.loc[p["west"]]
        names = (
            f'<br><small><span lang="zh">{escape(east["name_zh"])} → {escape(west["name_zh"])}</span> · '
            f"{escape(east['province'])} → {escape(west['province'])}</small>"
        )
        n_facts = int((facts.programme == p["pairing_id"]).sum())
        n_sources = len(speaking_sources(p["pairing_id"], facts, sources))
        rows.append(
            f"<tr><td>{label}{names}</td>"
            f"<td>{escape(RELATIONSHIP_SHORT.get(p['relationship'], p['relationship']))}</td>"
            f"<td>{escape(start_text(p, since=''))}</td>"
            f"<td>{n_sources}<br><small>{n_facts} fact{'s' if n_facts != 1 else ''}</small></td></tr>"
        )
    return render("pairings_index", rows="".join(rows))


def write_profiles(paths: ProjectPaths = PROJECT) -> list[Path]:
    """Write pairings/index.md and one page (with its figure) per pairing that has facts; remove stale ones."""
    out, figures = profile_dir(paths), figure_dir(paths)
    out.mkdir(parents=True, exist_ok=True)
    figures.mkdir(parents=True, exist_ok=True)
    for stale in [*out.glob("*.md"), *figures.glob("*.svg"), *figures.glob("*.png")]:
        stale.unlink()
    facts, sources, pairings = load.facts(paths), load.sources(paths), load.pairings(paths)
    places, indicators = load.places(paths).set_index("id", drop=False), load.indicators(paths)
    statuses = load_vocabulary(paths).terms["statuses"]
    written = []
    nested = nested_pairings(places, pairings)
    profiled = profiled_pairings(facts)
    for _, pairing in pairings.iterrows():
        if pairing["pairing_id"] not in profiled:
            continue
        own = in_report_order(facts[facts.programme == pairing["pairing_id"]], sources, indicators)
        _check_page_name(pairing["pairing_id"])
        chart = _chart_section(pairing, own, paths) if len(own) else NO_OWN_FIGURES_CHART
        shared = shared_figures(pairing, facts, pairings, nested, (sources, indicators, statuses))
        page = out / f"{pairing['pairing_id']}.md"
        where = _map_section(pairing, pairings, places, paths, profiled)
        write_text(page, profile_markdown(pairing, own, sources, places, indicators, statuses, chart, shared, where))
        written.append(page)
    write_text(out / "index.md", index_markdown(pairings, facts, sources, places))
    return written
