"""The shared dataset: what data/facts.csv promises, the errors the build gives on bad input,
reproducibility, and adding a source with no code change."""

import hashlib
import shutil
from decimal import Decimal

import pandas as pd
import pytest
import yaml
from add_source import next_source_number

from eastwest.annotate.numerals import parse_number
from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT
from eastwest.dataset import builder, load
from eastwest.pages import generate

pytestmark = pytest.mark.fast

REQUIRED_COLUMNS = [
    "fact_id",
    "source_id",
    "theme",
    "indicator",
    "description",
    "east",
    "west",
    "value",
    "unit",
    "qualifier",
    "period",
    "scope",
    "quote",
    "quote_start",
    "quote_end",
    "flags",
]
DATA_FILES = ["facts.csv", "mentions.csv", "pairings.csv", "places.csv", "sources.csv", "quality_log.json", "build_report.json"]


@pytest.fixture(scope="module")
def facts():
    return load.facts()


def by_id(facts, fact_id):
    return facts.set_index("fact_id").loc[fact_id]


def test_facts_have_the_promised_columns_and_unique_ids(facts):
    raw = pd.read_csv(PROJECT.facts_csv, dtype=str, keep_default_na=False)
    assert list(raw.columns[: len(REQUIRED_COLUMNS)]) != [] and set(REQUIRED_COLUMNS) <= set(raw.columns)
    assert raw.fact_id.is_unique
    assert len(raw) >= 200, "the curated sources hold a few hundred facts"


def test_every_quote_sits_at_its_offsets_and_holds_its_number(facts):
    texts = load.clean_corpus()
    checked = 0
    for row in facts.itertuples():
        text = texts[row.source_id]
        assert text[row.quote_start : row.quote_end] == row.quote, row.fact_id
        assert text.count(row.quote) == 1, row.fact_id
        if row.number_text:
            assert row.number_text in row.quote, row.fact_id
            parsed = parse_number(row.number_text)
            assert Decimal(str(row.value)) == parsed.value.normalize() or float(parsed.value) == row.value, row.fact_id
            checked += 1
    assert checked > 200


def test_headline_facts(facts):
    funds = by_id(facts, "000-industry-aid-funds")
    assert (funds.value, funds.unit, funds.qualifier, funds.status) == (240_000_000, "yuan", "exact", "achieved")
    assert "2.4亿元" in funds.quote
    assert by_id(facts, "000-industry-projects").value == 173
    assert by_id(facts, "002-aid-funds").value == 65_940_000  # 6594萬元 in the traditional-script seed


def test_zhangjiagang_yanhe_is_kept_at_both_report_dates(facts):
    early, late = by_id(facts, "002-aid-funds"), by_id(facts, "000-industry-aid-funds")
    assert early.period.endswith("2019-03") and late.period.endswith("2021-02")
    assert early.scope == late.scope == "cumulative"


def test_qingbaijiang_2017_components(facts):
    components = {
        "housing": (1_955_000, 16),
        "education": (150_000, 1),
        "health": (200_000, 1),
        "village-infrastructure": (500_000, 3),
        "industry": (4_189_000, 10),
        "other": (206_000, 2),
    }
    for name, (funds, projects) in components.items():
        assert by_id(facts, f"004-funds-2017-{name}").value == funds
        assert by_id(facts, f"004-projects-2017-{name}").value == projects
    assert by_id(facts, "004-projects-2017-total").value == 32  # the article's own total, kept as stated


def test_planned_and_expected_are_never_achieved(facts):
    assert by_id(facts, "003-industry-projects-planned-funds").status == "planned"
    assert by_id(facts, "004-lanshou-expected-sales").status == "expected"
    not_achieved = facts[facts.status.isin(["planned", "expected", "target"])]
    assert len(not_achieved) > 0
    assert not_achieved.flag_list.map(lambda f: "planned" in f).all()


def test_qualifiers_are_kept(facts):
    assert by_id(facts, "000-cadres-talent-sent-since-1995").qualifier == "over"  # 260余名
    assert by_id(facts, "003-industry-projects-planned-funds").qualifier == "about"  # 1.2亿元左右


def test_numbers_lost_by_the_repost_are_flagged_not_guessed(facts):
    missing = facts[facts.value.isna()]
    assert len(missing) >= 3
    assert missing.flag_list.map(lambda f: "number_missing_in_source" in f).all()
    assert (facts[facts.value.notna()].flag_list.map(lambda f: "number_missing_in_source" in f)).sum() == 0


