"""Which panel a figure is drawn in, and how a headline count of one reads."""

import pandas as pd
import pytest

from eastwest.charts.base import PANEL_HEADINGS, panel_kinds, panel_of
from eastwest.reader.wording import what_text

pytestmark = pytest.mark.fast


@pytest.mark.parametrize(
    ("scope", "period", "panel"),
    [
        ("period_total", "2023-01/2023-10", "year"),  # 今年以来 in an October report: part of one year
        ("cumulative", "2023-01/2023-09", "year"),
        ("period_total", "2018/2020", "several"),
        ("cumulative", "2017-03/2021-02", "several"),
        ("cumulative", "/2021-02", "several"),  # start not stated: not known to lie within one year
        ("annual", "2019", "year"),
        ("event", "2019-05-12", "date"),
        ("stock", "2020-12", "date"),
        ("unknown_scope", "", "other"),
    ],
)
def test_a_figure_is_drawn_in_the_panel_of_its_span(scope, period, panel):
    assert panel_of(scope, period) == panel
    assert panel in PANEL_HEADINGS


def test_panel_kinds_follow_each_row():
    table = pd.DataFrame({"scope": ["period_total", "cumulative"], "period": ["2023-01/2023-10", "2017/2020"]}, index=[5, 9])
    assert panel_kinds(table).to_dict() == {5: "year", 9: "several"}


@pytest.mark.parametrize(
    ("value", "qualifier", "noun"),
    [(1, "exact", "professional sent"), (3, "exact", "professionals sent"), (1, "over", "professionals sent")],
)
def test_a_count_of_one_takes_the_singular(value, qualifier, noun):
    row = {"indicator": "professionals_sent_west", "unit": "person", "value": value, "qualifier": qualifier, "breakdown": ""}
    assert what_text(row, "A", "B").startswith(noun)


def test_panels_on_one_scale_share_their_centre_line():
    """'All bars are on one scale' (SHARED_NOTE): diverging panels drawn with a shared scale have one
    zero line, wherever each panel's own bars would have put it."""
    from matplotlib.lines import Line2D

    from eastwest.charts import style

    style.apply()
    right = style.Panel(
        [style.Bar("Mostly east to west", 90, "90 people", side=1), style.Bar("few", 5, "5", side=-1)], diverging=True
    )
    left = style.Panel(
        [style.Bar("Mostly west to east", 80, "80 people", side=-1), style.Bar("few", 4, "4", side=1)], diverging=True
    )
    for layout in style.LAYOUTS:
        fig = style.bar_chart(layout, "Title", "", [right, left], shared_scale=True)
        centres = {
            round(float(line.get_xdata()[0]), 6)
            for line in fig.axes[0].get_lines()
            if isinstance(line, Line2D) and line.get_xdata()[0] == line.get_xdata()[1] and line.get_color() == "#555555"
        }
        assert len(centres) == 1, f"{layout.name}: zero lines at {sorted(centres)}"
