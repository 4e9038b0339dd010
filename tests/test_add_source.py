"""Adding a source end to end, on a copy of the project: the fixture in tests/fixtures/add_source/
(a report on a Cangshan → Lintao pairing written for the tests, not a real article) goes through
the steps of README.md "How to add a source", and the build must keep every existing fact as it
was while adding the new source's facts, pairing and indicator counts."""

import csv
import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from add_source import add_fixture_source, copy_project, fixture_annotations
from bs4 import BeautifulSoup

from eastwest.charts.base import read_chart_data
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.dataset import builder
from eastwest.pages import generate

PLANNED = "005-processing-line-planned-funds"
QUALIFIED = "005-workers-placed-fujian"  # 1800余人


def _rows_by_fact_id(path) -> tuple[str, dict[str, str]]:
    """The header line and each data line of a facts.csv, keyed by fact_id, exactly as written."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    records = list(csv.reader(io.StringIO(text)))
    assert len(records) == len(lines), f"{path}: a field spans lines; compare records instead"
    assert records[0][0] == "fact_id"
    return lines[0], {record[0]: line for record, line in zip(records[1:], lines[1:])}


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """A copy of the project with the fixture source added, its data and pages built."""
    root = copy_project(tmp_path_factory.mktemp("add-source") / "project")
    paths = ProjectPaths(root)
    source_id = add_fixture_source(root)
    report = builder.build(paths)
    generate.write_pages(paths)
    return root, paths, source_id, report


@pytest.mark.slow
def test_adding_a_source_changes_no_existing_fact_and_builds_its_data(added):
    root, paths, source_id, report = added

    # The new source's facts are all in facts.csv, planned kept apart from achieved, qualifier kept.
    expected = fixture_annotations()["facts"]
    built = pd.read_csv(paths.facts_csv, dtype=str, keep_default_na=False)
    new = built[built.source_id == source_id].set_index("fact_id")
    assert set(new.index) == {f["id"] for f in expected}
    planned = new.loc[PLANNED]
    assert planned["status"] == "planned"
    assert "planned" in planned["flags"].split(";")
    assert (float(planned["value"]), planned["unit"]) == (8_000_000, "yuan")
    qualified = new.loc[QUALIFIED]
    assert (qualified["number_text"], float(qualified["value"]), qualified["qualifier"]) == ("1800余人", 1800, "over")
    assert (qualified["east"], qualified["west"]) == ("cangshan", "lintao")
    assert new.loc["005-fiscal-aid-funds", "status"] == "achieved"
    assert float(new.loc["005-fiscal-aid-funds", "value"]) == 32_000_000

    # Every fact that was there before is there still, its row byte for byte the same.
    header, before = _rows_by_fact_id(PROJECT.facts_csv)
    new_header, after = _rows_by_fact_id(paths.facts_csv)
    assert new_header == header
    changed = sorted(fid for fid, line in before.items() if after.get(fid) != line)
    assert not changed, f"existing fact rows changed or lost by adding a source: {changed}"
    assert set(after) - set(before) == set(new.index)

    # The new pairing, with its dated start sentence from the new source.
    pairings = pd.read_csv(paths.pairings_csv, dtype=str, keep_default_na=False).set_index("pairing_id")
    assert "cangshan-lintao" in pairings.index
    pairing = pairings.loc["cangshan-lintao"]
    assert (pairing["east"], pairing["west"], pairing["relationship"]) == ("cangshan", "lintao", "east_west_cooperation")
    assert (pairing["start_date"], pairing["start_source"]) == ("2016-10", source_id)

    # The build report counts the new facts under their indicators, on top of what was there.
    original = json.loads(PROJECT.build_report.read_text(encoding="utf-8"))["facts_by_indicator"]
    added = Counter(f["indicator"] for f in expected)
    for indicator in set(original) | set(added):
        assert report["facts_by_indicator"].get(indicator, 0) == original.get(indicator, 0) + added[indicator], indicator
    for indicator in (
        "fiscal_aid_funds",
        "aid_projects",
        "cadres_seconded_west",
        "professionals_sent_west",
        "workers_placed_east",
        "products_sold",
    ):
        assert added[indicator] >= 1, indicator

    # Its source page, with every fact anchored.
    page = (paths.source_pages / f"src-{source_id}.md").read_text(encoding="utf-8")
    assert all(f'id="fact-{f["id"]}"' in page for f in expected)

    # Its pairing profile page (eastwest.pages.profiles, written by pages.write_pages).
    assert (root / "pairings" / "cangshan-lintao.md").exists()


# --- The book: the new source flows into pages, charts and captions with no code change -----------

# The charts that draw the fixture's indicators (aid totals, people moving, sales).
CHARTS_FOR_FIXTURE = ["industry_aid_funds", "talent_flows", "consumption_sales", "labour_jobs"]


def _glued_fact_values(html_dir: Path) -> dict[tuple[str, str], str]:
    """Every glued fact number on every chapter page: (page, fact id) -> data-value."""
    values = {}
    for page in sorted((html_dir / "chapters").glob("*.html")):
        for span in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("[data-fact]"):
            values[(page.name, span["data-fact"])] = span["data-value"]
    return values


@pytest.fixture(scope="module")
def added_book(added):
    """The same copy built into a site, with the copy's own package (PYTHONPATH) in every kernel."""
    root, paths, source_id, _ = added
    env = dict(os.environ, PYTHONPATH=str(root))
    book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [str(book), "build", "-W", "-n", "--keep-going", str(root)], env=env, capture_output=True, text=True, timeout=1200
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    return root, paths, source_id


