"""Figures: every chart the chapters show is redrawn here; bytes must equal the committed files
(reproducible builds) and no glyph may be missing from the font."""
import re
import warnings

import nbformat
import pytest

from eastwest import charts
from eastwest.paths import PROJECT


@pytest.fixture(scope="module")
def redrawn(tmp_path_factory):
    directory = tmp_path_factory.mktemp("figures")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")  # a tofu box fails the test
        drawn = charts.draw_all(directory)
    return directory, drawn


def test_every_chart_the_chapters_show_is_drawn(redrawn):
    _, drawn = redrawn
    shown = set()
    for path in PROJECT.chapters.glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            shown |= set(re.findall(r"\{figure\} \.\./figures/([a-z0-9_]+)\.svg", cell.source))
    assert shown == {c.name for c in drawn}


def test_redrawn_figures_match_the_committed_bytes(redrawn):
    directory, drawn = redrawn
    for chart in drawn:
        for suffix in (".svg", ".png", ".csv"):
            if suffix == ".csv" and not (directory / f"{chart.name}.csv").exists():
                continue
            fresh = (directory / f"{chart.name}{suffix}").read_bytes()
            assert fresh == (PROJECT.figures / f"{chart.name}{suffix}").read_bytes(), f"{chart.name}{suffix} is not reproducible"


def test_no_figure_is_left_over_from_an_old_chart(redrawn):
    _, drawn = redrawn
    names = {c.name for c in drawn}
    on_disk = {p.stem for p in PROJECT.figures.glob("*.*")}
    assert on_disk == names


def test_charts_name_the_facts_they_draw(redrawn):
    _, drawn = redrawn
    for chart in drawn:
        if chart.name != "overview_timeline":  # the timeline draws source dates, not facts
            assert len(chart.facts) > 0 and "fact_id" in chart.facts, chart.name
