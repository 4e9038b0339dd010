"""`python -m eastwest draft`: proposed annotations for a new source, reviewed by a person.

Most tests draft a small article written here (appended to a copy of the project as a new source
with its provenance record), so they do not depend on how many sources exist or how long any is.
"""

import re
import shutil
from decimal import Decimal

import opencc
import pytest
import yaml
from add_source import register_text

from eastwest.annotate.annotations import load_annotations, locate_once
from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT
from eastwest.dataset import builder
from eastwest.draft.agreement import TARGETS, agreement, agreement_markdown, set_agreement
from eastwest.draft.checklist import print_review, review_source
from eastwest.draft.propose import CHECK, draft_source, dump_draft, write_draft
from eastwest.draft.review import print_review_diff, review_diff
from eastwest.draft.source_context import clean_source
from eastwest.sources.cleaning import clean_seed
from eastwest.sources.provenance import load_records, read_seed

pytestmark = pytest.mark.fast

ARTICLE = """\
张家港计划投入帮扶资金300万元。
沿河拟建设15个电商服务点。
明年将新建8个扶贫车间。
力争带动500户贫困户增收。
预计年销售额达到2000万元。
该项目有望带动120人就业。
张家港每年派10名教师到沿河支教。
张家港累计安排帮扶资金2.4亿元。
沿河先后选派69名干部到张家港挂职锻炼。
共有1565个贫困村。
去年,张家港采购沿河农产品500多万元。
今年上半年,沿河新增就业岗位300个。
截至2020年11月,张家港举办干部培训班35期。
2018年以来,张家港已连续举办三届文化节。
2016、2017年投入帮扶资金1420万元。
11月20日,张浦镇考察团到坝黄镇考察,捐资60万元。
12月3日,周市镇考察团到瓦屋乡考察,捐资60万元。
援疆干部在当地工作了三个月,记者驱车2个多小时来到村里。
80岁的老人说,“三个全覆盖”让大家安心。
按照“622”分红,推行“3+1”模式和百村千厂行动。
11月15-17日,第十五届农产品展销会举行;十九届四中全会提出要求。
"""
ARTICLE_DATE = "2021-02-27"


def add_source(paths, text: str = ARTICLE, published: str | None = ARTICLE_DATE, prefix: str = "900") -> str:
    """Append `text` to the project copy as a new source (seed + provenance record); return its id."""
    return register_text(paths, text, ["zhangjiagang-yanhe"], published=published, prefix=prefix)


@pytest.fixture(scope="module")
def drafted(shared_project_copy):
    """The article drafted once, for the tests that only read the draft."""
    source_id = add_source(shared_project_copy)
    document = draft_source(source_id, shared_project_copy)
    return shared_project_copy, source_id, document


@pytest.fixture
def own_draft(project_copy):
    """The article drafted on a copy of its own, for a test that edits the draft or its files."""
    source_id = add_source(project_copy)
    return project_copy, source_id, draft_source(source_id, project_copy)


def fact_for(document: dict, quote_part: str, number: str) -> dict:
    found = [f for f in document["facts"] if quote_part in f["quote"] and f["number"] == number]
    assert len(found) == 1, (
        f"no single proposal for {number} in {quote_part!r}: {[(f['number'], f['quote']) for f in document['facts']]}"
    )
    return found[0]


def exclusion_for(document: dict, mention: str, near: str) -> dict | None:
    found = [e for e in document["exclusions"] if e["mention"] == mention and near in e["context"]]
    return found[0] if found else None


# --- cue words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "quote_part, number, status",
    [
        ("计划投入", "300万元", "planned"),
        ("拟建设", "15个", "planned"),
        ("明年将新建", "8个", "planned"),
        ("力争带动", "500户", "target"),
        ("预计年销售额", "2000万元", "expected"),
        ("有望带动", "120人", "expected"),
        ("每年派", "10名", "quota"),
        ("累计安排", "2.4亿元", "achieved"),
    ],
)
def test_status_cues(drafted, quote_part, number, status):
    assert fact_for(drafted[2], quote_part, number)["status"] == status


