"""The house plotting style, the layout every chart is drawn with, and deterministic figure saving.

Okabe–Ito colours (colour-blind safe), English labels, opaque white background (readable in
dark mode), and SVG files whose bytes depend only on the data. The book shows the SVGs; PNG copies
are written only when asked for (`make png`, i.e. EASTWEST_PNG=1), since rendering them took a
quarter of the time spent drawing charts in every build.

Every chart is drawn twice, at the widths it is shown (eastwest.sphinx_ext.responsive_figures serves the
narrow one on phones):

- WIDE, 8.5 in = 612 pt: the book's column is 608–880 px wide on screens from 1,024 to 1,920 px
  (741 px at 1,366 px), so 1 pt of the figure shows at 1.0–1.4 px;
- NARROW, 4.75 in = 342 pt: the column on a 390 px phone is 342 px, 1 pt = 1 px.

No text is smaller than MIN_FONT_PT = 11 pt, so figure text shows at 11 px or more on a 390 px
phone and on every screen from 701 px up. `save` refuses a figure with smaller text, text outside
the figure, or texts that overlap.

Charts are laid out in inches from the top (`Canvas`): each label is measured and wrapped to the
width it has, written above its bar, and the figure is as tall as its content. A bar chart is one
or more panels (`bar_chart`); each panel has its own linear scale from zero and holds one kind of
figure, so that cumulative, one-year and one-date counts, or people and person-times, never
share an axis.
"""

from __future__ import annotations

import functools
import io
import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.rcsetup import cycler
from matplotlib.text import Text

from eastwest.charts import fitting
from eastwest.charts.language import CJK_DRAWN, FONT_STACK_ZH, family, wrap_chinese
from eastwest.charts.text_check import (  # noqa: F401 (the charts' and tests' names for them)
    MIN_FONT_PT,
    FigureTextError,
    check_text,
    drawn_texts,
    font_points,
    renderer_of,
)
from eastwest.core.paths import FIGURES_DIR
from eastwest.reader import languages
from eastwest.reader.wording import human  # noqa: F401 (style.human, as chapters call it)

# Okabe–Ito colours (colour-blind safe). Charts sit on a white panel in light and dark mode alike, and
# every mark's colour keeps 3:1 against it (WCAG's least contrast for graphics; tests/test_chart_style.py):
# the orange and the sky blue are Okabe–Ito's own darkened (#E69F00 and #56B4E9 were 2.25:1 and 2.31:1),
# the grey is the darkest that still reads as grey, and the yellow (1.3:1) is not used.
PANEL_COLOUR = "#ffffff"
BLUE, ORANGE, GREEN, VERMILION = "#0072B2", "#B07800", "#009E73", "#D55E00"
PINK, SKY, BLACK, GREY = "#CC79A7", "#4795C1", "#000000", "#767676"
PALETTE = [BLUE, ORANGE, GREEN, VERMILION, PINK, SKY, BLACK]
THEME_COLOURS = {
    "industry": BLUE,
    "talent": ORANGE,
    "labour": GREEN,
    "consumption": VERMILION,
    "pairing": PINK,
    "social": SKY,
    "outcome": BLACK,
    "context": GREY,
}
STATUS_COLOURS = {"achieved": BLUE, "planned": ORANGE, "expected": VERMILION, "target": PINK, "quota": GREEN}
NOT_ACHIEVED_HATCH = "//"
DPI = 110


TEXT_PT = 11  # labels, values, notes
HEADING_PT = 12  # panel headings
TITLE_PT = 13.5  # the chart's question
# Text is laid out with DejaVu Sans's measures (matplotlib's own font, on every machine that draws
# the charts) and shown in the first of these the reader has: DejaVu Sans, then fonts of its width
# or narrower, so a label never runs longer than it was measured; the CJK families cover Chinese.
FONT_STACK = (
    "'DejaVu Sans', Verdana, 'Noto Sans', 'Liberation Sans', Arial, 'Noto Sans CJK SC', 'Source Han Sans SC', "
    "'PingFang SC', 'Microsoft YaHei', sans-serif"
)
TEXT_COLOUR = "#222222"
MUTED_COLOUR = "#444444"  # subtitles and notes (9.7:1 on white)
LINE = 1.22  # line spacing of wrapped text


