"""The landing page's table of what each pairing reports it did (money, people, jobs, sales), every
value linked to its sentence, the sentence naming the pairings the table leaves out, and the chart
under its key findings. The
choice of figures is eastwest.analysis.headline's; this module only lays them out."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from eastwest.analysis.headline import HEADLINE, headline_facts, unreported_pairings
from eastwest.charts import industry
from eastwest.charts.base import Chart
from eastwest.charts.language import language_directory
from eastwest.core.paths import FIGURES_DIR
from eastwest.dataset.attribution import unit_kind
from eastwest.pages import narrative, tables
from eastwest.reader import page_words_zh, wording_zh
from eastwest.reader.languages import CHINESE
from eastwest.reader.links import fact_href, profile_href
from eastwest.reader.wording import (
    NAMED_BY_NOUN,
    RELATIONSHIP_SHORT,
    SHARED_NOTE,
    earlier_text,
    in_words,
    label_ends,
    value_text,
    what_text,
    when_text,
)


def _earlier(row, cell: pd.DataFrame | None) -> str:
    """' <span class="summary-earlier">(earlier than the 157 person-times beside it, counted to
    2021-02)</span>' for a figure older than another of its kind of help in the cell; '' otherwise."""
    newer = cell[cell.fact_id == row.get("newer_fact_id", "")] if cell is not None else None
    if newer is None or newer.empty:
        return ""
    return f' <span class="summary-earlier">({escape(earlier_text(row, newer.iloc[0]))})</span>'


def _item(row, east: str, west: str, from_dir: str, cell: pd.DataFrame | None = None) -> str:
    value = "" if pd.isna(row["value"]) else repr(float(row["value"]))
    number, whole = value_text(row, with_unit=False), value_text(row)
    unit = "" if row["unit"] in NAMED_BY_NOUN else whole.removeprefix(number) if whole.startswith(number) else ""
    # the link carries the number as glued numbers do (data-fact, data-value: checked against the data)
    link = (
        f'<a class="fact-link glued" data-fact="{escape(row["fact_id"])}" data-value="{value}" '
        f'href="{escape(fact_href(row["fact_id"], row["source_id"], from_dir))}" title="{escape(row["quote"])}">'
        f"{escape(number if unit or row['unit'] in NAMED_BY_NOUN else whole)}</a>{escape(unit)}"
    )
    what, when = escape(what_text(row, east, west)), escape(when_text(row))
    return (
        f'<li><span class="summary-value">{link}</span> <span class="summary-what">{what}</span>'
        f' <span class="summary-when">{when}</span>{_earlier(row, cell)}</li>'
    )


def _cells(own: pd.DataFrame, east: str, west: str, from_dir: str) -> str:
    cells = []
    for question in HEADLINE:
        cell = own[own.question == question]
        items = "".join(_item(r, east, west, from_dir, cell) for _, r in cell.iterrows())
        cells.append(
            f'<td data-label="{escape(question)}">'
            + (f"<ul>{items}</ul>" if items else '<span class="summary-none">none reported</span>')
            + "</td>"
        )
    return "".join(cells)


def _shared_name(unit: pd.DataFrame, pairings: pd.DataFrame, from_dir: str) -> str:
    """A group's or credited helper's row head: its label, what kind of figure it is, and a link to
    each pairing page that shows it."""
    first = unit.iloc[0]
    labels = pairings.set_index("pairing_id")["label"]
    members = [p for p in first["shown_on"].split(";") if p]
    links = " · ".join(f'<a href="{escape(profile_href(p, from_dir))}">{escape(labels[p])}</a>' for p in members)
    kind = SHARED_NOTE[unit_kind(first["programme"])]
    return f"{escape(first['programme_label'])}<br><small>{escape(kind)}: {links}</small>"


