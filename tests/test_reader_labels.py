"""What a label says beside a number: a period and a scope that tell one story, the one word the
book uses for each status, a threshold the fact's description sets, and no funds-per-project ratio
on the landing page's chart (where it would read as a comparison of efficiency). Each rule is
checked on made-up facts or on whatever the dataset draws."""

import re
from pathlib import Path

import pytest

from eastwest.annotate.annotations import period_scope_problem, validate_fact
from eastwest.charts import industry, style, talent
from eastwest.charts import profile as profile_chart
from eastwest.core.errors import DataError
from eastwest.dataset import load
from eastwest.pages import landing
from eastwest.reader import wording
from eastwest.reference.vocabulary import load_vocabulary

pytestmark = pytest.mark.fast


@pytest.fixture(scope="module")
def facts():
    return load.facts()


def svg_words(path: Path) -> str:
    """The text of a chart's SVG, its lines joined by spaces (a wrapped sentence reads whole)."""
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", " ".join(texts)).replace("&#x27;", "'")


# --- Period and scope --------------------------------------------------------------------------


def test_a_total_needs_a_period_and_a_one_year_figure_one_year():
    assert period_scope_problem("unknown", "period_total")
    assert period_scope_problem("unknown", "cumulative")
    assert period_scope_problem("2017/2018", "annual")
    assert not period_scope_problem("2017", "annual")
    assert not period_scope_problem("unknown", "stock")
    assert not period_scope_problem("2016/2020", "period_total")
    vocab = load_vocabulary()
    text = "其中-年项目20个。"
    fact = {
        "id": "999-made-up",
        "quote": "其中-年项目20个",
        "number": "20个",
        "value": 20,
        "value_high": None,
        "unit": "project",
        "qualifier": "exact",
        "status": "achieved",
        "indicator": "aid_projects",
        "description": "Made up: projects of one year whose year the source lost",
        "theme": "industry",
        "east": None,
        "west": None,
        "period": "unknown",
        "scope": "period_total",
        "flags": ["year_missing_in_source"],
    }
    with pytest.raises(DataError, match="total over a period, but the period is 'unknown'"):
        validate_fact(fact, text, vocab, "999", Path("made-up.yml"))
    fixed = dict(fact, period="2017", scope="annual", flags=["year_missing_in_source", "period_inferred"])
    assert validate_fact(fixed, text, vocab, "999", Path("made-up.yml"))["scope"] == "annual"


def test_no_fact_of_the_dataset_has_a_period_and_scope_that_disagree(facts):
    trouble = {r.fact_id: period_scope_problem(r.period, r.scope) for r in facts.itertuples()}
    assert not {k: v for k, v in trouble.items() if v}


# --- Status words ------------------------------------------------------------------------------


def test_a_pairing_chart_says_forecast_as_the_rest_of_the_book_does(facts):
    template = facts.iloc[0].copy()
    for status, word in wording.STATUS_WORDS.items():
        row = template.copy()
        row["status"], row["unit"] = status, "yuan"
        label = profile_chart._value_label(row)
        assert label.endswith(f"({wording.status_text(row)})"), label
        assert f"({status})" not in label or status == word, label
    row = template.copy()
    row["status"] = "achieved"
    assert profile_chart._value_label(row) == wording.value_text(row)


# --- Thresholds --------------------------------------------------------------------------------


def test_a_least_duration_in_the_description_is_a_threshold():
    assert wording.threshold_text("Cadres seconded to Yanhe for a month or more since 2017") == "for a month or more"
    assert wording.threshold_text("Doctors posted for at least six months") == "for at least six months"
    assert wording.threshold_text("Cadres seconded for two years") == ""
    assert wording.threshold_text("Cadres seconded since the pairing began") == ""


def test_the_talent_chart_names_the_threshold_its_facts_set(facts, tmp_path):
    style.apply()
    chart = talent.talent_flows(facts, tmp_path)
    with_threshold = chart.facts[chart.facts.description.map(wording.threshold_text) != ""]
    for layout in style.LAYOUTS:
        words = svg_words(tmp_path / f"talent_flows{layout.suffix}.svg")
        for _, row in with_threshold.iterrows():
            assert wording.threshold_text(row["description"]) in words, row["fact_id"]


# --- Funds per project -------------------------------------------------------------------------


def test_the_landing_chart_draws_no_funds_per_project(facts, tmp_path):
    style.apply()
    landing.aid_chart(facts, tmp_path)
    for layout in style.LAYOUTS:
        words = svg_words(tmp_path / f"{landing.LANDING_CHART}{layout.suffix}.svg")
        assert "per project" not in words and industry.NOT_EFFICIENCY_NOTE not in words


def test_where_funds_per_project_are_drawn_the_chart_says_they_are_not_efficiency(facts, tmp_path):
    style.apply()
    industry.aid_funds(facts, tmp_path)
    for layout in style.LAYOUTS:
        words = svg_words(tmp_path / f"industry_aid_funds{layout.suffix}.svg")
        if "per project" in words.replace(industry.NOT_EFFICIENCY_NOTE, ""):
            assert industry.NOT_EFFICIENCY_NOTE in words