@dataclass(frozen=True)
class Layout:
    name: str
    width: float  # inches
    suffix: str  # figures/<name><suffix>.svg


WIDE = Layout("wide", 8.5, "")
NARROW = Layout("narrow", 4.75, ".narrow")
LAYOUTS = (WIDE, NARROW)


def apply() -> None:
    """Set the house style; call once at the top of every chapter."""
    plt.rcdefaults()
    plt.rcParams.update(
        {
            "figure.figsize": (WIDE.width, 4.5),
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "figure.facecolor": "white",
            "axes.facecolor": "white",
            "savefig.facecolor": "white",
            "font.family": "DejaVu Sans",
            "font.size": TEXT_PT,
            "axes.titlesize": HEADING_PT,
            "axes.labelsize": TEXT_PT,
            "xtick.labelsize": TEXT_PT,
            "ytick.labelsize": TEXT_PT,
            "legend.fontsize": TEXT_PT,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": cycler(color=PALETTE),
            "axes.grid": False,
            "grid.color": "#dddddd",
            "grid.linewidth": 0.6,
            "legend.frameon": False,
            "hatch.linewidth": 1.0,
            "svg.hashsalt": "eastwest",
            "svg.fonttype": "none",  # real <text>: selectable, searchable, read aloud, translated
            "path.simplify": True,
        }
    )


# --- Checking and saving ---------------------------------------------------------------------------


DRAWN_FONT = "font-family: 'DejaVu Sans'; "


def with_font_stack(svg: str) -> str:
    """The SVG with one rule giving its text FONT_STACK (FONT_STACK_ZH in Chinese) for the one family
    matplotlib names on every text (shorter, and the page's fonts stand in where it is missing)."""
    chinese = languages.current() == languages.CHINESE
    drawn, stack = (f"font-family: '{CJK_DRAWN}'; ", FONT_STACK_ZH) if chinese else (DRAWN_FONT, FONT_STACK)
    return svg.replace(drawn, "").replace("</style>", "text{font-family: " + stack + "}</style>", 1)


def png_wanted() -> bool:
    """PNG copies beside the SVGs: only with EASTWEST_PNG=1 (`make png`)."""
    return os.environ.get("EASTWEST_PNG") == "1"


def save(fig: plt.Figure, name: str, directory: Path = FIGURES_DIR, layout: Layout = WIDE) -> Path:
    """Check the figure's text, write figures/<name><suffix>.svg (and .png when `png_wanted`) with
    no timestamps, then close the figure; return the SVG's path."""
    directory.mkdir(parents=True, exist_ok=True)
    try:
        check_text(fig, name + layout.suffix)
    except FigureTextError:
        plt.close(fig)
        raise
    svg = directory / f"{name}{layout.suffix}.svg"
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg.write_text(with_font_stack(buffer.getvalue()), encoding="utf-8")
    if png_wanted():
        fig.savefig(directory / f"{name}{layout.suffix}.png", format="png", metadata={"Software": None})
    plt.close(fig)
    return svg


# --- A figure laid out in inches -------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)
def _text_width(text: str, size: float, weight: str, dpi: float, font_family: str = "DejaVu Sans") -> float:
    """Width of one line of text in inches, as the Agg renderer lays it out in its font; remembered:
    laying out text is most of the cost of drawing a chart and labels recur (wide and narrow)."""
    renderer = _renderer(dpi)
    font = FontProperties(family=font_family, size=size, weight=weight)
    width, _, _ = renderer.get_text_width_height_descent(text, font, ismath=False)
    return width / dpi


@functools.lru_cache(maxsize=4)
def _renderer(dpi: float) -> RendererAgg:
    return RendererAgg(10, 10, dpi)


