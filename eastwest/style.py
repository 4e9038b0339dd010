"""The house plotting style and deterministic figure saving.

Okabe–Ito colours (colour-blind safe), English labels, opaque white background (readable in
dark mode), fixed size and fonts, and SVG/PNG files whose bytes depend only on the data.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from .formats import human  # noqa: E402,F401 (style.human, as chapters call it)
from .paths import FIGURES_DIR  # noqa: E402

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
THEME_COLOURS = {
    "industry": "#0072B2", "talent": "#E69F00", "labour": "#009E73", "consumption": "#D55E00",
    "pairing": "#CC79A7", "social": "#56B4E9", "outcome": "#000000", "context": "#999999",
}
STATUS_COLOURS = {"achieved": "#0072B2", "planned": "#E69F00", "expected": "#D55E00", "target": "#CC79A7", "quota": "#009E73"}
DPI = 110


def apply() -> None:
    """Set the house style; call once at the top of every chapter."""
    plt.rcdefaults()
    plt.rcParams.update({
        "figure.figsize": (7.5, 4.2),
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "figure.facecolor": "white",
        "axes.facecolor": "white",
        "savefig.facecolor": "white",
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        "axes.grid": True,
        "grid.color": "#dddddd",
        "grid.linewidth": 0.6,
        "legend.frameon": False,
        "svg.hashsalt": "eastwest",
        "svg.fonttype": "path",
        "path.simplify": True,
    })


def save(fig: plt.Figure, name: str, directory: Path = FIGURES_DIR) -> Path:
    """Write figures/<name>.svg and .png with no timestamps, then close the figure."""
    directory.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    svg = directory / f"{name}.svg"
    png = directory / f"{name}.png"
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    fig.savefig(png, format="png", metadata={"Software": None})
    plt.close(fig)
    return png