@pytest.mark.slow
def test_the_new_source_flows_into_charts_captions_and_a_pairing_page(added_book):
    root, _paths, source_id = added_book
    html = root / "_build" / "html"
    assert (html / "pairings" / "cangshan-lintao.html").exists()
    profile = (html / "pairings" / "cangshan-lintao.html").read_text(encoding="utf-8")
    assert "fact-005-fiscal-aid-funds" in profile and f"src-{source_id}" in profile

    captions = {}
    for page in sorted((html / "chapters").glob("*.html")):
        for figure in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("figure"):
            name = Path(figure.find("img")["src"]).stem
            captions[name] = {a["data-source"] for a in figure.select("figcaption a.source-link")}
    for name in CHARTS_FOR_FIXTURE:
        drawn = read_chart_data(root / "figures" / f"{name}.csv", dtype=str, keep_default_na=False)
        assert source_id in set(drawn.source_id), f"{name} does not draw the new source's facts"
        assert source_id in captions[name], f"the caption of {name} does not cite the new source"
    for name, cited in captions.items():  # and no caption cites it without drawing it
        data = root / "figures" / f"{name}.csv"
        if data.exists():
            assert cited == set(read_chart_data(data, dtype=str).source_id), name


@pytest.mark.slow
def test_the_new_pairing_joins_the_landing_page_summary(added_book):
    """What Cangshan reports it did (achieved totals: aid, cadres, teachers and doctors, workers
    placed, sales) is a row of the landing page's table; its planned aid is not."""
    root, _, source_id = added_book
    page = BeautifulSoup((root / "_build" / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = {tr.th.get_text(" ", strip=True): tr for tr in page.select("table.programme-summary tbody tr")}
    row = next((tr for name, tr in rows.items() if name.startswith("Cangshan → Lintao")), None)
    assert row is not None, f"no row for the new pairing: {sorted(rows)}"
    shown = {a["data-fact"] for a in row.select("a.fact-link")}
    assert {
        "005-fiscal-aid-funds",
        "005-cadres-seconded",
        "005-teachers-sent",
        "005-doctors-sent",
        QUALIFIED,
        "005-products-sold",
    } <= shown
    assert PLANNED not in shown
    assert "over 1,800" in row.get_text(" ")
    sources = page.find(string=lambda t: t and "Sources:" in t).find_parent("p")
    assert source_id in {a["data-source"] for a in sources.select("a.source-link")}


@pytest.mark.book
def test_adding_a_source_changes_no_number_already_in_the_book(added_book):
    root, _, _source_id = added_book
    if not (PROJECT.html / "chapters").exists():
        pytest.fail("the project's own site is not built: run `make book` first (`make test` does)")
    before = _glued_fact_values(PROJECT.html)
    after = _glued_fact_values(root / "_build" / "html")
    assert before, "no glued numbers found in the project's own site"
    assert {k: v for k, v in after.items() if k in before} == before
    for name in CHARTS_FOR_FIXTURE:
        old = read_chart_data(PROJECT.figures / f"{name}.csv", dtype=str, keep_default_na=False).set_index("fact_id")
        new = read_chart_data(root / "figures" / f"{name}.csv", dtype=str, keep_default_na=False).set_index("fact_id")
        pd.testing.assert_frame_equal(
            new.loc[old.index, ["value", "qualifier", "status", "period"]], old[["value", "qualifier", "status", "period"]]
        )
