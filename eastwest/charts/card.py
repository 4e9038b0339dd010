"""The site's card image (_static/og-card.png): what a chat app or social site shows beside a link
to a page that has no chart of its own (eastwest.sphinx_ext.published). 1,200 × 630 px, the size
Open Graph and Twitter cards expect; drawn with the house palette and written without metadata, so
its bytes depend only on the title (`python -m eastwest.charts.card` redraws it)."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from eastwest.charts.style import PALETTE
from eastwest.core.paths import PROJECT

CARD = PROJECT.root / "_static" / "og-card.png"
TITLE = "Pairing assistance in China's poverty campaign: what the articles report"
SUBTITLE = "East–West cooperation and counterpart assistance: every number linked to the sentence it came from"


def draw(title: str = TITLE, subtitle: str = SUBTITLE) -> bytes:
    with matplotlib.style.context("default"):  # whatever style the process set before (eastwest.charts.style.apply)
        return _draw(title, subtitle)


def _draw(title: str, subtitle: str) -> bytes:
    fig = plt.figure(figsize=(12, 6.3), dpi=100, facecolor="white")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 12)
    ax.set_ylim(0, 6.3)
    ax.axis("off")
    for i, colour in enumerate(PALETTE[:4]):  # a band of the house colours along the top
        ax.add_patch(plt.Rectangle((i * 3, 5.9), 3, 0.4, color=colour, linewidth=0))
    ax.text(0.7, 4.9, "\n".join(textwrap.wrap(title, 34)), fontsize=40, weight="bold", va="top", family="DejaVu Sans")
    ax.text(0.7, 1.3, "\n".join(textwrap.wrap(subtitle, 70)), fontsize=20, va="top", color="#333333", family="DejaVu Sans")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, facecolor="white", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def write(path: Path = CARD) -> Path:
    path.write_bytes(draw())
    return path


if __name__ == "__main__":
    print(write())
