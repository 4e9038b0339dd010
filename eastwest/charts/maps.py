"""Maps of who helps whom: China's provinces (eastwest.charts.geography), a dot at each helping
and receiving place, an arrow for each pairing that is not part of another, and the pairings in
words under the map (arrangement, start, and the county pairings nested in a city pairing).

`draw_map` draws on a Canvas (eastwest.charts.style) at either width; the overview's map
(eastwest.charts.overview.pairing_map) and each pairing page's small map use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Circle, Polygon

from eastwest.charts import geography, style, words_zh
from eastwest.charts.base import RELATIONSHIP_COLOURS, Chart, draw_both, records, write_chart_data, write_marks
from eastwest.charts.marks import PAIRING_MARK, PLACE_MARK, map_marks
from eastwest.dataset.attribution import nested_pairings
from eastwest.reader import wording, wording_zh
from eastwest.reader.languages import pick
from eastwest.reader.wording import RELATIONSHIP_SHORT

# The mainland and Hainan, in degrees: the extent every map shows, so maps read alike.
EXTENT = (73.0, 135.5, 17.5, 54.0)  # west, east, south, north
LAND, LAND_INVOLVED, BORDER = "#eeeeee", "#d9d9d9", "#ffffff"
DOT_RADIUS = 0.035  # inches
# An arrangement's name is written in its line's colour, darkened where that colour is too light
# to read as text on white (4.5:1 or more).
TEXT_COLOURS = {
    "east_west_cooperation": "#0060a0",
    "xinjiang_aid": "#8a5a00",
    "north_south_linkage": "#00704f",
    "tibet_aid": "#a84300",
    "counterpart_assistance": "#9a4a80",
}


@dataclass
class Frame:
    """Where the map sits on the canvas (inches from the top left) and its scale."""

    left: float
    top: float
    per_degree: float  # inches per projected degree

    def at(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = geography.project(lon, lat)
        x0, _ = geography.project(EXTENT[0], EXTENT[3])
        return self.left + (float(x) - float(x0)) * self.per_degree, self.top + (EXTENT[3] - float(y)) * self.per_degree

    def ring_at(self, ring: np.ndarray) -> np.ndarray:
        """`at` for every point of a ring (lon, lat rows) at once, with the same arithmetic."""
        x, y = geography.project(ring[:, 0], ring[:, 1])
        x0, _ = geography.project(EXTENT[0], EXTENT[3])
        return np.column_stack([self.left + (x - float(x0)) * self.per_degree, self.top + (EXTENT[3] - y) * self.per_degree])


def _map_size(width: float) -> tuple[float, float]:
    x0, _ = geography.project(EXTENT[0], 0)
    x1, _ = geography.project(EXTENT[1], 0)
    per_degree = width / (float(x1) - float(x0))
    return per_degree, (EXTENT[3] - EXTENT[2]) * per_degree


def place_name(places: pd.DataFrame, place_id: str) -> str:
    """A place's short name in the current language: 'Yanhe' or '沿河' (data/places.csv)."""
    row = places.set_index("id").loc[place_id]
    return pick(wording.short_name(str(row["name_en"])), words_zh.short_zh(str(row["name_zh"])))


def boundary_credit() -> str:
    return pick(geography.BOUNDARY_CREDIT, geography.BOUNDARY_CREDIT_ZH)


def label_group(places: pd.DataFrame, place_id: str) -> str:
    """The place a dot's label names: a county within a city is labelled by its city."""
    table = places.set_index("id")
    within = str(table.loc[place_id].get("within") or "")
    return within if within and within in table.index else place_id


def _draw_land(canvas: style.Canvas, frame: Frame, involved: set[str]) -> None:
    for name, rings in geography.province_outlines().items():
        colour = LAND_INVOLVED if name in involved else LAND
        for ring in rings:
            # add_artist, not add_patch: the axes' limits are fixed (style.Canvas), so the patch
            # limits add_patch would compute for each of a thousand rings are never used
            land = Polygon(frame.ring_at(ring), closed=True, facecolor=colour, edgecolor=BORDER, lw=0.6, zorder=1)
            canvas.ax.add_artist(land)


