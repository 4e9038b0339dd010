"""Status, scope and period of drafted facts, read from time cues relative to the article's date.

Each case drafts one sentence written here, in memory (no project copy): the sentence is the whole
clean text of a made-up source of one pairing (zhangjiagang-yanhe, begun 2017-03).
"""

import pytest

from eastwest.core.paths import PROJECT
from eastwest.draft.propose import draft_document
from eastwest.draft.rules import Words, load_rules
from eastwest.reference.vocabulary import load_vocabulary
from eastwest.sources.cleaning import CleanResult
from eastwest.sources.provenance import SourceRecord

pytestmark = pytest.mark.fast


@pytest.fixture(scope="module")
def reader():
    vocab = load_vocabulary(PROJECT)
    rules, words = load_rules(PROJECT, vocab), Words(PROJECT.root)

    def read(text: str, published: str = "2021-10-15", pairings: tuple[str, ...] = ("zhangjiagang-yanhe",)) -> list[dict]:
        record = SourceRecord(
            source_id="990_timecues",
            sha256="0" * 64,
            title_zh=None,
            title_en="Test article",
            outlet="test",
            author=None,
            published=published,
            date_status="as_given",
            date_evidence="written for the tests",
            date_estimate=published,
            url=None,
            url_kind="none",
            genre="news_report",
            script="simplified",
            language="zh",
            pairings=list(pairings),
            reliability="test",
        )
        clean = CleanResult(record.source_id, text, [(1, line) for line in text.split("\n")])
        return draft_document(record, clean, vocab, rules, words, PROJECT)["facts"]

    return read


def fact(facts: list[dict], number: str) -> dict:
    found = [f for f in facts if f["number"] == number]
    assert len(found) == 1, [(f["number"], f["quote"]) for f in facts]
    return found[0]


def reading(f: dict) -> tuple[str, str, str]:
    return f["status"], f["scope"], str(f["period"])


# --- year to date: a flow over this year so far ---------------------------------------------------


@pytest.mark.parametrize(
    "sentence, number, period",
    [
        ("今年以来,张家港采购沿河农产品3200万元。", "3200万元", "2021-01/2021-10"),
        ("2021年以来,沿河新增转移就业300人。", "300人", "2021-01/2021-10"),
        ("今年1—9月,张家港采购沿河农产品3200万元。", "3200万元", "2021-01/2021-09"),
        ("2020年1至6月,张家港采购沿河农产品800万元。", "800万元", "2020-01/2020-06"),
        ("前三季度,沿河新增转移就业300人。", "300人", "2021-01/2021-09"),
        ("今年上半年,沿河新增转移就业300人。", "300人", "2021-01/2021-06"),
    ],
)
def test_year_to_date_is_a_period_total(reader, sentence, number, period):
    assert reading(fact(reader(sentence), number)) == ("achieved", "period_total", period)


def test_a_run_of_months_without_a_year_takes_the_article_year_or_the_one_before(reader):
    # a run ending after the article's month is last year's
    assert fact(reader("10至12月,沿河新增转移就业300人。", published="2021-03-01"), "300人")["period"] == "2020-10/2020-12"


def test_a_date_range_of_days_is_not_a_run_of_months(reader):
    f = fact(reader("11月15-17日,张家港采购沿河农产品800万元。"), "800万元")
    assert (f["scope"], f["period"]) == ("event", "2020-11-15/2020-11-17")


# --- running totals and the pairing's start ----------------------------------------------------------


def test_until_with_a_running_total_starts_with_the_pairing(reader):
    f = fact(reader("截至9月底,张家港累计选派120名干部到沿河挂职。"), "120名")
    assert reading(f) == ("achieved", "cumulative", "2017-03/2021-09")


def test_since_the_pairing_began_is_a_running_total_from_its_start(reader):
    f = fact(reader("对口帮扶沿河以来,张家港累计安排帮扶资金2.4亿元。"), "2.4亿元")
    assert reading(f) == ("achieved", "cumulative", "2017-03/2021-10")


def test_the_pairing_named_in_the_sentence_gives_the_start_when_the_source_covers_several(reader):
    several = ("zhangjiagang-yanhe", "zhangjiagang-gongliu")
    f = fact(reader("对口帮扶沿河以来,张家港累计安排帮扶资金2.4亿元。", pairings=several), "2.4亿元")
    assert f["period"] == "2017-03/2021-10"


# --- five-year plans, whole years ---------------------------------------------------------------------


def test_a_five_year_plan_names_its_years(reader):
    f = fact(reader("“十三五”期间,张家港投入帮扶资金2.4亿元。"), "2.4亿元")
    assert (f["scope"], f["period"]) == ("period_total", "2016/2020")
    f = fact(reader("“十三五”以来,张家港投入帮扶资金2.4亿元。"), "2.4亿元")
    assert (f["scope"], f["period"]) == ("cumulative", "2016/2021-10")


def test_the_whole_year_is_the_year_last_named(reader):
    f = fact(reader("2020年,沿河经济平稳增长,全年采购农产品800万元。"), "800万元")
    assert (f["scope"], f["period"]) == ("annual", "2020")
    f = fact(reader("全年采购沿河农产品800万元。"), "800万元")
    assert (f["scope"], f["period"]) == ("annual", "2021") and "period_inferred" in f["flags"]
