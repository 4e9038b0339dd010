"""The labour chapter's charts: people the pairings report helping into jobs (jobs, from
job_figures) and one job fair stage by stage (job_fair_funnel).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from eastwest.analysis import comparisons
from eastwest.charts import style, words_zh
from eastwest.charts.base import MAX_BARS, Chart, largest, of_fact, save_chart, sentences
from eastwest.core.paths import FIGURES_DIR
from eastwest.reader import wording, wording_zh
from eastwest.reader.languages import pick
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
JOB_KINDS_ZH = {
    "workers_placed_east": ("绿色", "转移到外地就业"),
    "local_employment": ("蓝色", "就地就近就业或创业"),
    "business_started": ("粉色", "培训学员成功创业"),
}
SCOPE_HEADINGS_ZH = {"cumulative": "结对以来累计", "annual": "一年", "period_total": "多年合计"}


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
            label = pick(
                f"{row['programme_label']}: {what}\n{wording.when_text(row)}",
                f"{words_zh.programme_zh(row['programme_label'])}：{words_zh.kind_zh(row)}\n{wording_zh.when_text_zh(row)}",
            )
            value = pick(wording.value_text(row), words_zh.value_zh(row))
            bars.append(of_fact(style.Bar(label, row["value"], value, JOB_KINDS[row["indicator"]][0]), row))
        heading = pick(SCOPE_HEADINGS.get(str(scope), str(scope)), SCOPE_HEADINGS_ZH.get(str(scope), str(scope)))
        panels.append(style.Panel(bars, heading if table.scope.nunique() > 1 else ""))
    kinds = [f"{JOB_KINDS[i][2]} ({JOB_KINDS[i][1]})" for i in JOB_INDICATORS if i in set(table.indicator)]
    listed = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " or " + kinds[-1]
    listed_zh = "、".join(f"{JOB_KINDS_ZH[i][1]}（{JOB_KINDS_ZH[i][0]}）" for i in JOB_INDICATORS if i in set(table.indicator))
    return style.bar_chart(
        layout,
        pick("How many people did the pairings help into jobs?", "资料报道了多少人就业或创业？"),
        pick(
            f"Achieved totals as each source reports them, each with its own period: {listed}.",
            f"各资料所报的已实现累计数，时间口径各不相同：{listed_zh}。",
        ),
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


def _fair_bars(table: pd.DataFrame) -> list[style.Bar]:
    bars = []
    for i, (_, r) in enumerate(table.iterrows()):
        above = table.iloc[i - 1] if i else None
        upper = above is not None and above["qualifier"] == "over"  # a share of 'over N' is an upper bound
        share = 0.0 if above is None else r["value"] / above["value"]
        stage = pick(
            r["indicator_label"].replace(" at a job fair", "").replace(" a job fair", ""),
            str(r["indicator_zh"]).removeprefix("招聘会"),
        )
        if above is not None:
            stage += pick(
                f" · {'at most ' if upper else ''}{share:.0%} of the stage above",
                f" · {'至多' if upper else ''}占上一环节的{share:.0%}",
            )
        bars.append(of_fact(style.Bar(stage, r["value"], pick(wording.value_text(r), words_zh.value_zh(r)), style.PALETTE[2]), r))
    return bars


def _fair_words(table: pd.DataFrame, context: pd.DataFrame) -> tuple[str, str]:
    """The funnel's title and subtitle in the current language."""
    if len(table):
        first = table.iloc[0]
        title = pick(
            f"{first.programme_label}: how many job seekers at the fair of "
            f"{mark_period(span_text(first.period), first.flag_list)} reached a job intention?",
            f"{words_zh.programme_zh(first.programme_label)}："
            f"{wording_zh.mark_period_zh(wording_zh.span_text_zh(first.period), first.flag_list)}的招聘会上，多少求职者达成了就业意向？",
        )
    else:
        title = pick("No job fair reported stage by stage", "资料中没有分环节报告的招聘会")
    offered = pick(" and ", "和").join(pick(wording.value_text(r), words_zh.value_zh(r)) for _, r in context.iterrows())
    also = pick(f"The same fair also had {offered}.", f"同一场招聘会还有{offered}。") if offered else ""
    return title, sentences(also, pick("An intention is not a job.", "达成意向不等于已经就业。"))


def job_fair_funnel(facts: pd.DataFrame, vocabulary: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = comparisons.job_fair_stages(facts, vocabulary).head(MAX_BARS)
    context = comparisons.job_fair_context(facts, table)
    return save_chart(
        lambda layout: style.bar_chart(layout, *_fair_words(table, context), [style.Panel(_fair_bars(table))]),
        "labour_job_fair_funnel",
        directory,
        pd.concat([table, context], ignore_index=True),
    )
