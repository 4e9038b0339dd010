"""Bad input gets one clear error naming the file, line or fact, never a traceback, a silent
wrong result or a flood of follow-on messages."""

import hashlib
import json

import pytest
import yaml

from eastwest.core.errors import DataError
from eastwest.core.files import json_text
from eastwest.dataset import builder

pytestmark = pytest.mark.fast

SOURCE = "003_2c630117eaa85b35"
FACT = "003-work-group-cadres"


def set_seed(paths, data: bytes, source=SOURCE):
    """Replace a seed's bytes and its provenance checksum, as a contributor would."""
    paths.seed_file(source).write_bytes(data)
    registry = yaml.safe_load(paths.provenance.read_text(encoding="utf-8"))
    next(r for r in registry["sources"] if r["source_id"] == source)["sha256"] = hashlib.sha256(data).hexdigest()
    paths.provenance.write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8")


def annotation_text(paths, source=SOURCE):
    return paths.annotation_file(source).read_text(encoding="utf-8")


def test_a_byte_order_mark_is_stripped_logged_and_shifts_no_offset(project_copy):
    builder.build(project_copy)
    before = project_copy.facts_csv.read_bytes()
    set_seed(project_copy, b"\xef\xbb\xbf" + project_copy.seed_file(SOURCE).read_bytes())
    builder.build(project_copy)
    assert project_copy.facts_csv.read_bytes() == before
    assert not project_copy.clean_text(SOURCE).read_text(encoding="utf-8").startswith("\ufeff")
    assert json.loads(project_copy.quality_log.read_text(encoding="utf-8"))[SOURCE]["byte_order_mark_stripped"] is True


def test_a_duplicated_key_in_a_fact_is_rejected_with_file_and_line(project_copy):
    path = project_copy.annotation_file(SOURCE)
    path.write_text(annotation_text(project_copy).replace("    value: 7\n", "    value: 7\n    value: 8\n", 1), encoding="utf-8")
    with pytest.raises(DataError, match=rf"{SOURCE}\.yml: malformed YAML at line \d+, column \d+: duplicate key 'value'"):
        builder.build(project_copy)


@pytest.mark.parametrize("bad", [".nan", ".inf", "-.inf"])
def test_a_non_finite_value_is_a_normal_error(project_copy, bad):
    path = project_copy.annotation_file(SOURCE)
    path.write_text(annotation_text(project_copy).replace("    value: 7\n", f"    value: {bad}\n", 1), encoding="utf-8")
    with pytest.raises(DataError, match=rf"{FACT}.*not a finite number"):
        builder.build(project_copy)


def test_a_gb18030_seed_is_told_how_to_convert_and_recheck(project_copy):
    set_seed(project_copy, project_copy.seed_file(SOURCE).read_text(encoding="utf-8").encode("gb18030"))
    with pytest.raises(DataError) as info:
        builder.build(project_copy)
    message = str(info.value)
    assert f"{SOURCE}.txt: not valid UTF-8" in message
    assert "iconv -f GB18030 -t UTF-8" in message and "sha256" in message and "reliability" in message


def test_an_empty_seed_is_called_empty(project_copy):
    set_seed(project_copy, b"")
    with pytest.raises(DataError, match=rf"{SOURCE}\.txt: the seed is empty"):
        builder.build(project_copy)


def test_a_duplicate_fact_id_names_the_file_and_each_line(project_copy):
    text = annotation_text(project_copy)
    second_id = yaml.safe_load(text)["facts"][1]["id"]
    project_copy.annotation_file(SOURCE).write_text(text.replace(f"id: {second_id}\n", f"id: {FACT}\n", 1), encoding="utf-8")
    with pytest.raises(DataError, match=rf"duplicate fact_id '{FACT}' at .*{SOURCE}\.yml:\d+, .*{SOURCE}\.yml:\d+"):
        builder.build(project_copy)