def plain(text: str) -> str:
    """Text drawn as typed: a '$' from the data must not switch matplotlib to mathtext."""
    return text.replace("$", r"\$")


class Canvas:
    """A figure laid out from the top in inches: x to the right, y down from the top edge. Texts
    are measured and wrapped to the room they have; `finish` makes the figure as tall as what was
    drawn."""

    MARGIN = 0.12

    def __init__(self, layout: Layout):
        self.layout = layout
        self.family = family()  # the language's drawing font (eastwest.charts.language)
        self.fig = plt.figure(figsize=(layout.width, 4))
        self.ax = self.fig.add_axes((0, 0, 1, 1))
        self.ax.axis("off")
        self.renderer = renderer_of(self.fig)
        self.left, self.right = self.MARGIN, layout.width - self.MARGIN
        self.y = self.MARGIN

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def narrow(self) -> bool:
        return self.layout is NARROW

    def measure(self, text: str, size: float = TEXT_PT, weight: str = "normal") -> float:
        """Width of one line of text, inches."""
        return _text_width(plain(text), size, weight, self.fig.dpi, self.family)

    def wrap(self, text: str, width: float, size: float = TEXT_PT, weight: str = "normal") -> list[str]:
        """Greedy word wrap by measured width; explicit newlines are kept. A line's width is the sum
        of its words' and spaces' widths (each measured once and remembered), not a new measure of
        every longer prefix; `save` still checks the drawn text against the figure's edges."""
        if self.family == CJK_DRAWN:
            return wrap_chinese(text, width, lambda t: self.measure(t, size, weight))
        space = self.measure("x x", size, weight) - 2 * self.measure("x", size, weight)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            current, current_width = "", 0.0
            fits = partial(fitting.word_pieces, width=width, measure=lambda t: self.measure(t, size, weight))
            words = [piece for word in paragraph.split(" ") for piece in fits(word)]
            for word in words:
                word_width = self.measure(word, size, weight)
                trial_width = current_width + space + word_width if current else word_width
                if current and trial_width > width:
                    lines.append(current)
                    current, current_width = word, word_width
                else:
                    current = f"{current} {word}" if current else word
                    current_width = trial_width
            lines.append(current)
        return lines

    def fit(self, text: str, width: float, size: float = TEXT_PT, weight: str = "normal") -> str:
        """`text` shortened to one line of `width` inches (fitting.fit_line): a label that cannot wrap."""
        return fitting.fit_line(text, width, lambda t: self.measure(t, size, weight))

    @staticmethod
    def line_height(size: float) -> float:
        return size * LINE / 72

    def text(self, x: float, y: float, text: str, size: float = TEXT_PT, **kwargs) -> Text:
        kwargs.setdefault("color", TEXT_COLOUR)
        kwargs.setdefault("va", "top")
        return self.ax.text(x, y, plain(text), fontsize=size, linespacing=LINE, **kwargs)

    def block(
        self,
        text: str,
        size: float = TEXT_PT,
        weight: str = "normal",
        color: str = TEXT_COLOUR,
        x: float | None = None,
        width: float | None = None,
        after: float = 0.06,
    ) -> float:
        """A wrapped paragraph at the cursor; moves the cursor below it. Returns its height."""
        if not text:
            return 0.0
        x = self.left if x is None else x
        lines = self.wrap(text, width or (self.right - x), size, weight)
        self.text(x, self.y, "\n".join(lines), size, fontweight=weight, color=color)
        height = self.line_height(size) * len(lines)
        self.y += height + after
        return height

    def header(self, title: str, subtitle: str = "") -> None:
        self.block(title, TITLE_PT, "bold", after=0.08)
        self.block(subtitle, TEXT_PT, color=MUTED_COLOUR, after=0.14)

    def finish(self) -> plt.Figure:
        height = self.y + self.MARGIN
        self.fig.set_size_inches(self.layout.width, height)
        self.ax.set_xlim(0, self.layout.width)
        self.ax.set_ylim(height, 0)
        return self.fig


# --- Bar charts ------------------------------------------------------------------------------------


