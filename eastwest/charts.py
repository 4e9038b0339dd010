"""Every chart in the book. Each function draws one comparison in the house style, saves it to
figures/ and returns a Chart naming the facts it rests on (listed, collapsed, under the figure).

Labels are English with pinyin place names; no Chinese characters are drawn, so the figures need
no CJK font (tests/test_figures.py fails on any missing glyph).
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import analysis, style, tables
from .cite import bib_key
from .load import THEME_LABELS
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


@dataclass
class Chart:
    name: str
    path: Path
    facts: pd.DataFrame  # the rows of data/facts.csv the chart draws

    @property
    def sources(self) -> list[str]:
        return sorted(self.facts["source_id"].unique()) if len(self.facts) else []


def outlet_en(outlet: str) -> str:
    """The English part of an outlet name: '荔枝网 (Litchi News, JSBC)' -> 'Litchi News'."""
    match = re.search(r"\(([^;,)]+)", outlet)
    return (match.group(1) if match else outlet).strip()


def _src(source_id: str) -> str:
    return bib_key(source_id)


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
    fig, ax = plt.subplots(figsize=(7.8, 5.4))
    for row in pairings.itertuples():
        n = int(counts.get(row.pairing_id, 0))
        ax.plot([0, 1], [east_y[row.east], west_y[row.west]], color=RELATIONSHIP_COLOURS[row.relationship],
                lw=0.8 + n / 12, ls="-" if n else ":", solid_capstyle="round", zorder=1)
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
    ax.text(0, -0.75, "Helping side (east)", ha="right", fontweight="bold", fontsize=9.5)
    ax.text(1, -0.75, "Receiving side (west)", ha="left", fontweight="bold", fontsize=9.5)
    ax.axis("off")
    _title(fig, f"The {len(pairings)} pairings named in the sources")
    return Chart("overview_pairing_network", style.save(fig, "overview_pairing_network", directory), facts[facts.programme != ""])


def source_timeline(sources: pd.DataFrame, pairings: pd.DataFrame,
                    directory: Path = FIGURES_DIR) -> Chart:
    """When each source was written, against when the pairings it covers began."""
    dated = analysis.source_year(sources).sort_values("year_float").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7.8, 3.6))
    for i, row in dated.iterrows():
        low, high = [analysis._year_float(p) for p in (row.date_used.split("/") + [row.date_used])[:2]]
        if row.estimated:
            ax.plot([low, max(high, low + 0.08)], [i, i], color="#E69F00", lw=5, alpha=0.6, solid_capstyle="round")
        ax.scatter([low], [i], s=55, marker="o", facecolor="white" if row.estimated else "#0072B2",
                   edgecolor="#E69F00" if row.estimated else "#0072B2", lw=1.6, zorder=3)
        for pid in row.pairings.split(";"):
            start = pairings.set_index("pairing_id").loc[pid, "start_date"]
            if start:
                ax.scatter([analysis._year_float(start)], [i], marker="D", s=38, color="#009E73", zorder=3)
                ax.plot([analysis._year_float(start), low], [i, i], color="#009E73", lw=1, ls="--")
        ax.annotate(f"{_src(row.source_id)} · {outlet_en(row.outlet)}", (low, i), xytext=(8, 7),
                    textcoords="offset points", fontsize=8)
    ax.set_yticks(range(len(dated)), [""] * len(dated))
    ax.set_xlim(2016.3, 2021.9)
    ax.set_ylim(len(dated) - 0.4, -0.8)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Year")
    ax.scatter([], [], marker="o", color="#0072B2", label="published (date given)")
    ax.scatter([], [], marker="o", facecolor="white", edgecolor="#E69F00", label="written (estimated; range shaded)")
    ax.scatter([], [], marker="D", color="#009E73", label="pairing start dated in the source")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=8)
    _title(fig, "When each source was written, and when the pairings it dates began")
    return Chart("overview_timeline", style.save(fig, "overview_timeline", directory), pd.DataFrame(columns=["source_id"]))


def evidence_map(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """Facts per pairing and theme: where the evidence is thick and where it is thin."""
    table = analysis.evidence_matrix(facts)
    fig, ax = plt.subplots(figsize=(7.8, 4.2))
    ax.imshow(table.values, cmap="Blues", aspect="auto", vmin=0, vmax=max(30, table.values.max()))
    for (i, j), n in np.ndenumerate(table.values):
        ax.text(j, i, str(n) if n else "·", ha="center", va="center", fontsize=8.5,
                color="white" if n > 18 else ("#999" if n == 0 else "#111"))
    ax.set_xticks(range(table.shape[1]), [textwrap.fill(THEME_LABELS[t], 12) for t in table.columns], fontsize=8)
    ax.set_yticks(range(table.shape[0]), [f"{p}  ({table.loc[p].sum()})" for p in table.index], fontsize=8.5)
    ax.grid(False)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    _title(fig, "Number of facts by pairing and theme")
    return Chart("overview_evidence_map", style.save(fig, "overview_evidence_map", directory), facts)


# --- Industry -----------------------------------------------------------------------------------


def aid_funds(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = analysis.aid_funds(facts)
    fig, ax = plt.subplots(figsize=(7.8, 3.9))
    labels = [f"{r.pairing}\n{_period_label(r.period, r.scope)} · {_src(r.source_id)}" for r in table.itertuples()]
    colours = [style.STATUS_COLOURS[s] for s in table.status]
    bars = ax.barh(labels, table.funds_yuan.map(_millions), color=colours,
                   hatch=["//" if s != "achieved" else "" for s in table.status], edgecolor="white")
    texts = []
    for r in table.itertuples():
        text = ("about " if r.qualifier == "about" else "") + style.human(r.funds_yuan, "yuan")
        if r.projects == r.projects:
            text += f" · {int(r.projects)} projects · {style.human(r.funds_per_project, 'yuan')}/project"
        texts.append(text + ("  (PLANNED)" if r.status != "achieved" else ""))
    _bar_labels(ax, bars, texts)
    _finish_barh(ax, table.funds_yuan.max() / 1e6, room=1.9)
    ax.set_xlabel("Fiscal aid funds for projects, million yuan")
    ax.tick_params(axis="y", labelsize=8.5)
    _title(fig, "Aid funds and projects by pairing, as each source reports them")
    ids = [i for pair in analysis.AID_FUNDS for i in pair if i]
    return Chart("industry_aid_funds", style.save(fig, "industry_aid_funds", directory), analysis.pick(facts, ids))


def _period_label(period: str, scope: str) -> str:
    start, _, end = period.partition("/")
    if scope == "cumulative":
        return f"cumulative {start or 'start ?'} to {end}" if start else f"cumulative to {end}"
    if scope == "period_total":
        return f"total {start}–{end}"
    if scope == "annual":
        return f"year {period}"
    if not start:
        return f"to {end}"
    return period


def zjg_yanhe_two_dates(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = analysis.zjg_yanhe_two_dates(facts)
    fig, axes = plt.subplots(1, 3, figsize=(7.8, 3.2))
    labels = [f"to {r.report}\n({_src(r.source_id)})" for r in table.itertuples()]
    panels = [("funds_yuan", "Aid funds, million yuan", _millions, lambda v: style.human(v, "yuan")),
              ("projects", "Projects", lambda v: v, lambda v: style.human(v)),
              ("funds_per_project", "Funds per project,\nmillion yuan", _millions, lambda v: style.human(v, "yuan"))]
    for ax, (column, title, scale, fmt) in zip(axes, panels):
        bars = ax.bar(labels, table[column].map(scale), color=["#56B4E9", "#0072B2"], width=0.6)
        for bar, value in zip(bars, table[column]):
            ax.annotate(fmt(value), (bar.get_x() + bar.get_width() / 2, bar.get_height()), xytext=(0, 3),
                        textcoords="offset points", ha="center", fontsize=8.5)
        ax.set_title(title, fontsize=9.5, loc="center")
        ax.set_ylim(0, table[column].map(scale).max() * 1.22)
        ax.grid(axis="x", visible=False)
        ax.tick_params(axis="x", labelsize=8.5)
    _title(fig, "Zhangjiagang → Yanhe, cumulative since March 2017, at two report dates")
    ids = [i for pair in analysis.ZJG_YANHE_TWO_DATES for i in pair]
    return Chart("industry_zjg_yanhe_two_dates", style.save(fig, "industry_zjg_yanhe_two_dates", directory), analysis.pick(facts, ids))


def qbj_2017_split(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = analysis.qbj_2017_split(facts).sort_values("funds_yuan", ascending=False)
    total = table.funds_yuan.sum()
    fig, ax = plt.subplots(figsize=(7.8, 3.3))
    bars = ax.barh(table.category, table.funds_yuan.map(_millions), color="#0072B2")
    _bar_labels(ax, bars, [f"{style.human(v, 'yuan')} ({v / total:.0%}) · {int(p)} project{'s' if p != 1 else ''}"
                           for v, p in zip(table.funds_yuan, table.projects)])
    _finish_barh(ax, table.funds_yuan.max() / 1e6, room=1.6)
    ax.set_xlabel("Funds in 2017, million yuan (shares of the listed components)")
    _title(fig, "Qingbaijiang → Jiulong: how the 2017 funds were split")
    ids = [i for _, f, p in analysis.QBJ_2017_SPLIT for i in (f, p)] + [analysis.QBJ_2017_TOTAL_PROJECTS]
    return Chart("industry_qbj_2017_split", style.save(fig, "industry_qbj_2017_split", directory), analysis.pick(facts, ids))


def investment_vs_aid(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    picked = analysis.pick_labelled(facts, analysis.INVESTMENT_VS_AID, "what")
    fig, ax = plt.subplots(figsize=(7.8, 3.4))
    labels = [f"{r.pairing}: {r.what}\n{_period_label(r.period, r.scope)} · {_src(r.source_id)}" for r in picked.itertuples()]
    colours = ["#0072B2" if "aid funds" in w or "fiscal aid" in w else "#E69F00" for w in picked.what]
    bars = ax.barh(labels, picked.value.map(_millions), color=colours)
    _bar_labels(ax, bars, [("about " if q == "about" else "") + style.human(v, "yuan") for v, q in zip(picked.value, picked.qualifier)])
    _finish_barh(ax, picked.value.max() / 1e6, room=1.3)
    ax.set_xscale("symlog", linthresh=100)
    ax.set_xlim(0, picked.value.max() / 1e6 * 12)
    ax.set_xlabel("Million yuan (log scale)")
    ax.tick_params(axis="y", labelsize=8)
    _title(fig, "Aid funds (blue) against investment and credit (orange)")
    return Chart("industry_investment_vs_aid", style.save(fig, "industry_investment_vs_aid", directory), picked)


# --- Talent -------------------------------------------------------------------------------------


def talent_flows(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """People moving each way, diverging from a centre line: east → west to the right."""
    table = analysis.talent_flows(facts)
    table["row"] = [f"{w} · {r.programme_label.split(' → ')[1]} · {_src(r.source_id)} · {_period_label(r.period, r.scope)}"
                    for w, r in zip(table.what, table.itertuples())]
    fig, ax = plt.subplots(figsize=(7.8, 6.2))
    sign = table.direction.map({"east → west": 1, "west → east": -1, "both ways": 1})
    colours = table.direction.map({"east → west": "#0072B2", "west → east": "#E69F00", "both ways": "#999999"})
    y = np.arange(len(table))
    bars = ax.barh(y, table.value * sign, color=colours)
    for bar, row_y, r, s in zip(bars, y, table.itertuples(), sign):
        text = ("over " if r.qualifier == "over" else "") + style.human(r.value) + (" p-t" if r.unit == "person_time" else "")
        ax.annotate(text, (bar.get_width(), row_y), xytext=(3 * s, 0), textcoords="offset points",
                    ha="left" if s > 0 else "right", va="center", fontsize=8)
    ax.set_yticks(y, table.row, fontsize=7.5)
    ax.invert_yaxis()
    limit = table.value.max() * 1.4
    ax.set_xlim(-limit, limit)
    ax.axvline(0, color="#333", lw=0.8)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{abs(v):,.0f}"))
    ax.set_xlabel("← west to east   |   east to west →\npeople (p-t = person-times)")
    ax.grid(axis="y", visible=False)
    _title(fig, "Cadres, teachers and professionals moving in each direction")
    return Chart("talent_flows", style.save(fig, "talent_flows", directory), table)


def training_classes(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = analysis.training(facts)
    fig, ax = plt.subplots(figsize=(7.8, 3.6))
    labels = [f"{r.label}\n{r.pairing} · {_period_label(r.period, r.scope)}" for r in table.itertuples()]
    bars = ax.barh(labels, table.people, color=["#0072B2" if s == "cumulative" else "#56B4E9" for s in table.scope])
    _bar_labels(ax, bars, [f"{'over ' if q == 'over' else ''}{int(p)} {'person-times' if u == 'person_time' else 'people'} in {int(c)} classes · ~{pc:.0f} per class"
                           for p, u, c, pc, q in zip(table.people, table.people_unit, table.classes, table.per_class, table.qualifier)])
    _finish_barh(ax, table.people.max(), room=2.3)
    ax.tick_params(axis="y", labelsize=7.5)
    ax.set_xlabel("People or person-times trained (dark: cumulative; light: one year)")
    _title(fig, "Training: how many classes, how many trainees")
    ids = [i for c, p, _ in analysis.TRAINING for i in (c, p)]
    return Chart("talent_training", style.save(fig, "talent_training", directory), analysis.pick(facts, ids))


# --- Labour -------------------------------------------------------------------------------------


def job_fair_funnel(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = analysis.job_fair_funnel(facts)
    fig, ax = plt.subplots(figsize=(7.8, 3.2))
    bars = ax.barh(table.stage, table.value, color=["#009E73"] * (len(table) - 1) + ["#D55E00"])
    texts = []
    for i, r in enumerate(table.itertuples()):
        share = "" if i < 2 else f"  ({r.value / table.value.iloc[i - 1]:.0%} of the stage above)"
        texts.append(f"{style.human(r.value)} {'positions' if r.unit == 'position' else 'people'}{share}")
    _bar_labels(ax, bars, texts)
    _finish_barh(ax, table.value.max(), room=1.7)
    ax.set_xlabel("Positions or people")
    _title(fig, "Qingbaijiang's 2017 job fair for Jiulong, from positions to hires")
    return Chart("labour_job_fair_funnel", style.save(fig, "labour_job_fair_funnel", directory), table)


def theme_share(facts: pd.DataFrame, theme: str, name: str, directory: Path = FIGURES_DIR) -> Chart:
    """How many of each source's facts fall in one theme: the thinness of the evidence."""
    counts = analysis.theme_share_by_source(facts, theme)
    fig, ax = plt.subplots(figsize=(7.8, 2.9))
    labels = [_src(s) for s in counts.index]
    ax.barh(labels, counts.total, color="#dddddd", label="all facts in the source")
    bars = ax.barh(labels, counts.in_theme, color=style.THEME_COLOURS[theme], label=f"{THEME_LABELS[theme].lower()} facts")
    _bar_labels(ax, bars, [f"{n} of {t}" for n, t in zip(counts.in_theme, counts.total)])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Facts in the dataset")
    ax.legend(loc="lower right", fontsize=8)
    _title(fig, f"{THEME_LABELS[theme]}: share of each source's facts")
    return Chart(name, style.save(fig, name, directory), facts[facts.theme == theme])