def test_a_rejected_fact_brings_no_follow_on_error_about_its_mention(project_copy):
    path = project_copy.annotation_file(SOURCE)
    path.write_text(annotation_text(project_copy).replace("    value: 7\n", "    value: 8\n", 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        builder.build(project_copy)
    message = str(info.value)
    assert "1 problem(s)" in message and "disagrees with the number in the quote" in message
    assert "neither in a fact nor excluded" not in message


def test_a_broken_exclusion_does_not_drop_the_others(project_copy):
    doc = yaml.safe_load(annotation_text(project_copy))
    assert len(doc["exclusions"]) >= 2
    doc["exclusions"][0]["reason"] = "whim"
    project_copy.annotation_file(SOURCE).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as info:
        builder.build(project_copy)
    assert "1 problem(s)" in str(info.value) and "unknown exclusion_reason 'whim'" in str(info.value)


def test_a_flood_of_errors_is_capped_and_kept_in_full_in_a_file(project_copy):
    lines = "".join(f"第{n}段:帮扶资金{n}万元,项目{n}个。\n" for n in range(1, 400))
    set_seed(project_copy, ("标题\n\n" + lines).encode("utf-8"))
    with pytest.raises(DataError) as info:
        builder.build(project_copy)
    message = str(info.value)
    shown = [line for line in message.splitlines() if line.startswith("  - ")]
    assert len(shown) == builder.MAX_ERRORS_SHOWN
    assert "more; all" in message
    log = project_copy.data / ".build-errors.txt"
    total = int(message.split(" problem(s)")[0])
    assert total > builder.MAX_ERRORS_SHOWN and len(log.read_text(encoding="utf-8").splitlines()) >= total


def test_json_text_is_deterministic():
    assert json_text({"b": 1, "a": "沿河"}) == json_text({"a": "沿河", "b": 1}) == '{\n  "a": "沿河",\n  "b": 1\n}\n'


def _first_fact_with(paths, **changes):
    """Change the first fact of the first annotation file, as a contributor editing it would."""
    path = sorted(paths.annotations.glob("*.yml"))[0]
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["facts"][0].update(changes)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return doc["facts"][0]["id"]


@pytest.mark.parametrize(
    "period, scope, message",
    [
        ("2020-13-45", "event", "2020-13-45 is not a real date"),
        ("2021-02-30", "event", "2021-02-30 is not a real date"),
        ("2021-02/2012", "cumulative", "ends before it starts"),
    ],
)
def test_an_impossible_period_is_refused_naming_the_fact(project_copy, period, scope, message):
    fact_id = _first_fact_with(project_copy, period=period, scope=scope)
    with pytest.raises(DataError, match=rf"{fact_id}.*{message}"):
        builder.build(project_copy)


def test_an_open_ended_or_one_month_period_is_accepted(project_copy):
    from eastwest.annotate.annotations import period_problem

    assert [period_problem(p) for p in ("/2021-02", "2017/", "2020-02-29", "2019-12/2020-01", "unknown")] == [""] * 5


def test_a_source_listing_an_undefined_pairing_is_refused(project_copy):
    registry = yaml.safe_load(project_copy.provenance.read_text(encoding="utf-8"))
    record = registry["sources"][0]
    record["pairings"] = [*record["pairings"], "nowhere-to-nowhere"]
    project_copy.provenance.write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match=rf"{record['source_id']} lists pairing 'nowhere-to-nowhere'"):
        builder.build(project_copy)


def test_a_pairing_defined_twice_or_without_an_id_is_refused(project_copy):
    path = project_copy.pairings_input
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    first = doc["pairings"][0]
    path.write_text(
        yaml.safe_dump({"pairings": [*doc["pairings"], dict(first)]}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    with pytest.raises(DataError, match=rf"pairing '{first['id']}' is defined twice"):
        builder.build(project_copy)
    path.write_text(
        yaml.safe_dump(
            {"pairings": [*doc["pairings"], {k: v for k, v in first.items() if k != "id"}]}, allow_unicode=True, sort_keys=False
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="a pairing without an id"):
        builder.build(project_copy)


@pytest.mark.parametrize(
    "field, text",
    [
        ("label_en", "<script>alert(1)</script>"),
        ("definition", "{download}`../../../etc/passwd`"),
        ("label_zh", "帮扶\u202e资金"),
    ],
)
def test_markup_in_an_indicator_is_refused_naming_the_file(project_copy, field, text):
    path = project_copy.indicators
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["indicators"][0][field] = text
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match=rf"indicators.yml: indicator #1 .*{field} contains"):
        builder.build(project_copy)


def test_markup_in_a_vocabulary_meaning_is_refused_naming_the_term(project_copy):
    path = project_copy.vocabulary
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    section = next(s for s, v in doc.items() if s != "units" and isinstance(v, dict) and v)
    term = next(iter(doc[section]))
    doc[section][term] = "<img src=https://example.org/x.png>"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match=rf"vocabulary.yml: {section} '{term}': contains '<'"):
        builder.build(project_copy)
