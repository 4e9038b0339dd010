"""Checking a chart's text before it is saved: every text at least MIN_FONT_PT, inside the figure,
and overlapping no other (eastwest.charts.style.save runs it on every chart)."""

from __future__ import annotations

from typing import cast

import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.text import Text

MIN_FONT_PT = 11  # the smallest text on any chart


class FigureTextError(ValueError):
    """A figure whose text a reader could not read: too small, cut off, or overlapping."""


def renderer_of(fig: plt.Figure) -> RendererAgg:
    """The figure's renderer: every figure is drawn on an Agg canvas (matplotlib.use("Agg") above)."""
    return cast(FigureCanvasAgg, fig.canvas).get_renderer()


def font_points(text: Text) -> float:
    """A text's size in points (matplotlib stores it as a number, whatever size was asked for)."""
    return cast(float, text.get_fontsize())


def drawn_texts(fig: plt.Figure) -> list[Text]:
    """Every visible, non-empty text of the figure, in the order Figure.findobj gives them (children
    before their parent), collected in one pass: findobj joins its lists with sum(), which grows
    with the square of a map's thousand land shapes."""
    found: list[Text] = []

    def visit(artist) -> None:
        for child in artist.get_children():
            visit(child)
        if isinstance(artist, Text):
            found.append(artist)

    visit(fig)
    return [t for t in found if t.get_visible() and t.get_text().strip()]


def check_text(fig: plt.Figure, name: str = "figure") -> float:
    """Fail on text below MIN_FONT_PT, outside the figure or overlapping other text; return the
    smallest font size drawn (points)."""
    renderer = renderer_of(fig)
    texts = drawn_texts(fig)
    small = [f"{t.get_text()!r} ({font_points(t):g} pt)" for t in texts if font_points(t) < MIN_FONT_PT - 1e-9]
    if small:
        raise FigureTextError(f"{name}: text below {MIN_FONT_PT} pt: {', '.join(small[:5])}")
    frame = fig.bbox
    boxes = []
    for t in texts:
        box = t.get_window_extent(renderer)
        if box.x0 < frame.x0 - 1 or box.x1 > frame.x1 + 1 or box.y0 < frame.y0 - 1 or box.y1 > frame.y1 + 1:
            raise FigureTextError(f"{name}: text cut off at the figure's edge: {t.get_text()!r}")
        boxes.append((box.shrunk(0.97, 0.8), t))  # glyph boxes include line gaps: only real overlaps count
    for i, (a, ta) in enumerate(boxes):
        for b, tb in boxes[i + 1 :]:
            if a.overlaps(b):
                raise FigureTextError(f"{name}: texts overlap: {ta.get_text()!r} and {tb.get_text()!r}")
    return min((font_points(t) for t in texts), default=MIN_FONT_PT)