@dataclass
class Bar:
    """One bar: what it counts (written above it), its value and the words at its end."""

    label: str
    value: float
    text: str
    colour: str = PALETTE[0]
    hatch: str = ""
    high: float | None = None  # a range: a lighter bar on to `high`
    side: int = 1  # in a diverging panel: 1 right, -1 left, 0 across the centre line
    behind: float | None = None  # a pale bar behind it (the whole this value is part of)
    segments: list[tuple[float, str, str]] = field(default_factory=list)  # stacked (value, colour, hatch)
    fact: str = ""  # the fact the bar draws and its source: the SVG marks the bar and its value with
    source: str = ""  # them (gid "fact:<source>:<fact>"), so a page can link the bar to its sentence

    @property
    def gid(self) -> str | None:
        return f"fact:{self.source}:{self.fact}" if self.fact and self.source else None

    @property
    def end(self) -> float:
        return max(v for v in (self.value, self.high, self.behind) if v is not None and v == v)


@dataclass
class Panel:
    """Bars on one linear scale from zero: one unit, one kind of period."""

    bars: list[Bar]
    heading: str = ""
    diverging: bool = False
    ends: tuple[str, str] = ("", "")  # words over a diverging panel's left and right halves
    scale_group: str = ""  # panels of one group share their scale (e.g. panels of one unit)


BAR_HEIGHT = 0.2  # inches
ROW_GAP = 0.13  # between one bar and the next row's label
VALUE_PAD = 0.05  # between a bar's end and its value


def _scale(canvas: Canvas, panel: Panel, widths: list[float]) -> tuple[float, float]:
    """Inches per unit and the x of zero, so that every bar and its value fit the width (a
    diverging panel's centre line goes where the bars get the most room)."""
    left, right = canvas.left, canvas.right
    best: tuple[float, float] | None = None
    for centre in [left + (right - left) * f / 20 for f in range(4, 17)] if panel.diverging else [left]:
        limits = []
        for bar, width in zip(panel.bars, widths):
            end = bar.end
            if not end or end <= 0:
                continue
            if not panel.diverging or bar.side > 0:
                room, reach = right - centre - VALUE_PAD - width, end
            elif bar.side < 0:
                room, reach = centre - left - VALUE_PAD - width, end
            else:
                room, reach = min(right - centre - VALUE_PAD - width, centre - left), end / 2
            limits.append(room / reach if room > 0 else 0.0)
        per_unit = min(limits) if limits else 1.0
        if best is None or per_unit > best[0] + 1e-9:
            best = (per_unit, centre)
    assert best is not None  # a panel has at least one centre to try
    per_unit, centre = best
    longest = max((b.end for b in panel.bars if b.end and b.end > 0), default=0)
    if longest and per_unit * longest < 0.3 * (right - left) * (0.5 if panel.diverging else 1):
        raise FigureTextError(f"value labels leave the bars too little room: {[b.text for b in panel.bars]}")
    return per_unit, centre


def _draw_bar(canvas: Canvas, bar: Bar, y: float, per_unit: float, zero: float) -> None:
    ax = canvas.ax
    start = zero - (bar.value * per_unit if bar.side < 0 else bar.value * per_unit / 2 if bar.side == 0 else 0)
    if bar.behind:
        ax.add_patch(Rectangle((zero, y), bar.behind * per_unit, BAR_HEIGHT, color="#dddddd", lw=0))
    if bar.segments:
        x = zero
        for value, colour, hatch in bar.segments:
            ax.add_patch(
                Rectangle((x, y), value * per_unit, BAR_HEIGHT, facecolor=colour, hatch=hatch, edgecolor="white", lw=0.6)
            )
            x += value * per_unit
    elif bar.value:
        drawn = ax.add_patch(
            Rectangle(
                (start, y),
                bar.value * per_unit,
                BAR_HEIGHT,
                facecolor=bar.colour,
                hatch=bar.hatch,
                edgecolor="white" if bar.hatch else bar.colour,
                lw=0.6,
            )
        )
        drawn.set_gid(bar.gid)
    if bar.high is not None and bar.high == bar.high and bar.high > bar.value:
        ax.add_patch(
            Rectangle(
                (start + bar.value * per_unit, y),
                (bar.high - bar.value) * per_unit,
                BAR_HEIGHT,
                facecolor=bar.colour,
                alpha=0.35,
                lw=0,
            )
        )
    if bar.side < 0:
        value_label = canvas.text(start - VALUE_PAD, y + BAR_HEIGHT / 2, bar.text, va="center", ha="right")
    else:
        end = zero + (bar.end * per_unit if bar.side > 0 else bar.value * per_unit / 2)
        value_label = canvas.text(end + VALUE_PAD, y + BAR_HEIGHT / 2, bar.text, va="center", ha="left")
    value_label.set_gid(bar.gid and bar.gid + ":value")


