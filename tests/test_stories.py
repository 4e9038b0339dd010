"""The sections that tell what the sources report by kind (eastwest.analysis.stories), the lists
that tell them (eastwest.pages.narrative) and the coverage rule that every kind of result reaches
a chapter (eastwest.pages.coverage). Facts are chosen by attributes here too, never by id."""

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from eastwest.analysis import stories
from eastwest.dataset import load
from eastwest.pages import coverage, narrative
from eastwest.reader import wording

pytestmark = pytest.mark.fast


@pytest.fixture(scope="module")
def facts():
    return load.facts()


@pytest.fixture(scope="module")
def vocabulary():
    return load.indicators()


def test_social_money_draws_only_results_in_yuan_that_are_not_parts(facts):
    money = stories.social_money(facts)
    assert len(money), "the dataset has social-help money: the chart would be empty"
    assert set(money.theme) == {"social"} and set(money.status) == {"achieved"} and set(money.unit) == {"yuan"}
    assert not money.flag_list.map(lambda flags: "part_of_total" in flags).any()
    assert money.value.notna().all()


def test_every_poverty_exit_figure_is_told_and_forecasts_stay_apart(facts):
    exits = stories.poverty_exits(facts)
    assert set(exits.fact_id) == set(facts.loc[facts.comparability == "poverty_exit", "fact_id"])
    results, forecasts = stories.achieved_first(exits)
    assert set(results.status) == {"achieved"} and "achieved" not in set(forecasts.status)


def test_progress_is_a_stage_of_a_component_its_source_also_gives(facts):
    table = stories.progress(facts)
    assert len(table), "no source in the dataset reports progress on its projects"
    for row in table.itertuples():
        parent = facts.set_index("fact_id").loc[row.parent_fact_id]
        assert row.breakdown.startswith(parent.breakdown + ": ")
        assert (parent.source_id, parent.programme, parent.indicator) == (row.source_id, row.programme, row.indicator)
        assert row.scope in stories.PROGRESS_SCOPES


def test_a_stage_without_its_component_is_not_progress(facts):
    staged = stories.progress(facts)
    orphan = facts[facts.fact_id == staged.fact_id.iloc[0]].assign(fact_id="zz-orphan", breakdown="no such part: completed")
    assert "zz-orphan" not in set(stories.progress(pd.concat([facts, orphan])).fact_id)


def test_largest_pledge_is_the_largest_signed_investment_result(facts):
    pledged = facts[(facts.indicator == "investment_pledged") & (facts.status == "achieved")]
    assert stories.largest_pledge(facts).value.iloc[0] == pledged.value.max()
    bigger = pledged.head(1).assign(fact_id="zz-bigger", value=pledged.value.max() * 2)
    assert stories.largest_pledge(pd.concat([facts, bigger])).fact_id.iloc[0] == "zz-bigger"


def test_a_fact_list_links_every_number_and_marks_plans(facts):
    frame = stories.consumption_channels(facts)
    soup = BeautifulSoup(narrative.fact_list(frame), "html.parser")
    links = soup.select("a.glued[data-fact]")
    assert [a["data-fact"] for a in links] == list(frame.fact_id)
    for a, (_, row) in zip(links, frame.iterrows()):
        assert a.get_text() == wording.value_text(row, with_unit=False)
    planned = frame[frame.status == "planned"]
    assert len(planned) and soup.get_text().count(", planned") >= len(planned)
    assert len(soup.select("ul.fact-list > li")) == frame.programme_label.nunique()
    # a pairing with more than INLINE_FACTS facts lists them one a line, never as one run-on sentence
    for item in soup.select("ul.fact-list > li"):
        nested = item.select("ul.fact-list-facts > li")
        facts_here = len(item.select("a.glued[data-fact]"))
        assert len(nested) == (facts_here if facts_here > narrative.INLINE_FACTS else 0)


def test_an_empty_fact_list_says_so():
    assert "no figure" in narrative.fact_list(pd.DataFrame(columns=["programme_label"]))


def test_every_kind_of_result_reaches_a_chapter(facts, vocabulary):
    counts = coverage.summary(facts, vocabulary)
    assert counts["neither"] == 0
    assert counts["told"] + counts["listed"] == counts["with_results"] > 0


def test_a_new_kind_of_result_is_listed_in_its_theme_chapter(facts, vocabulary):
    """An indicator no section discusses reaches its chapter's list of other figures."""
    one = facts[(facts.theme == "labour") & (facts.status == "achieved")].head(1)
    new = one.assign(fact_id="zz-new-kind", indicator="zz_new_indicator")
    grown = pd.concat([facts, new], ignore_index=True)
    assert "zz-new-kind" in set(coverage.untold(grown, "labour", vocabulary).fact_id)
    before, after = coverage.summary(facts, vocabulary), coverage.summary(grown, vocabulary)
    assert after["listed"] == before["listed"] + 1 and after["with_results"] == before["with_results"] + 1


def test_a_kind_glued_in_prose_is_not_listed_again(facts, vocabulary, tmp_path):
    """Naming a fact in a chapter's prose takes its indicator off the list of other figures."""
    leftover = coverage.untold(facts, "talent", vocabulary)
    assert len(leftover), "talent has figures no section discusses: pick another theme for this test"
    fact_id = leftover.fact_id.iloc[0]
    for path in sorted((coverage.PROJECT.chapters).glob("*.ipynb")):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    notebook = tmp_path / "02_talent.ipynb"
    text = notebook.read_text(encoding="utf-8").replace(
        "## Other figures the sources give", f"## Other figures {{glue}}`{fact_id}`", 1
    )
    notebook.write_text(text, encoding="utf-8")
    indicator = leftover.indicator.iloc[0]
    assert indicator not in set(coverage.untold(facts, "talent", vocabulary, tmp_path).indicator)


def test_place_background_names_a_place_and_the_rest_is_listed_apart(facts):
    context = facts[(facts.theme == "context") & (facts.status == "achieved")]
    places, placeless = stories.place_context(facts), stories.placeless_context(facts)
    assert len(places) and (places.east.fillna("").ne("") | places.west.fillna("").ne("")).all()
    assert (placeless.east.fillna("").eq("") & placeless.west.fillna("").eq("")).all()
    assert set(places.fact_id) | set(placeless.fact_id) == set(context.fact_id)
    assert not set(places.fact_id) & set(placeless.fact_id)


def test_a_group_figure_counts_each_member_pairing_once_and_background_none():
    frame = pd.DataFrame({"programme": ["a-b", "a-b+a-c", "", "d-e"]})
    assert stories.pairings_reported(frame) == 3
    assert stories.pairings_reported(frame.iloc[[2]]) == 0
