"""The overview's charts: who helps whom and where (pairing_map: a map of the pairings, with no
counts of the corpus)
and when each source was written against when the pairings it dates began (source_timeline).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Circle, Polygon, Rectangle

from eastwest.analysis import comparisons
from eastwest.charts import geography, maps, marks, style, words_zh
from eastwest.charts.base import MAX_BARS, Chart, records, save_chart, sentences, write_marks
from eastwest.core.paths import FIGURES_DIR
from eastwest.dataset.attribution import nested_pairings
from eastwest.reader import wording, wording_zh
from eastwest.reader.languages import pick
from eastwest.reader.links import source_href


def _map_figure(layout: style.Layout, pairings: pd.DataFrame, places: pd.DataFrame, nested: dict, total: int) -> plt.Figure:
    canvas = style.Canvas(layout)
    canvas.header(
        pick("Who helps whom, and where", "谁帮扶谁，在哪里"),
        pick(
            "Cities and counties on China's east coast, and a district of Chengdu in Sichuan, help places in the west and north.",
            "东部沿海的市县，以及四川成都的一个区，帮扶西部和北部的地方。",
        ),
    )
    note = style.capped(len(pairings), total, "pairings", "named by most sources", "资料提及最多")
    top = canvas.y
    positions = maps.draw_map(canvas, pairings, places, nested, in_words=False)
    _crowded_inset(canvas, pairings, places, positions, top)
    maps.pairings_in_words(canvas, pairings, places, nested, set(positions))
    canvas.block(sentences(note, maps.boundary_credit()), color=style.MUTED_COLOUR)
    return canvas.finish()


CROWDED_INCHES = 0.15  # dots nearer each other than this on the map are drawn again, larger, in an inset
INSET_MARGIN = 0.35  # degrees of land around the crowded places in the inset


def _crowded(positions: dict[str, geography.Place], per_degree: float) -> list[str]:
    """The largest group of places whose dots lie within CROWDED_INCHES of one another's (a chain
    of near neighbours) on a map of that scale; the first in the data's order if two are as large."""
    ids = list(positions)
    xy = {p: geography.project(positions[p].lon, positions[p].lat) for p in ids}
    group = {p: p for p in ids}

    def root(p: str) -> str:
        while group[p] != p:
            p = group[p]
        return p

    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            (xa, ya), (xb, yb) = xy[a], xy[b]
            if np.hypot(float(xa) - float(xb), float(ya) - float(yb)) * per_degree < CROWDED_INCHES:
                group[root(b)] = root(a)
    groups: dict[str, list[str]] = {}
    for p in ids:
        groups.setdefault(root(p), []).append(p)
    largest = max(groups.values(), key=len, default=[])
    return largest if len(largest) > 1 else []


def _crowded_inset(
    canvas: style.Canvas, pairings: pd.DataFrame, places: pd.DataFrame, positions: dict[str, geography.Place], top: float
) -> None:
    """Where dots crowd each other on the map (cities and their counties a few km apart), the area
    again at a larger scale under it, each place named on its own; a box on the map shows the area."""
    per_degree = maps.scale_at(canvas.width)
    crowded = _crowded(positions, per_degree)
    if len(crowded) < 2:
        return
    lons = [positions[p].lon for p in crowded]
    lats = [positions[p].lat for p in crowded]
    west, east = min(lons) - INSET_MARGIN, max(lons) + INSET_MARGIN
    south, north = min(lats) - INSET_MARGIN, max(lats) + INSET_MARGIN
    (x_west, x_east) = [float(x) for x in geography.project(np.array([west, east]), 0)[0]]
    side = canvas.width * 0.7  # the inset's longer side
    scale = side / max(x_east - x_west, north - south)
    width = (x_east - x_west) * scale
    height = (north - south) * scale
    x0, _ = geography.project(maps.EXTENT[0], 0)
    left = canvas.left + (canvas.width - width) / 2
    canvas.y += 0.05
    canvas.block(pick("Where the dots crowd, drawn larger:", "圆点密集处放大："), weight="bold", after=0.05)
    inset_top = canvas.y
    frame = maps.Frame(left - (x_west - float(x0)) * scale, inset_top - (maps.EXTENT[3] - north) * scale, scale)
    box = Rectangle((left, inset_top), width, height, facecolor="none", edgecolor="#555555", lw=0.8, zorder=6)
    canvas.ax.add_patch(box)
    involved = {geography.province_of(places, p) for p in crowded}
    for name, rings in geography.province_outlines().items():
        colour = maps.LAND_INVOLVED if name in involved else maps.LAND
        for ring in rings:
            if ring[:, 0].max() < west or ring[:, 0].min() > east or ring[:, 1].max() < south or ring[:, 1].min() > north:
                continue
            xy = np.array([frame.at(lon, lat) for lon, lat in ring])
            patch = Polygon(xy, closed=True, facecolor=colour, edgecolor=maps.BORDER, lw=0.6, zorder=1)
            canvas.ax.add_patch(patch)
            patch.set_clip_path(box)
    helping = set(pairings.east)
    dots = {p: frame.at(positions[p].lon, positions[p].lat) for p in crowded}
    for place_id, (x, y) in dots.items():
        canvas.ax.add_patch(
            Circle(
                (x, y),
                maps.DOT_RADIUS,
                facecolor="#222222" if place_id in helping else "white",
                edgecolor="#222222",
                lw=1.2,
                zorder=4,
                gid=f"{marks.PLACE_MARK}:{place_id}",
            )
        )
    # each place by its own name, near ones in a column tied to their dots: never two labels on one another
    lowest = maps.own_name_labels(canvas, dots, {p: maps.place_name(places, p) for p in dots}, inset_top + height + 1.0)
    # where the inset lies on the map
    main = maps.Frame(canvas.left, top, per_degree)
    (mx0, my0), (mx1, my1) = main.at(west, north), main.at(east, south)
    canvas.ax.add_patch(Rectangle((mx0, my0), mx1 - mx0, my1 - my0, facecolor="none", edgecolor="#555555", lw=0.8, zorder=6))
    canvas.y = max(inset_top + height, lowest) + 0.1  # a label may stand below the inset's frame