def test_every_mention_is_linked_or_excluded():
    mentions = load.mentions()
    assert len(mentions) > 300
    assert set(mentions.status) <= {"linked", "excluded"}
    linked = mentions[mentions.status == "linked"]
    assert set(linked.fact_id) <= set(load.facts().fact_id)
    assert (mentions[mentions.status == "excluded"].reason != "").all()
    report = load.build_report()
    assert report["mentions"] == report["mentions_linked"] + report["mentions_excluded"]


def test_places_and_pairings_are_consistent(facts):
    places = set(load.places().id)
    for column in ("east", "west"):
        named = {place for side in facts[column] for place in side.split(";")}  # a list is stored joined by ";"
        assert named - {""} <= places
    pairings = load.pairings()
    assert {"zhangjiagang-yanhe", "kunshan-bijiang", "taizhou-xianyang", "qingbaijiang-jiulong"} <= set(pairings.pairing_id)
    texts = load.clean_corpus()
    for row in pairings[pairings.start_source != ""].itertuples():
        assert row.start_quote in texts[row.start_source]


def test_a_fresh_build_reproduces_data_byte_for_byte(project_copy, tmp_path):
    builder.build(project_copy)
    second = project_copy.root.parent / "second"
    shutil.copytree(project_copy.root, second, ignore=shutil.ignore_patterns("*.csv", "*.json", "clean"))
    from eastwest.core.paths import ProjectPaths

    builder.build(ProjectPaths(second))
    for name in DATA_FILES:
        committed = (PROJECT.data / name).read_bytes()
        assert (project_copy.data / name).read_bytes() == committed, f"data/{name} differs from a fresh build"
        assert (second / "data" / name).read_bytes() == committed, f"data/{name} differs between two builds"


# --- Bad input gets a clear error naming the file and the fact -----------------------------------

SOURCE = "003_2c630117eaa85b35"
FACT = "003-work-group-cadres"


def _rewrite_annotations(paths, change) -> None:
    """Load the test source's annotation file, let `change` edit it in place, write it back."""
    path = paths.annotation_file(SOURCE)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _edit_fact(paths, fact_id, **changes):
    def change(doc):
        fact = next(f for f in doc["facts"] if f["id"] == fact_id)
        for key, value in changes.items():
            if value is KeyError:
                fact.pop(key)
            else:
                fact[key] = value

    _rewrite_annotations(paths, change)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"quote": "三个月前,有8名同志"}, "not found"),
        ({"number": "9名"}, "not part of its quote"),
        ({"value": 8}, "disagrees with the number in the quote"),
        ({"qualifier": "over"}, "qualifier 'over' disagrees"),
        ({"unit": "yuan"}, "unit 'yuan' disagrees"),
        ({"unit": "furlong"}, "unknown unit 'furlong'"),
        ({"theme": "weather"}, "unknown theme 'weather'"),
        ({"east": "atlantis"}, "unknown place id 'atlantis'"),
        ({"period": "summer 2017"}, "period 'summer 2017'"),
        ({"number": None}, "flag number_missing_in_source"),
        ({"indicator": KeyError}, "required field 'indicator'"),
        ({"indicator": "cadres_beamed_west"}, "unknown indicator 'cadres_beamed_west'"),
        ({"indicator": "cadres_seconded_east", "theme": "labour"}, "belongs to theme 'talent'"),
        ({"indicator": "trainees_person_times"}, "is counted in 'person_time', not 'person'"),
    ],
)
def test_bad_annotation_fails_the_build_naming_file_and_fact(project_copy, changes, message):
    _edit_fact(project_copy, FACT, **changes)
    with pytest.raises(DataError) as info:
        builder.build(project_copy)
    text = str(info.value)
    assert message in text
    assert f"{SOURCE}.yml" in text and FACT in text


def test_a_guessed_value_for_a_lost_number_is_rejected(project_copy):
    _edit_fact(project_copy, "003-households-driven-missing", value=100)
    with pytest.raises(DataError, match="never guess"):
        builder.build(project_copy)


def test_duplicate_fact_ids_are_reported(project_copy):
    _rewrite_annotations(project_copy, lambda doc: doc["facts"][1].update(id=doc["facts"][0]["id"]))
    with pytest.raises(DataError, match=FACT):
        builder.build(project_copy)


def test_an_unexplained_mention_fails_the_build(project_copy):
    dropped = []
    _rewrite_annotations(project_copy, lambda doc: dropped.append(doc["facts"].pop(0)))
    with pytest.raises(DataError) as info:
        builder.build(project_copy)
    assert SOURCE in str(info.value) and "7名" in str(info.value), dropped[0]["id"]


# --- Adding a source needs no code change ----------------------------------------------------------

NEW_TEXT = "示例东西部协作新闻\n\n张家港市2019年向沿河县选派挂职干部12名,带动就业300余人。\n"