def bar_panels(canvas: Canvas, panels: list[Panel], shared_scale: bool = False) -> None:
    """Draw the panels at the cursor: heading, then for each bar its wrapped label and the bar.
    With `shared_scale` every panel has the same inches per unit (one axis cut into groups)."""
    if shared_scale:  # one axis: one scale and, in diverging panels, one centre line for all
        merged = Panel([b for p in panels for b in p.bars], diverging=any(p.diverging for p in panels))
        scales = [_scale(canvas, merged, [canvas.measure(b.text) for b in merged.bars])] * len(panels)
    else:
        scales = [_scale(canvas, p, [canvas.measure(b.text) for b in p.bars]) for p in panels]
    groups = ["" if shared_scale else (p.scale_group or f"panel {k}") for k, p in enumerate(panels)]
    smallest = {g: min(s for (s, _), h in zip(scales, groups) if h == g) for g in groups}
    scales = [(smallest[g], zero) for (_, zero), g in zip(scales, groups)]
    for k, (panel, (per_unit, zero)) in enumerate(zip(panels, scales)):
        if k:
            canvas.y += 0.08
            canvas.ax.plot([canvas.left, canvas.right], [canvas.y, canvas.y], color="#bbbbbb", lw=0.8)
            canvas.y += 0.1
        canvas.block(panel.heading, HEADING_PT, "bold", after=0.06)
        if panel.diverging and any(panel.ends):
            canvas.text(canvas.left, canvas.y, panel.ends[0], color=MUTED_COLOUR, ha="left")
            canvas.text(canvas.right, canvas.y, panel.ends[1], color=MUTED_COLOUR, ha="right")
            canvas.y += canvas.line_height(TEXT_PT) + 0.04
        for bar in panel.bars:
            canvas.block(bar.label, TEXT_PT, after=0.03)
            _draw_bar(canvas, bar, canvas.y, per_unit, zero)
            if panel.diverging:  # the centre line, beside each bar (not through the labels)
                canvas.ax.plot([zero, zero], [canvas.y - 0.03, canvas.y + BAR_HEIGHT + 0.03], color="#555555", lw=0.9)
            canvas.y += BAR_HEIGHT + ROW_GAP
        canvas.y -= ROW_GAP - 0.04


def bar_chart(
    layout: Layout, title: str, subtitle: str, panels: list[Panel], note: str = "", shared_scale: bool = False
) -> plt.Figure:
    """A chart of labelled bars in one or more panels; `note` goes under the bars."""
    canvas = Canvas(layout)
    canvas.header(title, subtitle)
    bar_panels(canvas, [p for p in panels if p.bars], shared_scale)
    if note:
        canvas.y += 0.1
        canvas.block(note, TEXT_PT, color=MUTED_COLOUR, after=0)
    return canvas.finish()


def capped(count: int, total: int, what: str, how: str, how_zh: str = "数值最大") -> str:
    """'The 12 largest of 240 figures are drawn.' ('共240项，图中画出数值最大的12项。'), or '' when all are."""
    said = languages.pick(f"The {count} {how} of {total:,} {what} are drawn.", f"共{total}项，图中画出{how_zh}的{count}项。")
    return said if total > count else ""