def summary_table(facts: pd.DataFrame, pairings: pd.DataFrame, from_dir: str = "") -> str:
    """The landing page's table: one row per pairing with a headline figure, one column per
    question; each value links to its sentence. Pairings in the order of data/pairings.csv, each
    followed by the figures reported for it together with others (one row per group, one number,
    never divided) or credited to another level of its helping side (labelled with that level)."""
    chosen = headline_facts(facts)
    shared = chosen[chosen.programme.map(unit_kind).isin(["group", "credited"])]
    anchor = shared.shown_on.map(lambda s: s.split(";")[0])
    rows = []
    for _, pairing in pairings.iterrows():
        own = chosen[chosen.programme == pairing["pairing_id"]]
        if not own.empty:
            east, west = label_ends(pairing["label"])
            name = (
                f'<a href="{escape(profile_href(pairing["pairing_id"], from_dir))}">{escape(pairing["label"])}</a>'
                f"<br><small>{escape(RELATIONSHIP_SHORT.get(pairing['relationship'], pairing['relationship']))}</small>"
            )
            rows.append(f'<tr><th scope="row">{name}</th>{_cells(own, east, west, from_dir)}</tr>')
        anchored = shared[anchor == pairing["pairing_id"]]
        for programme in sorted(set(anchored.programme)):
            unit = anchored[anchored.programme == programme]
            east, west = label_ends(unit["programme_label"].iloc[0])
            rows.append(
                f'<tr class="summary-shared"><th scope="row">{_shared_name(unit, pairings, from_dir)}</th>'
                f"{_cells(unit, east, west, from_dir)}</tr>"
            )
    head = '<tr><th scope="col">Pairing</th>' + "".join(f'<th scope="col">{escape(q)}</th>' for q in HEADLINE) + "</tr>"
    return (
        f'<div class="programme-summary-wrap"><table class="programme-summary"><thead>{head}</thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _left_out(facts: pd.DataFrame, pairings: pd.DataFrame) -> tuple[list[str], list[str], list[str], list[str]]:
    """The pairings the table leaves out, by why: (no headline figure, in a group only, credited only,
    named only)."""
    unreported = unreported_pairings(facts, pairings)
    own = set(facts.programme)
    shown_with: dict[str, set[str]] = {kind: set() for kind in ("group", "credited", "pairing", "background")}
    for programme, shown_on in zip(facts.programme, facts.shown_on):
        shown_with[unit_kind(programme)].update(p for p in shown_on.split(";") if p)
    without_own = [p for _, p in pairings.iterrows() if p["pairing_id"] not in own]
    in_group = [p["label"] for p in without_own if p["pairing_id"] in shown_with["group"]]
    credited = [
        p["label"]
        for p in without_own
        if p["pairing_id"] not in shown_with["group"] and p["pairing_id"] in shown_with["credited"] | shown_with["pairing"]
    ]
    shown = shown_with["group"] | shown_with["credited"] | shown_with["pairing"]
    named_only = [p["label"] for p in without_own if p["pairing_id"] not in shown]
    return unreported, in_group, credited, named_only


def unreported_sentence(facts: pd.DataFrame, pairings: pd.DataFrame) -> str:
    """What the table leaves out, in one sentence: pairings with figures but no headline figure,
    pairings whose figures are only reported together with a group (or credited to another level of
    the helping side), and pairings the sources only name ('' when the table has a row for every pairing)."""
    unreported, in_group, credited, named_only = _left_out(facts, pairings)
    parts = []
    if unreported:
        parts.append(
            f"no achieved figure of these kinds for {in_words(unreported)} (their pairing pages list what the sources do report)"
        )
    if in_group:
        parts.append(
            f"numbers for {in_words(in_group)} only as reported together with other pairings, one figure for the "
            "group (their pairing pages show it)"
        )
    if credited:
        parts.append(
            f"figures for {in_words(credited)} only as credited to another level of the helping side "
            "(their pairing pages show them)"
        )
    if named_only:
        parts.append(f"no figure at all for {in_words(named_only)}, of which they give no numbers of their own")
    return f"The articles give {' and '.join(parts)}." if parts else ""


# The landing page's chart: the aid each pairing reports, drawn as the industry chapter draws it but
# under a name of its own, so that the site's images (named by file) never clash with the chapter's.
LANDING_CHART = "landing_aid_funds"
LANDING_FILES = (".svg", ".narrow.svg", ".csv", ".png", ".narrow.png")


def aid_chart(facts: pd.DataFrame, directory: Path = FIGURES_DIR / "landing") -> Chart:
    """Draw the landing page's chart into `directory` as landing_aid_funds(.narrow).svg and .csv:
    funds and the projects each source counts, never funds per project (a ratio across pairings
    whose projects mean different things would read as a comparison of efficiency), its notes under
    the bars so that the first bars reach the first screen."""
    drawn = industry.aid_funds(facts, directory, per_project=False, notes_below=True)
    for folder in (directory, language_directory(directory, CHINESE)):  # the Chinese drawing too (figures/zh/landing)
        for suffix in LANDING_FILES:
            drawn_file = folder / f"{drawn.name}{suffix}"
            if drawn_file.exists():
                drawn_file.replace(folder / f"{LANDING_CHART}{suffix}")
    return Chart(LANDING_CHART, directory / f"{LANDING_CHART}.svg", drawn.facts)


# --- The Chinese edition -------------------------------------------------------------------------------


def unreported_sentence_zh(facts: pd.DataFrame, pairings: pd.DataFrame) -> str:
    """unreported_sentence in Chinese, from the same lists of pairings."""
    names = tables.place_names_zh()
    lists = [[tables.programme_label_zh(label, names) for label in labels] for labels in _left_out(facts, pairings)]
    return page_words_zh.unreported_sentence_zh(*lists)


def _item_zh(row, east: str, west: str, from_dir: str, cell: pd.DataFrame | None = None) -> str:
    # the fact's own Chinese description where it has one (骨干教师, not the indicator's 专业技术人才)
    what = str(row.get("description_zh") or "") or page_words_zh.WHAT_ZH[row["indicator"]].format(east=east, west=west)
    newer = cell[cell.fact_id == row.get("newer_fact_id", "")] if cell is not None else None
    earlier = (
        ""
        if newer is None or newer.empty
        else f' <span class="summary-earlier">（{escape(page_words_zh.earlier_text_zh(row, newer.iloc[0]))}）</span>'
    )
    return (
        f'<li><span class="summary-what">{escape(what)}</span> <span class="summary-value">{narrative.glued_link_zh(row, from_dir)}</span>'
        f' <span class="summary-when">{escape(wording_zh.when_text_zh(row))}</span>{earlier}</li>'
    )


def _cells_zh(own: pd.DataFrame, east: str, west: str, from_dir: str) -> str:
    cells = []
    for question in HEADLINE:
        cell = own[own.question == question]
        items = "".join(_item_zh(r, east, west, from_dir, cell) for _, r in cell.iterrows())
        heading = page_words_zh.HEADLINE_ZH.get(question, "")
        none = f'<span class="summary-none">{page_words_zh.NONE_REPORTED_ZH}</span>'
        cells.append(f'<td data-label="{escape(heading)}">' + (f"<ul>{items}</ul>" if items else none) + "</td>")
    return "".join(cells)


def _ends_zh(label_zh: str) -> tuple[str, str]:
    east, _, west = label_zh.removesuffix(wording_zh.TOGETHER_ZH).partition(wording_zh.ARROW_ZH)
    return east, west


def summary_table_zh(facts: pd.DataFrame, pairings: pd.DataFrame, from_dir: str = "") -> str:
    """summary_table in Chinese: the same rows, figures and links; each value glued with its unit."""
    names = tables.place_names_zh()
    chosen = headline_facts(facts)
    shared = chosen[chosen.programme.map(unit_kind).isin(["group", "credited"])]
    anchor = shared.shown_on.map(lambda s: s.split(";")[0])
    rows = []
    for _, pairing in pairings.iterrows():
        own = chosen[chosen.programme == pairing["pairing_id"]]
        east, west = names.get(pairing["east"], pairing["east"]), names.get(pairing["west"], pairing["west"])
        if not own.empty:
            relationship = wording_zh.RELATIONSHIP_SHORT_ZH.get(pairing["relationship"], "")
            name = (
                f'<a href="{escape(profile_href(pairing["pairing_id"], from_dir))}">{escape(wording_zh.pairing_label_zh(east, west))}</a>'
                f"<br><small>{escape(relationship)}</small>"
            )
            rows.append(f'<tr><th scope="row">{name}</th>{_cells_zh(own, east, west, from_dir)}</tr>')
        anchored = shared[anchor == pairing["pairing_id"]]
        for programme in sorted(set(anchored.programme)):
            unit = anchored[anchored.programme == programme]
            label = tables.programme_label_zh(unit["programme_label"].iloc[0], names)
            members = [p for p in unit.iloc[0]["shown_on"].split(";") if p]
            by_id = pairings.set_index("pairing_id")
            links = " · ".join(
                f'<a href="{escape(profile_href(p, from_dir))}">'
                f"{escape(wording_zh.pairing_label_zh(names.get(by_id.east[p], ''), names.get(by_id.west[p], '')))}</a>"
                for p in members
            )
            kind = page_words_zh.SHARED_NOTE_ZH[unit_kind(programme)]
            head = f"{escape(label)}<br><small>{escape(kind)}：{links}</small>"
            rows.append(
                f'<tr class="summary-shared"><th scope="row">{head}</th>{_cells_zh(unit, *_ends_zh(label), from_dir)}</tr>'
            )
    head = f'<tr><th scope="col">{page_words_zh.PAIRING_HEADING_ZH}</th>' + "".join(
        f'<th scope="col">{escape(page_words_zh.HEADLINE_ZH.get(q, ""))}</th>' for q in HEADLINE
    )
    return (
        f'<div class="programme-summary-wrap"><table class="programme-summary"><thead>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def year_zh(shown: str) -> str:
    """A year as eastwest.pages.edition.source_years shows it, in Chinese: '2021' -> '2021年';
    '2017 (date estimated)' -> '2017年（时间为推断）'."""
    year = shown[:4]
    return wording_zh.mark_period_zh(wording_zh.date_zh(year), ["period_inferred"] if shown != year else [])