@pytest.mark.parametrize(
    "quote_part, number, scope",
    [
        ("每年派", "10名", "recurring"),
        ("累计安排", "2.4亿元", "cumulative"),
        ("先后选派", "69名", "cumulative"),
        ("采购沿河农产品", "500多万元", "annual"),
        ("帮扶资金1420", "1420万元", "period_total"),
        ("张浦镇", "60万元", "event"),
        ("共有", "1565个", "stock"),
    ],
)
def test_scope_cues(drafted, quote_part, number, scope):
    assert fact_for(drafted[2], quote_part, number)["scope"] == scope


def test_periods_are_worked_out_from_the_article_date(drafted):
    _, _, document = drafted
    last_year = fact_for(document, "采购沿河农产品", "500多万元")
    assert last_year["period"] == "2020" and "period_inferred" in last_year["flags"]  # 去年 in an article of 2021-02
    assert fact_for(document, "新增就业岗位", "300个")["period"] == "2021-01/2021-06"  # 今年上半年
    # 截至 closes a running total that starts with the pairing (zhangjiagang-yanhe: 2017-03)
    until = fact_for(document, "举办干部培训班", "35期")
    assert (until["period"], until["scope"]) == ("2017-03/2020-11", "cumulative")
    since = fact_for(document, "三届", "三届")
    assert (since["period"], since["scope"]) == ("2018/2021-02", "cumulative")  # 2018年以来, to the article's date
    assert fact_for(document, "帮扶资金1420", "1420万元")["period"] == "2016/2017"
    # a month after the article's month belongs to the year before, and the draft says so
    november = fact_for(document, "张浦镇", "60万元")
    assert november["period"] == "2020-11-20" and "year of this date is not stated" in november["check"]
    assert fact_for(document, "周市镇", "60万元")["period"] == "2020-12-03"


def test_relative_periods_follow_the_article_date(project_copy):
    source_id = add_source(project_copy, "去年,张家港采购沿河农产品500多万元。\n", published="2019-03-11", prefix="901")
    (fact,) = draft_source(source_id, project_copy)["facts"]
    assert fact["period"] == "2018"


def test_value_unit_qualifier_come_from_the_number_parser(drafted):
    _, _, document = drafted
    fact = fact_for(document, "采购沿河农产品", "500多万元")
    assert (Decimal(str(fact["value"])), fact["unit"], fact["qualifier"]) == (Decimal(5_000_000), "yuan", "over")
    assert fact_for(document, "累计安排", "2.4亿元")["value"] == 240_000_000
    assert fact_for(document, "电商服务点", "15个")["unit"] == "station"  # 个 decided by what it counts
    assert fact_for(document, "干部培训班", "35期")["indicator"] == "training_classes"


def test_places_come_from_the_sentence_or_else_the_pairing(drafted):
    _, _, document = drafted
    zhangpu = fact_for(document, "张浦镇", "60万元")
    assert (zhangpu["east"], zhangpu["west"]) == ("zhangpu", "bahuang")  # named in the sentence
    helper_only = fact_for(document, "张家港累计安排", "2.4亿元")
    assert (helper_only["east"], helper_only["west"]) == ("zhangjiagang", "yanhe")  # the article's pairing
    background = fact_for(document, "共有", "1565个")
    assert (background["east"], background["west"]) == (None, "yanhe")  # the place's own state: no helper


# --- exclusions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "mention, near, reason",
    [
        ("三个", "工作了三个月", "duration"),
        ("2个", "驱车2个多小时", "duration"),
        ("80", "80岁", "age"),
        ("三个", "三个全覆盖”", "label"),
        ("622", "“622”", "label"),
        ("3", "“3+1”", "label"),
        ("百村", "百村千厂", "label"),
        ("15-17日", "15-17日", "date"),
        ("十九届", "十九届四中全会", "ordinal"),
    ],
)
def test_mentions_that_are_not_facts_are_proposed_as_exclusions(drafted, mention, near, reason):
    _, _, document = drafted
    entry = exclusion_for(document, mention, near)
    assert entry is not None, f"{mention} ({near}) not proposed as an exclusion: {document['exclusions']}"
    assert entry["reason"] == reason
    assert not any(f["number"].startswith(mention) and near in f["quote"] for f in document["facts"])


def test_dates_and_ordinals_the_build_excludes_itself_are_left_out(drafted):
    _, _, document = drafted
    listed = [e["mention"] for e in document["exclusions"]] + [f["number"] for f in document["facts"]]
    assert not any(m in ("2018年", "十五届", "11月") for m in listed)


# --- verbatim and unique ------------------------------------------------------------------------


