"""Generated listings stay bounded however many sources the book has: past a cap, a fact table,
a chapter's list of fact sentences or a profile's indicator table shows the first facts and counts
the rest by source (a facts-behind list counts them all), each source linked to its page (where every one of its facts is highlighted and
anchored); the quality page has one row per source and the details move to the source pages;
page data is loaded only by the page that needs it. (The whole book at 5, 50 and 200 sources
is measured by `make bench`, step 9.)"""

import re
from types import SimpleNamespace

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from eastwest.analysis import stories
from eastwest.charts import profile as profile_chart
from eastwest.dataset import load
from eastwest.pages import narrative, profiles, quality_page, source_pages, tables
from eastwest.reader.links import fact_anchor, source_page
from eastwest.sphinx_ext import offline

pytestmark = pytest.mark.fast


def _many(facts: pd.DataFrame, copies: int) -> pd.DataFrame:
    """The dataset's facts repeated `copies` times under new ids (as more sources would add)."""
    frames = []
    for k in range(copies):
        frame = facts.copy()
        frame["fact_id"] = frame["fact_id"] + f"-copy{k}"
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _summary_counts(html: str, selector: str = "p.facts-more") -> dict[str, int]:
    more = BeautifulSoup(html, "html.parser").select_one(selector)
    assert more is not None, "no summary of the facts left out"
    counts = {}
    for link in more.select("a.source-link"):
        n = int(re.match(r"\s*\((\d+)\)", link.next_sibling).group(1))
        counts[link["data-source"]] = n
        assert link["href"].endswith(f"{source_page(link['data-source'])}.html")
    return counts


def test_a_long_fact_table_lists_its_first_rows_and_counts_the_rest_by_source():
    facts = _many(load.facts(), 2)
    html = tables.fact_table(facts)
    rows = BeautifulSoup(html, "html.parser").select("tbody tr")
    assert len(rows) == tables.MAX_TABLE_ROWS
    rest = facts.iloc[tables.MAX_TABLE_ROWS :]
    assert _summary_counts(html) == rest.groupby("source_id").size().to_dict()
    assert f"{len(rest)} more facts" in html


def test_a_long_facts_behind_list_counts_its_facts_by_source_and_links_the_explorer():
    """Past the cap a chart's facts are not listed (a page stays light: the method page's corpus
    charts each draw on most of the dataset): every one is counted by source, each source linked
    to its page where the fact is highlighted, and the fact explorer, which lists them all."""
    facts = _many(load.facts(), 3)
    assert len(facts) > tables.MAX_LISTED
    html = tables.facts_behind(facts, from_dir="")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("li")
    assert f"({len(facts)})" in soup.select_one("summary").get_text()
    assert _summary_counts(html) == facts.groupby("source_id").size().to_dict()
    assert soup.select_one("p.facts-more a[href='explore/index.html']") is not None
    at_cap = tables.facts_behind(facts.head(tables.MAX_LISTED))
    assert len(BeautifulSoup(at_cap, "html.parser").select("li")) == tables.MAX_LISTED and "facts-more" not in at_cap


def test_a_long_fact_list_tells_a_share_of_each_pairing_and_counts_the_rest_by_source():
    """The overview's lists of how the pairings are organised and of the places, at about 10,000 facts
    (the bench's 200 sources): at most MAX_LISTED sentences in all, every pairing still named with its
    first facts, and every other fact counted by source, each source linked to its page."""
    facts = _many(load.facts(), 40)
    for story in (stories.pairing_structure, stories.place_context):
        frame = story(facts)
        assert len(frame) > tables.MAX_LISTED
        html = narrative.fact_list(frame)
        bullets = BeautifulSoup(html, "html.parser").select("ul.fact-list > li")
        assert [li.strong.get_text() for li in bullets] == list(frame.programme_label.unique())
        told = 0
        for li, (_, group) in zip(bullets, frame.groupby("programme_label", sort=False)):
            said = [a["data-fact"] for a in li.select("a.glued[data-fact]")]
            assert said and said == list(group.fact_id.head(len(said))), "a pairing tells its first facts"
            rest = group.iloc[len(said) :]
            if len(rest):
                assert _summary_counts(str(li), ".facts-more") == rest.groupby("source_id").size().to_dict()
                assert f"{len(rest)} more facts" in li.get_text()
            told += len(said)
        assert told <= tables.MAX_LISTED
        assert len(html) < 150_000, "the list's weight does not grow with its facts"
    at_cap = stories.pairing_structure(facts).head(tables.MAX_LISTED)
    html = narrative.fact_list(at_cap)
    assert "facts-more" not in html and len(BeautifulSoup(html, "html.parser").select("a.glued")) == len(at_cap)


