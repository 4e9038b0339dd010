"""The labour chapter's charts: people the pairings report helping into jobs (jobs, from
job_figures) and one job fair stage by stage (job_fair_funnel).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from eastwest.analysis import comparisons
from eastwest.charts import style
from eastwest.charts.base import MAX_BARS, Chart, largest, of_fact, save_chart, sentences
from eastwest.core.paths import FIGURES_DIR
from eastwest.reader import wording
from eastwest.reader.wording import mark_period, span_text

# Each kind of jobs figure: its colour, the colour's name and what it counts (the subtitle says it in
# words, for the kinds drawn).
JOB_KINDS = {
    "workers_placed_east": (style.PALETTE[2], "green", "placed in jobs away from home"),
    "local_employment": (style.PALETTE[0], "blue", "helped into local work or business"),
    "business_started": (style.PALETTE[4], "pink", "trainees who started a business"),
}
JOB_INDICATORS = list(JOB_KINDS)
SCOPE_HEADINGS = {
    "cumulative": "Running totals since the pairing began",
    "annual": "One year",
    "period_total": "Totals over more than one year",
}


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
            east, west = wording.label_ends(row["programme_label"])
            what = wording.what_text(row, east, west)  # "people from ... placed in jobs", its kind in brackets
            bars.append(
                of_fact(
                    style.Bar(
                        f"{row['programme_label']}: {what}\n{wording.when_text(row)}",
                        row["value"],
                        wording.value_text(row),
                        JOB_KINDS[row["indicator"]][0],
                    ),
                    row,
                )
            )
        panels.append(style.Panel(bars, SCOPE_HEADINGS.get(str(scope), str(scope)) if table.scope.nunique() > 1 else ""))
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


def job_fair_funnel(facts: pd.DataFrame, vocabulary: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = comparisons.job_fair_stages(facts, vocabulary).head(MAX_BARS)
    context = comparisons.job_fair_context(facts, table)
    bars = []
    for i, (_, r) in enumerate(table.iterrows()):
        above = table.iloc[i - 1] if i else None
        bound = "at most " if above is not None and above["qualifier"] == "over" else ""  # a share of 'over N' is an upper bound
        stage = r["indicator_label"].replace(" at a job fair", "").replace(" a job fair", "")
        share = "" if above is None else f" · {bound}{r['value'] / above['value']:.0%} of the stage above"
        bars.append(of_fact(style.Bar(stage + share, r["value"], wording.value_text(r), style.PALETTE[2]), r))
    if len(table):
        first = table.iloc[0]
        title = (
            f"{first.programme_label}: how many job seekers at the fair of "
            f"{mark_period(span_text(first.period), first.flag_list)} reached a job intention?"
        )
    else:
        title = "No job fair reported stage by stage"
    offered = " and ".join(wording.value_text(r) for _, r in context.iterrows())
    subtitle = sentences(f"The same fair also had {offered}." if offered else "", "An intention is not a job.")
    return save_chart(
        lambda layout: style.bar_chart(layout, title, subtitle, [style.Panel(bars)]),
        "labour_job_fair_funnel",
        directory,
        pd.concat([table, context], ignore_index=True),
    )
