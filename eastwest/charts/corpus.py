"""The method page's charts of what the sources count, not of what the programme did: facts per
pairing (pairing_network), per pairing and theme (evidence_map), per source and theme (theme_mix,
theme_share), by status (status_by_pairing) and the caveats each source's facts carry
(caveats_by_source).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from eastwest.analysis import comparisons
from eastwest.charts import style, words_zh
from eastwest.charts.base import MAX_BARS, RELATIONSHIP_COLOURS, Chart, records, save_chart, sentences, status_style
from eastwest.charts.contrast import contrast
from eastwest.core.paths import FIGURES_DIR
from eastwest.reader import languages, source_names_zh
from eastwest.reader.languages import pick
from eastwest.reader.wording import RELATIONSHIP_SHORT, THEME_LABELS, THEME_SHORT, without_autonomous_suffix
from eastwest.reader.wording_zh import RELATIONSHIP_SHORT_ZH, THEME_LABELS_ZH, THEME_SHORT_ZH

NETWORK_GAP = 1.3  # inches kept between the two columns of the pairing network, for the lines and their counts


def _place_name(place: pd.Series) -> str:
    return pick(without_autonomous_suffix(place["name_en"]), words_zh.short_zh(str(place["name_zh"])))


def _province(names: pd.DataFrame, place_id: str) -> str:
    """The province a place lies in: its English name, or the Chinese of the province's row."""
    english = str(names.loc[place_id, "province"])
    if languages.current() != languages.CHINESE:
        return english
    row = names[(names["level"] == "province") & (names["name_en"] == english)]
    return words_zh.short_zh(str(row["name_zh"].iloc[0])) if len(row) else english


def _theme_short(theme: str) -> str:
    return pick(THEME_SHORT[theme], THEME_SHORT_ZH[theme])


def _labels_of(facts: pd.DataFrame) -> pd.Series:
    """Each source's label by source id, in the current language."""
    first = facts.drop_duplicates("source_id").set_index("source_id")
    if languages.current() == languages.CHINESE:
        return pd.Series(
            {sid: words_zh.source_of({"source_id": sid, "source_label": r}) for sid, r in first["source_label"].items()}
        )
    return first["source_label"]