def pairing_map(
    pairings: pd.DataFrame,
    places: pd.DataFrame,
    sources: pd.DataFrame,
    directory: Path = FIGURES_DIR,
    facts: pd.DataFrame | None = None,
) -> Chart:
    """Helping places joined by an arrow to the places they help, with the arrangement and start in
    words. It draws pairings, not facts: its sources are those that name each pairing. Each arrow
    and dot opens a pairing's page (its profile when `facts` give it one, else the list)."""
    named = sources.assign(pairing=sources.pairings.str.split(";")).explode("pairing")
    total = len(pairings)
    if total > MAX_BARS:  # the pairings most sources speak of; the overview's table lists them all
        speaking = named.pairing.value_counts()
        ranked = pairings.assign(n=pairings.pairing_id.map(speaking).fillna(0))
        keep = ranked.sort_values(["n", "pairing_id"], ascending=[False, True], kind="stable").head(MAX_BARS).index
        pairings = pairings[pairings.index.isin(keep)]
    named = named.assign(source_label=named.apply(wording.source_label, axis=1))
    drawn = named[named.pairing.isin(pairings.pairing_id)][["source_id", "source_label", "pairing"]].drop_duplicates()
    described = pairings.set_index("pairing_id")[["east", "west", "relationship", "start_date"]]
    drawn = drawn.join(described, on="pairing")  # the download says what each arrow is
    nested = nested_pairings(places, pairings)
    profiled = comparisons.profiled_pairings(facts) if facts is not None else None
    write_marks(directory, "overview_pairings", marks.map_marks(pairings, places, profiled))
    return save_chart(
        lambda layout: _map_figure(layout, pairings, places, nested, total),
        "overview_pairings",
        directory,
        drawn.reset_index(drop=True),
    )


