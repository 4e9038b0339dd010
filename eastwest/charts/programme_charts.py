"""Charts about what the programme did, beyond those in eastwest.charts.figures: who helps whom (the
overview's map of the pairings, with no counts of the corpus) and how many people the pairings
report helping into jobs. Drawn in the house layout (eastwest.charts.style: laid out in inches, text at
least 11 pt, a wide and a narrow version) and saved by eastwest.charts.figures.save_chart with the facts each
drew beside it (figures/<name>.csv), like every chart of the book.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from eastwest.analysis import comparisons
from eastwest.charts import style
from eastwest.charts.figures import MAX_BARS, RELATIONSHIP_COLOURS, Chart, largest, save_chart
from eastwest.core.paths import FIGURES_DIR
from eastwest.dataset import load
from eastwest.reader import wording
from eastwest.reader.wording import RELATIONSHIP_SHORT

# Each kind of jobs figure: its colour, the colour's name and what it counts (the subtitle says it in
# words, for the kinds drawn).
JOB_KINDS = {
    "workers_placed_east": (style.PALETTE[2], "green", "placed in jobs away from home"),
    "local_employment": (style.PALETTE[0], "blue", "helped into local work or business"),
    "business_started": (style.PALETTE[4], "pink", "trainees who started a business"),
}
JOB_INDICATORS = list(JOB_KINDS)
# An arrangement's name is written in its line's colour, darkened where that colour is too light
# to read as text on white (4.5:1 or more).
TEXT_COLOURS = {
    "east_west_cooperation": "#0060a0",
    "xinjiang_aid": "#8a5a00",
    "north_south_linkage": "#00704f",
    "tibet_aid": "#a84300",
    "counterpart_assistance": "#9a4a80",
}
SCOPE_HEADINGS = {
    "cumulative": "Running totals since the pairing began",
    "annual": "One year",
    "period_total": "Totals over several years",
}


# --- Who helps whom -------------------------------------------------------------------------------


def _map_figure(layout: style.Layout, pairings: pd.DataFrame, names: pd.DataFrame, note: str = "") -> plt.Figure:
    canvas = style.Canvas(layout)
    canvas.header(
        "Who helps whom",
        "Each arrow runs from a helping place to the place it helps; beside each receiving place, "
        "the arrangement and the start the sources give.",
    )
    east_text = {
        e: f"{wording.short_name(names.loc[e, 'name_en'])}\n{names.loc[e, 'province']}" for e in dict.fromkeys(pairings.east)
    }
    left_width = max(canvas.measure(line) for text in east_text.values() for line in text.split("\n"))
    arrow = 0.55 if canvas.narrow else 1.1
    x_arrow = canvas.left + left_width + 0.08
    x_right = x_arrow + arrow + 0.1
    canvas.text(x_arrow - 0.08, canvas.y, "Helping side", ha="right", fontweight="bold", color=style.MUTED_COLOUR)
    canvas.text(x_right, canvas.y, "Receiving side", fontweight="bold", color=style.MUTED_COLOUR)
    canvas.y += canvas.line_height(style.TEXT_PT) + 0.12
    for east, group in pairings.groupby("east", sort=False):
        anchors = []
        top = canvas.y
        for row in group.itertuples():
            place = names.loc[row.west]
            anchors.append(canvas.y + canvas.line_height(style.TEXT_PT) / 2)
            canvas.block(f"{wording.short_name(place['name_en'])}, {place['province']}", weight="bold", x=x_right, after=0)
            canvas.block(
                RELATIONSHIP_SHORT[row.relationship],
                color=TEXT_COLOURS.get(row.relationship, style.TEXT_COLOUR),
                x=x_right,
                after=0,
            )
            canvas.block(wording.start_text(row._asdict()), color=style.MUTED_COLOUR, x=x_right, after=0.16)
        middle = (top + canvas.y - 0.16) / 2
        canvas.text(x_arrow - 0.08, middle, east_text[east], ha="right", va="center")
        for row, y in zip(group.itertuples(), anchors):
            canvas.ax.annotate(
                "",
                xy=(x_arrow + arrow, y),
                xytext=(x_arrow, middle),
                arrowprops=dict(
                    arrowstyle="-|>", color=RELATIONSHIP_COLOURS[row.relationship], lw=2, shrinkA=2, shrinkB=2, mutation_scale=14
                ),
            )
        canvas.y += 0.06
    canvas.block(note, color=style.MUTED_COLOUR)
    return canvas.finish()


def pairing_map(pairings: pd.DataFrame, places: pd.DataFrame, sources: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """Helping places joined by an arrow to the places they help, with the arrangement and start in
    words. It draws pairings, not facts: its sources are those that name each pairing."""
    names = places.set_index("id")
    named = sources.assign(pairing=sources.pairings.str.split(";")).explode("pairing")
    total = len(pairings)
    if total > MAX_BARS:  # the pairings most sources speak of; the overview's table lists them all
        speaking = named.pairing.value_counts()
        ranked = pairings.assign(n=pairings.pairing_id.map(speaking).fillna(0))
        keep = ranked.sort_values(["n", "pairing_id"], ascending=[False, True], kind="stable").head(MAX_BARS).index
        pairings = pairings[pairings.index.isin(keep)]
    note = style.capped(len(pairings), total, "pairings", "named by most sources")
    drawn = named[named.pairing.isin(pairings.pairing_id)][["source_id", "pairing"]].drop_duplicates()
    return save_chart(
        lambda layout: _map_figure(layout, pairings, names, note), "overview_pairings", directory, drawn.reset_index(drop=True)
    )


# --- Jobs -----------------------------------------------------------------------------------------


def job_figures(facts: pd.DataFrame) -> pd.DataFrame:
    """Achieved whole totals of people helped into jobs, by pairing: no job-fair intentions, and no
    component of a jobs total its source also gives; a part of a count of another kind (trainees
    who started a business) is drawn, as on the landing page (analysis.part_of_a_total_of_its_kind)."""
    table = comparisons.select(
        facts, indicators=JOB_INDICATORS, status="achieved", scope=comparisons.WHOLE_SCOPES, parts="own_kind"
    )
    return table[(table.programme != "") & table.value.notna()].reset_index(drop=True)


def _jobs_figure(layout: style.Layout, table: pd.DataFrame, total: int) -> plt.Figure:
    panels = []
    for scope, rows in table.groupby("scope", sort=False):
        bars = []
        for _, row in rows.iterrows():
            east, _, west = row["programme_label"].partition(" → ")
            what = wording.what_text(row, east, west)  # "people from ... placed in jobs", its kind in brackets
            bars.append(
                style.Bar(
                    f"{row['programme_label']}: {what}\n{wording.when_text(row)}",
                    row["value"],
                    wording.value_text(row),
                    JOB_KINDS[row["indicator"]][0],
                )
            )
        panels.append(style.Panel(bars, SCOPE_HEADINGS.get(scope, scope) if table.scope.nunique() > 1 else ""))
    kinds = [f"{JOB_KINDS[i][2]} ({JOB_KINDS[i][1]})" for i in JOB_INDICATORS if i in set(table.indicator)]
    listed = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " or " + kinds[-1]
    return style.bar_chart(
        layout,
        "How many people did the pairings help into jobs?",
        f"Achieved totals as each source reports them, each with its own period: {listed}.",
        panels,
        note=style.capped(len(table), total, "figures", "largest"),
    )


def jobs(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """People placed in jobs away from home, helped into local work, or trainees who started a
    business, one bar per reported total (the MAX_BARS largest at most); running totals, one-year
    and multi-year figures in separate panels."""
    table = job_figures(facts)
    total = len(table)
    table = largest(table, MAX_BARS)  # however many sources speak of jobs
    table = table.assign(scope_order=table.scope.map(list(SCOPE_HEADINGS).index))
    table = table.sort_values(["scope_order", "value"], ascending=[True, False], kind="stable").drop(columns="scope_order")
    return save_chart(lambda layout: _jobs_figure(layout, table, total), "labour_jobs", directory, table.reset_index(drop=True))


def draw_all(directory: Path = FIGURES_DIR) -> list[Chart]:
    """Every chart of this module, as the book draws them (used by the tests)."""
    style.apply()
    facts, sources = load.facts(), load.sources()
    return [pairing_map(load.pairings(), load.places(), sources, directory), jobs(facts, directory)]
