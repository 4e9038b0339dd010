"""The maps of who helps whom: positions read from the shipped boundary data (never typed), every
helping and receiving place drawn, nested pairings shown as such, the data's source and licence
named under the map, and the map light enough for a page."""

import importlib.metadata

import numpy as np
import pandas as pd
import pytest

from eastwest.charts import geography, maps, overview, style
from eastwest.charts.base import read_chart_data
from eastwest.dataset import load
from eastwest.dataset.attribution import nested_pairings

MAX_MAP_BYTES = 150_000


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    directory = tmp_path_factory.mktemp("maps")
    style.apply()
    chart = overview.pairing_map(load.pairings(), load.places(), load.sources(), directory)
    return directory, chart


@pytest.mark.fast
def test_the_boundary_data_is_the_locked_package_installed_offline():
    assert importlib.metadata.version(geography.BOUNDARY_PACKAGE) == geography.BOUNDARY_VERSION
    assert geography.BOUNDARY_VERSION in geography.BOUNDARY_CREDIT and "licence" in geography.BOUNDARY_CREDIT
    outlines = geography.province_outlines()
    assert len(outlines) >= 31 and all(len(ring) >= 4 for rings in outlines.values() for ring in rings)


@pytest.mark.fast
def test_each_place_is_drawn_inside_its_own_boundary():
    """A position is its polygon's centroid: it lies within the province the place belongs to (a
    typed or swapped coordinate would not), for every end of every pairing."""
    places, pairings = load.places(), load.pairings()
    ends = [*pairings.east, *pairings.west]
    positions = geography.place_positions(places, ends)
    outlines = geography.province_outlines()
    checked = 0
    for place_id in positions:  # a place the boundary data lacks is left off (next test)
        province = geography.province_of(places, place_id)
        if not province:  # its province is not among places.yml's provinces: nothing to check it by
            continue
        checked += 1
        rings = outlines[province]
        lon, lat = positions[place_id].lon, positions[place_id].lat
        inside = [r for r in rings if r[:, 0].min() <= lon <= r[:, 0].max() and r[:, 1].min() <= lat <= r[:, 1].max()]
        assert inside, f"{place_id} at {lon}, {lat} lies outside its province's outline"
    assert checked > 0


@pytest.mark.fast
def test_a_place_the_boundary_data_does_not_know_is_placed_by_what_it_lies_within_or_left_off():
    # an analyst's new article may name a place the boundary data lacks (a XPCC division's city): the
    # build goes on; the place takes the city it lies within, or is left off the map, which says so
    places = pd.DataFrame(
        [
            {
                "id": "suzhou",
                "name_zh": "苏州市",
                "name_en": "Suzhou",
                "level": "prefecture",
                "province": "Jiangsu",
                "parent": "",
                "within": "",
            },
            {
                "id": "inside",
                "name_zh": "无此区",
                "name_en": "Inside",
                "level": "county",
                "province": "Jiangsu",
                "parent": "",
                "within": "suzhou",
            },
            {
                "id": "nowhere",
                "name_zh": "无此县",
                "name_en": "Nowhere",
                "level": "county",
                "province": "Jiangsu",
                "parent": "",
                "within": "",
            },
        ]
    )
    positions = geography.place_positions(places, ["inside", "nowhere"])
    assert "nowhere" not in positions
    suzhou = geography.place_positions(places, ["suzhou"])["suzhou"]
    assert (positions["inside"].lon, positions["inside"].lat) == (suzhou.lon, suzhou.lat)


@pytest.mark.fast
def test_simplifying_keeps_an_outline_within_its_tolerance():
    angles = np.linspace(0, 2 * np.pi, 2000)
    ring = np.column_stack([np.cos(angles) * 5, np.sin(angles) * 5])
    simple = geography.simplify(ring, 0.05)
    assert 8 < len(simple) < 200
    radii = np.hypot(simple[:, 0], simple[:, 1])
    assert np.allclose(radii, 5)  # kept points are points of the outline


@pytest.mark.fast
def test_the_overview_map_draws_boundaries_every_pairing_and_its_data_source(drawn):
    directory, chart = drawn
    pairings, places = load.pairings(), load.places()
    nested = nested_pairings(places, pairings)
    for layout in style.LAYOUTS:
        svg = (directory / f"{chart.name}{layout.suffix}.svg").read_text(encoding="utf-8")
        assert len(svg.encode()) < MAX_MAP_BYTES, f"{chart.name}{layout.suffix}: {len(svg.encode()):,} bytes"
        assert svg.count("<path") > 40, "no boundaries drawn"
        assert geography.BOUNDARY_PACKAGE in svg and "MIT licence" in svg
        inner = [p for inners in nested.values() for p in inners]
        if inner:
            assert "within it:" in svg, "nested pairings are not shown as such"
    table = read_chart_data(directory / f"{chart.name}.csv")
    assert set(table["pairing"]) <= set(pairings.pairing_id)


