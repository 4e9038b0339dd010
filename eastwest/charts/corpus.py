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
from eastwest.charts import style
from eastwest.charts.base import MAX_BARS, RELATIONSHIP_COLOURS, Chart, records, save_chart, sentences, status_style
from eastwest.charts.contrast import contrast
from eastwest.core.paths import FIGURES_DIR
from eastwest.reader.wording import RELATIONSHIP_SHORT, THEME_LABELS, THEME_SHORT, without_autonomous_suffix

NETWORK_GAP = 1.3  # inches kept between the two columns of the pairing network, for the lines and their counts


def _place_name(place: pd.Series) -> str:
    return without_autonomous_suffix(place["name_en"])


def _network_figure(
    layout: style.Layout, pairings: pd.DataFrame, names: pd.DataFrame, counts: pd.Series, note: str
) -> plt.Figure:
    canvas = style.Canvas(layout)
    canvas.header(
        "Which pairings does the dataset hold facts on?",
        sentences(
            "Helping places (left) joined to the places they help (right); the line's width and "
            "its number give the facts the dataset holds on the pairing, dotted lines none.",
            note,
        ),
    )
    west_order = list(dict.fromkeys(pairings["west"]))
    # A long place name wraps rather than pushing the two columns (and their headings) into each
    # other: each column takes at most half of what is left once the lines' gap is kept free.
    widest_column = (canvas.width - 0.2 - NETWORK_GAP) / 2
    label = {
        pid: "\n".join([*canvas.wrap(_place_name(names.loc[pid]), widest_column), names.loc[pid, "province"]])
        for pid in dict.fromkeys([*pairings.east, *pairings.west])
    }
    column = max(canvas.measure(line) for text in label.values() for line in text.split("\n"))
    x_east, x_west = canvas.left + column + 0.1, canvas.right - column - 0.1
    lines = max(text.count("\n") + 1 for text in label.values())
    row = lines * canvas.line_height(style.TEXT_PT) + 0.22
    canvas.text(x_east, canvas.y, "Helping side", ha="right", fontweight="bold")
    canvas.text(x_west, canvas.y, "Receiving side", ha="left", fontweight="bold")
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
    note = style.capped(len(table), total, "rows", "with the most facts")
    rows = [f"{p} ({table.loc[p].sum()})" for p in table.index]
    values = table.values
    texts = np.where(values > 0, values.astype(str), "·")
    drawn = facts[comparisons.row_labels(facts).isin(table.index)]
    return save_chart(
        lambda layout: _heat_figure(
            layout,
            "How many facts does the dataset hold on each pairing and theme?",
            sentences("Facts by pairing (total in brackets) and theme.", note),
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


def theme_share(facts: pd.DataFrame, theme: str, name: str, directory: Path = FIGURES_DIR) -> Chart:
    """How many of each source's facts fall in one theme: the thinness of the evidence. The
    MAX_BARS sources with most facts in the theme at most."""
    counts = comparisons.theme_share_by_source(facts, theme)
    total = len(counts)
    counts = counts.sort_values(["in_theme", "total"], ascending=False, kind="stable").head(MAX_BARS)
    labels_of = facts.drop_duplicates("source_id").set_index("source_id")["source_label"]
    bars = [
        style.Bar(labels_of[str(s)], r.in_theme, f"{r.in_theme} of {r.total} facts", style.THEME_COLOURS[theme], behind=r.total)
        for s, r in counts.iterrows()
    ]
    subtitle = sentences(
        f"{THEME_LABELS[theme]} facts (coloured) among all the facts of each source (grey).",
        style.capped(len(counts), total, "sources", f"with most {THEME_LABELS[theme].lower()} facts"),
    )
    title = f"How many of each source's facts are about {THEME_LABELS[theme].lower()}?"
    drawn = facts[(facts.theme == theme) & facts.source_id.isin(counts.index)]
    return save_chart(lambda layout: style.bar_chart(layout, title, subtitle, [style.Panel(bars)]), name, directory, drawn)


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
        parts = [(n, str(status)) for status, n in row.items() if n]
        bars.append(
            style.Bar(
                f"{pairing}: " + ", ".join(f"{n} {STATUS_COUNTED.get(s, s)}" for n, s in parts),
                int(row.sum()),
                f"{int(row.sum())} facts",
                segments=[(n, *status_style(s)) for n, s in parts],
            )
        )
    themes_text = " and ".join(THEME_SHORT[t].lower() for t in themes)
    subtitle = sentences(
        "Solid: achieved; hatched: planned, forecast, or a rule or quota (what is meant to happen "
        "each year, such as a profit-sharing rule: not a target).",
        style.capped(len(table), total, "pairings", "with the most facts"),
    )
    drawn = subset[comparisons.row_labels(subset).isin(table.index)]
    return save_chart(
        lambda layout: style.bar_chart(
            layout, f"How many {themes_text} facts are results, and how many plans?", subtitle, [style.Panel(bars)]
        ),
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
    subtitle = sentences(
        "Share of each source's facts: period inferred from the article's date; year or number "
        "lost in the surviving copy; a self-declared 'first'; not achieved (planned, forecast, "
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
    subtitle = sentences(
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


def _white_reads_on(colour) -> bool:
    """White text only where it keeps 4.5:1 on the cell (WCAG), else the house text colour."""
    return contrast("#ffffff", colour) >= 4.5
