"""Fitting a label to its room when a name is long (a real county name such as Jishishan Bonan,
Dongxiang and Salar Autonomous County, or one written as a single long word): `word_pieces`
breaks a word wider than its line so a wrapped label never runs off the figure; `fit_line`
shortens a label that cannot wrap (a dot's name on a map) with '…'. The full name stays on the
page, in the mark's box and in the chart's table. Widths come from the caller's `measure`
(eastwest.charts.style.Canvas.measure, inches)."""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], float]


def word_pieces(word: str, width: float, measure: Measure) -> list[str]:
    """`word` as pieces that each fit `width`: itself when it fits; else split where it was joined
    by non-breaking spaces, and a piece still too wide broken between letters with a hyphen."""
    if measure(word) <= width:
        return [word]
    if "\xa0" in word:
        return [piece for part in word.split("\xa0") for piece in word_pieces(part, width, measure)]
    pieces, current = [], ""
    for char in word:
        if current and measure(current + char + "-") > width:
            pieces.append(current + "-")
            current = ""
        current += char
    return [*pieces, current]


def fit_line(text: str, width: float, measure: Measure) -> str:
    """`text` on one line of at most `width`: as it is when it fits, else cut after the last whole
    word that fits (or between letters) and ended with '…'."""
    if measure(text) <= width:
        return text
    cut = text
    while cut and measure(cut + "…") > width:
        cut = cut[:-1]
    if " " in cut.strip() and not text.startswith(cut + " "):
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;–-") + "…"