def _boxes_overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place_labels(
    canvas: style.Canvas, labels: list[tuple[str, float, float]], dots: list[tuple[float, float]], bottom: float
) -> None:
    """Each label beside its point where it overlaps no other label or dot, as near as it can:
    further away it is tied to its point by a thin line."""
    height = canvas.line_height(style.TEXT_PT)
    taken = [(x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS) for x, y in dots]
    for text, x, y in labels:
        width = canvas.measure(text, weight="bold")  # as drawn: a bold label is wider than a plain one
        placed = None
        for distance in (0.1, 0.25, 0.4, 0.6, 0.85, 1.1):
            for dx, dy in ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1)):
                cx, cy = x + dx * distance, y + dy * distance
                left = cx if dx > 0 else cx - width if dx < 0 else cx - width / 2
                top = cy - height / 2 if dy == 0 else cy - height if dy < 0 else cy
                box = (left, top, left + width, top + height)
                if box[0] < canvas.left or box[2] > canvas.right or box[1] < canvas.y or box[3] > bottom:
                    continue
                if any(_boxes_overlap(box, other) for other in taken):
                    continue
                placed = box
                break
            if placed:
                break
        if placed is None:
            continue  # the words under the map still name it
        taken.append(placed)
        canvas.text(
            placed[0], placed[1], text, fontweight="bold", zorder=5, bbox=dict(facecolor="white", alpha=0.8, lw=0, pad=0.6)
        )
        near_x = min(max(x, placed[0]), placed[2])
        near_y = min(max(y, placed[1]), placed[3])
        if np.hypot(near_x - x, near_y - y) > 0.12:
            canvas.ax.plot([x, near_x], [y, near_y], color="#555555", lw=0.7, zorder=4)


# --- A pairing page's map: every dot labelled by its own name ----------------------------------

CLUSTER_GAP = 0.3  # inches: dots nearer each other than this are labelled as one column
COLUMN_GAP = 0.14  # inches between a column and the outermost dot of its cluster
LEADER_COLOUR = "#555555"
MAX_LABEL_SHARE = 0.4  # a dot's name takes at most this share of the map's width (Canvas.fit)


def clusters(points: dict[str, tuple[float, float]], gap: float = CLUSTER_GAP) -> list[list[str]]:
    """The points in groups, each point within `gap` of another of its group (single linkage), in
    the order of their first point."""
    unassigned = list(points)
    groups = []
    while unassigned:
        group = [unassigned.pop(0)]
        for member in group:  # grows while it is walked
            x, y = points[member]
            near = [q for q in unassigned if np.hypot(points[q][0] - x, points[q][1] - y) < gap]
            for q in near:
                unassigned.remove(q)
            group.extend(near)
        groups.append(group)
    return groups


# The sides a column of labels may take: right, left, above and below its cluster.
SIDES = ((1, 0), (-1, 0), (0, -1), (0, 1))


def _column_at(side: tuple[int, int], xs: list[float], ys: list[float], width: float, height: float, shift: float):
    """The top left corner of a column `width` x `height` on `side` of the dots, moved by `shift`
    along that side."""
    if side[0]:
        left = max(xs) + COLUMN_GAP if side[0] > 0 else min(xs) - COLUMN_GAP - width
        return left, float(np.mean(ys)) - height / 2 + shift
    top = min(ys) - COLUMN_GAP - height if side[1] < 0 else max(ys) + COLUMN_GAP
    return float(np.mean(xs)) - width / 2 + shift, top