def _assert_verbatim(document: dict, text: str) -> int:
    """Every proposed quote and context is verbatim and unique in the text, its number once in it;
    an entry the draft could not make unique says so in a `check:` note (a person lengthens it),
    and even then its text is the article's own."""
    for fact in document["facts"]:
        assert "\n" not in fact["quote"] and fact["number"] in fact["quote"] and fact["quote"] in text, fact
        if text.count(fact["quote"]) != 1 or fact["quote"].count(fact["number"]) != 1:
            assert "lengthen" in fact.get(CHECK, "") or "number occurs twice" in fact.get(CHECK, ""), fact
    for entry in document["exclusions"]:
        assert entry["mention"] in entry["context"] and entry["context"] in text, entry
        if text.count(entry["context"]) != 1:
            assert "lengthen" in entry.get(CHECK, ""), entry
            continue
        start = text.index(entry["context"])
        assert text[start + entry["context"].index(entry["mention"]) :].startswith(entry["mention"])
    return len(document["facts"]) + len(document["exclusions"])


def test_quotes_are_verbatim_unique_and_lengthened_when_a_clause_repeats(drafted):
    paths, source_id, document = drafted
    text = clean_seed(
        read_seed(paths.seed_file(source_id)),
        next(r for r in load_records(paths) if r.source_id == source_id),
        paths.seed_file(source_id),
    ).text
    assert _assert_verbatim(document, text) > 0
    # 捐资60万元 occurs twice: each quote takes the clause that names its own visitors
    quotes = [f["quote"] for f in document["facts"] if f["number"] == "60万元"]
    assert len(quotes) == 2 and quotes[0] != quotes[1] and all("考察" in q for q in quotes)


def test_drafts_of_the_curated_sources_are_verbatim(project_copy):
    checked = 0
    for record in load_records(project_copy):
        document = draft_source(record.source_id, project_copy)
        checked += _assert_verbatim(document, clean_source(record, project_copy).text)
    assert checked > 0


def test_a_reviewed_draft_checks_clean(own_draft):
    """Strip the review notes, save the draft as the annotation file: the build accepts every fact
    and every numeric mention is accounted for."""
    paths, source_id, document = own_draft
    for entry in document["facts"] + document["exclusions"]:
        entry.pop(CHECK, None)
    paths.annotation_file(source_id).write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, _, _, builds = builder.collect(paths, only=source_id)
    assert builds[source_id].errors == []
    assert all(m.status != "unaccounted" for m in builds[source_id].mentions)


def test_the_rules_live_in_reference_data_and_name_no_source():
    rules = (PROJECT.reference / "draft_rules.yml").read_text(encoding="utf-8")
    modules = sorted((PROJECT.root / "eastwest" / "draft").glob("*.py"))
    assert len(modules) > 1, "the drafting package has moved: point this test at its code"
    code = "\n".join(path.read_text(encoding="utf-8") for path in modules)
    source_id = re.compile(r"\d{3}_[0-9a-f]{16}")
    assert not source_id.search(rules) and not source_id.search(code)
    assert "indicators:" in rules and "预计" in rules and "预计" not in code


# --- the build never reads drafts ---------------------------------------------------------------


def test_the_build_ignores_drafts(project_copy):
    record = load_records(project_copy)[0]
    path = project_copy.annotation_draft(record.source_id)
    path.write_text(dump_draft(draft_source(record.source_id, project_copy)), encoding="utf-8")
    assert path.name.endswith(".draft.yml") and path.exists()
    assert path not in project_copy.annotation_files()
    report = builder.build(project_copy)  # no "annotations for an unknown source id" for the draft
    assert report["facts"] > 0
    with pytest.raises(DataError, match="never read by the build"):
        load_annotations(path, record.source_id)


def test_review_notes_are_rejected_outside_drafts(project_copy):
    record = load_records(project_copy)[0]
    path = project_copy.annotation_file(record.source_id)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["facts"][0]["check"] = "is it seconded or trained?"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match=r"unknown field\(s\) check.*review note"):
        builder.build(project_copy)


def test_write_draft_never_touches_the_curated_file(project_copy):
    record = load_records(project_copy)[0]
    curated = project_copy.annotation_file(record.source_id)
    before = curated.read_bytes()
    path, _ = write_draft(record.source_id, project_copy)
    assert path == project_copy.annotation_draft(record.source_id) and curated.read_bytes() == before
    with pytest.raises(DataError, match="exists"):
        write_draft(record.source_id, project_copy)
    with pytest.raises(DataError, match="refusing"):
        write_draft(record.source_id, project_copy, force=True, out=curated)
    assert curated.read_bytes() == before


