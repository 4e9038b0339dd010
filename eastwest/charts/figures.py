"""Every chart in the book. Each function answers one question (its title), draws it in the house
layout at both widths (eastwest.charts.style: wide for the column, narrow for phones), saves it to
figures/ with the facts it drew beside it (figures/<name>.csv) and returns a Chart naming those
facts (listed, collapsed, under the figure; the caption cites exactly their sources).

However many sources the book holds, a chart draws at most MAX_BARS bars (or rows), chosen by a
rule it states on the chart ("The 12 largest of 240 figures are drawn."), so pages stay light.

Labels are English with pinyin place names; no Chinese characters are drawn, so the figures need
no CJK font (tests/test_figures.py fails on any missing glyph).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from eastwest.analysis import comparisons
from eastwest.charts import style
from eastwest.core.files import write_csv
from eastwest.core.paths import FIGURES_DIR
from eastwest.reader import wording
from eastwest.reader.wording import (
    DIRECTION_WORDS,
    RELATIONSHIP_SHORT,
    THEME_LABELS,
    THEME_SHORT,
    mark_period,
    period_label,
    span_text,
)

RELATIONSHIP_COLOURS = {
    "east_west_cooperation": "#0072B2",
    "north_south_linkage": "#009E73",
    "xinjiang_aid": "#E69F00",
    "tibet_aid": "#D55E00",
    "counterpart_assistance": "#CC79A7",
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
    draw: Callable[[style.Layout], plt.Figure], name: str, directory: Path, drawn: pd.DataFrame, extra: list[str] = ()
) -> Chart:
    """Draw and save the chart at every layout and, beside it, the facts it drew
    (figures/<name>.csv; `extra` columns after the usual ones)."""
    paths = {layout.name: style.save(draw(layout), name, directory, layout) for layout in style.LAYOUTS}
    if "fact_id" in drawn:
        columns = [c for c in [*DATA_COLUMNS, *extra] if c in drawn]
        write_csv(directory / f"{name}.csv", drawn[columns])
    return Chart(name, paths[style.WIDE.name], drawn)


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
    "several": "Totals over several years",
    "year": "One year (or per year)",
    "date": "At one date or one event",
    "other": "Period not stated",
}


def _panel_of(scope: str) -> str:
    return SCOPE_PANELS.get(scope, "other")


def _when(row) -> str:
    return period_label(row["period"], row["scope"], row["flag_list"])


def _status_word(status: str) -> str:
    return "" if status == "achieved" else f", {status}"


def _status_style(status: str) -> tuple[str, str]:
    achieved = status == "achieved"
    return style.STATUS_COLOURS.get(status, "#999999"), "" if achieved else style.NOT_ACHIEVED_HATCH


def largest(table: pd.DataFrame, limit: int = MAX_BARS, column: str = "value") -> pd.DataFrame:
    """The `limit` rows with the largest values (ties by fact id), kept in the table's order."""
    if len(table) <= limit:
        return table
    keep = table.sort_values([column, "fact_id"], ascending=[False, True], kind="stable").head(limit).index
    return table[table.index.isin(keep)]


def panels_by_scope(table: pd.DataFrame, make_bar: Callable[[pd.Series], style.Bar], **panel) -> list[style.Panel]:
    """One panel per kind of period, in the order cumulative, one year, one date; headed only
    when there is more than one."""
    kinds = table["scope"].map(_panel_of)
    order = [k for k in PANEL_HEADINGS if k in set(kinds)]
    return [
        style.Panel([make_bar(r) for _, r in table[kinds == k].iterrows()], PANEL_HEADINGS[k] if len(order) > 1 else "", **panel)
        for k in order
    ]


def _sentences(*parts: str) -> str:
    return " ".join(p for p in parts if p)


SCALE_NOTE = "Bars are to scale within a panel, not across panels."
SHARED_NOTE = "All bars are on one scale; the panels keep figures for different kinds of period apart."


# --- Overview -----------------------------------------------------------------------------------


def _place_name(place: pd.Series) -> str:
    return place["name_en"].split(" (")[0].replace(" Tujia Autonomous County", "")


