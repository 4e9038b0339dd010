"""On the built site: every indicator with achieved facts reaches a chapter's prose, lists or
charts — a glued number outside the collapsed tables, or a fact drawn by a chart the chapter
shows — and the Method page reports that coverage as the site has it."""

import re
from functools import cache

import pytest
from bs4 import BeautifulSoup

from eastwest.charts.base import read_chart_data
from eastwest.core.paths import PROJECT
from eastwest.dataset import load

pytestmark = pytest.mark.book

FIGURE = re.compile(r"_images/([a-z_]+?)(?:\.narrow)?\.svg")


@cache
def chapter_pages():
    pages = sorted((PROJECT.html / "chapters").glob("*.html"))
    if not pages:
        pytest.fail("the site is not built: run `make book` first (`make test` does)")
    return [BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in pages]


def facts_on_chapters() -> tuple[set[str], set[str]]:
    """Fact ids glued in the chapters outside collapsed blocks, and those drawn by their charts."""
    glued, drawn = set(), set()
    for soup in chapter_pages():
        charts = {m for tag in soup.find_all(["img", "source"]) for m in FIGURE.findall(str(tag))}
        for details in soup.find_all("details"):
            details.decompose()  # the collapsed "facts behind" tables do not count
        glued |= {a["data-fact"] for a in soup.select(".glued[data-fact]")}
        for name in charts:
            path = PROJECT.figures / f"{name}.csv"
            if path.exists():
                table = read_chart_data(path, dtype=str, keep_default_na=False)
                drawn |= set(table["fact_id"]) if "fact_id" in table else set()
    return glued, drawn


def test_every_indicator_with_results_reaches_a_chapter():
    facts = load.facts().set_index("fact_id", drop=False)
    glued, drawn = facts_on_chapters()
    assert glued and drawn, "no glued numbers or charts found on the chapter pages"
    reached = set(facts.loc[sorted((glued | drawn) & set(facts.index)), "indicator"])
    missing = sorted(set(facts.loc[facts.status == "achieved", "indicator"]) - reached)
    assert not missing, f"indicators with results in no chapter's prose or chart: {', '.join(missing)}"


def test_the_method_page_reports_the_coverage_the_site_has():
    soup = BeautifulSoup((PROJECT.html / "method.html").read_text(encoding="utf-8"), "html.parser")
    value = {s["data-calc"]: float(s["data-value"]) for s in soup.select(".glued[data-calc]")}
    facts = load.facts()
    with_results = set(facts.loc[facts.status == "achieved", "indicator"])
    assert value["cov-with-results"] == len(with_results)
    assert value["cov-told"] + value["cov-listed"] == len(with_results)
    assert "none is left to the collapsed tables alone" in soup.get_text()
