"""The landing page's summary of what each pairing reports it did (eastwest.analysis.headline): the rules
that pick one figure per pairing and indicator, checked on made-up facts so that each can fail,
and on the dataset."""

import pandas as pd
import pytest

from eastwest.analysis import comparisons, headline
from eastwest.dataset import load
from eastwest.pages import landing
from eastwest.reader import wording

pytestmark = pytest.mark.fast


@pytest.fixture(scope="module")
def facts():
    return load.facts()


def made_up(template: pd.Series, fact_id: str, **changes) -> pd.Series:
    row = template.copy()
    row["fact_id"] = fact_id
    for key, value in changes.items():
        row[key] = value
    if "flags" in changes:
        row["flag_list"] = [f for f in changes["flags"].split(";") if f]
    return row


def pairing_facts(*rows) -> pd.DataFrame:
    """Made-up facts, all of one made-up pairing."""
    frame = pd.DataFrame(list(rows))
    return frame.assign(programme="made-up-pair", programme_label="Made → Up")


def test_a_running_total_is_preferred_to_a_later_one_year_figure(facts):
    t = facts[facts.indicator == "fiscal_aid_funds"].iloc[0]
    frame = pairing_facts(
        made_up(
            t, "x-cumulative", scope="cumulative", period="2017-03/2019-03", breakdown="", flags="", status="achieved", value=5e6
        ),
        made_up(t, "x-annual", scope="annual", period="2020", breakdown="", flags="", status="achieved", value=9e6),
        made_up(
            t,
            "x-later-cumulative",
            scope="cumulative",
            period="2017-03/2020-12",
            breakdown="",
            flags="",
            status="achieved",
            value=7e6,
        ),
    )
    assert list(headline.headline_facts(frame).fact_id) == ["x-later-cumulative"]
    only_years = frame[frame.scope != "cumulative"]
    assert list(headline.headline_facts(only_years).fact_id) == ["x-annual"]


def test_plans_quotas_events_and_components_are_left_out(facts):
    t = facts[facts.indicator == "fiscal_aid_funds"].iloc[0]
    frame = pairing_facts(
        made_up(t, "x-planned", status="planned", scope="cumulative", period="2017/2020", breakdown="", flags="planned"),
        made_up(t, "x-event", status="achieved", scope="event", period="2018-07", breakdown="", flags=""),
        made_up(t, "x-part", status="achieved", scope="annual", period="2018", breakdown="housing", flags="part_of_total"),
    )
    assert headline.headline_facts(frame).empty  # one facility's funds are not a pairing's aid
    total = made_up(t, "x-total", status="achieved", scope="annual", period="2017", breakdown="", flags="")
    frame = pd.concat([frame, pairing_facts(total)])
    assert list(headline.headline_facts(frame).fact_id) == ["x-total"]


def test_a_component_stands_only_where_its_source_gives_no_total_of_its_indicator(facts):
    """33 trainees who started a business (part of the 186 trained) is its source's only figure of
    people helped into business, and stands; a part of a jobs total the source also gives does not."""
    t = facts[facts.indicator == "local_employment"].iloc[0]
    part = made_up(
        t,
        "x-part",
        status="achieved",
        scope="cumulative",
        period="2017/2019",
        breakdown="",
        flags="part_of_total",
        source_id="made-up-source",
    )
    assert list(headline.headline_facts(pairing_facts(part)).fact_id) == ["x-part"]
    whole = made_up(
        t,
        "x-whole",
        status="achieved",
        scope="cumulative",
        period="2017/2018",
        breakdown="",
        flags="",
        source_id="made-up-source",
    )
    assert list(headline.headline_facts(pairing_facts(part, whole)).fact_id) == ["x-whole"]
    elsewhere = made_up(whole, "x-elsewhere", source_id="another-made-up-source")
    assert "x-part" in set(headline.headline_facts(pairing_facts(part, elsewhere)).fact_id)


def test_one_group_of_people_sent_stands_only_where_there_is_no_total(facts):
    t = facts[facts.indicator == "professionals_sent_west"].iloc[0]
    group = made_up(
        t, "x-group", breakdown="teachers", status="achieved", scope="event", period="2017-09", flags="period_inferred"
    )
    chosen = headline.headline_facts(pairing_facts(group))
    assert list(chosen.fact_id) == ["x-group"]
    assert wording.when_text(chosen.iloc[0]) == "2017-09 (date estimated), one group"
    total = made_up(t, "x-total", breakdown="doctors", status="achieved", scope="cumulative", period="2017/2019", flags="")
    assert list(headline.headline_facts(pairing_facts(group, total)).fact_id) == ["x-total"]


def test_people_in_post_at_a_date_stand_only_where_there_is_no_total(facts):
    t = facts[facts.indicator == "cadres_seconded_west"].iloc[0]
    in_post = made_up(t, "x-in-post", breakdown="", status="achieved", scope="stock", period="2023-10", flags="")
    chosen = headline.headline_facts(pairing_facts(in_post))
    assert list(chosen.fact_id) == ["x-in-post"]
    assert wording.when_text(chosen.iloc[0]) == "2023-10, in post"
    total = made_up(t, "x-total", breakdown="", status="achieved", scope="cumulative", period="2017/2023", flags="")
    assert list(headline.headline_facts(pairing_facts(in_post, total)).fact_id) == ["x-total"]


