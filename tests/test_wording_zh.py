"""The Chinese edition's wording (eastwest.reader.wording_zh, eastwest.reader.glossary_zh): every
fact of the dataset worded in Chinese reads back to its value with its qualifier and status; every
unit, qualifier, status, scope, theme and period mark of the vocabulary has its Chinese words (a
term added without them fails here, not on a page); the period forms; hand-checked examples; the
glossary turned around matches glossary.md. Rows are chosen by their attributes, never by id."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest

from eastwest.annotate.numerals import NumberFormatError, parse_number
from eastwest.core.paths import PROJECT
from eastwest.dataset import load
from eastwest.reader import counters_zh, glossary_zh, wording
from eastwest.reader import wording_zh as zh
from eastwest.reference.vocabulary import load_vocabulary

pytestmark = pytest.mark.fast

LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture(scope="module")
def facts():
    return load.facts()


def reread(text: str):
    """A Chinese value text read back by the project's own parser of Chinese numbers; a place in
    a ranking (第2名) is read without its ordinal mark."""
    return parse_number(text.removeprefix("第"))


def exact(value: float) -> Decimal:
    return Decimal(repr(float(value)))


# --- Every fact of the dataset --------------------------------------------------------------------


def test_every_fact_reads_back_in_chinese(facts):
    problems = []
    for _, row in facts.iterrows():
        text = zh.value_text_zh(row)
        where = f"{row['number_text'] or '(no number text)'} -> {text}"
        if LATIN.search(text):
            problems.append(f"Latin letters: {where}")
        if row["value"] != row["value"]:  # a number the source lost
            if text != zh.NUMBER_MISSING_ZH:
                problems.append(f"a lost number not said: {where}")
            continue
        try:
            parsed = reread(text)
        except NumberFormatError as exc:
            problems.append(f"unreadable: {where} ({exc})")
            continue
        if parsed.value != exact(row["value"]):
            problems.append(f"reads back as {parsed.value}, not {row['value']}: {where}")
        if row["qualifier"] == "range" and parsed.value_high != exact(row["value_high"]):
            problems.append(f"range end reads back as {parsed.value_high}: {where}")
        expected = frozenset() if row["qualifier"] == "exact" else frozenset({row["qualifier"]})
        if parsed.qualifiers != expected:
            problems.append(f"qualifier {row['qualifier']} reads back as {set(parsed.qualifiers)}: {where}")
        word = zh.unit_word_zh(row)  # the unit's word, or the source's own measure word and noun
        counter = zh.source_counter_zh(row["number_text"])
        if word != zh.UNIT_WORDS_ZH[row["unit"]] and not (counter and word.startswith(counter)):
            problems.append(f"unit word {word!r} is neither the unit's nor the source's: {where}")
        if row["unit"] not in ("percent", "rank") and not re.sub("(以上|左右|以内|以下)$", "", text).endswith(word):
            problems.append(f"unit word {word!r} missing: {where}")
    assert not problems, "\n".join(problems)


def test_a_fact_that_is_not_a_result_carries_its_status_word(facts):
    not_done = facts[facts["status"] != "achieved"]
    for _, row in not_done.iterrows():
        word = zh.status_text_zh(row)
        assert word, row["status"]
        assert zh.value_with_status_zh(row).startswith(word)
    for _, row in facts[facts["status"] == "achieved"].iterrows():
        assert zh.value_with_status_zh(row) == zh.value_text_zh(row)
    planned = facts[facts["status"].isin(["planned", "target"])]
    assert all(zh.value_with_status_zh(row)[:2] in ("计划", "目标") for _, row in planned.iterrows())


def test_every_fact_has_its_period_and_scope_in_chinese(facts):
    for _, row in facts.iterrows():
        when, period = zh.when_text_zh(row), zh.period_text_zh(row)
        for text in (when, period):
            assert not LATIN.search(text), text
            assert not re.search(r"\d{4}-\d", text), text  # no ISO date left
            assert ("时间为推断" in text) == ("period_inferred" in row["flag_list"]), text
            assert ("原文缺年份" in text) == ("year_missing_in_source" in row["flag_list"]), text
        if row["period"] != "unknown" and row["scope"] in ("cumulative", "annual", "recurring"):
            assert zh.SCOPE_WORDS_ZH[row["scope"]] in when, when


# --- The vocabulary: a term without Chinese words fails here -----------------------------------


def missing_words(terms: dict[str, dict]) -> list[str]:
    """The vocabulary's terms that have no Chinese words in wording_zh, as 'section: term'."""
    tables = {
        "units": zh.UNIT_WORDS_ZH,
        "qualifiers": zh.QUALIFIER_WORDS_ZH,
        "statuses": {"achieved": "", **zh.STATUS_WORDS_ZH},
        "scopes": zh.SCOPE_WORDS_ZH,
        "themes": zh.THEME_LABELS_ZH,
    }
    missing = [f"{section}: {term}" for section, table in tables.items() for term in terms[section] if term not in table]
    missing += [f"themes (short): {term}" for term in terms["themes"] if term not in zh.THEME_SHORT_ZH]
    return missing


