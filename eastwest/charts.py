"""Every chart in the book. Each function draws one comparison in the house style, saves it to
figures/ and returns a Chart naming the facts it rests on (listed, collapsed, under the figure).

Labels are English with pinyin place names; no Chinese characters are drawn, so the figures need
no CJK font (tests/test_figures.py fails on any missing glyph).
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import analysis, style, tables
from .io import write_csv
from .load import THEME_LABELS, mark_period, outlet_en, span_text
from .paths import FIGURES_DIR

RELATIONSHIP_SHORT = {
    "east_west_cooperation": "East–West cooperation",
    "north_south_linkage": "South–north linkage (Jiangsu)",
    "xinjiang_aid": "Aid to Xinjiang",
    "tibet_aid": "Aid to a Tibetan-area county",
    "counterpart_assistance": "Counterpart assistance",
}
RELATIONSHIP_COLOURS = {
    "east_west_cooperation": "#0072B2", "north_south_linkage": "#009E73",
    "xinjiang_aid": "#E69F00", "tibet_aid": "#D55E00", "counterpart_assistance": "#CC79A7",
}


# The columns of a chart's data download: enough to redraw it and to find each sentence.
DATA_COLUMNS = ["fact_id", "source_id", "source_label", "programme_label", "indicator", "indicator_label", "breakdown",
                "value", "value_high", "unit", "qualifier", "status", "period", "scope", "quote"]


@dataclass
class Chart:
    name: str
    path: Path
    facts: pd.DataFrame  # the rows of data/facts.csv the chart draws

    @property
    def sources(self) -> list[str]:
        return sorted(self.facts["source_id"].unique()) if len(self.facts) and "source_id" in self.facts else []


def _chart(fig, name: str, directory: Path, drawn: pd.DataFrame, extra: list[str] = ()) -> Chart:
    """Save the figure and, beside it, the facts it drew (figures/<name>.csv; `extra` columns after
    the usual ones)."""
    path = style.save(fig, name, directory)
    if "fact_id" in drawn:
        columns = [c for c in [*DATA_COLUMNS, *extra] if c in drawn]
        write_csv(directory / f"{name}.csv", drawn[columns])
    return Chart(name, path, drawn)


def _millions(value: float) -> float:
    return value / 1e6


def _bar_labels(ax, bars, texts, pad=3):
    for bar, text in zip(bars, texts):
        ax.annotate(text, (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(pad, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=8.5)


def _title(fig, text: str) -> None:
    """Chart titles start at the figure's left edge, so long tick labels never push them off."""
    fig.suptitle(text, x=0.01, ha="left", fontweight="bold", fontsize=11)


def _finish_barh(ax, xmax, room=1.45):
    ax.set_xlim(0, xmax * room)
    ax.grid(axis="y", visible=False)
    ax.invert_yaxis()


# --- Overview -----------------------------------------------------------------------------------