# --- what review changed --------------------------------------------------------------------------


def test_check_lists_what_review_changed(own_draft, capsys):
    paths, source_id, document = own_draft
    paths.annotation_draft(source_id).write_text(dump_draft(document), encoding="utf-8")
    reviewed = yaml.safe_load(dump_draft(document))
    first, second, third, fourth = reviewed["facts"][:4]
    first["unit"] = "person" if first["unit"] != "person" else "household"
    second["id"] = second["id"] + "-renamed"  # renamed: matched by quote and number
    fourth["id"], fourth["quote"] = (
        "900-lengthened",
        "前文," + fourth["quote"],
    )  # renamed and requoted: same number, overlapping quote
    reviewed["facts"].remove(third)
    reviewed["facts"].append({**first, "id": "900-new-fact", "quote": "一个新的句子", "number": "7个"})
    paths.annotation_file(source_id).write_text(yaml.safe_dump(reviewed, allow_unicode=True, sort_keys=False), encoding="utf-8")

    lines = review_diff(yaml.safe_load(paths.annotation_draft(source_id).read_text(encoding="utf-8")), reviewed)
    assert any(line.startswith(f"changed {first['id']}:") and "unit" in line for line in lines)
    assert any(line.startswith(f"changed {second['id']}:") and "id " in line for line in lines)
    assert any(line.startswith(f"removed {third['id']}") for line in lines)
    assert any(line.startswith("added 900-new-fact") for line in lines)
    assert any(line.startswith("changed 900-lengthened:") and "quote" in line for line in lines)
    assert len(lines) == 5

    print_review_diff(source_id, paths)
    out = capsys.readouterr().out
    assert "changed under review" in out and "removed" in out
    assert review_diff(document, document) == []


# --- quote not found ------------------------------------------------------------------------------


def test_a_quote_not_found_names_the_nearest_passage():
    text = "张家港累计安排扶贫协作资金2.4亿元实施173个产业项目,涵盖沿河生态茶。\n"
    with pytest.raises(DataError, match=r"nearest passage in the clean text: '张家港累计安排扶贫协作资金2\.4亿元'"):
        locate_once(text, "张家港累计安排扶贫协助资金2.4亿元", "test")


def test_a_traditional_quote_is_told_the_text_is_simplified(project_copy):
    record = next(r for r in load_records(project_copy) if r.script == "traditional")
    path = project_copy.annotation_file(record.source_id)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    to_traditional = opencc.OpenCC("s2t")
    fact = next(f for f in doc["facts"] if to_traditional.convert(f["quote"]) != f["quote"])
    fact["quote"] = to_traditional.convert(fact["quote"])
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match="traditional characters, but the clean text is in simplified script"):
        builder.build(project_copy)


def test_a_traditional_title_is_compared_after_conversion(project_copy):
    record = next(r for r in load_records(project_copy) if r.script == "traditional" and r.title_zh)
    seed = project_copy.seed_file(record.source_id)
    expected = clean_seed(read_seed(seed), record, seed)
    printed = opencc.OpenCC("s2t").convert(record.title_zh)
    assert printed != record.title_zh
    as_printed = record.model_copy(update={"title_zh": printed})
    result = clean_seed(read_seed(seed), as_printed, seed)
    assert result.text == expected.text
    assert any(r.rule == "title" for r in result.removed)


# --- the measurement ------------------------------------------------------------------------------


def test_agreement_measures_every_field_and_proposes_nothing_unverbatim(project_copy):
    result = agreement(project_copy)
    assert result["proposals_not_verbatim_unflagged"] == 0  # a quote the draft cannot make unique carries a `check:` note
    assert result["proposals_not_verbatim"] >= result["proposals_not_verbatim_unflagged"]
    assert result["curated_facts_with_number"] > 0
    assert set(TARGETS) <= set(result["shares_percent"])
    assert all(0 <= v <= 100 for v in result["shares_percent"].values())
    assert "| value |" in agreement_markdown({"Seeds": result}, "2026-01-01")
    # the sentence under the table counts every row with a target, "quotes not verbatim: 0" included
    assert f"of the {len(TARGETS) + 1} targets in the table" in agreement_markdown({"Held-out": result}, "2026-01-01")
    unverbatim = agreement_markdown({"Held-out": {**result, "proposals_not_verbatim": 1}}, "2026-01-01")
    assert "falls short on" in unverbatim and "quotes not verbatim." in unverbatim.splitlines()[-1]