def test_every_vocabulary_term_has_chinese_words():
    assert missing_words(load_vocabulary().terms) == []


@pytest.mark.parametrize("section", ["units", "qualifiers", "statuses", "scopes", "themes"])
def test_a_term_added_without_chinese_words_is_found(section):
    terms = {name: dict(entries) for name, entries in load_vocabulary().terms.items()}
    terms[section]["made_up_term"] = "a term the vocabulary gained today"
    assert f"{section}: made_up_term" in missing_words(terms)


def test_a_unit_without_chinese_words_is_an_error_not_a_bare_number():
    with pytest.raises(KeyError, match="UNIT_WORDS_ZH"):
        zh.value_text_zh({"value": 3, "unit": "made_up_unit", "qualifier": "exact", "number_text": ""})
    with pytest.raises(KeyError, match="STATUS_WORDS_ZH"):
        zh.status_text_zh({"status": "made_up_status", "unit": "person"})


def test_unit_words_are_chinese():
    for unit, word in zh.UNIT_WORDS_ZH.items():
        assert word and not LATIN.search(word), unit


def test_period_marks_flags_relationships_and_directions_match_the_english_tables():
    flags = load_vocabulary().terms["flags"]
    assert set(zh.PERIOD_MARKS_ZH) == set(wording.PERIOD_MARKS) <= set(flags)
    assert set(zh.RELATIONSHIP_SHORT_ZH) == set(wording.RELATIONSHIP_SHORT)
    assert set(zh.DIRECTION_WORDS_ZH) == set(wording.DIRECTION_WORDS)
    assert set(zh.THEME_LABELS_ZH) == set(wording.THEME_LABELS)
    assert set(zh.STATUS_WORDS_ZH) == set(wording.STATUS_WORDS)


def test_imports_only_what_the_english_wording_imports():
    def imported(module) -> set[str]:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
                names.add(str(node.module))
        return names

    # its measure words live beside it (counters_zh), on no more than the English wording stands on
    helpers = {"eastwest.reader", "eastwest.reader.counters_zh"}
    assert imported(zh) - {"decimal"} - helpers <= imported(wording)
    assert imported(counters_zh) <= imported(wording)
    assert not {name for name in imported(glossary_zh) if name.startswith("eastwest")}


# --- Hand-checked examples -----------------------------------------------------------------------