def label_columns(
    dots: dict[str, tuple[float, float]],
    widths: dict[str, float],
    line: float,
    bounds: tuple[float, float, float, float],
) -> dict[str, tuple[float, float, float, float]]:
    """Where each dot's label goes, as (left, top) of its text and the (left, right) of its column,
    in inches. The labels of a cluster of near dots stand in one column beside it, in the order of
    their dots from top to bottom, so that no two labels overlap each other or cover a dot. A column
    takes the side facing away from the other dots first (so it keeps clear of the arrows between
    them), then the others, each at its cluster's middle and then moved a little; within `bounds`
    (left, top, right, bottom), the space labels may take."""
    left_edge, top_edge, right_edge, bottom_edge = bounds
    taken = [(x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS) for x, y in dots.values()]
    placed: dict[str, tuple[float, float, float, float]] = {}
    for group in sorted(clusters(dots), key=len, reverse=True):
        members = sorted(group, key=lambda p: (dots[p][1], dots[p][0]))
        width, height = max(widths[p] for p in members), line * len(members)
        xs, ys = [dots[p][0] for p in members], [dots[p][1] for p in members]
        rest = [xy for p, xy in dots.items() if p not in group]
        away = (
            (float(np.mean(xs)) - float(np.mean([x for x, _ in rest])), float(np.mean(ys)) - float(np.mean([y for _, y in rest])))
            if rest
            else (1.0, 0.0)
        )
        sides = sorted(SIDES, key=lambda d: -(d[0] * away[0] + d[1] * away[1]))
        own = [(x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS) for x, y in zip(xs, ys)]
        others = [box for box in taken if box not in own]
        chosen = None
        for side in sides:
            step = line if side[0] else width / 2
            for shift in (0.0, -0.5, 0.5, -1.0, 1.0, -1.5, 1.5):
                left, top = _column_at(side, xs, ys, width, height, shift * step)
                box = (left, top, left + width, top + height)
                inside = box[0] >= left_edge and box[2] <= right_edge and box[1] >= top_edge and box[3] <= bottom_edge
                if inside and not any(_boxes_overlap(box, b) for b in [*others, *own]):
                    chosen = box
                    break
            if chosen:
                break
        if chosen is None:  # nowhere clear: beside the cluster, kept on the drawing
            left, top = _column_at(sides[0], xs, ys, width, height, 0.0)
            left = min(max(left, left_edge), right_edge - width)
            top = min(max(top, top_edge), bottom_edge - height)
            chosen = (left, top, left + width, top + height)
        taken.append(chosen)
        right_aligned = chosen[2] <= min(xs)  # a column left of its dots ends where they begin
        for i, p in enumerate(members):
            text_left = chosen[2] - widths[p] if right_aligned else chosen[0]
            placed[p] = (text_left, chosen[1] + i * line, text_left, text_left + widths[p])
    return placed


def own_name_labels(canvas: style.Canvas, dots: dict[str, tuple[float, float]], names: dict[str, str], bottom: float) -> float:
    """Each dot labelled by its own name (a county by the county's, never its city's), the labels of
    near dots in a column beside them, each tied to its dot by a thin line (label_columns); returns
    the bottom of the lowest label (what is drawn next goes below it)."""
    line = canvas.line_height(style.TEXT_PT) * 1.08
    names = {p: canvas.fit(names[p], canvas.width * MAX_LABEL_SHARE, weight="bold") for p in dots}
    widths = {p: canvas.measure(names[p], weight="bold") for p in dots}
    bounds = (canvas.left, canvas.y, canvas.right, bottom)
    lowest = canvas.y
    for place_id, (left, top, _, right) in label_columns(dots, widths, line, bounds).items():
        lowest = max(lowest, top + line)
        canvas.text(
            left,
            top,
            names[place_id],
            fontweight="bold",
            zorder=5,
            bbox=dict(facecolor="white", alpha=0.85, lw=0, pad=0.6),
        )
        x, y = dots[place_id]
        # to the middle of the label's nearer end: each line ends at its own label, never under another
        end_x = left - 0.02 if abs(x - left) <= abs(x - right) else right + 0.02
        canvas.ax.plot([x, end_x], [y, top + line / 2], color=LEADER_COLOUR, lw=0.6, zorder=4)
    return lowest


