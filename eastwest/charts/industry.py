"""The industry chapter's charts: aid funds and their projects (aid_funds), one pairing's running
totals at each report date (aid_over_report_dates), the aid split by purpose (aid_split) and firms'
and lenders' money beside the aid (investment_vs_aid).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from eastwest.analysis import comparisons
from eastwest.charts import style
from eastwest.charts.base import (
    MAX_BARS,
    MAX_PANEL_ROWS,
    SCALE_NOTE,
    SHARED_NOTE,
    Chart,
    largest,
    of_fact,
    panel_kinds,
    panels_by_scope,
    period_of,
    records,
    save_chart,
    sentences,
    status_style,
)
from eastwest.core.paths import FIGURES_DIR
from eastwest.reader import wording
from eastwest.reader.wording import mark_period, period_label


def _status_word(row: pd.Series) -> str:
    status = wording.status_text(row)
    return f", {status}" if status else ""


def per_project_text(r) -> str:
    """'¥1.39 m'; 'at most ¥1.05 m' where the funds went mainly to the projects counted
    (analysis.aid_funds: per_project_at_most)."""
    return ("at most " if r["per_project_at_most"] else "") + style.human(r["funds_per_project"], "yuan")


UPPER_BOUND_NOTE = "'At most': the source says the funds went mainly to those projects, so they may have paid for others."
# Funds per project are drawn only beside money and projects of one source, pairing, period and
# scope (comparisons.aid_funds); even then what a "project" is differs from source to source.
NOT_EFFICIENCY_NOTE = "Funds per project are not a measure of efficiency: what a project is differs by source."


def _aid_bar(r: pd.Series, per_project: bool = True) -> style.Bar:
    colour, hatch = status_style(r["status"])
    what = "" if r["indicator"] == "fiscal_aid_funds" else f" ({r['indicator_label'].lower()})"
    projects = ""
    if r["projects"] == r["projects"]:
        projects = f" · {int(r['projects'])} projects" + (f", {per_project_text(r)} per project" if per_project else "")
    return style.Bar(
        f"{r['programme_label']}{what}, {period_of(r)} · {r['source_label']}{projects}",
        r["value"],
        wording.value_text(r, with_unit=False) + _status_word(r),
        colour,
        hatch,
    )


def aid_funds(facts: pd.DataFrame, directory: Path = FIGURES_DIR, per_project: bool = True, notes_below: bool = False) -> Chart:
    """Aid funds per pairing and report, with the projects the same source counts for the same
    period; funds per project beside them unless `per_project` is False (the landing page's chart,
    which draws no ratio a reader could take for a comparison of efficiency). With `notes_below`
    the notes go under the bars instead of under the title (the landing page, whose first screen
    shows the first bars)."""
    table = comparisons.aid_funds(facts)
    total = len(table)
    table = largest(table)
    with_ratio = per_project and table.projects.notna().any()
    subtitle = sentences(
        "Aid funds for projects, as each source reports them (totals, not components). Hatched: planned. Solid: arranged, secured or allocated, as each source says; not necessarily spent.",
        NOT_EFFICIENCY_NOTE if with_ratio else "",
        UPPER_BOUND_NOTE if with_ratio and table.per_project_at_most.any() else "",
        SHARED_NOTE if panel_kinds(table).nunique() > 1 else "",
        style.capped(len(table), total, "figures", "largest"),
    )
    return save_chart(
        lambda layout: style.bar_chart(
            layout,
            "How much aid money did each pairing report, for how many projects?",
            "" if notes_below else subtitle,
            panels_by_scope(table, lambda r: _aid_bar(r, per_project)),
            note=subtitle if notes_below else "",
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
                fact=str(getattr(r, counted)) if counted and getattr(r, counted) == getattr(r, counted) else "",
                source=str(getattr(r, "source_id", "")),
            )
            for r in records(table)
        ]
        panels.append(style.Panel(bars, heading))
    title = f"{pairs[0] if pairs else 'No pairing'}: how much aid had each report counted so far?"
    subtitle = sentences(
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
        of_fact(
            style.Bar(
                str(r["breakdown"]).capitalize()
                + (
                    f" · {int(r['projects'])} project{'s' if r['projects'] != 1 else ''}"
                    if r["projects"] == r["projects"]
                    else ""
                ),
                r["value"],
                f"{style.human(r['value'], 'yuan')} ({r['value'] / whole:.0%})",
            ),
            r,
        )
        for _, r in table.iterrows()
    ]
    if len(table):
        first = table.iloc[0]
        title = (
            f"{first.programme_label}: how were the "
            f"{period_label(first.period, first.scope, first.flag_list).replace('year ', '')} aid funds split by purpose?"
        )
    else:
        title = "No breakdown of aid funds in the sources"
    subtitle = sentences(
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
            f"{kind}: {what}, {period_of(r)} · {r['source_label']}",
            r["value"],
            wording.value_text(r, with_unit=False),
            style.PALETTE[0] if r["comparability"] == "aid_money" else style.PALETTE[1],
        )

    panels = [
        style.Panel([of_fact(bar(r), r) for _, r in group.iterrows()], str(pair))
        for pair, group in picked.groupby("programme_label", sort=False)
    ]
    subtitle = sentences(
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