VALUES = [
    # value, value_high, unit, qualifier, the source's number text -> Chinese
    (126000000, None, "yuan", "exact", "", "1.26亿元"),
    (126000000, None, "yuan", "exact", "1.26亿元", "1.26亿元"),
    (2755000000, None, "yuan", "exact", "27.55亿元", "27.55亿元"),
    (65940000, None, "yuan", "exact", "6594万元", "6594万元"),
    (1955000, None, "yuan", "exact", "195.5万元", "195.5万元"),
    (1955000, None, "yuan", "exact", "", "195.5万元"),
    (10500000, None, "yuan", "exact", "1050万", "1050万元"),
    (3000, None, "yuan", "nearly", "近3000元", "近3000元"),
    (86300, None, "person", "exact", "8.63万人", "8.63万人"),
    (86300, None, "person", "exact", "86300人", "86300人"),
    (86300, None, "person", "exact", "", "86300人"),
    (13000, None, "person", "over", "1.3万余人", "1.3万余人"),
    (13000, None, "person", "nearly", "近1.3万人", "近1.3万人"),
    (13000, None, "person", "over", "", "13000余人"),
    (5400, None, "person", "over", "5400余人", "5400余人"),
    (260, None, "person", "over", "260余名", "260余人"),
    (800000, None, "yuan", "over", "80余万元", "80余万元"),
    (40000, None, "yuan", "over", "4万余元", "4万余元"),
    (5000000, None, "yuan", "over", "500多万元", "500多万元"),
    (30000000, None, "yuan", "over", "超3000万元", "超3000万元"),
    (20000000, None, "yuan", "over", "2000万以上", "2000万元以上"),
    (120000000, None, "yuan", "about", "1.2亿元左右", "1.2亿元左右"),
    (30, None, "person", "about", "近30余名", "约30人"),
    (100, None, "person", "under", "不足100人", "不足100人"),
    (100, None, "person", "under", "100人以下", "100人以下"),
    (2, 3, "yuan", "range", "两三元", "2—3元"),
    (4, 8, "times", "range", "4-8倍", "4—8倍"),
    (1, None, "times", "nearly", "近一倍", "近1倍"),
    (97.64, None, "percent", "exact", "97.64%", "97.64%"),
    (40, None, "percent", "over", "超四成", "超40%"),
    (40, None, "percent", "over", "", "超40%"),
    (10, None, "percent", "over", "十分之一多", "10%多"),
    (1, 3, "rank", "range", "前三", "前3名"),
    (2, None, "rank", "exact", "第二", "第2名"),
    (10, None, "household", "over", "十几户", "10多户"),
    (1000, None, "mu", "nearly", "近千亩", "近1000亩"),
    (6.18, None, "km2", "exact", "6.18平方公里", "6.18平方公里"),
    (21, None, "township", "exact", "21个乡镇街道", "21个乡镇街道"),  # the source's noun, not the kind's
    (10, None, "county", "exact", "10个市(县)区", "10个市（县）区"),  # brackets full-width
    (4, None, "category", "exact", "四级", "4级"),  # never 4类
    (1500, None, "station", "over", "1500余家店", "1500余家店"),
    (4, None, "county", "exact", "四个", "4个县（市、区）"),  # a bare 个 names nothing: the unit's word
    (2, None, "township", "exact", "", "2个乡镇（街道）"),
    (2, None, "county", "exact", "2区", "2区"),  # a noun, not a bare measure word
    (7, None, "class", "exact", "7场", "7场"),  # never 7期
]


@pytest.mark.parametrize("value, high, unit, qualifier, source, expected", VALUES)
def test_hand_checked_values(value, high, unit, qualifier, source, expected):
    row = {"value": value, "value_high": high, "unit": unit, "qualifier": qualifier, "number_text": source}
    assert zh.value_text_zh(row) == expected


def test_the_sources_bracket_after_a_noun_is_kept():
    row = {
        "value": 8,
        "value_high": None,
        "unit": "province",
        "qualifier": "exact",
        "number_text": "8个省",
        "quote": "帮扶8个省(市、区)14个县",
    }
    assert zh.value_text_zh(row) == "8个省（市、区）"
    assert zh.value_text_zh({**row, "quote": "帮扶8个省和14个县"}) == "8个省"


@pytest.mark.parametrize(
    "status, value, unit, qualifier, source, expected",
    [
        ("planned", 120000000, "yuan", "about", "1.2亿元左右", "计划1.2亿元左右"),
        ("expected", 30000000, "yuan", "over", "3000万元以上", "预计3000万元以上"),
        ("target", 1000, "mu", "exact", "1000亩", "目标1000亩"),
        ("quota", 10, "person", "exact", "10名", "每年定额10人"),
        ("quota", 60, "percent", "exact", "60%", "规定比例60%"),
        ("achieved", 240000000, "yuan", "exact", "2.4亿元", "2.4亿元"),
        ("planned", float("nan"), "household", "nearly", "", "计划：原文缺数字"),
    ],
)
def test_hand_checked_statuses(status, value, unit, qualifier, source, expected):
    row = {"status": status, "value": value, "unit": unit, "qualifier": qualifier, "number_text": source}
    assert zh.value_with_status_zh(row) == expected