def _network_figure(
    layout: style.Layout, pairings: pd.DataFrame, names: pd.DataFrame, counts: pd.Series, note: str
) -> plt.Figure:
    canvas = style.Canvas(layout)
    canvas.header(
        "Which pairings does the dataset hold facts on?",
        _sentences(
            "Helping places (left) joined to the places they help (right); the line's width and "
            "its number give the facts the dataset holds on the pairing, dotted lines none.",
            note,
        ),
    )
    west_order = list(dict.fromkeys(pairings["west"]))
    label = {
        pid: f"{_place_name(names.loc[pid])}\n{names.loc[pid, 'province']}"
        for pid in dict.fromkeys([*pairings.east, *pairings.west])
    }
    column = max(canvas.measure(line) for text in label.values() for line in text.split("\n"))
    x_east, x_west = canvas.left + column + 0.1, canvas.right - column - 0.1
    row = 2 * canvas.line_height(style.TEXT_PT) + 0.22
    canvas.text(x_east, canvas.y, "Helping side", ha="right", fontweight="bold")
    canvas.text(x_west, canvas.y, "Receiving side", ha="left", fontweight="bold")
    top = canvas.y + canvas.line_height(style.TEXT_PT) + 0.15 + row / 2
    west_y = {w: top + i * row for i, w in enumerate(west_order)}
    east_y = {
        e: float(np.mean([west_y[w] for w in pairings.loc[pairings.east == e, "west"]])) for e in dict.fromkeys(pairings["east"])
    }
    widest = max(1, int(counts.max()) if len(counts) else 1)
    for r in pairings.itertuples():
        n = int(counts.get(r.pairing_id, 0))
        ys = [east_y[r.east], west_y[r.west]]
        canvas.ax.plot(
            [x_east + 0.08, x_west - 0.08],
            ys,
            color=RELATIONSHIP_COLOURS[r.relationship],
            lw=0.8 + 6 * n / widest,
            ls="-" if n else ":",
            solid_capstyle="round",
            zorder=1,
        )
        canvas.text(
            x_west - 0.3, ys[1], str(n), ha="right", va="center", bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none")
        )
    for positions, x, ha in ((east_y, x_east, "right"), (west_y, x_west, "left")):
        for pid, y in positions.items():
            canvas.ax.scatter([x + (0.08 if ha == "right" else -0.08)], [y], s=30, color="#333333", zorder=2)
            canvas.text(x, y, label[pid], ha=ha, va="center")
    canvas.y = top + (len(west_order) - 0.5) * row + 0.1
    for rel in dict.fromkeys(pairings["relationship"]):  # the colours' key, in words
        canvas.ax.plot([canvas.left, canvas.left + 0.35], [canvas.y + 0.09] * 2, color=RELATIONSHIP_COLOURS[rel], lw=4)
        canvas.block(RELATIONSHIP_SHORT[rel], x=canvas.left + 0.45, after=0.04)
    return canvas.finish()