def test_a_set_of_article_folders_is_measured_like_the_project(project_copy, tmp_path):
    """An article folder holding a project source measures exactly as that source does in the project."""
    record = next(r for r in load_records(project_copy) if project_copy.annotation_file(r.source_id).exists())
    folder = tmp_path / "set" / record.source_id
    folder.mkdir(parents=True)
    shutil.copyfile(project_copy.seed_file(record.source_id), folder / "article.txt")
    shutil.copyfile(project_copy.annotation_file(record.source_id), folder / "gold.yml")
    raw = yaml.safe_load(project_copy.provenance.read_text(encoding="utf-8"))
    (folder / "source.yml").write_text(
        yaml.safe_dump([r for r in raw["sources"] if r["source_id"] == record.source_id], allow_unicode=True), encoding="utf-8"
    )
    (folder / "reference.yml").write_text("places: []\npairings: []\n", encoding="utf-8")
    measured = set_agreement(tmp_path / "set", project_copy)
    expected = agreement(project_copy, only={record.source_id})
    assert measured["shares_percent"] == expected["shares_percent"]
    assert measured["sources"] == 1


def test_an_article_folder_missing_a_file_is_named(tmp_path):
    (tmp_path / "set" / "900_0000000000000000").mkdir(parents=True)
    with pytest.raises(DataError, match=r"900_0000000000000000.*lacks article\.txt"):
        set_agreement(tmp_path / "set")


# --- what `check` says is left to do ----------------------------------------------------------------


def test_check_lists_what_is_left_in_order_then_says_ok(own_draft, capsys):
    paths, source_id, document = own_draft
    curated = paths.annotation_file(source_id)
    curated.write_text(dump_draft(document), encoding="utf-8")  # the draft saved as it is
    review = review_source(source_id, paths)
    todo = "\n".join(review.todo)
    noted = [f["id"] for f in document["facts"] if CHECK in f]
    assert not review.ok and noted and f"{len(noted)} facts: resolve and delete the `check:` note of {noted[0]}" in todo
    assert f"write the description of {document['facts'][0]['id']}" in todo
    assert todo.index("`check:` note") < todo.index("description")

    for entry in document["facts"] + document["exclusions"]:
        entry.pop(CHECK, None)
    for fact in document["facts"]:
        fact["description"] = "Written by the test"
    dropped = document["facts"].pop()
    curated.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    review = review_source(source_id, paths)
    assert [line for line in review.todo if "numeric mention" in line] == [
        f"1 numeric mention: make a fact or an exclusion of {dropped['number']!r}"
    ], review.todo

    document["facts"].append(dropped)
    curated.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    provenance = yaml.safe_load(paths.provenance.read_text(encoding="utf-8"))
    record = next(r for r in provenance["sources"] if r["source_id"] == source_id)
    record["pairings"].append("nowhere-nothing")
    paths.provenance.write_text(yaml.safe_dump(provenance, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert review_source(source_id, paths).todo == [
        "1 pairing: add to data/reference/pairings.yml the pairing(s) nowhere-nothing"
    ]

    record["pairings"].remove("nowhere-nothing")
    paths.provenance.write_text(yaml.safe_dump(provenance, allow_unicode=True, sort_keys=False), encoding="utf-8")
    review = review_source(source_id, paths)
    assert review.ok, review.todo + review.problems
    assert print_review(review, paths) == 0 and capsys.readouterr().out.rstrip().endswith("OK")


def test_a_start_quote_not_found_says_where_to_copy_it_from(project_copy):
    pairings = yaml.safe_load(project_copy.pairings_input.read_text(encoding="utf-8"))
    dated = next(p for p in pairings["pairings"] if p.get("start_quote"))
    dated["start_quote"] += "不在文中"
    project_copy.pairings_input.write_text(yaml.safe_dump(pairings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match=rf"copy the start sentence from .*{dated['start_source']}\.txt"):
        builder.build(project_copy)
    assert any("start_quote" in line for line in review_source(dated["start_source"], project_copy).todo)