# --- Periods ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "period, expected",
    [
        ("2021-02", "2021年2月"),
        ("2021", "2021年"),
        ("2019-11-20", "2019年11月20日"),
        ("2023-01/2023-10", "2023年1—10月"),
        ("2016/2017", "2016—2017年"),
        ("2017-03/2021-02", "2017年3月至2021年2月"),
        ("2012/2021-02", "2012年至2021年2月"),
        ("/2021-02", "截至2021年2月"),
        ("2018-05/", "2018年5月起"),
        ("2020-11-22/2020-11-24", "2020年11月22日至24日"),
        ("2020-11-30/2020-12-02", "2020年11月30日至12月2日"),
        ("2019-12-30/2020-01-02", "2019年12月30日至2020年1月2日"),
        ("unknown", "未注明日期"),
    ],
)
def test_period_forms(period, expected):
    assert zh.span_text_zh(period) == expected


@pytest.mark.parametrize(
    "period, scope, flags, expected",
    [
        ("2017-03/2021-02", "cumulative", [], "2017年3月至2021年2月累计"),
        ("/2021-02", "cumulative", ["period_inferred"], "截至2021年2月累计（时间为推断）"),
        ("2018", "annual", [], "2018年度"),
        ("2016/2017", "period_total", [], "2016—2017年合计"),
        ("2018-05/", "recurring", [], "每年，自2018年5月起"),
        ("/2021-02", "recurring", [], "每年，截至2021年2月"),
        ("2019-11", "stock", "period_inferred", "2019年11月（时间为推断）"),
        ("2019-11-20", "event", ["year_missing_in_source"], "2019年11月20日（原文缺年份）"),
        ("2019-11-20", "event", "period_inferred;year_missing_in_source", "2019年11月20日（时间为推断；原文缺年份）"),
        ("unknown", "stock", [], "未注明日期"),
    ],
)
def test_period_labels_with_scope_and_marks(period, scope, flags, expected):
    assert zh.period_label_zh(period, scope, flags) == expected


def test_every_scope_has_its_chinese_words_in_a_label():
    for scope in load_vocabulary().terms["scopes"]:
        label = zh.period_label_zh("2017-03/2021-02", scope, [])
        assert label and not LATIN.search(label), scope
    assert (
        zh.when_text_zh({"period": "2017-09", "scope": "event", "flag_list": ["period_inferred"]})
        == "2017年9月（时间为推断），一批"
    )
    assert zh.when_text_zh({"period": "/2019-03", "scope": "stock", "flags": ""}) == "截至2019年3月，在岗"


def test_a_pairings_start():
    assert zh.start_text_zh({"start_date": "2017-03", "start_flags": ""}) == "自2017年3月起"
    assert zh.start_text_zh({"start_date": "", "start_flags": "year_missing_in_source"}) == "起始日期在资料中脱漏"
    assert zh.start_text_zh({"start_date": "", "start_flags": ""}) == "资料未注明起始时间"


# --- The glossary turned around ---------------------------------------------------------------------


def glossary_entries() -> dict[str, str]:
    """glossary.md's terms and their entries' text (one line, spaces collapsed)."""
    text = (PROJECT.root / "glossary.md").read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    entries: dict[str, str] = {}
    term = ""
    for line in block.splitlines():
        if line.strip() and not line.startswith(" "):
            term = line.strip()
            entries[term] = ""
        elif term:
            entries[term] += " " + line.strip()
    return {term: re.sub(r"\s+", " ", body) for term, body in entries.items()}


def test_every_english_glossary_term_is_turned_around_in_its_own_words():
    entries = glossary_entries()
    assert list(glossary_zh.GLOSSARY_ZH) == list(entries)
    for term, english in glossary_zh.GLOSSARY_ZH.items():
        assert english.lower() in entries[term].lower(), term


def test_the_glossarys_extra_terms_use_the_english_books_words():
    english_words = " ".join(wording.THEME_LABELS.values()).lower()
    for term, english in glossary_zh.GLOSSARY_ZH_EXTRA.items():
        assert term not in glossary_zh.GLOSSARY_ZH
        assert english in english_words, term