def pairing_network(facts: pd.DataFrame, pairings: pd.DataFrame, places: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """East helpers (left) joined to west recipients (right); line width = facts on that pairing.
    At most MAX_BARS pairings: those with the most facts."""
    counts = facts.groupby("programme").size()
    total = len(pairings)
    if total > MAX_BARS:
        ranked = pairings.assign(n=pairings.pairing_id.map(counts).fillna(0))
        keep = ranked.sort_values(["n", "pairing_id"], ascending=[False, True], kind="stable").head(MAX_BARS).index
        pairings = pairings[pairings.index.isin(keep)]
    note = style.capped(len(pairings), total, "pairings", "with the most facts")
    drawn = comparisons.paired_facts(facts)
    drawn = drawn[drawn.programme.isin(pairings.pairing_id)]
    names = places.set_index("id")
    return save_chart(
        lambda layout: _network_figure(layout, pairings, names, counts, note), "overview_pairing_network", directory, drawn
    )


def _timeline_figure(layout: style.Layout, dated: pd.DataFrame, starts: pd.Series, note: str) -> plt.Figure:
    canvas = style.Canvas(layout)
    canvas.header(
        "When was each source written, and when did the pairing it dates begin?",
        _sentences(
            "● date of publication (hollow: estimated date of writing; band: its range); "
            "◆ start of the pairing, where the source dates it.",
            note,
        ),
    )
    rows = []
    years = []
    for row in dated.itertuples():
        low, high = [comparisons._year_float(p) for p in ([*row.date_used.split("/"), row.date_used])[:2]]
        begun = [(pid, starts.get(pid, "")) for pid in row.pairings.split(";") if starts.get(pid, "")]
        rows.append((row, low, high, begun))
        years += [low, high] + [comparisons._year_float(s) for _, s in begun]
    first, last = (int(np.floor(min(years))), int(np.ceil(max(years)))) if years else (2016, 2021)
    x0, x1 = canvas.left + 0.1, canvas.right - 0.1
    per_year = (x1 - x0) / max(1, last - first)

    def x_of(year: float) -> float:
        return x0 + (year - first) * per_year

    top = canvas.y
    for row, low, high, begun in rows:
        label = row.label + "".join(f" · pairing began {start}" for _, start in begun)
        canvas.block(label, after=0.04)
        y = canvas.y + 0.08
        if row.estimated:
            canvas.ax.plot(
                [x_of(low), x_of(max(high, low + 0.08))], [y, y], color="#E69F00", lw=6, alpha=0.5, solid_capstyle="round"
            )
        for _, start in begun:
            canvas.ax.plot([x_of(comparisons._year_float(start)), x_of(low)], [y, y], color="#009E73", lw=1.2, ls="--")
            canvas.ax.scatter([x_of(comparisons._year_float(start))], [y], marker="D", s=36, color="#009E73", zorder=3)
        canvas.ax.scatter(
            [x_of(low)],
            [y],
            s=55,
            marker="o",
            facecolor="white" if row.estimated else "#0072B2",
            edgecolor="#E69F00" if row.estimated else "#0072B2",
            lw=1.6,
            zorder=3,
        )
        canvas.y += 0.3
    for year in range(first, last + 1):
        canvas.ax.plot([x_of(year)] * 2, [top, canvas.y], color="#e3e3e3", lw=0.8, zorder=0)
        if (year - first) % (2 if canvas.narrow and last - first > 6 else 1) == 0:
            canvas.text(x_of(year), canvas.y + 0.04, str(year), ha="center")
    canvas.y += canvas.line_height(style.TEXT_PT) + 0.04
    return canvas.finish()


def source_timeline(sources: pd.DataFrame, pairings: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """When each source was written, against when the pairings it covers began; the MAX_BARS
    latest sources at most."""
    from eastwest.reader.wording import source_label

    dated = comparisons.source_year(sources).sort_values(["year_float", "source_id"]).reset_index(drop=True)
    total = len(dated)
    dated = dated.tail(MAX_BARS).reset_index(drop=True)
    dated["label"] = dated.apply(source_label, axis=1)
    starts = pairings.set_index("pairing_id")["start_date"]
    note = style.capped(len(dated), total, "sources", "latest")
    return save_chart(
        lambda layout: _timeline_figure(layout, dated, starts, note),
        "overview_timeline",
        directory,
        pd.DataFrame({"source_id": dated.source_id}),
    )


def _heat_figure(
    layout: style.Layout,
    title: str,
    subtitle: str,
    rows: list[str],
    columns: list[str],
    values: np.ndarray,
    texts: np.ndarray,
    vmax: float,
) -> plt.Figure:
    """A table of shaded cells: rows labelled (left in the wide layout, above in the narrow one),
    columns headed (turned upright when a heading does not fit its column)."""
    canvas = style.Canvas(layout)
    canvas.header(title, subtitle)
    label_width = 0 if canvas.narrow else min(2.6, max(canvas.measure(r) for r in rows) + 0.15) if rows else 0
    x0 = canvas.left + label_width
    cell = (canvas.right - x0) / max(1, len(columns))
    upright = any(canvas.measure(w) > cell - 0.06 for c in columns for w in c.split(" "))
    if upright:
        head = max(canvas.measure(c) for c in columns) + 0.06
        for j, c in enumerate(columns):
            canvas.text(x0 + (j + 0.5) * cell, canvas.y + head, c, ha="center", va="bottom", rotation=90)
    else:
        wrapped = [canvas.wrap(c, cell - 0.06) for c in columns]
        head = max(len(w) for w in wrapped) * canvas.line_height(style.TEXT_PT)
        for j, w in enumerate(wrapped):
            canvas.text(x0 + (j + 0.5) * cell, canvas.y + head, "\n".join(w), ha="center", va="bottom")
    canvas.y += head + 0.08
    cmap = plt.get_cmap("Blues")
    for i, label in enumerate(rows):
        if canvas.narrow:
            canvas.block(label, after=0.03)
            height = 0.3
        else:
            lines = canvas.wrap(label, label_width - 0.15)
            height = max(0.3, len(lines) * canvas.line_height(style.TEXT_PT) + 0.06)
            canvas.text(canvas.left, canvas.y + height / 2, "\n".join(lines), va="center")
        for j in range(len(columns)):
            share = values[i, j] / vmax if vmax else 0
            colour = cmap(0.08 + 0.85 * min(1, share)) if values[i, j] else "#f4f4f4"
            canvas.ax.add_patch(Rectangle((x0 + j * cell + 0.02, canvas.y), cell - 0.04, height, color=colour, lw=0))
            canvas.text(
                x0 + (j + 0.5) * cell,
                canvas.y + height / 2,
                texts[i, j],
                ha="center",
                va="center",
                color="white" if share > 0.55 else style.TEXT_COLOUR,
            )
        canvas.y += height + (0.1 if canvas.narrow else 0.05)
    return canvas.finish()


def evidence_map(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """Facts per pairing and theme: where the evidence is thick and where it is thin. The MAX_BARS
    pairings with most facts at most, then background."""
    table = comparisons.evidence_matrix(facts)
    total = len(table)
    if total > MAX_BARS:
        table = (
            table.iloc[[*range(MAX_BARS - 1), total - 1]] if table.index[-1].startswith("Background") else table.head(MAX_BARS)
        )
    note = style.capped(len(table), total, "rows", "with the most facts")
    rows = [f"{p} ({table.loc[p].sum()})" for p in table.index]
    values = table.values
    texts = np.where(values > 0, values.astype(str), "·")
    drawn = facts[facts.programme_label.isin(table.index)]
    return save_chart(
        lambda layout: _heat_figure(
            layout,
            "How many facts does the dataset hold on each pairing and theme?",
            _sentences("Facts by pairing (total in brackets) and theme.", note),
            rows,
            [THEME_SHORT[t] for t in table.columns],
            values,
            texts,
            max(30, values.max(initial=0)),
        ),
        "overview_evidence_map",
        directory,
        drawn,
    )


# --- Industry -----------------------------------------------------------------------------------


def per_project_text(r) -> str:
    """'¥1.39 m'; 'at most ¥1.05 m' where the funds went mainly to the projects counted
    (analysis.aid_funds: per_project_at_most)."""
    return ("at most " if r["per_project_at_most"] else "") + style.human(r["funds_per_project"], "yuan")


UPPER_BOUND_NOTE = "'At most': the source says the funds went mainly to those projects, so they may have paid for others."


def _aid_bar(r: pd.Series) -> style.Bar:
    colour, hatch = _status_style(r["status"])
    what = "" if r["indicator"] == "fiscal_aid_funds" else f" ({r['indicator_label'].lower()})"
    projects = ""
    if r["projects"] == r["projects"]:
        projects = f" · {int(r['projects'])} projects, {per_project_text(r)} per project"
    return style.Bar(
        f"{r['programme_label']}{what}, {_when(r)} · {r['source_label']}{projects}",
        r["value"],
        wording.value_text(r, with_unit=False) + _status_word(r["status"]),
        colour,
        hatch,
    )


def aid_funds(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = comparisons.aid_funds(facts)
    total = len(table)
    table = largest(table)
    subtitle = _sentences(
        "Aid funds for projects, as each source reports them (totals, not components). Hatched: planned, not spent.",
        UPPER_BOUND_NOTE if table.per_project_at_most.any() else "",
        SHARED_NOTE if table.scope.map(_panel_of).nunique() > 1 else "",
        style.capped(len(table), total, "figures", "largest"),
    )
    return save_chart(
        lambda layout: style.bar_chart(
            layout,
            "How much aid money did each pairing report, for how many projects?",
            subtitle,
            panels_by_scope(table, _aid_bar),
            shared_scale=True,
        ),
        "industry_aid_funds",
        directory,
        comparisons.with_partners(table, facts, ["projects_fact_id"]),
    )


def aid_over_report_dates(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """One pairing's cumulative aid at each report date: funds, projects and funds per project,
    each in its own panel. The pairing with the most report dates; its latest MAX_PANEL_ROWS
    reports at most."""
    table = comparisons.repeated_reports(facts)
    if len(table):
        dates = table.groupby("programme_label")["report_date"].nunique()
        table = table[table.programme_label == dates.sort_values(ascending=False, kind="stable").index[0]]
    total = len(table)
    table = table.sort_values(["report_date", "fact_id"], kind="stable").tail(MAX_PANEL_ROWS).reset_index(drop=True)
    pairs = list(dict.fromkeys(table.programme_label))
    described = facts.set_index("fact_id")["description"]

    def label(r, counted: str | None) -> str:
        """What the report counts (the description of its fact), then its date and source."""
        when = f"to {mark_period(r.report_date, r.flag_list)} · {r.source_label}"
        return f"{described[counted]}\n{when}" if isinstance(counted, str) and counted in described else when

    def value_text(r, column: str) -> str:
        value = getattr(r, column)
        if value != value:
            return "not given"
        if column == "funds_per_project":
            return per_project_text(r._asdict())
        return style.human(value, "" if column == "projects" else "yuan")

    panels = []
    for column, counted, heading, colour in (
        ("value", "fact_id", "Aid funds", style.PALETTE[0]),
        ("projects", "projects_fact_id", "Projects", style.PALETTE[2]),
        ("funds_per_project", None, "Funds per project (computed)", style.PALETTE[5]),
    ):
        bars = [
            style.Bar(
                label(r, getattr(r, counted) if counted else None),
                0.0 if getattr(r, column) != getattr(r, column) else getattr(r, column),
                value_text(r, column),
                colour,
            )
            for r in table.itertuples()
        ]
        panels.append(style.Panel(bars, heading))
    title = f"{pairs[0] if pairs else 'No pairing'}: how much aid had each report counted so far?"
    subtitle = _sentences(
        "Running totals since the pairing began, at each report date; each report counts in its "
        "own way, so the bars are not a like-for-like series.",
        UPPER_BOUND_NOTE if table.per_project_at_most.any() else "",
        SCALE_NOTE,
        style.capped(len(table), total, "reports", "latest"),
    )
    return save_chart(
        lambda layout: style.bar_chart(layout, title, subtitle, panels),
        "industry_aid_over_report_dates",
        directory,
        comparisons.with_partners(table, facts, ["projects_fact_id"]),
    )


def aid_split(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = comparisons.aid_split(facts)
    total, whole = len(table), table.value.sum()
    table = table.head(MAX_BARS)  # largest first already
    bars = [
        style.Bar(
            str(r.breakdown).capitalize()
            + (f" · {int(r.projects)} project{'s' if r.projects != 1 else ''}" if r.projects == r.projects else ""),
            r.value,
            f"{style.human(r.value, 'yuan')} ({r.value / whole:.0%})",
        )
        for r in table.itertuples()
    ]
    if len(table):
        first = table.iloc[0]
        title = (
            f"{first.programme_label}: how were the "
            f"{period_label(first.period, first.scope, first.flag_list).replace('year ', '')} aid funds split by purpose?"
        )
    else:
        title = "No breakdown of aid funds in the sources"
    subtitle = _sentences(
        "Components of the aid funds with their project counts; shares are of the listed components, not of a stated total.",
        style.capped(len(table), total, "components", "largest"),
    )
    return save_chart(
        lambda layout: style.bar_chart(layout, title, subtitle, [style.Panel(bars)]),
        "industry_aid_split",
        directory,
        comparisons.with_partners(table, facts, ["projects_fact_id", "stated_projects_fact_id"]),
    )


MONEY_WORDS = {"aid_money": "Aid", "enterprise_money": "Firms and lenders"}


def investment_vs_aid(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """For pairings that report both, aid next to firms' and lenders' money: bars from zero on one
    linear scale, one panel per pairing (at most two figures of each kind per pairing, three pairings)."""
    picked = comparisons.money_compared(facts)
    total = len(picked)
    rank = picked.sort_values(["value", "fact_id"], ascending=[False, True]).groupby(["programme", "comparability"]).cumcount()
    picked = picked[rank.reindex(picked.index) < 2]
    biggest = picked.groupby("programme")["value"].max().sort_values(ascending=False, kind="stable")
    picked = picked[picked.programme.isin(biggest.index[: MAX_BARS // 4])]
    picked = picked.sort_values(["programme_label", "comparability", "report_date"], kind="stable").reset_index(drop=True)

    def bar(r) -> style.Bar:
        kind = MONEY_WORDS[r["comparability"]]
        what = r["indicator_label"].lower() + (f" ({r['breakdown']})" if r["breakdown"] else "")
        return style.Bar(
            f"{kind}: {what}, {_when(r)} · {r['source_label']}",
            r["value"],
            wording.value_text(r, with_unit=False),
            style.PALETTE[0] if r["comparability"] == "aid_money" else style.PALETTE[1],
        )

    panels = [
        style.Panel([bar(r) for _, r in group.iterrows()], pair) for pair, group in picked.groupby("programme_label", sort=False)
    ]
    subtitle = _sentences(
        "Achieved figures, in yuan, all bars on one scale: aid (blue) against firms' and banks' "
        "money (orange), which is not the programme's; a credit line is a ceiling, not money lent.",
        style.capped(len(picked), total, "figures", "largest of each kind"),
    )
    return save_chart(
        lambda layout: style.bar_chart(
            layout,
            "How much money from firms and lenders do the sources report, next to the aid?",
            subtitle,
            panels,
            shared_scale=True,
        ),
        "industry_investment_vs_aid",
        directory,
        picked,
    )


# --- Talent -------------------------------------------------------------------------------------

DIRECTION_SIGN = {"east_to_west": 1, "west_to_east": -1, "both": 0}
DIRECTION_COLOUR = {"east_to_west": "#0072B2", "west_to_east": "#E69F00", "both": "#999999"}
DIRECTION_DRAWN = {
    "east_to_west": "east to west (right of the line)",
    "west_to_east": "west to east (left of the line)",
    "both": "both ways (across the line)",
}
# The talent chart's download also says which way each bar was drawn, and where it starts and ends.
TALENT_COLUMNS = ["direction", "drawn_as", "drawn_from", "drawn_to"]
TALENT_KIND = {"cadres_moved": "cadres seconded", "professionals_moved": "professionals"}


def talent_flows(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """People moving each way, diverging from a centre line: east → west to the right, west → east
    to the left; people counted both ways together straddle the line. Totals over several years,
    one year and one date in separate panels; the MAX_BARS largest flows at most."""
    table = comparisons.talent_flows(facts)
    total = len(table)
    table = largest(table)
    sign = table.direction.map(DIRECTION_SIGN)
    table = table.assign(
        drawn_from=np.where(sign == 0, -table.value / 2, np.where(sign < 0, -table.value, 0.0)),
        drawn_as=[DIRECTION_DRAWN[d] for d in table.direction],
    )
    table["drawn_to"] = table.drawn_from + table.value

    def bar(r) -> style.Bar:
        what = (r["breakdown"] or TALENT_KIND[r["comparability"]]).capitalize()
        return style.Bar(
            f"{what}, {r['programme_label']}, {_when(r)}",
            r["value"],
            f"{wording.value_text(r, with_unit=False)} {DIRECTION_WORDS[r['direction']]}",
            DIRECTION_COLOUR[r["direction"]],
            "xx" if r["direction"] == "both" else "",
            side=DIRECTION_SIGN[r["direction"]],
        )

    subtitle = _sentences(
        "People as each source counts them, east → west to the right of the line, west → east to "
        "the left, both ways together across it. Person-times and quotas are not drawn.",
        SHARED_NOTE if table.scope.map(_panel_of).nunique() > 1 else "",
        style.capped(len(table), total, "flows", "largest"),
    )
    panels = panels_by_scope(table, bar, diverging=True, ends=("← west to east", "east to west →"))
    return save_chart(
        lambda layout: style.bar_chart(
            layout, "How many cadres and professionals moved each way?", subtitle, panels, shared_scale=True
        ),
        "talent_flows",
        directory,
        table,
        TALENT_COLUMNS,
    )


TRAINEE_HEADINGS = {"person": "People trained", "person_time": "Person-times trained (repeat attendance counted)"}


def training_classes(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """Trainees per reported training programme, with its classes; people and person-times, and
    totals over several years and one year, in separate panels."""
    table = comparisons.training(facts)
    total = len(table)
    table = largest(table, column="people")
    panels = []
    for (unit, kind), group in table.groupby([table.people_unit, table.scope.map(_panel_of)], sort=True):
        bars = []
        for r in group.itertuples():
            words = wording.QUALIFIER_WORDS[r.people_qualifier]
            per = f"{words if r.people_qualifier in ('over', 'nearly', 'under') else 'about '}{r.per_class:.0f} per class"
            bars.append(
                style.Bar(
                    f"{(r.breakdown or r.people_indicator_label).capitalize()}, {r.programme_label}, "
                    f"{_when(r._asdict())} · {int(r.value)} {wording.unit_text('class', r.value)}, {per}",
                    r.people,
                    f"{words}{int(r.people):,} {wording.unit_text(unit, r.people)}",
                )
            )
        panels.append(style.Panel(bars, f"{TRAINEE_HEADINGS.get(unit, unit)}: {PANEL_HEADINGS[kind].lower()}", scale_group=unit))
    units = table.people_unit.nunique()
    subtitle = _sentences(
        "Trainees of the training classes each source reports, with the classes and the average per class.",
        "Bars of people share one scale, bars of person-times another." if units > 1 else "",
        style.capped(len(table), total, "programmes", "largest"),
    )
    return save_chart(
        lambda layout: style.bar_chart(layout, "How many people did the training classes reach?", subtitle, panels),
        "talent_training",
        directory,
        comparisons.with_partners(table, facts, ["people_fact_id"]),
    )


# --- Labour -------------------------------------------------------------------------------------


def job_fair_funnel(facts: pd.DataFrame, vocabulary: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = comparisons.job_fair_stages(facts, vocabulary).head(MAX_BARS)
    context = comparisons.job_fair_context(facts, table)
    bars = []
    for i, (_, r) in enumerate(table.iterrows()):
        above = table.iloc[i - 1] if i else None
        bound = "at most " if above is not None and above["qualifier"] == "over" else ""  # a share of 'over N' is an upper bound
        stage = r["indicator_label"].replace(" at a job fair", "").replace(" a job fair", "")
        share = "" if above is None else f" · {bound}{r['value'] / above['value']:.0%} of the stage above"
        bars.append(style.Bar(stage + share, r["value"], wording.value_text(r), style.PALETTE[2]))
    if len(table):
        first = table.iloc[0]
        title = (
            f"{first.programme_label}: how many job seekers at the fair of "
            f"{mark_period(span_text(first.period), first.flag_list)} reached a job intention?"
        )
    else:
        title = "No job fair reported stage by stage"
    offered = " and ".join(wording.value_text(r) for _, r in context.iterrows())
    subtitle = _sentences(f"The same fair also had {offered}." if offered else "", "An intention is not a job.")
    return save_chart(
        lambda layout: style.bar_chart(layout, title, subtitle, [style.Panel(bars)]),
        "labour_job_fair_funnel",
        directory,
        pd.concat([table, context], ignore_index=True),
    )


def theme_share(facts: pd.DataFrame, theme: str, name: str, directory: Path = FIGURES_DIR) -> Chart:
    """How many of each source's facts fall in one theme: the thinness of the evidence. The
    MAX_BARS sources with most facts in the theme at most."""
    counts = comparisons.theme_share_by_source(facts, theme)
    total = len(counts)
    counts = counts.sort_values(["in_theme", "total"], ascending=False, kind="stable").head(MAX_BARS)
    labels_of = facts.drop_duplicates("source_id").set_index("source_id")["source_label"]
    bars = [
        style.Bar(labels_of[s], r.in_theme, f"{r.in_theme} of {r.total} facts", style.THEME_COLOURS[theme], behind=r.total)
        for s, r in counts.iterrows()
    ]
    subtitle = _sentences(
        f"{THEME_LABELS[theme]} facts (coloured) among all the facts of each source (grey).",
        style.capped(len(counts), total, "sources", f"with most {THEME_LABELS[theme].lower()} facts"),
    )
    title = f"How many of each source's facts are about {THEME_LABELS[theme].lower()}?"
    drawn = facts[(facts.theme == theme) & facts.source_id.isin(counts.index)]
    return save_chart(lambda layout: style.bar_chart(layout, title, subtitle, [style.Panel(bars)]), name, directory, drawn)


# --- Consumption --------------------------------------------------------------------------------


def sales_realised_vs_expected(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = comparisons.sales(facts)
    total = len(table)
    table = largest(table).sort_values(["status", "programme_label"], kind="stable").reset_index(drop=True)

    def bar(r) -> style.Bar:
        colour, hatch = _status_style(r["status"])
        # the whole description: cut short, it would hide who forecasts and on which platform
        return style.Bar(
            f"{r['description']} · {r['programme_label']}, {_when(r)}",
            r["value"],
            wording.value_text(r, with_unit=False) + ("" if r["status"] == "achieved" else f", {r['status']}"),
            colour,
            hatch,
        )

    subtitle = _sentences(
        "Sales and purchases of the receiving side's products, in yuan: realised (solid blue) and "
        "expected (hatched), which are forecasts, not results.",
        SHARED_NOTE if table.scope.map(_panel_of).nunique() > 1 else "",
        style.capped(len(table), total, "figures", "largest"),
    )
    return save_chart(
        lambda layout: style.bar_chart(
            layout,
            "How much did the pairings buy or help sell, and how much is only expected?",
            subtitle,
            panels_by_scope(table, bar),
            shared_scale=True,
        ),
        "consumption_sales",
        directory,
        table,
    )


# How a count of facts of each status reads: a 'quota' fact says what is meant to happen each year,
# which in industry is often a rule (how a yearly profit is split), not a number of people or a target.
STATUS_COUNTED = {"quota": "rule or quota"}


def status_by_pairing(facts: pd.DataFrame, themes: list[str], name: str, directory: Path = FIGURES_DIR) -> Chart:
    """Facts by status per pairing, stacked; the MAX_BARS pairings with most facts at most."""
    subset = facts[facts.theme.isin(themes)]
    table = comparisons.status_by_pairing(subset)
    total = len(table)
    table = table.head(MAX_BARS)
    bars = []
    for pairing, row in table.iterrows():
        parts = [(n, status) for status, n in row.items() if n]
        bars.append(
            style.Bar(
                f"{pairing}: " + ", ".join(f"{n} {STATUS_COUNTED.get(s, s)}" for n, s in parts),
                int(row.sum()),
                f"{int(row.sum())} facts",
                segments=[(n, *_status_style(s)) for n, s in parts],
            )
        )
    themes_text = " and ".join(THEME_SHORT[t].lower() for t in themes)
    subtitle = _sentences(
        "Solid: achieved; hatched: planned, expected, or a rule or quota (what is meant to happen "
        "each year, such as a profit-sharing rule: not a target).",
        style.capped(len(table), total, "pairings", "with the most facts"),
    )
    drawn = subset[subset.programme_label.isin(table.index)]
    return save_chart(
        lambda layout: style.bar_chart(
            layout, f"How many {themes_text} facts are results, and how many plans?", subtitle, [style.Panel(bars)]
        ),
        name,
        directory,
        drawn,
    )


# --- Synthesis ----------------------------------------------------------------------------------

CAVEAT_SHORT = {
    "period_inferred": "Period inferred",
    "year_missing_in_source": "Year lost",
    "number_missing_in_source": "Number lost",
    "claim_unverified": "'First' claim",
    "not_achieved": "Not achieved",
    "qualified": "Qualified",
}


def caveats_by_source(facts: pd.DataFrame, sources: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """Share of each source's facts with each caveat; the MAX_BARS sources with most facts at most."""
    table = comparisons.caveats_by_source(facts, sources)
    total = len(table)
    table = table.sort_values(["facts", "source_id"], ascending=[False, True], kind="stable").head(MAX_BARS)
    table = table.sort_values("source_id").set_index("source_id")
    labels_of = facts.drop_duplicates("source_id").set_index("source_id")["source_label"]
    columns = list(CAVEAT_SHORT)
    shares = table[columns].div(table["facts"], axis=0).values * 100
    texts = np.vectorize(lambda v: f"{v:.0f}%" if v else "·")(shares)
    rows = [f"{labels_of[s]} ({n} facts)" for s, n in zip(table.index, table.facts)]
    subtitle = _sentences(
        "Share of each source's facts: period inferred from the article's date; year or number "
        "lost in the surviving copy; a self-declared 'first'; not achieved (planned, expected, "
        "target or quota); qualified (over, nearly, about, under, a range).",
        style.capped(len(table), total, "sources", "with the most facts"),
    )
    drawn = facts[facts.source_id.isin(table.index)]
    return save_chart(
        lambda layout: _heat_figure(
            layout,
            "Which caveats do each source's figures carry?",
            subtitle,
            rows,
            [CAVEAT_SHORT[c] for c in columns],
            shares,
            texts,
            100,
        ),
        "synthesis_caveats",
        directory,
        drawn,
    )


def theme_mix(facts: pd.DataFrame, sources: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """Facts by theme for each source (the MAX_BARS sources with most facts at most)."""
    table = facts.pivot_table(index="source_id", columns="theme", values="fact_id", aggfunc="count", fill_value=0)
    table = table.reindex(columns=list(THEME_LABELS), fill_value=0)
    total = len(table)
    sizes = table.sum(axis=1)
    keep = sizes.sort_values(ascending=False, kind="stable").head(MAX_BARS).index
    table = table[table.index.isin(keep)]
    labels_of = facts.drop_duplicates("source_id").set_index("source_id")["source_label"]
    genre = sources.set_index("source_id")["genre"]
    rows = [f"{labels_of[s]} · {genre[s].replace('_', ' ')}" for s in table.index]
    shares = table.div(table.sum(axis=1), axis=0).values
    texts = np.where(table.values > 0, table.values.astype(str), "·")
    subtitle = _sentences(
        "Number of facts by theme; the shade gives the share of the source's facts.",
        style.capped(len(table), total, "sources", "with the most facts"),
    )
    drawn = facts[facts.source_id.isin(table.index)]
    return save_chart(
        lambda layout: _heat_figure(
            layout, "What does each source count?", subtitle, rows, [THEME_SHORT[t] for t in table.columns], shares, texts, 0.6
        ),
        "synthesis_theme_mix",
        directory,
        drawn,
    )


def draw_all(
    directory: Path = FIGURES_DIR,
    facts: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    pairings: pd.DataFrame | None = None,
    places: pd.DataFrame | None = None,
) -> list[Chart]:
    """Every chart the book shows, as the chapters draw them (used by tests and the benchmark);
    the dataset's frames unless others are given."""
    from eastwest.dataset import load

    style.apply()
    facts = load.facts() if facts is None else facts
    sources = load.sources() if sources is None else sources
    pairings = load.pairings() if pairings is None else pairings
    places = load.places() if places is None else places
    return [
        pairing_network(facts, pairings, places, directory),
        source_timeline(sources, pairings, directory),
        evidence_map(facts, directory),
        aid_funds(facts, directory),
        aid_over_report_dates(facts, directory),
        aid_split(facts, directory),
        investment_vs_aid(facts, directory),
        talent_flows(facts, directory),
        training_classes(facts, directory),
        theme_share(facts, "labour", "labour_share", directory),
        job_fair_funnel(facts, load.indicators(), directory),
        sales_realised_vs_expected(facts, directory),
        status_by_pairing(facts, ["consumption", "industry"], "consumption_status", directory),
        theme_mix(facts, sources, directory),
        caveats_by_source(facts, sources, directory),
    ]