def draw_map(
    canvas: style.Canvas,
    pairings: pd.DataFrame,
    places: pd.DataFrame,
    nested: dict[str, list[str]],
    width: float | None = None,
    in_words: bool = True,
    own_names: bool = False,
) -> dict[str, geography.Place]:
    """The map at the cursor, `width` inches wide (the canvas's width by default), and under it
    (`in_words`) the pairings in words; returns the positions drawn. A dot is labelled by its city
    (label_group), or with `own_names` by its own name (own_name_labels: a pairing page's map)."""
    width = width or canvas.width
    per_degree, height = _map_size(width)
    frame = Frame(canvas.left + (canvas.width - width) / 2, canvas.y, per_degree)
    inner = {p for inners in nested.values() for p in inners if p in set(pairings.pairing_id)}
    outer = pairings[~pairings.pairing_id.isin(inner)]
    positions = geography.place_positions(places, [*pairings.east, *pairings.west])
    unplaced = pairings[~(pairings.east.isin(positions) & pairings.west.isin(positions))]
    pairings = pairings[~pairings.pairing_id.isin(unplaced.pairing_id)]
    outer = outer[outer.pairing_id.isin(pairings.pairing_id)]
    ids = [*pairings.east, *pairings.west]
    _draw_land(canvas, frame, {geography.province_of(places, p) for p in ids})
    dots = {p: frame.at(positions[p].lon, positions[p].lat) for p in ids}
    for row in records(outer):
        (x0, y0), (x1, y1) = dots[row.east], dots[row.west]
        arrow = canvas.ax.annotate(
            "",
            xy=(x1, y1),
            xytext=(x0, y0),
            arrowprops=dict(
                arrowstyle="-|>",
                color=RELATIONSHIP_COLOURS.get(row.relationship, "#555555"),
                lw=1.8,
                shrinkA=3,
                shrinkB=3,
                mutation_scale=12,
                connectionstyle="arc3,rad=0.18",
            ),
            zorder=3,
        )
        if arrow.arrow_patch is not None:  # a page can explore it (eastwest.charts.marks)
            arrow.arrow_patch.set_gid(f"{PAIRING_MARK}:{row.pairing_id}")
    for place_id, (x, y) in dots.items():
        helping = place_id in set(pairings.east)
        canvas.ax.add_patch(
            Circle(
                (x, y),
                DOT_RADIUS,
                facecolor="#222222" if helping else "white",
                edgecolor="#222222",
                lw=1.2,
                zorder=4,
                gid=f"{PLACE_MARK}:{place_id}",
            )
        )
    groups: dict[str, list[tuple[float, float]]] = {}
    members: dict[str, list[str]] = {}
    for place_id, xy in dots.items():
        groups.setdefault(label_group(places, place_id), []).append(xy)
        members.setdefault(label_group(places, place_id), []).append(place_id)
    labels = [
        (_group_label(g, members[g], places), float(np.mean([x for x, _ in xy])), float(np.mean([y for _, y in xy])))
        for g, xy in groups.items()
    ]
    canvas.y += 0.02
    if own_names:
        own_name_labels(canvas, dots, {p: place_name(places, p) for p in dots}, canvas.y + height)
    else:
        _place_labels(canvas, labels, list(dots.values()), canvas.y + height)
    canvas.y += height + 0.1
    legend = pick(
        "● helping place   ○ receiving place; each arrow runs from one to the other.",
        "● 帮扶方　○ 受援方；箭头由帮扶方指向受援方。",
    )
    if not own_names and any(len(set(m)) > 1 for m in members.values()):
        legend += pick(" A label beside several dots names the city they lie in.", "几个点旁的同一个地名是它们所在的市。")
    canvas.block(legend, color=style.MUTED_COLOUR)
    if len(unplaced):  # a place the boundary data does not name, nor any place it lies within
        missing = pick(", ", "、").join(f"{place_name(places, r.east)} → {place_name(places, r.west)}" for r in records(unplaced))
        canvas.block(
            pick(
                f"Not on the map (no boundary for a place in the boundary data): {missing}.",
                f"未画在图上（边界数据中没有该地的边界）：{missing}。",
            ),
            color=style.MUTED_COLOUR,
        )
    if in_words:
        _in_words(canvas, outer, pairings, places, nested)
    return positions


def _group_label(group: str, members: list[str], places: pd.DataFrame) -> str:
    """A label for the dots of one city: a lone place by its own name (Jiulong, not its prefecture
    Garzê); several places by their city's name, which the legend says (their own names are in the
    inset, the list beneath and each dot's box)."""
    alone = list(dict.fromkeys(members))
    return place_name(places, alone[0] if len(alone) == 1 else group)


def _pair_text(row, places: pd.DataFrame) -> str:
    provinces = places.set_index("id")["province"]
    if words_zh.chinese():
        east, west = (words_zh.short_zh(geography.province_of(places, p)) for p in (row.east, row.west))
        return f"{place_name(places, row.east)}（{east}）→ {place_name(places, row.west)}（{west}）"
    return f"{place_name(places, row.east)} ({provinces[row.east]}) → {place_name(places, row.west)} ({provinces[row.west]})"


def _arrangement(row) -> str:
    """A pairing's arrangement and start: 'East–West cooperation, since 2017-03' or '东西部扶贫协作，自2017年3月起'."""
    if words_zh.chinese():
        return f"{wording_zh.RELATIONSHIP_SHORT_ZH.get(row.relationship, row.relationship)}，{wording_zh.start_text_zh(row._asdict())}"
    return f"{RELATIONSHIP_SHORT.get(row.relationship, row.relationship)}, {wording.start_text(row._asdict())}"