# --- Consumption --------------------------------------------------------------------------------


def sales_realised_vs_expected(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = analysis.sales(facts)
    fig, ax = plt.subplots(figsize=(7.8, 2.9))
    bars = ax.barh([f"{w}\n({_src(s)})" for w, s in zip(table.what, table.source_id)], table.value.map(_millions),
                   color=[style.STATUS_COLOURS[s] for s in table.status],
                   hatch=["//" if s != "achieved" else "" for s in table.status], edgecolor="white")
    _bar_labels(ax, bars, [f"{tables.value_text(r)} ({r['status']})" for _, r in table.iterrows()])
    _finish_barh(ax, table.value.max() / 1e6, room=1.65)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlabel("Million yuan")
    _title(fig, "Sales: realised (blue) and merely expected (orange, hatched)")
    return Chart("consumption_sales", style.save(fig, "consumption_sales", directory), table)


def status_by_pairing(facts: pd.DataFrame, themes: list[str], name: str, directory: Path = FIGURES_DIR) -> Chart:
    subset = facts[facts.theme.isin(themes)]
    table = analysis.status_by_pairing(subset)
    fig, ax = plt.subplots(figsize=(7.8, 2.9))
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
    return Chart(name, style.save(fig, name, directory), subset)


# --- Synthesis ----------------------------------------------------------------------------------


def caveats_by_source(facts: pd.DataFrame, sources: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = analysis.caveats_by_source(facts, sources).set_index("source_id")
    columns = list(analysis.CAVEAT_FLAGS) + ["qualified"]
    labels = {**analysis.CAVEAT_FLAGS, "qualified": "qualified (over, about, under, range)"}
    fig, ax = plt.subplots(figsize=(7.8, 3.6))
    width = 0.8 / len(columns)
    x = np.arange(len(table))
    for k, column in enumerate(columns):
        share = table[column] / table["facts"]
        ax.bar(x + (k - len(columns) / 2 + 0.5) * width, share * 100, width, label=labels[column], color=style.PALETTE[k])
    ax.set_xticks(x, [f"{_src(s)}\n{g.replace('_', ' ')}\n({n} facts)" for s, g, n in zip(table.index, table.genre, table.facts)], fontsize=8)
    ax.set_ylabel("Share of the source's facts, %")
    ax.grid(axis="x", visible=False)
    ax.legend(fontsize=7.5, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.32))
    ax.set_ylim(0, 100)
    _title(fig, "Caveats attached to each source's facts")
    return Chart("synthesis_caveats", style.save(fig, "synthesis_caveats", directory), facts)


def theme_mix(facts: pd.DataFrame, sources: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = facts.pivot_table(index="source_id", columns="theme", values="fact_id", aggfunc="count", fill_value=0)
    table = table.reindex(columns=list(THEME_LABELS), fill_value=0)
    shares = table.div(table.sum(axis=1), axis=0) * 100
    genre = sources.set_index("source_id")["genre"]
    fig, ax = plt.subplots(figsize=(7.8, 3.4))
    left = np.zeros(len(shares))
    labels = [f"{_src(s)} · {genre[s].replace('_', ' ')}" for s in shares.index]
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
    ax.set_xlabel("Share of the source's facts, % (numbers in bars: facts)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.45, -0.22), ncol=4, fontsize=7.5)
    _title(fig, "What each source counts: facts by theme")
    return Chart("synthesis_theme_mix", style.save(fig, "synthesis_theme_mix", directory), facts)


def draw_all(directory: Path = FIGURES_DIR) -> list[Chart]:
    """Every chart the book shows, as the chapters draw them (used by tests and the benchmark)."""
    from . import load

    style.apply()
    facts, sources, pairings, places = load.facts(), load.sources(), load.pairings(), load.places()
    return [
        pairing_network(facts, pairings, places, directory), source_timeline(sources, pairings, directory),
        evidence_map(facts, directory), aid_funds(facts, directory), zjg_yanhe_two_dates(facts, directory),
        qbj_2017_split(facts, directory), investment_vs_aid(facts, directory), talent_flows(facts, directory),
        training_classes(facts, directory), theme_share(facts, "labour", "labour_share", directory),
        job_fair_funnel(facts, directory), sales_realised_vs_expected(facts, directory),
        status_by_pairing(facts, ["consumption", "industry"], "consumption_status", directory),
        theme_mix(facts, sources, directory), caveats_by_source(facts, sources, directory),
    ]