def test_counts_by_kind_stand_only_where_there_is_no_total(facts):
    t = facts[facts.indicator == "professionals_sent_west"].iloc[0]
    kinds = [
        made_up(t, f"x-{kind}", breakdown=kind, status="achieved", scope="cumulative", period="2017/2020", flags="")
        for kind in ("teachers", "doctors")
    ]
    frame = pairing_facts(*kinds)
    assert sorted(headline.headline_facts(frame).fact_id) == ["x-doctors", "x-teachers"]
    total = made_up(t, "x-all", breakdown="", status="achieved", scope="cumulative", period="2017/2019", flags="")
    assert list(headline.headline_facts(pairing_facts(*kinds, total)).fact_id) == ["x-all"]


def test_the_dataset_summary_keeps_qualifiers_status_and_marked_periods(facts):
    chosen = headline.headline_facts(facts)
    assert len(chosen) and set(chosen.status) == {"achieved"} and set(chosen.scope) <= set(headline.SHOWN_SCOPES)
    groups = chosen[~chosen.scope.isin(comparisons.WHOLE_SCOPES)]
    assert set(groups.question) <= headline.ONE_GROUP_QUESTIONS
    assert not chosen.duplicated(["programme", "indicator", "breakdown"]).any()
    table = landing.summary_table(facts, load.pairings())
    for _, row in chosen.iterrows():
        assert wording.when_text(row) in table, row.fact_id
        if row.qualifier == "over":
            assert f">over {row.value:,.0f}<" in table or "over ¥" in table, row.fact_id
    inferred = chosen[chosen.flag_list.map(lambda f: "period_inferred" in f)]
    assert all("estimated" in wording.when_text(r) and not wording.when_text(r).startswith("c. ") for _, r in inferred.iterrows())
    assert "planned" not in table and "expected" not in table


def test_what_each_indicator_says_is_defined_for_every_headline_indicator():
    vocabulary = load.indicators().set_index("indicator")
    assert set(wording.WHAT) == set(headline.HEADLINE_INDICATORS)
    assert set(headline.HEADLINE_INDICATORS) <= set(vocabulary.index)
    for indicator in headline.HEADLINE_INDICATORS:  # a count of people reads from its noun
        if vocabulary.loc[indicator, "unit"] in wording.NAMED_BY_NOUN:
            assert not wording.WHAT[indicator].startswith("of "), indicator
        else:
            assert wording.WHAT[indicator].startswith("of "), indicator


def test_every_pairing_is_in_the_table_or_in_the_sentence_under_it(facts):
    pairings = load.pairings()
    shown = set(headline.headline_facts(facts).programme)
    sentence = landing.unreported_sentence(facts, pairings)
    for _, p in pairings.iterrows():
        assert p["pairing_id"] in shown or p["label"] in sentence, f"{p['label']} is neither in the table nor said to be missing"
    # pairings with no figure at all: none of their own and none reported with other pairings (shown_on)
    shown_on = {pid for s in facts.shown_on for pid in s.split(";") if pid}
    without_facts = [p["label"] for _, p in pairings.iterrows() if p["pairing_id"] not in set(facts.programme) | shown_on]
    assert all(label in sentence.split("no figure at all for", 1)[-1] for label in without_facts)


def test_a_figure_older_than_another_of_its_kind_of_help_beside_it_says_so(facts):
    """'Latest' is per indicator, unit and kind: a count of teachers (people) to 2019 beside a count
    of professionals in person-times to 2021 is not the latest of its question, and the table says
    it is the earlier one, naming the newer figure and its date; a figure of another direction or
    class, or of the same date, is not marked."""
    people = facts[facts.indicator == "professionals_sent_west"].iloc[0]
    times = facts[facts.indicator == "professionals_sent_west_times"].iloc[0]
    teachers = made_up(
        people, "x-teachers", breakdown="teachers", status="achieved", scope="cumulative", period="2017-03/2019-03", flags=""
    )
    all_kinds = made_up(
        times, "x-person-times", breakdown="", status="achieved", scope="cumulative", period="2017-03/2021-02", flags=""
    )
    chosen = headline.headline_facts(pairing_facts(teachers, all_kinds)).set_index("fact_id")
    assert chosen.loc["x-teachers", "newer_fact_id"] == "x-person-times"
    assert chosen.loc["x-person-times", "newer_fact_id"] == ""
    pairings = pd.DataFrame(
        [{"pairing_id": "made-up-pair", "label": "Made → Up", "relationship": "east_west_cooperation", "east": "", "west": ""}]
    )
    table = landing.summary_table(pairing_facts(teachers, all_kinds).assign(shown_on=""), pairings)
    said = wording.earlier_text(chosen.loc["x-teachers"], chosen.loc["x-person-times"])
    assert "2021-02" in said and wording.value_text(chosen.loc["x-person-times"]) in said
    assert table.count("summary-earlier") == 1 and said in table.replace("&#x27;", "'")
    same_date = made_up(all_kinds, "x-same-date", period="2017-03/2019-03")
    assert set(headline.headline_facts(pairing_facts(teachers, same_date)).newer_fact_id) == {""}
    cadres = facts[facts.indicator == "cadres_seconded_west"].iloc[0]
    other_class = made_up(cadres, "x-cadres", breakdown="", status="achieved", scope="cumulative", period="2017/2022", flags="")
    assert set(headline.headline_facts(pairing_facts(teachers, other_class)).newer_fact_id) == {""}