def test_short_listings_are_unchanged():
    facts = load.facts().head(20)
    for html in (tables.fact_table(facts), tables.facts_behind(facts)):
        assert "facts-more" not in html
    assert len(BeautifulSoup(tables.fact_table(facts), "html.parser").select("tbody tr")) == 20


def test_a_profile_indicator_table_is_bounded():
    facts, sources = load.facts(), load.sources()
    statuses = {}
    indicator = facts.groupby("indicator").size().idxmax()
    frame = _many(facts[facts.indicator == indicator], profiles.MAX_INDICATOR_ROWS + 5)
    html = profiles.indicator_table(frame, sources, statuses)
    assert len(BeautifulSoup(html, "html.parser").select("tbody tr")) == profiles.MAX_INDICATOR_ROWS
    assert sum(_summary_counts(html).values()) == len(frame) - profiles.MAX_INDICATOR_ROWS


def test_the_quality_page_has_one_row_per_source_and_the_details_are_on_the_source_pages():
    sources, facts, log = load.sources(), load.facts(), load.quality_log()
    html = quality_page.quality_page_markdown(sources, log, facts)
    rows = BeautifulSoup(html, "html.parser").select("table.quality-summary tbody tr")
    assert len(rows) == len(sources)
    for row, (_, source) in zip(rows, sources.iterrows()):
        link = row.select_one("a")
        assert link["href"] == f"{source_page(source['source_id'])}.html#cleaning"
        removed = int(row.select("td")[1].get_text(" ").split()[0])
        assert removed == len(log[source["source_id"]]["lines_removed"])
    sid = sources.source_id.iloc[0]
    page = source_pages.source_page_markdown(sources.iloc[0], facts[facts.source_id == sid], load.clean_text(sid), log[sid])
    listed = BeautifulSoup(page, "html.parser").select("table.quality tbody tr")
    assert len(listed) == len(log[sid]["lines_removed"]), "the source page lists every removed line"


def test_page_data_is_loaded_only_by_the_page_that_needs_it():
    script = SimpleNamespace(filename="_static/generated/explorer-data.js", attributes={})
    theme = SimpleNamespace(filename="_static/scripts/bootstrap.js", attributes={})
    context = {"script_files": [theme, script], "css_files": []}
    offline._drop_thebe(None, "method", "page.html", context, None)
    assert context["script_files"] == [theme]


def test_a_profile_chart_draws_at_most_its_cap_of_the_largest_figures(tmp_path):
    from eastwest.core.paths import PROJECT, ProjectPaths

    (tmp_path / "data").symlink_to(PROJECT.data)  # the project's data; the chart is drawn under tmp_path
    facts, sources, indicators = load.facts(), load.sources(), load.indicators()
    pairings = load.pairings().set_index("pairing_id", drop=False)
    counts = {p: len(profile_chart.chart_facts(facts[facts.programme == p])[0]) for p in pairings.index}
    pairing_id = max(counts, key=counts.get)
    own = _many(facts[facts.programme == pairing_id], profiles.MAX_BARS // max(1, counts[pairing_id]) + 2)
    own = profiles.in_report_order(own, sources, indicators)
    chosen, _ = profile_chart.chart_facts(own)
    assert len(chosen) > profiles.MAX_BARS
    section = profiles._chart_section(pairings.loc[pairing_id], own, ProjectPaths(tmp_path))
    listed = BeautifulSoup(section, "html.parser").select("details.facts-behind li")
    assert len(listed) == profiles.MAX_BARS
    drawn = {re.search(r"#fact-(.+)$", li.a["href"]).group(1) for li in listed}
    largest = chosen.sort_values(["value", "fact_id"], ascending=[False, True]).head(profiles.MAX_BARS)
    assert drawn == {fact_anchor(f).removeprefix("fact-") for f in largest.fact_id}
    assert f"the {profiles.MAX_BARS} largest of the {len(chosen)} figures" in section


def test_page_data_is_never_a_site_wide_script():
    config = SimpleNamespace(html_js_files=[("explorer.js", {}), ("generated/explorer-data.js", {}), "other.js"])
    offline._no_site_wide_page_data(None, config)
    assert config.html_js_files == [("explorer.js", {}), "other.js"]
