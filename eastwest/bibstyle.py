"""Sphinx extension: cite sources by their short keys ([src000]), the same keys the charts, fact
tables and source pages use, instead of author–year labels a reader cannot map to a chart.

pybtex looks each style and plugin up by scanning every installed package's entry points, some
fifty times a build (about a third of a second); the scan's answer cannot change during a build,
so it is remembered."""
from __future__ import annotations

from functools import lru_cache

import pybtex.plugin
from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle


class KeyLabelStyle(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield entry.key


class KeyStyle(UnsrtStyle):
    default_label_style = "eastwest-keys"
    default_sorting_style = "none"


def _remember_entry_points() -> None:
    scan = pybtex.plugin.entry_points
    if not hasattr(scan, "cache_info"):
        pybtex.plugin.entry_points = lru_cache(maxsize=None)(scan)


def setup(app):
    _remember_entry_points()
    register_plugin("pybtex.style.labels", "eastwest-keys", KeyLabelStyle)
    register_plugin("pybtex.style.formatting", "eastwest", KeyStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