def _network_figure(
    layout: style.Layout, pairings: pd.DataFrame, names: pd.DataFrame, counts: pd.Series, total: int
) -> plt.Figure:
    canvas = style.Canvas(layout)
    note = style.capped(len(pairings), total, "pairings", "with the most facts", "事实最多")
    canvas.header(
        pick("Which pairings does the dataset hold facts on?", "数据集收录了哪些结对的事实？"),
        sentences(
            pick(
                "Helping places (left) joined to the places they help (right); the line's width and "
                "its number give the facts the dataset holds on the pairing, dotted lines none.",
                "左为帮扶方，右为受援方；连线的粗细和数字表示数据集收录的该结对事实条数，虚线表示没有。",
            ),
            note,
        ),
    )
    west_order = list(dict.fromkeys(pairings["west"]))
    # A long place name wraps rather than pushing the two columns (and their headings) into each
    # other: each column takes at most half of what is left once the lines' gap is kept free.
    widest_column = (canvas.width - 0.2 - NETWORK_GAP) / 2
    label = {
        pid: "\n".join([*canvas.wrap(_place_name(names.loc[pid]), widest_column), _province(names, pid)])
        for pid in dict.fromkeys([*pairings.east, *pairings.west])
    }
    column = max(canvas.measure(line) for text in label.values() for line in text.split("\n"))
    x_east, x_west = canvas.left + column + 0.1, canvas.right - column - 0.1
    lines = max(text.count("\n") + 1 for text in label.values())
    row = lines * canvas.line_height(style.TEXT_PT) + 0.22
    canvas.text(x_east, canvas.y, pick("Helping side", "帮扶方"), ha="right", fontweight="bold")
    canvas.text(x_west, canvas.y, pick("Receiving side", "受援方"), ha="left", fontweight="bold")
    top = canvas.y + canvas.line_height(style.TEXT_PT) + 0.15 + row / 2
    west_y = {w: top + i * row for i, w in enumerate(west_order)}
    east_y = {
        e: float(np.mean([west_y[w] for w in pairings.loc[pairings.east == e, "west"]])) for e in dict.fromkeys(pairings["east"])
    }
    widest = max(1, int(counts.max()) if len(counts) else 1)
    for r in records(pairings):
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
        canvas.block(pick(RELATIONSHIP_SHORT[rel], RELATIONSHIP_SHORT_ZH[rel]), x=canvas.left + 0.45, after=0.04)
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
    drawn = comparisons.paired_facts(facts)
    drawn = drawn[drawn.programme.isin(pairings.pairing_id)]
    names = places.set_index("id")
    return save_chart(
        lambda layout: _network_figure(layout, pairings, names, counts, total), "overview_pairing_network", directory, drawn
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
    chinese = languages.current() == languages.CHINESE  # Chinese wraps between characters
    upright = any(canvas.measure(w) > cell - 0.06 for c in columns for w in (list(c) if chinese else c.split(" ")))
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
                color="white" if _white_reads_on(colour) else style.TEXT_COLOUR,
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
    values = table.values
    texts = np.where(values > 0, values.astype(str), "·")
    drawn = facts[comparisons.row_labels(facts).isin(table.index)]
    return save_chart(
        lambda layout: _heat_figure(
            layout,
            pick("How many facts does the dataset hold on each pairing and theme?", "数据集按结对和主题各收录了多少事实？"),
            sentences(
                pick("Facts by pairing (total in brackets) and theme.", "按结对（括号内为合计）和主题统计的事实条数。"),
                style.capped(len(table), total, "rows", "with the most facts", "事实最多"),
            ),
            [pick(f"{p} ({table.loc[p].sum()})", f"{words_zh.programme_zh(p)}（{table.loc[p].sum()}）") for p in table.index],
            [_theme_short(t) for t in table.columns],
            values,
            texts,
            max(30, values.max(initial=0)),
        ),
        "overview_evidence_map",
        directory,
        drawn,
    )


def theme_share(facts: pd.DataFrame, theme: str, name: str, directory: Path = FIGURES_DIR) -> Chart:
    """How many of each source's facts fall in one theme: the thinness of the evidence. The
    MAX_BARS sources with most facts in the theme at most."""
    counts = comparisons.theme_share_by_source(facts, theme)
    total = len(counts)
    counts = counts.sort_values(["in_theme", "total"], ascending=False, kind="stable").head(MAX_BARS)

    def bars() -> list[style.Bar]:
        labels_of = _labels_of(facts)
        return [
            style.Bar(
                labels_of[str(s)],
                r.in_theme,
                pick(f"{r.in_theme} of {r.total} facts", f"{r.total}条中的{r.in_theme}条"),
                style.THEME_COLOURS[theme],
                behind=r.total,
            )
            for s, r in counts.iterrows()
        ]

    def words() -> tuple[str, str]:
        label, label_zh = THEME_LABELS[theme], THEME_LABELS_ZH[theme]
        subtitle = sentences(
            pick(
                f"{label} facts (coloured) among all the facts of each source (grey).",
                f"各资料的全部事实（灰色）中{label_zh}的事实（彩色）。",
            ),
            style.capped(len(counts), total, "sources", f"with most {label.lower()} facts", f"{label_zh}事实最多"),
        )
        return pick(
            f"How many of each source's facts are about {label.lower()}?", f"各资料的事实中有多少关于{label_zh}？"
        ), subtitle

    drawn = facts[(facts.theme == theme) & facts.source_id.isin(counts.index)]
    return save_chart(lambda layout: style.bar_chart(layout, *words(), [style.Panel(bars())]), name, directory, drawn)


# How a count of facts of each status reads: a 'quota' fact says what is meant to happen each year,
# which in industry is often a rule (how a yearly profit is split), not a number of people or a target.
STATUS_COUNTED = {"quota": "rule or quota"}
STATUS_COUNTED_ZH = {"achieved": "已实现", "planned": "计划", "expected": "预计", "target": "目标", "quota": "规定比例或每年定额"}


def status_by_pairing(facts: pd.DataFrame, themes: list[str], name: str, directory: Path = FIGURES_DIR) -> Chart:
    """Facts by status per pairing, stacked; the MAX_BARS pairings with most facts at most."""
    subset = facts[facts.theme.isin(themes)]
    table = comparisons.status_by_pairing(subset)
    total = len(table)
    table = table.head(MAX_BARS)

    def bar(pairing: str, row: pd.Series) -> style.Bar:
        parts = [(n, str(status)) for status, n in row.items() if n]
        return style.Bar(
            pick(
                f"{pairing}: " + ", ".join(f"{n} {STATUS_COUNTED.get(s, s)}" for n, s in parts),
                f"{words_zh.programme_zh(pairing)}：" + "，".join(f"{STATUS_COUNTED_ZH.get(s, s)}{n}条" for n, s in parts),
            ),
            int(row.sum()),
            pick(f"{int(row.sum())} facts", f"{int(row.sum())}条"),
            segments=[(n, *status_style(s)) for n, s in parts],
        )

    def words() -> tuple[str, str]:
        themes_text = " and ".join(THEME_SHORT[t].lower() for t in themes)
        themes_zh = "和".join(THEME_SHORT_ZH[t] for t in themes)
        subtitle = sentences(
            pick(
                "Solid: achieved; hatched: planned, forecast, or a rule or quota (what is meant to happen "
                "each year, such as a profit-sharing rule: not a target).",
                "实心为已实现；斜线为计划、预计，或规定比例、每年定额（每年应当做到的，如收益分配比例，既不是目标，也不是结果）。",
            ),
            style.capped(len(table), total, "pairings", "with the most facts", "事实最多"),
        )
        title = pick(
            f"How many {themes_text} facts are results, and how many plans?", f"{themes_zh}方面的事实，多少是成果，多少是计划？"
        )
        return title, subtitle

    drawn = subset[comparisons.row_labels(subset).isin(table.index)]
    return save_chart(
        lambda layout: style.bar_chart(layout, *words(), [style.Panel([bar(str(p), r) for p, r in table.iterrows()])]),
        name,
        directory,
        drawn,
    )


CAVEAT_SHORT = {
    "period_inferred": "Period inferred",
    "year_missing_in_source": "Year lost",
    "number_missing_in_source": "Number lost",
    "claim_unverified": "'First' claim",
    "not_achieved": "Not achieved",
    "qualified": "Qualified",
}
CAVEAT_SHORT_ZH = {
    "period_inferred": "时间为推断",
    "year_missing_in_source": "原文缺年份",
    "number_missing_in_source": "原文缺数字",
    "claim_unverified": "自称“首个”",
    "not_achieved": "计划、预计或定额",
    "qualified": "约数",
}


def caveats_by_source(facts: pd.DataFrame, sources: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """Share of each source's facts with each caveat; the MAX_BARS sources with most facts at most."""
    table = comparisons.caveats_by_source(facts, sources)
    total = len(table)
    table = table.sort_values(["facts", "source_id"], ascending=[False, True], kind="stable").head(MAX_BARS)
    table = table.sort_values("source_id").set_index("source_id")
    columns = list(CAVEAT_SHORT)
    shares = table[columns].div(table["facts"], axis=0).values * 100
    texts = np.vectorize(lambda v: f"{v:.0f}%" if v else "·")(shares)

    def rows() -> list[str]:
        labels_of = _labels_of(facts)
        return [pick(f"{labels_of[s]} ({n} facts)", f"{labels_of[s]}（{n}条事实）") for s, n in zip(table.index, table.facts)]

    def subtitle() -> str:
        return sentences(
            pick(
                "Share of each source's facts: period inferred from the article's date; year or number "
                "lost in the surviving copy; a self-declared 'first'; not achieved (planned, forecast, "
                "target or quota); qualified (over, nearly, about, under, a range).",
                "各资料的事实中带有各类说明的比例：时间由文章日期推断；留存文本缺年份或缺数字；自称“首个”；"
                "未完成（计划、预计、目标或任务）；约数（余、近、约、不足、区间）。",
            ),
            style.capped(len(table), total, "sources", "with the most facts", "事实最多"),
        )

    drawn = facts[facts.source_id.isin(table.index)]
    return save_chart(
        lambda layout: _heat_figure(
            layout,
            pick("Which caveats do each source's figures carry?", "各资料的数字带有哪些需要注意的地方？"),
            subtitle(),
            rows(),
            [pick(CAVEAT_SHORT[c], CAVEAT_SHORT_ZH[c]) for c in columns],
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
    genre = sources.set_index("source_id")["genre"]
    shares = table.div(table.sum(axis=1), axis=0).values
    texts = np.where(table.values > 0, table.values.astype(str), "·")

    def rows() -> list[str]:
        labels_of = _labels_of(facts)
        return [
            pick(
                f"{labels_of[s]} · {genre[s].replace('_', ' ')}",
                f"{labels_of[s]} · {source_names_zh.GENRE_ZH.get(genre[s], genre[s])}",
            )
            for s in table.index
        ]

    def subtitle() -> str:
        return sentences(
            pick(
                "Number of facts by theme; the shade gives the share of the source's facts.",
                "按主题统计的事实条数；颜色深浅表示占该资料事实的比例。",
            ),
            style.capped(len(table), total, "sources", "with the most facts", "事实最多"),
        )

    drawn = facts[facts.source_id.isin(table.index)]
    return save_chart(
        lambda layout: _heat_figure(
            layout,
            pick("What does each source count?", "各资料统计了什么？"),
            subtitle(),
            rows(),
            [_theme_short(t) for t in table.columns],
            shares,
            texts,
            0.6,
        ),
        "synthesis_theme_mix",
        directory,
        drawn,
    )


def _white_reads_on(colour) -> bool:
    """White text only where it keeps 4.5:1 on the cell (WCAG), else the house text colour."""
    return contrast("#ffffff", colour) >= 4.5