def _timeline_figure(
    layout: style.Layout, dated: pd.DataFrame, starts: pd.Series, total: int, pairings: pd.DataFrame
) -> plt.Figure:
    canvas = style.Canvas(layout)
    note = style.capped(len(dated), total, "sources", "latest", "最新")
    canvas.header(
        pick("When was each source written, and when did the pairing it dates begin?", "各资料写于何时，所记结对始于何时？"),
        sentences(
            pick(
                "● date of publication (hollow: estimated date of writing; band: its range); "
                "◆ start of the pairing, where the source dates it.",
                "● 发布日期（空心：推断的写作时间；色带：推断的时间范围）；◆ 资料所记结对的起始时间。",
            ),
            note,
        ),
    )
    if words_zh.chinese():
        names = {r.pairing_id: words_zh.pairing_zh(r.east, r.west) for r in records(pairings)}
    else:
        names = dict(zip(pairings.pairing_id, pairings["label"])) if "label" in pairings else {}  # "Zhangjiagang → Yanhe"
    rows = []
    years = []
    for row in records(dated):
        low, high = [comparisons.year_float(p) for p in ([*row.date_used.split("/"), row.date_used])[:2]]
        begun = [(pid, starts.get(pid, "")) for pid in row.pairings.split(";") if starts.get(pid, "")]
        rows.append((row, low, high, begun))
        years += [low, high] + [comparisons.year_float(s) for _, s in begun]
    first, last = (int(np.floor(min(years))), int(np.ceil(max(years)))) if years else (2016, 2021)
    x0, x1 = canvas.left + 0.1, canvas.right - 0.1
    per_year = (x1 - x0) / max(1, last - first)

    def x_of(year: float) -> float:
        return x0 + (year - first) * per_year

    top = canvas.y
    for row, low, high, begun in rows:
        label = pick(
            row.label + "".join(f" · {names.get(pid, pid)} began {start}" for pid, start in begun),
            words_zh.source_of(row._asdict())
            + "".join(f" · {names.get(pid, pid)}始于{wording_zh.date_zh(start)}" for pid, start in begun),
        )
        canvas.block(label, after=0.04)
        y = canvas.y + 0.08
        if row.estimated:
            canvas.ax.plot([x_of(low), x_of(max(high, low + 0.08))], [y, y], color=style.ORANGE, lw=6, solid_capstyle="round")
        for pairing_id, start in begun:
            canvas.ax.plot([x_of(comparisons.year_float(start)), x_of(low)], [y, y], color=style.GREEN, lw=1.2, ls="--")
            canvas.ax.scatter(
                [x_of(comparisons.year_float(start))],
                [y],
                marker="D",
                s=36,
                color=style.GREEN,
                zorder=3,
                gid=f"{marks.PAIRING_MARK}:{pairing_id}:{row.source_id}",
            )
        canvas.ax.scatter(
            [x_of(low)],
            [y],
            s=55,
            marker="o",
            facecolor="white" if row.estimated else style.BLUE,
            edgecolor=style.ORANGE if row.estimated else style.BLUE,
            lw=1.6,
            zorder=3,
            gid=f"{SOURCE_MARK}:{row.source_id}",
        )
        canvas.y += 0.3
    for year in range(first, last + 1):
        canvas.ax.plot([x_of(year)] * 2, [top, canvas.y], color="#e3e3e3", lw=0.8, zorder=0)
        if (year - first) % (2 if canvas.narrow and last - first > 6 else 1) == 0:
            canvas.text(x_of(year), canvas.y + 0.04, str(year), ha="center")
    canvas.y += canvas.line_height(style.TEXT_PT) + 0.04
    return canvas.finish()


SOURCE_MARK = "source"  # a source's dot on the timeline: "source:<source_id>"


def timeline_marks(
    dated: pd.DataFrame, pairings: pd.DataFrame, places: pd.DataFrame | None, profiled: set[str] | None
) -> pd.DataFrame:
    """The timeline's marks: each source's dot (its name, title and date; it opens the source) and
    each start it dates (the pairing, its arrangement and start; it opens the pairing's page)."""
    rows = []
    by_id = pairings.set_index("pairing_id", drop=False)
    for row in records(dated):
        if row.date_status == "as_given" and row.published:
            when = f"Published {row.published}."
        elif row.date_estimate:
            when = f"Written {wording.span_text(row.date_estimate)} (date estimated)."
        else:
            when = "Undated."
        rows.append(
            {
                "mark": f"{SOURCE_MARK}:{row.source_id}",
                "title": row.label,
                "title_zh": str(getattr(row, "title_zh", "") or ""),
                "text": sentences(str(getattr(row, "title_en", "") or ""), when),
                "href": source_href(row.source_id, ""),
                "go": "Open the source →",
            }
        )
        if places is None:
            continue
        table = places.set_index("id")
        for pairing_id in [p for p in str(row.pairings).split(";") if p in by_id.index]:
            pairing = next(records(by_id.loc[[pairing_id]]))
            if pairing.start_date:
                mark = f"{marks.PAIRING_MARK}:{pairing_id}:{row.source_id}"
                rows.append(marks.pairing_mark(pairing, table, profiled, mark, f"Start dated by {row.label}."))
    return pd.DataFrame(rows)


def source_timeline(
    sources: pd.DataFrame,
    pairings: pd.DataFrame,
    directory: Path = FIGURES_DIR,
    places: pd.DataFrame | None = None,
    facts: pd.DataFrame | None = None,
) -> Chart:
    """When each source was written, against when the pairings it covers began; the MAX_BARS
    latest sources at most. Each dot opens its source; each start, given `places` (the names
    the box shows), the pairing's page."""
    from eastwest.reader.wording import source_label

    dated = comparisons.source_year(sources).sort_values(["year_float", "source_id"]).reset_index(drop=True)
    total = len(dated)
    dated = dated.tail(MAX_BARS).reset_index(drop=True)
    dated["label"] = dated.apply(source_label, axis=1)
    starts = pairings.set_index("pairing_id")["start_date"]
    profiled = comparisons.profiled_pairings(facts) if facts is not None else None
    write_marks(directory, "overview_timeline", timeline_marks(dated, pairings, places, profiled))
    return save_chart(
        lambda layout: _timeline_figure(layout, dated, starts, total, pairings),
        "overview_timeline",
        directory,
        dated[[c for c in ("source_id", "label", "published", "date_status", "date_estimate") if c in dated]],
    )