@pytest.mark.fast
def test_a_pairing_page_map_lists_both_ends_with_their_positions(tmp_path):
    style.apply()
    pairings, places = load.pairings(), load.places()
    pairing_id = pairings.pairing_id.iloc[0]
    chart = maps.pairing_locator(pairing_id, pairings, places, tmp_path)
    table = read_chart_data(tmp_path / f"{chart.name}.csv")
    assert pairing_id in set(table["pairing_id"])
    assert table[["east_lon", "east_lat", "west_lon", "west_lat"]].notna().all().all()
    for layout in style.LAYOUTS:
        assert (tmp_path / f"{chart.name}{layout.suffix}.svg").stat().st_size < MAX_MAP_BYTES


def _boxes(placed: dict, line: float) -> dict:
    return {p: (left, top, right, top + line - 1e-9) for p, (left, top, _, right) in placed.items()}


@pytest.mark.fast
def test_labels_of_near_dots_stand_in_a_column_overlapping_nothing():
    """Three dots nearly on top of each other (a city and two of its counties) and three more
    further off: every dot gets its own label, no label overlaps another or covers a dot, and all
    stay within the space given."""
    dots = {
        "city": (3.56, 2.42),
        "county-a": (3.55, 2.37),
        "county-b": (3.58, 2.42),
        "west-city": (2.68, 2.72),
        "west-a": (2.67, 2.66),
        "west-b": (2.73, 2.74),
    }
    widths = {p: 0.4 + 0.1 * i for i, p in enumerate(dots)}
    line, bounds = 0.2, (0.12, 0.45, 4.63, 3.66)
    boxes = _boxes(maps.label_columns(dots, widths, line, bounds), line)
    assert set(boxes) == set(dots)
    names = list(boxes)
    for i, a in enumerate(names):
        box = boxes[a]
        assert bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3], a
        for b in names[i + 1 :]:
            assert not maps._boxes_overlap(box, boxes[b]), (a, b)
        for p, (x, y) in dots.items():
            r = maps.DOT_RADIUS
            assert not maps._boxes_overlap(box, (x - r, y - r, x + r, y + r)), (a, p)


@pytest.mark.fast
def test_a_pairing_page_map_names_each_place_by_its_own_name(tmp_path):
    """A county within a city is labelled by the county's name, not its city's: every end of the
    pairings the small map draws is named on it."""
    style.apply()
    pairings, places = load.pairings(), load.places()
    names = places.set_index("id")["name_en"]
    nested = nested_pairings(places, pairings)
    checked = 0
    for pairing_id in pairings.pairing_id:
        chart = maps.pairing_locator(pairing_id, pairings, places, tmp_path)
        table = read_chart_data(tmp_path / f"{chart.name}.csv")
        for layout in style.LAYOUTS:
            svg = (tmp_path / f"{chart.name}{layout.suffix}.svg").read_text(encoding="utf-8")
            for place in {*table["east"], *table["west"]}:
                assert f">{maps.wording.short_name(str(names[place]))}<" in svg, (pairing_id, place)
                checked += 1
        assert set(table.pairing_id) <= {pairing_id, *nested.get(pairing_id, [])}
    assert checked, "no map drawn: nothing checked"


@pytest.mark.fast
def test_the_outlines_kept_for_the_builds_other_processes_are_the_ones_read(tmp_path, monkeypatch):
    """Another process reads the outlines the first one kept in _build/.cache, and gets the same
    rings; a damaged cache file is read from the boundary data again, never trusted."""
    from eastwest.core.paths import ProjectPaths

    monkeypatch.setattr(geography, "PROJECT", ProjectPaths(tmp_path))
    geography.province_outlines.cache_clear()
    read = geography.province_outlines()
    [kept] = (tmp_path / "_build" / ".cache").glob("province-outlines-*.pickle")
    geography.province_outlines.cache_clear()
    again = geography.province_outlines()
    assert list(again) == list(read)
    assert all(np.array_equal(a, b) for name in read for a, b in zip(read[name], again[name], strict=True))
    kept.write_bytes(b"not a pickle")
    geography.province_outlines.cache_clear()
    assert list(geography.province_outlines()) == list(read)
    geography.province_outlines.cache_clear()