def test_adding_a_source_adds_its_facts_and_page(project_copy):
    number = next_source_number(project_copy)  # the next free number, whatever the corpus holds
    source_id, prefix = f"{number:03d}_00000000000000aa", f"{number:03d}"
    seed = project_copy.seeds / f"{source_id}.txt"
    seed.write_text(NEW_TEXT, encoding="utf-8")
    registry = yaml.safe_load(project_copy.provenance.read_text(encoding="utf-8"))
    record = dict(registry["sources"][0])
    record.update(
        source_id=source_id,
        sha256=hashlib.sha256(seed.read_bytes()).hexdigest(),
        title_zh="示例",
        title_en="Example",
        pairings=["zhangjiagang-yanhe"],
        url=None,
        url_kind="none",
        site=None,
        site_evidence=None,
    )
    registry["sources"].append(record)
    project_copy.provenance.write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    fact = {
        "id": f"{prefix}-cadres",
        "quote": "选派挂职干部12名",
        "number": "12名",
        "value": 12,
        "value_high": None,
        "unit": "person",
        "qualifier": "exact",
        "status": "achieved",
        "indicator": "cadres_seconded_west",
        "description": "Cadres seconded",
        "theme": "talent",
        "east": "zhangjiagang",
        "west": "yanhe",
        "period": "2019",
        "scope": "annual",
        "flags": [],
    }
    jobs = dict(
        fact,
        id=f"{prefix}-jobs",
        quote="带动就业300余人",
        number="300余人",
        value=300,
        qualifier="over",
        indicator="local_employment",
        description="Jobs",
        theme="labour",
    )
    doc = {
        "source_id": source_id,
        "facts": [fact, jobs],
        "exclusions": [{"mention": "2019年", "context": "张家港市2019年", "reason": "date"}],
    }
    project_copy.annotation_file(source_id).write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")

    before = len(yaml.safe_load(PROJECT.provenance.read_text(encoding="utf-8"))["sources"])
    report = builder.build(project_copy)
    assert report["sources"] == before + 1
    built = pd.read_csv(project_copy.facts_csv, dtype=str, keep_default_na=False)
    assert {f"{prefix}-cadres", f"{prefix}-jobs"} <= set(built.fact_id)
    generate.write_pages(project_copy)
    page = (project_copy.source_pages / f"src-{source_id}.md").read_text(encoding="utf-8")
    assert f'id="fact-{prefix}-cadres"' in page and f'id="fact-{prefix}-jobs"' in page
    assert f"src{prefix}" in project_copy.bibliography.read_text(encoding="utf-8")


def test_malformed_annotation_file_reports_line_and_column(project_copy):
    path = project_copy.annotation_file(SOURCE)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[6] = lines[6] + "  : : ["
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"003_2c630117eaa85b35\.yml: malformed YAML at line \d+, column \d+"):
        builder.build(project_copy)


def test_annotation_file_for_another_source_is_rejected(project_copy):
    path = project_copy.annotation_file(SOURCE)
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"source_id: {SOURCE}", "source_id: 009_ffffffffffffffff"), encoding="utf-8"
    )
    with pytest.raises(DataError, match="does not match the file name"):
        builder.build(project_copy)


def test_annotations_for_an_unknown_source_are_rejected(project_copy):
    shutil.copy(project_copy.annotation_file(SOURCE), project_copy.annotations / "009_ffffffffffffffff.yml")
    with pytest.raises(DataError, match="unknown source id '009_ffffffffffffffff'"):
        builder.build(project_copy)


def test_a_source_without_annotations_is_an_error(project_copy):
    project_copy.annotation_file(SOURCE).unlink()
    with pytest.raises(DataError, match=f"no annotation file for source {SOURCE}"):
        builder.build(project_copy)


def test_a_quote_spanning_two_paragraphs_is_refused_naming_the_fact(project_copy):
    """A quote stays within one paragraph (eastwest.annotate.annotations): one that runs from the
    fact's sentence to the end of its paragraph and into the next is refused, even though it is
    verbatim in the clean text."""
    text = load.clean_corpus()[SOURCE]
    fact = by_id(load.facts(), FACT)
    paragraph_end = text.index("\n\n", fact.quote_start)
    spanning = text[fact.quote_start : paragraph_end + 2 + 4]
    assert text.count(spanning) == 1 and "\n\n" in spanning
    _edit_fact(project_copy, FACT, quote=spanning)
    with pytest.raises(DataError) as info:
        builder.build(project_copy)
    assert "quote spans paragraphs" in str(info.value)
    assert f"{SOURCE}.yml" in str(info.value) and FACT in str(info.value)
