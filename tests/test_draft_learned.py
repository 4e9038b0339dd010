"""The learned indicator (eastwest.draft.learned): used only where no drafting rule fits, said to be
a guess, never trained on the held-out set or on the source being drafted, the same on every run."""

import pytest
from test_draft_time import fact, reader  # noqa: F401  (the fixture drafting one made-up sentence)

from eastwest.core.paths import PROJECT
from eastwest.draft import learned

pytestmark = pytest.mark.fast

# A sentence whose number no indicator rule names (only the theme's words fit) and one a rule names.
NO_RULE = "甲镇：资金850万元，项目11个；"
RULE = "截至9月底，张家港今年已拨付帮扶资金3000万元。"


def test_the_learned_indicator_is_taken_only_where_no_rule_fits_and_is_flagged(reader, monkeypatch):  # noqa: F811
    asked = []

    def guess(source_id, before, quote, unit):
        asked.append(quote)
        return "fiscal_aid_funds"

    monkeypatch.setattr("eastwest.draft.propose.learned_indicator", guess)
    guessed = fact(reader(NO_RULE), "850万元")
    assert guessed["indicator"] == "fiscal_aid_funds"
    assert "as curators chose for numbers like this one" in guessed["check"]
    asked.clear()
    ruled = fact(reader(RULE), "3000万元")
    assert ruled["indicator"] == "fiscal_aid_funds" and "as curators chose" not in ruled.get("check", "")
    assert not asked  # a rule fitted: the model was never consulted


def test_a_learned_indicator_whose_unit_does_not_fit_is_not_taken(reader, monkeypatch):  # noqa: F811
    monkeypatch.setattr("eastwest.draft.propose.learned_indicator", lambda *args: "aid_projects")  # counts projects
    money = fact(reader(NO_RULE), "850万元")
    assert money["indicator"] != "aid_projects"
    assert money["indicator"].startswith("other_")


def test_without_a_confident_guess_the_rules_fallback_stands(reader, monkeypatch):  # noqa: F811
    monkeypatch.setattr("eastwest.draft.propose.learned_indicator", lambda *args: None)
    assert fact(reader(NO_RULE), "850万元")["indicator"].startswith("other_")


def test_the_model_learns_from_curated_and_development_facts_never_the_held_out_set():
    sources = {e.source_id for e in learned.training_examples(PROJECT.root)}
    held_out = {p.name for p in (PROJECT.root / "tests" / "fixtures" / "heldout").iterdir() if p.is_dir()}
    development = {p.name for p in (PROJECT.root / learned.DEVELOPMENT_SET).iterdir() if p.is_dir()}
    curated = {p.stem for p in PROJECT.annotation_files()}
    assert sources and not sources & held_out
    assert sources <= development | curated
    assert curated <= sources  # every curated source teaches it


def test_the_source_being_drafted_is_left_out_of_its_training():
    examples = learned.training_examples(PROJECT.root)
    drafted = examples[0].source_id
    assert all(e.source_id != drafted for e in learned.training_set(drafted, PROJECT.root))
    assert len(learned.training_set(drafted, PROJECT.root)) == sum(e.source_id != drafted for e in examples)


def test_the_learned_indicator_is_the_same_on_every_fit():
    probe = [("今年以来，通过“以购代捐”方式销售", "销售农产品2.6亿元", "yuan"), ("组织", "培训致富带头人320人", "person")]
    first = [learned.learned_indicator("none", *p) for p in probe]
    learned._model.cache_clear()
    assert [learned.learned_indicator("none", *p) for p in probe] == first
