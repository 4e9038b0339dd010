"""WCAG contrast between two colours (any form matplotlib reads: '#B07800', an RGBA tuple), for
choosing text on a filled cell and for the tests that hold the house colours to 3:1."""

from __future__ import annotations

from matplotlib.colors import to_rgb


def luminance(colour) -> float:
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b) -> float:
    light, dark = sorted([luminance(a), luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)
