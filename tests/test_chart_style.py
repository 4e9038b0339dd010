"""The house colours keep 3:1 against the chart panel (WCAG 1.4.11, graphics), in light and dark mode
alike: the charts sit on a white panel in both, so a mark's colour is measured against that panel."""

from __future__ import annotations

import re

import pytest

from eastwest.charts import base, style, talent
from eastwest.charts.contrast import contrast
from eastwest.core.paths import ROOT

pytestmark = pytest.mark.fast

LEAST_CONTRAST = 3.0


HOUSE_COLOURS = {
    **{f"PALETTE[{i}]": c for i, c in enumerate(style.PALETTE)},
    **{f"THEME_COLOURS[{k}]": c for k, c in style.THEME_COLOURS.items()},
    **{f"STATUS_COLOURS[{k}]": c for k, c in style.STATUS_COLOURS.items()},
    **{f"RELATIONSHIP_COLOURS[{k}]": c for k, c in base.RELATIONSHIP_COLOURS.items()},
    **{f"DIRECTION_COLOUR[{k}]": c for k, c in talent.DIRECTION_COLOUR.items()},
}


def test_contrast_is_measured_as_wcag_measures_it():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#E69F00", "#ffffff") == pytest.approx(2.25, abs=0.01)


@pytest.mark.parametrize("name", sorted(HOUSE_COLOURS))
def test_every_house_colour_keeps_3_to_1_on_the_chart_panel(name):
    colour = HOUSE_COLOURS[name]
    ratio = contrast(colour, style.PANEL_COLOUR)
    assert ratio >= LEAST_CONTRAST, f"{name} {colour} is {ratio:.2f}:1 on the chart panel {style.PANEL_COLOUR}"


def test_the_palette_stays_distinct():
    assert len(set(style.PALETTE)) == len(style.PALETTE)
    assert len(set(style.STATUS_COLOURS.values())) == len(style.STATUS_COLOURS)


def test_the_pages_style_sheets_use_the_house_colours_not_the_ones_they_replace():
    """A highlight's underline is the charts' orange; the colours darkened for the panel are gone."""
    replaced = {"#E69F00", "#56B4E9", "#F0E442"}
    for sheet in sorted((ROOT / "_static").glob("*.css")):
        used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", sheet.read_text(encoding="utf-8"))}
        assert not used & replaced, f"{sheet.name} uses {sorted(used & replaced)}, replaced in eastwest/charts/style.py"


def test_a_heatmap_cell_takes_white_text_only_where_white_reads_at_4_5_to_1():
    from eastwest.charts.corpus import _white_reads_on

    assert not _white_reads_on("#3F8FC5") and not _white_reads_on("#539ECD")  # mid blues: dark text
    assert _white_reads_on("#08306B") and _white_reads_on("#2171B5")  # the darkest blues: white
