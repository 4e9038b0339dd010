"""The indicator vocabulary: every fact maps to one comparable indicator, and a broken vocabulary
fails the build with the file and the indicator named."""

import pandas as pd
import pytest
import yaml

from eastwest.core.errors import DataError
from eastwest.dataset import builder, load
from eastwest.reference.indicators import OTHER_PREFIX

pytestmark = pytest.mark.fast


def test_every_fact_names_an_indicator_of_the_vocabulary_with_its_unit_and_theme():
    facts, vocabulary = load.facts(), load.indicators().set_index("indicator")
    assert facts.indicator.isin(vocabulary.index).all()
    joined = facts.merge(vocabulary[["unit", "theme"]].add_suffix("_of_indicator"), left_on="indicator", right_index=True)
    assert (joined.theme == joined.theme_of_indicator).all()
    specific = joined[joined.unit_of_indicator != "any"]
    assert (specific.unit == specific.unit_of_indicator).all()
    assert len(specific) > 0


def test_the_vocabulary_is_small_and_the_build_counts_facts_without_a_specific_indicator():
    # how many facts fit no specific indicator depends on the articles added, so the build reports it
    # (data/build_report.json) rather than a test holding the corpus to a share
    facts = load.facts()
    assert len(load.indicators()) < 80
    assert set(facts.indicator) <= set(load.indicators().indicator)
    other = int(facts.indicator.str.startswith(OTHER_PREFIX).sum())
    assert load.build_report()["facts_in_other_indicators"] == other


def test_the_indicator_table_counts_facts_per_indicator():
    table, facts = load.indicators(), load.facts()
    counted = facts.groupby("indicator").size()
    assert dict(zip(table.indicator, table.facts)) == {i: int(counted.get(i, 0)) for i in table.indicator}
    assert {"label_en", "label_zh", "definition", "unit", "theme", "direction", "comparability"} <= set(table.columns)
    assert table.direction.isin(["east_to_west", "west_to_east", "both", "none"]).all()


def test_loader_carries_indicator_labels_and_direction():
    facts = load.facts()
    assert (facts.indicator_label != "").all() and facts.direction.notna().all()


def _edit_vocabulary(paths, change):
    doc = yaml.safe_load(paths.indicators.read_text(encoding="utf-8"))
    change(doc)
    paths.indicators.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _set(doc, indicator_id, **changes):
    next(i for i in doc["indicators"] if i["id"] == indicator_id).update(changes)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: _set(d, "donations", theme="charity"), "unknown theme 'charity'"),
        (lambda d: _set(d, "donations", unit="dollar"), "unknown unit 'dollar'"),
        (lambda d: _set(d, "donations", direction="sideways"), "direction"),
        (lambda d: _set(d, "donations", comparability="apples"), "unknown comparability 'apples'"),
        (lambda d: d["indicators"].append(dict(d["indicators"][0])), "duplicate indicator id"),
        (
            lambda d: d["indicators"].remove(next(i for i in d["indicators"] if i["id"] == "other_labour")),
            "missing: other_labour",
        ),
        (lambda d: _set(d, "other_labour", id="other_jobs"), "other_<its theme>"),
    ],
)
def test_a_broken_vocabulary_fails_the_build_naming_the_file(project_copy, change, message):
    _edit_vocabulary(project_copy, change)
    with pytest.raises(DataError) as info:
        builder.build(project_copy)
    assert message in str(info.value) and "indicators.yml" in str(info.value)


def test_an_indicator_removed_from_the_vocabulary_rejects_its_facts(project_copy):
    _edit_vocabulary(
        project_copy, lambda d: d["indicators"].remove(next(i for i in d["indicators"] if i["id"] == "poor_counties"))
    )
    with pytest.raises(DataError, match="unknown indicator 'poor_counties'"):
        builder.build(project_copy)


def test_build_reports_facts_per_indicator(project_copy):
    report = builder.build(project_copy)
    built = pd.read_csv(project_copy.facts_csv, dtype=str, keep_default_na=False)
    assert sum(report["facts_by_indicator"].values()) == len(built)
    assert report["facts_in_other_indicators"] == int(built.indicator.str.startswith(OTHER_PREFIX).sum())