def pairing_network(facts: pd.DataFrame, pairings: pd.DataFrame, places: pd.DataFrame,
                    directory: Path = FIGURES_DIR) -> Chart:
    """East helpers (left) joined to west recipients (right); line width = facts on that pairing."""
    names = places.set_index("id")
    counts = facts.groupby("programme").size()
    west_order = list(dict.fromkeys(pairings["west"]))
    west_y = {w: i for i, w in enumerate(west_order)}
    east_y = {e: np.mean([west_y[w] for w in pairings.loc[pairings.east == e, "west"]])
              for e in dict.fromkeys(pairings["east"])}
    fig, ax = plt.subplots(figsize=(7.8, 1.6 + 0.55 * len(west_order)))
    widest = max(1, int(counts.max()) if len(counts) else 1)
    for row in pairings.itertuples():
        n = int(counts.get(row.pairing_id, 0))
        ax.plot([0, 1], [east_y[row.east], west_y[row.west]], color=RELATIONSHIP_COLOURS[row.relationship],
                lw=0.8 + 6 * n / widest, ls="-" if n else ":", solid_capstyle="round", zorder=1)
        ax.annotate(f"{n} facts" if n else "no facts", (0.5, (east_y[row.east] + west_y[row.west]) / 2),
                    ha="center", va="bottom", fontsize=7.5, color="#444",
                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.8))
    for side, positions, x, ha in (("east", east_y, 0, "right"), ("west", west_y, 1, "left")):
        for pid, y in positions.items():
            place = names.loc[pid]
            ax.scatter([x], [y], s=40, color="#333", zorder=2)
            label = f"{place['name_en'].split(' (')[0].replace(' Tujia Autonomous County', '')}\n{place['province']} · {place['level']}"
            ax.annotate(label, (x, y), xytext=(-8 if ha == "right" else 8, 0), textcoords="offset points",
                        ha=ha, va="center", fontsize=8.5)
    for rel in dict.fromkeys(pairings["relationship"]):
        ax.plot([], [], color=RELATIONSHIP_COLOURS[rel], lw=3, label=RELATIONSHIP_SHORT[rel])
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=2, fontsize=8.5)
    ax.set_xlim(-0.55, 1.55)
    ax.set_ylim(len(west_order) - 0.5, -0.9)
    ax.text(0, -0.75, "Helping side", ha="right", fontweight="bold", fontsize=9.5)
    ax.text(1, -0.75, "Receiving side", ha="left", fontweight="bold", fontsize=9.5)
    ax.axis("off")
    _title(fig, f"The {len(pairings)} pairings the dataset tracks")
    return _chart(fig, "overview_pairing_network", directory, analysis.paired_facts(facts))


def source_timeline(sources: pd.DataFrame, pairings: pd.DataFrame,
                    directory: Path = FIGURES_DIR) -> Chart:
    """When each source was written, against when the pairings it covers began."""
    dated = analysis.source_year(sources).sort_values("year_float").reset_index(drop=True)
    starts = pairings.set_index("pairing_id")["start_date"]
    fig, ax = plt.subplots(figsize=(7.8, 1.6 + 0.45 * len(dated)))
    years = []
    for i, row in dated.iterrows():
        low, high = [analysis._year_float(p) for p in (row.date_used.split("/") + [row.date_used])[:2]]
        years += [low, high]
        if row.estimated:
            ax.plot([low, max(high, low + 0.08)], [i, i], color="#E69F00", lw=5, alpha=0.6, solid_capstyle="round")
        ax.scatter([low], [i], s=55, marker="o", facecolor="white" if row.estimated else "#0072B2",
                   edgecolor="#E69F00" if row.estimated else "#0072B2", lw=1.6, zorder=3)
        for pid in row.pairings.split(";"):
            start = starts.get(pid, "")
            if start:
                years.append(analysis._year_float(start))
                ax.scatter([years[-1]], [i], marker="D", s=38, color="#009E73", zorder=3)
                ax.plot([years[-1], low], [i, i], color="#009E73", lw=1, ls="--")
        ax.annotate(outlet_en(row.outlet), (low, i), xytext=(8, 7), textcoords="offset points", fontsize=8)
    ax.set_yticks(range(len(dated)), [""] * len(dated))
    ax.tick_params(axis="y", length=0)
    first, last = (min(years), max(years)) if years else (2016.0, 2021.0)
    ax.set_xlim(np.floor(first) - 0.2, np.ceil(last) + 0.6)  # room for the outlet names right of the last dot
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_ylim(len(dated) - 0.4, -0.8)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Year")
    ax.scatter([], [], marker="o", color="#0072B2", label="published (date given)")
    ax.scatter([], [], marker="o", facecolor="white", edgecolor="#E69F00", label="written (estimated; range shaded)")
    ax.scatter([], [], marker="D", color="#009E73", label="pairing start dated in the source")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=8)
    _title(fig, "When each source was written, and when the pairings it dates began")
    return _chart(fig, "overview_timeline", directory, pd.DataFrame({"source_id": dated.source_id}))