def _in_words(
    canvas: style.Canvas, outer: pd.DataFrame, pairings: pd.DataFrame, places: pd.DataFrame, nested: dict[str, list[str]]
) -> None:
    by_id = pairings.set_index("pairing_id", drop=False)
    canvas.y += 0.06
    for row in records(outer):
        canvas.block(_pair_text(row, places), weight="bold", after=0)
        canvas.block(
            _arrangement(row),
            color=TEXT_COLOURS.get(row.relationship, style.TEXT_COLOUR),
            x=canvas.left + 0.15,
            after=0,
        )
        for inner_id in nested.get(row.pairing_id, []):
            if inner_id not in by_id.index:
                continue
            inner = next(records(by_id.loc[[inner_id]]))
            east, west = place_name(places, inner.east), place_name(places, inner.west)
            canvas.block(
                pick(
                    f"within it: {east} → {west}, {wording.start_text(inner._asdict())}",
                    f"其中：{east}→{west}，{wording_zh.start_text_zh(inner._asdict())}",
                ),
                color=style.MUTED_COLOUR,
                x=canvas.left + 0.15,
                after=0,
            )
        canvas.y += 0.1


# --- For maps drawn around draw_map (the overview's inset of crowded places) ----------------------


def scale_at(width: float) -> float:
    """Inches per projected degree of a map `width` inches wide."""
    return _map_size(width)[0]


def pairings_in_words(
    canvas: style.Canvas, pairings: pd.DataFrame, places: pd.DataFrame, nested: dict[str, list[str]], drawn: set[str]
) -> None:
    """The pairings whose both ends are `drawn`, in words, as draw_map writes them under the map."""
    shown = pairings[pairings.east.isin(drawn) & pairings.west.isin(drawn)]
    inner = {p for inners in nested.values() for p in inners}
    _in_words(canvas, shown[~shown.pairing_id.isin(inner)], shown, places, nested)


def positions_table(pairings: pd.DataFrame, positions: dict[str, geography.Place]) -> pd.DataFrame:
    """The drawn pairings with the positions of both ends, for the map's data download."""
    columns: Sequence[str] = ["pairing_id", "east", "west", "relationship", "start_date"]
    table = pairings[[c for c in columns if c in pairings]].copy()
    table = table[table.east.isin(positions) & table.west.isin(positions)]  # the pairings drawn
    table.insert(3, "helping_place", [positions[p].name_en for p in table["east"]])
    table.insert(4, "receiving_place", [positions[p].name_en for p in table["west"]])
    for end in ("east", "west"):
        table[f"{end}_lon"] = [positions[p].lon for p in table[end]]
        table[f"{end}_lat"] = [positions[p].lat for p in table[end]]
    return table.reset_index(drop=True)


SMALL_MAP_WIDTH = 4.5  # inches: a pairing page's map, as wide as the narrow drawing's column


def pairing_locator(
    pairing_id: str, pairings: pd.DataFrame, places: pd.DataFrame, directory: Path, profiled: set[str] | None = None
) -> Chart:
    """A pairing page's small map: the pairing and the pairings within it, with where both ends
    lie; figures/pairings/<pairing_id>-map.svg and, beside it, the drawn ends' positions (.csv)
    and what its arrows and dots open (the pages of `profiled` pairings; .marks.csv)."""
    nested = nested_pairings(places, pairings)
    shown = pairings[pairings.pairing_id.isin([pairing_id, *nested.get(pairing_id, [])])]
    # nested within a pairing this map does not draw, the pairing is drawn as an arrow of its own
    nested = {outer: inner for outer, inner in nested.items() if outer in set(shown.pairing_id)}
    row = pairings.set_index("pairing_id").loc[pairing_id]
    drawn: dict[str, geography.Place] = {}

    def draw(layout: style.Layout) -> plt.Figure:
        canvas = style.Canvas(layout)
        east, west = place_name(places, str(row["east"])), place_name(places, str(row["west"]))
        canvas.header(pick(f"Where {east} and {west} lie", f"{east}和{west}的位置"))
        drawn.update(draw_map(canvas, shown, places, nested, min(canvas.width, SMALL_MAP_WIDTH), in_words=False, own_names=True))
        canvas.block(boundary_credit(), color=style.MUTED_COLOUR)
        return canvas.finish()

    name = f"{pairing_id}-map"
    paths = draw_both(draw, name, directory)
    table = positions_table(shown, drawn)
    write_chart_data(directory / f"{name}.csv", table, list(table.columns))
    write_marks(directory, name, map_marks(shown, places, profiled))
    return Chart(name, paths[style.WIDE.name], table)
