"""Sphinx extension: cite sources by the names readers meet everywhere else in the book, outlet and
date ([Litchi News 2021-02-27], as chart captions and fact tables name them; the bibliography's
`shortname` field, written by eastwest.reader.links), not by an internal key or an author–year label a
reader cannot map to a chart. An entry without that field is cited by its key.

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
            yield entry.fields.get("shortname") or entry.key


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