def evidence_map(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """Facts per pairing and theme: where the evidence is thick and where it is thin."""
    table = analysis.evidence_matrix(facts)
    fig, ax = plt.subplots(figsize=(7.8, 1.4 + 0.4 * len(table)))
    ax.imshow(table.values, cmap="Blues", aspect="auto", vmin=0, vmax=max(30, table.values.max()))
    dark = 0.6 * max(30, table.values.max())
    for (i, j), n in np.ndenumerate(table.values):
        ax.text(j, i, str(n) if n else "·", ha="center", va="center", fontsize=8.5,
                color="white" if n > dark else ("#999" if n == 0 else "#111"))
    ax.set_xticks(range(table.shape[1]), [textwrap.fill(THEME_LABELS[t], 12) for t in table.columns], fontsize=8)
    ax.set_yticks(range(table.shape[0]), [f"{p}  ({table.loc[p].sum()})" for p in table.index], fontsize=8.5)
    ax.grid(False)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    _title(fig, "Number of facts by pairing and theme")
    return _chart(fig, "overview_evidence_map", directory, facts)


# --- Industry -----------------------------------------------------------------------------------


def period_label(period: str, scope: str, flags) -> str:
    """A reader's period: 'cumulative 2017-03 to 2021-02', 'year 2018', 'per year, from 2018-05';
    a period inferred from the article's date is marked 'c. … (est.)', a date whose year the
    source lost '… (year lost in the source)' (load.mark_period). `flags` is required: pass the
    fact's flag_list, so that no chart shows a guessed date bare."""
    start, _, end = period.partition("/")
    if period == "unknown":
        text = "date not given"
    elif scope == "cumulative":
        text = f"cumulative {start} to {end}" if start else f"cumulative to {end}"
    elif scope == "period_total":
        text = f"total {start}–{end}" if end else f"total from {start}"
    elif scope == "annual":
        text = f"year {period}"
    elif scope == "recurring":
        text = "per year" + (f", from {start}" if start else "")
    else:
        text = span_text(period)
    return mark_period(text, flags)


def _when(row) -> str:
    return period_label(row["period"], row["scope"], row["flag_list"])


def _status_note(status: str) -> str:
    return "" if status == "achieved" else f"  ({status.upper()})"


def aid_funds(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = analysis.aid_funds(facts)
    fig, ax = plt.subplots(figsize=(7.8, 1.4 + 0.55 * len(table)))
    labels = [f"{r.programme_label or r.pairing}" + ("" if r.indicator == "fiscal_aid_funds" else f" ({r.indicator_label.lower()})")
              + f"\n{_when(r._asdict())}\n{r.source_label.split(',')[0]}" for r in table.itertuples()]  # a marked period needs its own line
    colours = [style.STATUS_COLOURS[s] for s in table.status]
    bars = ax.barh(range(len(table)), table.value.map(_millions), color=colours,
                   hatch=["//" if s != "achieved" else "" for s in table.status], edgecolor="white")
    ax.set_yticks(range(len(table)), labels)
    texts = []
    for _, r in table.iterrows():
        text = tables.value_text(r, with_unit=False)
        if r["projects"] == r["projects"]:
            text += f" · {int(r['projects'])} projects · {style.human(r['funds_per_project'], 'yuan')}/project"
        texts.append(text + _status_note(r["status"]))
    _bar_labels(ax, bars, texts)
    _finish_barh(ax, table.value.max() / 1e6 if len(table) else 1, room=2.6)
    ax.set_xlabel("Aid funds, million yuan")
    ax.tick_params(axis="y", labelsize=8.5)
    _title(fig, "Aid funds and projects by pairing, as each source reports them")
    return _chart(fig, "industry_aid_funds", directory, analysis.with_partners(table, facts, ["projects_fact_id"]))


def aid_over_report_dates(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """One pairing's cumulative aid at each report date: funds, projects and funds per project."""
    table = analysis.repeated_reports(facts)
    fig, axes = plt.subplots(1, 3, figsize=(7.8, 3.2))
    labels = [f"to {mark_period(r.report_date, r.flag_list)}\n{r.source_label.split(',')[0]}" for r in table.itertuples()]
    panels = [("value", "Aid funds, million yuan", _millions, lambda v: style.human(v, "yuan")),
              ("projects", "Projects", lambda v: v, lambda v: style.human(v)),
              ("funds_per_project", "Funds per project,\nmillion yuan", _millions, lambda v: style.human(v, "yuan"))]
    shades = [style.PALETTE[5], style.PALETTE[0]] * len(table)
    for ax, (column, title, scale, fmt) in zip(axes, panels):
        values = table[column].map(scale)
        bars = ax.bar(range(len(table)), values.fillna(0), color=shades[: len(table)], width=0.6)
        ax.set_xticks(range(len(table)), labels)
        for bar, value in zip(bars, table[column]):
            ax.annotate(fmt(value), (bar.get_x() + bar.get_width() / 2, bar.get_height()), xytext=(0, 3),
                        textcoords="offset points", ha="center", fontsize=8.5)
        ax.set_title(title, fontsize=9.5, loc="center")
        ax.set_ylim(0, (values.max() if values.notna().any() else 1) * 1.22)
        ax.grid(axis="x", visible=False)
        ax.tick_params(axis="x", labelsize=8.5)
    pairs = ", ".join(dict.fromkeys(table.programme_label)) or "no pairing"
    _title(fig, f"{pairs}: cumulative aid at {table.report_date.nunique()} report dates")
    return _chart(fig, "industry_aid_over_report_dates", directory, analysis.with_partners(table, facts, ["projects_fact_id"]))


def aid_split(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = analysis.aid_split(facts)
    total = table.value.sum()
    fig, ax = plt.subplots(figsize=(7.8, 1.4 + 0.4 * len(table)))
    bars = ax.barh(table.breakdown, table.value.map(_millions), color=style.PALETTE[0])
    _bar_labels(ax, bars, [f"{style.human(v, 'yuan')} ({v / total:.0%})"
                           + (f" · {int(p)} project{'s' if p != 1 else ''}" if p == p else "")
                           for v, p in zip(table.value, table.projects)])
    _finish_barh(ax, table.value.max() / 1e6 if len(table) else 1, room=1.6)
    ax.set_xlabel("Aid funds, million yuan (shares of the listed components)")
    first = table.iloc[0] if len(table) else None
    where = f"{first.programme_label}: how the {period_label(first.period, first.scope, first.flag_list).replace('year ', '')} aid funds were split" if first is not None else "No breakdown of aid funds in the sources"
    _title(fig, where)
    return _chart(fig, "industry_aid_split", directory,
                  analysis.with_partners(table, facts, ["projects_fact_id", "stated_projects_fact_id"]))


def investment_vs_aid(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    picked = analysis.money_compared(facts)
    fig, ax = plt.subplots(figsize=(7.8, 1.4 + 0.5 * len(picked)))
    labels = [f"{r.programme_label}: {r.indicator_label.lower()}" + (f" ({r.breakdown})" if r.breakdown else "")
              + f"\n{_when(r._asdict())}\n{r.source_label.split(',')[0]}" for r in picked.itertuples()]
    colours = [style.PALETTE[0] if c == "aid_money" else style.PALETTE[1] for c in picked.comparability]
    y = np.arange(len(picked))
    ax.hlines(y, 0.1, picked.value.map(_millions), color="#cccccc", lw=1)
    ax.scatter(picked.value.map(_millions), y, color=colours, s=60, zorder=3)
    for yi, (_, r) in zip(y, picked.iterrows()):
        ax.annotate(tables.value_text(r, with_unit=False), (r["value"] / 1e6, yi), xytext=(7, 0),
                    textcoords="offset points", va="center", fontsize=8.5)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xscale("log")  # dots, not bars: on a log axis only the position carries the value
    ax.set_xlim(0.1 if picked.empty else picked.value.min() / 1e6 / 3, 1 if picked.empty else picked.value.max() / 1e6 * 40)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}" if v >= 1 else f"{v:g}"))
    ax.set_xlabel("Million yuan (log scale: each step is ten times the last)")
    ax.tick_params(axis="y", labelsize=8)
    ax.grid(axis="y", visible=False)
    _title(fig, "Aid funds (blue) against firms' investment and credit (orange)")
    return _chart(fig, "industry_investment_vs_aid", directory, picked)


# --- Talent -------------------------------------------------------------------------------------

DIRECTION_SIGN = {"east_to_west": 1, "west_to_east": -1, "both": 0}
DIRECTION_COLOUR = {"east_to_west": "#0072B2", "west_to_east": "#E69F00", "both": "#999999"}
DIRECTION_DRAWN = {"east_to_west": "east to west (right of the line)", "west_to_east": "west to east (left of the line)",
                   "both": "both ways (across the line)"}
# The talent chart's download also says which way each bar was drawn, and where it starts and ends.
TALENT_COLUMNS = ["direction", "drawn_as", "drawn_from", "drawn_to"]


def talent_flows(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """People moving each way, diverging from a centre line: east → west to the right, west → east
    to the left; people counted both ways together straddle the line."""
    table = analysis.talent_flows(facts)
    kind = {"cadres_moved": "cadres seconded", "professionals_moved": "professionals"}
    rows = [f"{r.breakdown or kind[r.comparability]} · {r.programme_label.split(' → ')[-1]}\n{_when(r._asdict())}"
            for r in table.itertuples()]
    fig, ax = plt.subplots(figsize=(7.8, 1.6 + 0.5 * len(table)))
    y = np.arange(len(table))
    sign = table.direction.map(DIRECTION_SIGN)
    left = np.where(sign == 0, -table.value / 2, np.where(sign < 0, -table.value, 0))
    bars = ax.barh(y, table.value, left=left, color=table.direction.map(DIRECTION_COLOUR),
                   hatch=["xx" if s == 0 else "" for s in sign], edgecolor="white")
    table = table.assign(drawn_from=[b.get_x() for b in bars], drawn_to=[b.get_x() + b.get_width() for b in bars],
                         drawn_as=[DIRECTION_DRAWN[d] for d in table.direction])
    for bar, row_y, (_, r), s in zip(bars, y, table.iterrows(), sign):
        text = tables.value_text(r, with_unit=False) + (" (both ways)" if s == 0 else "")
        x = bar.get_x() + (bar.get_width() if s >= 0 else 0)
        ax.annotate(text, (x, row_y), xytext=(3 if s >= 0 else -3, 0), textcoords="offset points",
                    ha="left" if s >= 0 else "right", va="center", fontsize=8)
    ax.set_yticks(y, rows, fontsize=7.5)
    ax.invert_yaxis()
    limit = (table.value.max() if len(table) else 1) * 1.4
    ax.set_xlim(-limit, limit)
    ax.axvline(0, color="#333", lw=0.8)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{abs(v):,.0f}"))
    ax.set_xlabel("← west to east   |   east to west →\npeople (hatched: counted both ways together)")
    ax.grid(axis="y", visible=False)
    _title(fig, "Cadres, teachers and professionals moving in each direction")
    return _chart(fig, "talent_flows", directory, table, TALENT_COLUMNS)


def training_classes(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = analysis.training(facts)
    fig, ax = plt.subplots(figsize=(7.8, 1.4 + 0.5 * len(table)))
    labels = [f"{(r.breakdown or r.people_indicator_label).capitalize()}\n{r.programme_label} · {_when(r._asdict())}"
              for r in table.itertuples()]
    bars = ax.barh(range(len(table)), table.people, color=[style.PALETTE[0] if s == "cumulative" else style.PALETTE[5] for s in table.scope])
    ax.set_yticks(range(len(table)), labels)
    _bar_labels(ax, bars, [f"{tables.QUALIFIER_WORDS[q]}{int(p):,} {tables.unit_text(u, p)} in {int(c)} {tables.unit_text('class', c)} · "
                           f"{tables.QUALIFIER_WORDS[q] if q in ('over', 'nearly', 'under') else '~'}{pc:.0f} per class"
                           for p, u, c, pc, q in zip(table.people, table.people_unit, table.value, table.per_class, table.people_qualifier)])
    _finish_barh(ax, table.people.max() if len(table) else 1, room=2.9)
    ax.tick_params(axis="y", labelsize=7.5)
    ax.set_xlabel("Trainees (dark: cumulative; light: one year)")
    _title(fig, "Training: how many classes, how many trainees")
    return _chart(fig, "talent_training", directory, analysis.with_partners(table, facts, ["people_fact_id"]))


# --- Labour -------------------------------------------------------------------------------------


def job_fair_funnel(facts: pd.DataFrame, vocabulary: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = analysis.job_fair_stages(facts, vocabulary)
    context = analysis.job_fair_context(facts, table)
    fig, ax = plt.subplots(figsize=(7.8, 1.6 + 0.5 * len(table)))
    stages = [r.indicator_label.replace(" at a job fair", "").replace(" a job fair", "") for r in table.itertuples()]
    bars = ax.barh(stages, table.value, color=style.PALETTE[2])
    texts = []
    for i, (_, r) in enumerate(table.iterrows()):
        above = table.iloc[i - 1] if i else None
        bound = "at most " if above is not None and above["qualifier"] == "over" else ""  # a share of 'over N' is an upper bound
        share = "" if above is None else f"  ({bound}{r['value'] / above['value']:.0%} of the stage above)"
        texts.append(tables.value_text(r) + share)
    _bar_labels(ax, bars, texts)
    _finish_barh(ax, table.value.max() if len(table) else 1, room=1.9)
    ax.set_xlabel("People")
    if len(table):
        first = table.iloc[0]
        offered = "; ".join(tables.value_text(r) for _, r in context.iterrows())
        _title(fig, f"{first.programme_label}: job fair of {mark_period(span_text(first.period), first.flag_list)}, from job seekers to job intentions")
        if offered:
            ax.set_title(f"The same fair also had {offered}", fontsize=8.5, fontweight="normal", loc="left")
    return _chart(fig, "labour_job_fair_funnel", directory, pd.concat([table, context], ignore_index=True))


def theme_share(facts: pd.DataFrame, theme: str, name: str, directory: Path = FIGURES_DIR) -> Chart:
    """How many of each source's facts fall in one theme: the thinness of the evidence."""
    counts = analysis.theme_share_by_source(facts, theme)
    labels_of = facts.drop_duplicates("source_id").set_index("source_id")["source_label"]
    fig, ax = plt.subplots(figsize=(7.8, 1.2 + 0.4 * len(counts)))
    labels = [labels_of[s] for s in counts.index]
    ax.barh(labels, counts.total, color="#dddddd", label="all facts in the source")
    bars = ax.barh(labels, counts.in_theme, color=style.THEME_COLOURS[theme], label=f"{THEME_LABELS[theme].lower()} facts")
    _bar_labels(ax, bars, [f"{n} of {t}" for n, t in zip(counts.in_theme, counts.total)])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Facts in the dataset")
    ax.tick_params(axis="y", labelsize=8)
    ax.legend(loc="lower right", fontsize=8)
    _title(fig, f"{THEME_LABELS[theme]}: share of each source's facts")
    return _chart(fig, name, directory, facts[facts.theme == theme])


# --- Consumption --------------------------------------------------------------------------------


def sales_realised_vs_expected(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = analysis.sales(facts).sort_values(["status", "programme_label"], kind="stable").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7.8, 1.3 + 0.5 * len(table)))
    labels = [f"{textwrap.shorten(r.description, 44, placeholder='…')}\n{r.programme_label}" for r in table.itertuples()]
    bars = ax.barh(range(len(table)), table.value.map(_millions), color=[style.STATUS_COLOURS[s] for s in table.status],
                   hatch=["//" if s != "achieved" else "" for s in table.status], edgecolor="white")
    ax.set_yticks(range(len(table)), labels)
    _bar_labels(ax, bars, [f"{tables.value_text(r)} ({r['status']}, {_when(r)})" for _, r in table.iterrows()])
    _finish_barh(ax, table.value.max() / 1e6 if len(table) else 1, room=3.2)
    ax.tick_params(axis="y", labelsize=7.5)
    ax.set_xlabel("Million yuan")
    _title(fig, "Sales: realised (blue) and merely expected (orange, hatched)")
    return _chart(fig, "consumption_sales", directory, table)


def status_by_pairing(facts: pd.DataFrame, themes: list[str], name: str, directory: Path = FIGURES_DIR) -> Chart:
    subset = facts[facts.theme.isin(themes)]
    table = analysis.status_by_pairing(subset)
    fig, ax = plt.subplots(figsize=(7.8, 1.3 + 0.4 * len(table)))
    left = np.zeros(len(table))
    for status in table.columns:
        ax.barh(table.index, table[status], left=left, color=style.STATUS_COLOURS[status], label=status,
                hatch="" if status == "achieved" else "//", edgecolor="white")
        for i, (x, n) in enumerate(zip(left, table[status])):
            if n:
                ax.text(x + n / 2, i, str(n), ha="center", va="center", fontsize=8, color="white")
        left += table[status].values
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Facts")
    ax.legend(loc="lower right", fontsize=8, ncol=len(table.columns))
    _title(fig, f"Achieved against planned or expected: {', '.join(THEME_LABELS[t].lower() for t in themes)} facts")
    return _chart(fig, name, directory, subset)


# --- Synthesis ----------------------------------------------------------------------------------


def caveats_by_source(facts: pd.DataFrame, sources: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = analysis.caveats_by_source(facts, sources).set_index("source_id")
    labels_of = facts.drop_duplicates("source_id").set_index("source_id")["source_label"]
    columns = list(analysis.CAVEAT_FLAGS) + ["not_achieved", "qualified"]
    labels = {**analysis.CAVEAT_FLAGS, "not_achieved": analysis.NOT_ACHIEVED, "qualified": "qualified (over, nearly, about, under, range)"}
    fig, ax = plt.subplots(figsize=(7.8, 3.8))
    width = 0.8 / len(columns)
    x = np.arange(len(table))
    for k, column in enumerate(columns):
        share = table[column] / table["facts"]
        ax.bar(x + (k - len(columns) / 2 + 0.5) * width, share * 100, width, label=labels[column], color=style.PALETTE[k])
    ax.set_xticks(x, [f"{textwrap.fill(labels_of[s].split(',')[0], 14)}\n({n} facts)" for s, n in zip(table.index, table.facts)], fontsize=7.5)
    ax.set_ylabel("Share of the source's facts, %")
    ax.grid(axis="x", visible=False)
    ax.legend(fontsize=7.5, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.34))
    ax.set_ylim(0, 100)
    _title(fig, "Caveats attached to each source's facts")
    return _chart(fig, "synthesis_caveats", directory, facts)


def theme_mix(facts: pd.DataFrame, sources: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = facts.pivot_table(index="source_id", columns="theme", values="fact_id", aggfunc="count", fill_value=0)
    table = table.reindex(columns=list(THEME_LABELS), fill_value=0)
    shares = table.div(table.sum(axis=1), axis=0) * 100
    labels_of = facts.drop_duplicates("source_id").set_index("source_id")["source_label"]
    genre = sources.set_index("source_id")["genre"]
    fig, ax = plt.subplots(figsize=(7.8, 1.8 + 0.4 * len(shares)))
    left = np.zeros(len(shares))
    labels = [f"{labels_of[s].split(',')[0]} · {genre[s].replace('_', ' ')}" for s in shares.index]
    for theme in shares.columns:
        ax.barh(labels, shares[theme], left=left, color=style.THEME_COLOURS[theme], label=THEME_LABELS[theme])
        for i, (x, v, n) in enumerate(zip(left, shares[theme], table[theme])):
            if v >= 7:
                ax.text(x + v / 2, i, str(n), ha="center", va="center", fontsize=7.5,
                        color="black" if theme in ("context", "social", "talent") else "white")
        left += shares[theme].values
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlabel("Share of the source's facts, % (numbers in bars: facts)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.45, -0.22), ncol=4, fontsize=7.5)
    _title(fig, "What each source counts: facts by theme")
    return _chart(fig, "synthesis_theme_mix", directory, facts)


def draw_all(directory: Path = FIGURES_DIR) -> list[Chart]:
    """Every chart the book shows, as the chapters draw them (used by tests and the benchmark)."""
    from . import load

    style.apply()
    facts, sources, pairings, places = load.facts(), load.sources(), load.pairings(), load.places()
    return [
        pairing_network(facts, pairings, places, directory), source_timeline(sources, pairings, directory),
        evidence_map(facts, directory), aid_funds(facts, directory), aid_over_report_dates(facts, directory),
        aid_split(facts, directory), investment_vs_aid(facts, directory), talent_flows(facts, directory),
        training_classes(facts, directory), theme_share(facts, "labour", "labour_share", directory),
        job_fair_funnel(facts, load.indicators(), directory), sales_realised_vs_expected(facts, directory),
        status_by_pairing(facts, ["consumption", "industry"], "consumption_status", directory),
        theme_mix(facts, sources, directory), caveats_by_source(facts, sources, directory),
    ]
