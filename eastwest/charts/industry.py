"""The industry chapter's charts: aid funds and their projects (aid_funds), one pairing's running
totals at each report date (aid_over_report_dates), the aid split by purpose (aid_split) and firms'
and lenders' money beside the aid (investment_vs_aid).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from eastwest.analysis import comparisons
from eastwest.charts import style, words_zh
from eastwest.charts.base import (
    MAX_BARS,
    MAX_PANEL_ROWS,
    Chart,
    largest,
    of_fact,
    panel_kinds,
    panels_by_scope,
    period_of,
    records,
    save_chart,
    scale_note,
    sentences,
    shared_note,
    status_style,
)
from eastwest.core.paths import FIGURES_DIR
from eastwest.reader import wording, wording_zh
from eastwest.reader.languages import pick
from eastwest.reader.wording import mark_period, period_label


def _status_word(row: pd.Series) -> str:
    status = wording.status_text(row)
    return f", {status}" if status else ""


def per_project_text(r) -> str:
    """'¥1.39 m'; 'at most ¥1.05 m' where the funds went mainly to the projects counted
    (analysis.aid_funds: per_project_at_most)."""
    return ("at most " if r["per_project_at_most"] else "") + style.human(r["funds_per_project"], "yuan")


def per_project_zh(r) -> str:
    """'139万元'; '至多105万元': a computed amount, in 万元 with at most two decimals (no source wrote it)."""
    amount = r["funds_per_project"]
    text = (
        f"{amount / 1e8:.2f}".rstrip("0").rstrip(".") + "亿元"
        if amount >= 1e8
        else f"{amount / 1e4:.2f}".rstrip("0").rstrip(".") + "万元"
    )
    return ("至多" if r["per_project_at_most"] else "") + text


def per_project_words(r) -> str:
    return pick(per_project_text(r), per_project_zh(r))


UPPER_BOUND_NOTE = "'At most': the source says the funds went mainly to those projects, so they may have paid for others."
UPPER_BOUND_NOTE_ZH = "“至多”：资料说资金主要用于这些项目，也可能用于其他项目。"
# Funds per project are drawn only beside money and projects of one source, pairing, period and
# scope (comparisons.aid_funds); even then what a "project" is differs from source to source.
NOT_EFFICIENCY_NOTE = "Funds per project are not a measure of efficiency: what a project is differs by source."
NOT_EFFICIENCY_NOTE_ZH = "项目平均资金不衡量效率：各资料所说的“项目”含义不同。"


def upper_bound_note() -> str:
    return pick(UPPER_BOUND_NOTE, UPPER_BOUND_NOTE_ZH)


def _aid_bar(r: pd.Series, per_project: bool = True) -> style.Bar:
    colour, hatch = status_style(r["status"])
    if words_zh.chinese():
        what = "" if r["indicator"] == "fiscal_aid_funds" else f"（{r['indicator_zh']}）"
        projects = ""
        if r["projects"] == r["projects"]:
            projects = f" · {int(r['projects'])}个项目" + (f"，平均每个项目{per_project_zh(r)}" if per_project else "")
        label = f"{words_zh.programme_zh(r['programme_label'])}{what}，{period_of(r)} · {words_zh.source_of(r)}{projects}"
        return style.Bar(label, r["value"], words_zh.value_zh(r), colour, hatch)
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

    def subtitle() -> str:
        return sentences(
            pick(
                "Aid funds for projects, as each source reports them (totals, not components). Hatched: planned. Solid: arranged, secured or allocated, as each source says; not necessarily spent.",
                "各资料所报的项目帮扶资金（总数，不含其中的分项）。斜线为计划数；实心为资料所说的已安排、落实、争取或拨付的资金，不一定已经支出。",
            ),
            pick(NOT_EFFICIENCY_NOTE, NOT_EFFICIENCY_NOTE_ZH) if with_ratio else "",
            upper_bound_note() if with_ratio and table.per_project_at_most.any() else "",
            shared_note() if panel_kinds(table).nunique() > 1 else "",
            style.capped(len(table), total, "figures", "largest"),
        )

    return save_chart(
        lambda layout: style.bar_chart(
            layout,
            pick(
                "How much aid money did each pairing report, for how many projects?", "资料报道了各结对多少帮扶资金、多少个项目？"
            ),
            "" if notes_below else subtitle(),
            panels_by_scope(table, lambda r: _aid_bar(r, per_project)),
            note=subtitle() if notes_below else "",
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

    by_id = facts.set_index("fact_id")

    def label(r, counted: str | None) -> str:
        """What the report counts (the description of its fact; in Chinese, its source's clause),
        then its date and source."""
        if words_zh.chinese():
            when = f"截至{wording_zh.mark_period_zh(wording_zh.date_zh(r.report_date), r.flag_list)} · {words_zh.source_of(r._asdict())}"
            said = words_zh.clause_zh(by_id.loc[counted]) if isinstance(counted, str) and counted in by_id.index else ""
            return f"“{said}”\n{when}" if said else when
        when = f"to {mark_period(r.report_date, r.flag_list)} · {r.source_label}"
        return f"{described[counted]}\n{when}" if isinstance(counted, str) and counted in described else when

    def value_text(r, column: str) -> str:
        value = getattr(r, column)
        if value != value:
            return pick("not given", "未报告")
        if column == "funds_per_project":
            return per_project_words(r._asdict())
        if words_zh.chinese():
            counted = r.fact_id if column == "value" else r.projects_fact_id
            return words_zh.value_zh(by_id.loc[counted].to_dict()) if counted in by_id.index else f"{value:g}"
        return style.human(value, "" if column == "projects" else "yuan")

    def panels() -> list[style.Panel]:
        return [
            _report_panel(column, counted, heading, colour)
            for column, counted, heading, colour in (
                ("value", "fact_id", pick("Aid funds", "帮扶资金"), style.PALETTE[0]),
                ("projects", "projects_fact_id", pick("Projects", "项目"), style.PALETTE[2]),
                (
                    "funds_per_project",
                    None,
                    pick("Funds per project (computed)", "平均每个项目的资金（计算所得）"),
                    style.PALETTE[5],
                ),
            )
        ]

    def _report_panel(column: str, counted: str | None, heading: str, colour: str) -> style.Panel:
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
        return style.Panel(bars, heading)

    def words() -> tuple[str, str]:
        title = pick(
            f"{pairs[0] if pairs else 'No pairing'}: how much aid had each report counted so far?",
            f"{words_zh.programme_zh(pairs[0]) if pairs else '无结对'}：各次报道所载的累计帮扶资金",
        )
        subtitle = sentences(
            pick(
                "Running totals since the pairing began, at each report date; each report counts in its "
                "own way, so the bars are not a like-for-like series.",
                "结对以来至每次报告时的累计数；各次报告统计口径不同，这些条形不是可逐一比较的序列。",
            ),
            upper_bound_note() if table.per_project_at_most.any() else "",
            scale_note(),
            style.capped(len(table), total, "reports", "latest", "最新"),
        )
        return title, subtitle

    return save_chart(
        lambda layout: style.bar_chart(layout, *words(), panels()),
        "industry_aid_over_report_dates",
        directory,
        comparisons.with_partners(table, facts, ["projects_fact_id"]),
    )


def aid_split(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = comparisons.aid_split(facts)
    total, whole = len(table), table.value.sum()
    table = table.head(MAX_BARS)  # largest first already

    def split_bar(r) -> style.Bar:
        counted = r["projects"] == r["projects"]
        return style.Bar(
            pick(
                str(r["breakdown"]).capitalize()
                + (f" · {int(r['projects'])} project{'s' if r['projects'] != 1 else ''}" if counted else ""),
                words_zh.breakdown_zh(r) + (f" · {int(r['projects'])}个项目" if counted else ""),
            ),
            r["value"],
            pick(
                f"{style.human(r['value'], 'yuan')} ({r['value'] / whole:.0%})",
                f"{words_zh.value_zh(r)}（占{r['value'] / whole:.0%}）",
            ),
        )

    def words() -> tuple[str, str]:
        if len(table):
            first = table.iloc[0]
            title = pick(
                f"{first.programme_label}: how were the "
                f"{period_label(first.period, first.scope, first.flag_list).replace('year ', '')} aid funds split by purpose?",
                f"{words_zh.programme_zh(first.programme_label)}："
                f"{wording_zh.period_label_zh(first.period, first.scope, first.flag_list)}的帮扶资金按用途怎样分配？",
            )
        else:
            title = pick("No breakdown of aid funds in the sources", "资料中没有帮扶资金的分项")
        subtitle = sentences(
            pick(
                "Components of the aid funds with their project counts; shares are of the listed components, not of a stated total.",
                "帮扶资金的各分项及其项目数；占比按所列分项之和计算，不是占资料所报总数的比例。",
            ),
            style.capped(len(table), total, "components", "largest"),
        )
        return title, subtitle

    return save_chart(
        lambda layout: style.bar_chart(layout, *words(), [style.Panel([of_fact(split_bar(r), r) for _, r in table.iterrows()])]),
        "industry_aid_split",
        directory,
        comparisons.with_partners(table, facts, ["projects_fact_id", "stated_projects_fact_id"]),
    )


MONEY_WORDS = {"aid_money": "Aid", "enterprise_money": "Firms and lenders"}
MONEY_WORDS_ZH = {"aid_money": "帮扶资金", "enterprise_money": "企业和金融机构资金"}


def _money_kind_zh(r) -> str:
    """'帮扶资金', or '企业和金融机构资金：招商项目到位资金': the kind of money, then what the fact
    counts where it says more than the kind."""
    kind, what = MONEY_WORDS_ZH[r["comparability"]], words_zh.kind_zh(r)
    return kind if what in ("", kind) else f"{kind}：{what}"


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
            pick(
                f"{kind}: {what}, {period_of(r)} · {r['source_label']}",
                f"{_money_kind_zh(r)}，{period_of(r)} · {words_zh.source_of(r)}",
            ),
            r["value"],
            pick(wording.value_text(r, with_unit=False), words_zh.value_zh(r)),
            style.PALETTE[0] if r["comparability"] == "aid_money" else style.PALETTE[1],
        )

    def panels() -> list[style.Panel]:
        return [
            style.Panel([of_fact(bar(r), r) for _, r in group.iterrows()], pick(str(pair), words_zh.programme_zh(str(pair))))
            for pair, group in picked.groupby("programme_label", sort=False)
        ]

    def subtitle() -> str:
        return sentences(
            pick(
                "Achieved figures, in yuan, all bars on one scale: aid (blue) against firms' and banks' "
                "money (orange), which is not the programme's; a credit line is a ceiling, not money lent.",
                "已实现的数字，所有条形按同一比例绘制：帮扶资金（蓝色）与企业和银行的资金（橙色），"
                "后者不是东西部扶贫协作本身的资金；贷款额度是上限，不是实际贷款。",
            ),
            style.capped(len(picked), total, "figures", "largest of each kind", "每类数值最大"),
        )

    return save_chart(
        lambda layout: style.bar_chart(
            layout,
            pick(
                "How much money from firms and lenders do the sources report, next to the aid?",
                "帮扶资金之外，资料还报告了多少企业和金融机构的资金？",
            ),
            subtitle(),
            panels(),
            shared_scale=True,
        ),
        "industry_investment_vs_aid",
        directory,
        picked,
    )
