"""What the notebooks' code puts on a page holds both languages (eastwest.pages.book and the modules
it lays out with): the English part is what it always was, the Chinese part has the same links and
data attributes, Chinese words only, and glued values that read back to the fact's value.

Facts are chosen by their attributes, never by id: a new source's facts are held to the same."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pandas as pd
import pytest

from eastwest.annotate.numerals import parse_number
from eastwest.charts.base import DATA_COLUMNS, write_chart_data
from eastwest.core.paths import PROJECT
from eastwest.dataset import load
from eastwest.pages import book, downloads, landing, narrative, tables
from eastwest.reader import page_words_zh, wording_zh
from eastwest.reader.languages import only

pytestmark = pytest.mark.fast

LATIN = re.compile(r"[A-Za-z]")
ATTRIBUTES = re.compile(r'\s[\w-]+="[^"]*"')
# A source's verbatim sentence may hold Latin letters of its own (GDP, 5G): it is the source's, not ours.
QUOTES = re.compile(r'<span class="fact-quote" lang="zh">.*?</span>', re.S)
TAG = re.compile(r"<[^>]+>")
# Names a Chinese reader reads as they are: the file format and the program that opens it.
ALLOWED = re.compile(r"(?<![A-Za-z])(?:CSV|Excel)(?![A-Za-z])")


def visible_zh(html: str) -> str:
    """The Chinese book's visible text of an output: no tags, attributes or sources' sentences."""
    return ALLOWED.sub("", unescape(TAG.sub(" ", QUOTES.sub("", only(html, "zh")))))


def attributes(html: str) -> list[str]:
    return ATTRIBUTES.findall(html)


@pytest.fixture(scope="module")
def facts():
    return load.facts()


def first(facts: pd.DataFrame, **attrs) -> pd.Series:
    chosen = facts
    for column, value in attrs.items():
        chosen = chosen[chosen[column] == value]
    assert len(chosen), f"no fact with {attrs}"
    return chosen.iloc[0]


@pytest.fixture
def captured(monkeypatch):
    """What book.glue and book.display receive, by key (glue) and in order (display)."""
    glued: dict[str, str] = {}
    shown: list[str] = []
    monkeypatch.setattr(book, "glue", lambda key, html, display=False: glued.__setitem__(key, html.data))
    monkeypatch.setattr(book, "display", lambda html: shown.append(html.data))
    return glued, shown


# --- A glued fact --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "attrs",
    [
        {"qualifier": "over", "unit": "person"},
        {"qualifier": "nearly"},
        {"qualifier": "exact", "unit": "yuan"},
        {"qualifier": "exact", "unit": "village"},
    ],
)
def test_a_glued_fact_reads_back_in_chinese_with_its_unit_and_qualifier(facts, captured, attrs):
    glued, _ = captured
    row = first(facts[facts.value.notna()], **attrs)
    book.glue_fact(facts, row["fact_id"])
    html = glued[row["fact_id"]]
    english, chinese = only(html, "en"), only(html, "zh")
    assert english == narrative.glued_link(row), "the English part changed"
    assert attributes(english) == attributes(chinese), "the Chinese link differs in its href or data"
    text = visible_zh(html).strip()
    assert not LATIN.search(text), text
    assert text.endswith(wording_zh.unit_word_zh(row)) or wording_zh.unit_word_zh(row) in text
    parsed = parse_number(text)
    assert parsed.value == Decimal(repr(float(row["value"]))), f"{text} reads {parsed.value}, not {row['value']}"
    if row["qualifier"] != "exact":
        assert row["qualifier"] in parsed.qualifiers, f"{text}: the qualifier {row['qualifier']} is lost"


def test_a_fact_whose_number_the_source_lost_says_so_in_chinese(facts, captured):
    glued, _ = captured
    lost = facts[facts.value.isna()]
    if lost.empty:
        pytest.skip("no fact lost its number")
    book.glue_fact(facts, lost.iloc[0]["fact_id"])
    assert visible_zh(glued[lost.iloc[0]["fact_id"]]).strip() == wording_zh.NUMBER_MISSING_ZH


def test_computed_numbers_and_texts_take_their_chinese_words(captured):
    glued, _ = captured
    book.glue_calc("growth", 3.125, "3.1 times", ["a", "b"], zh=wording_zh.times_zh(3.125))
    book.glue_count("count", 3, of=12)
    book.glue_text("closure", ", consistent with its components", zh="，与各分项之和一致")
    assert visible_zh(glued["growth"]).strip() == "3.1倍"
    assert 'title="由数据集中的2个数字计算"' in only(glued["growth"], "zh")
    assert only(glued["growth"], "en").endswith('title="computed from 2 figures of the dataset">3.1 times</span>')
    assert visible_zh(glued["count"]).strip() == "3" and visible_zh(glued["count-share"]).strip() == "25%"
    assert visible_zh(glued["closure"]).strip() == "，与各分项之和一致"


def test_sources_and_outside_figures_are_glued_in_chinese(facts, captured):
    glued, _ = captured
    book.glue_sources("sources", facts.source_id)
    frame = pd.read_csv(PROJECT.root / "data/reference/national_context.csv", keep_default_na=False)
    context = frame.iloc[0]
    book.glue_context("context", context["indicator"], context["period"])
    for key in ("sources", "context"):
        assert not LATIN.search(visible_zh(glued[key])), visible_zh(glued[key])
        assert [a for a in attributes(only(glued[key], "en")) if "title" not in a] == [
            a for a in attributes(only(glued[key], "zh")) if "title" not in a
        ]
    assert 'title="外部数据：' in only(glued["context"], "zh")
    assert parse_number(visible_zh(glued["context"]).strip()).value == Decimal(repr(float(context["value"])))


# --- Lists, tables and the landing page ----------------------------------------------------------


def test_fact_lists_and_tables_are_chinese_with_the_same_links(facts):
    frame = facts.groupby("theme", sort=True).head(3)
    for english, chinese in [
        (narrative.fact_list(frame), narrative.fact_list_zh(frame)),
        (tables.fact_table(frame), tables.fact_table_zh(frame, caption="各类数字")),
        (tables.facts_behind(frame), tables.facts_behind_zh(frame)),
        (tables.facts_behind(frame, max_listed=2), tables.facts_behind_zh(frame, max_listed=2)),
        (tables.fact_table(frame, max_rows=2), tables.fact_table_zh(frame, max_rows=2)),
        (tables.sources_table(load.sources()), tables.sources_table_zh(load.sources())),
        (tables.pairings_table(load.pairings(), {}), tables.pairings_table_zh(load.pairings())),
        (landing.summary_table(facts, load.pairings()), landing.summary_table_zh(facts, load.pairings())),
    ]:
        text = unescape(TAG.sub(" ", QUOTES.sub("", chinese)))
        assert not LATIN.search(text), LATIN.findall(text)[:5] and text[:300]
        hrefs = sorted(set(re.findall(r'href="([^"]+)"', english)))
        assert hrefs == sorted(set(re.findall(r'href="([^"]+)"', chinese)))
        assert sorted(re.findall(r'data-fact="([^"]+)"', english)) == sorted(re.findall(r'data-fact="([^"]+)"', chinese))


def test_an_empty_list_and_its_intro_take_the_chinese_given(facts, captured):
    _, shown = captured
    book.show_fact_list(facts.iloc[:0], empty="None.", intro="Results", empty_zh="无。", intro_zh="已实现")
    book.show_fact_list(facts.iloc[:0])
    assert only(shown[0], "en") == narrative.fact_list(facts.iloc[:0], empty="None.", intro="Results")
    assert visible_zh(shown[0]).split() == ["已实现", "无。"]
    assert visible_zh(shown[1]).strip() == page_words_zh.EMPTY_ZH


def test_a_chart_download_is_offered_in_chinese(facts, tmp_path):
    rows = facts[facts.value.notna()].head(3)
    data = tmp_path / "figures" / "chart.csv"
    data.parent.mkdir()
    write_chart_data(data, rows, DATA_COLUMNS)  # as a chart writes its data
    english = downloads.chart_data_paragraph(data, 3, tmp_path)
    chinese = downloads.chart_data_paragraph_zh(data, 3, tmp_path)
    assert "下载图表数据" in chinese and "3行" in chinese
    assert not LATIN.search(visible_zh(chinese))
    assert re.findall(r'href="([^"]+\.csv)"', english) == ["../_static/generated/chart-data/chart.csv"]
    assert re.findall(r'href="([^"]+\.csv)"', chinese) == ["../_static/generated/chart-data/zh/chart.csv"]
    lines = (tmp_path / "_static/generated/chart-data/zh/chart.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == page_words_zh.DOWNLOAD_LICENCE_ZH and lines[1].startswith("数据编号,资料编号,来源,结对,")
    assert len(lines) == 2 + 3, "the licence, the header and a row per fact"
    for line, (_, fact) in zip(lines[2:], rows.iterrows()):
        assert fact["fact_id"] in line and fact["quote"] in line and wording_zh.value_text_zh(fact) in line


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Zhangjiagang → Yanhe", "张家港→沿河"),
        ("Zhangjiagang → Gongliu and Yanhe, together", "张家港→巩留、沿河（合并报道）"),
        ("Background: Zhangjiagang (no single pairing)", "张家港（不属于单一结对）"),
        ("Background (no single pairing)", wording_zh.BACKGROUND_ZH),
    ],
)
def test_programme_labels_read_in_chinese(label, expected):
    assert tables.programme_label_zh(label) == expected


def test_every_programme_label_of_the_dataset_reads_in_chinese(facts):
    names = tables.place_names_zh()
    left = {label: tables.programme_label_zh(label, names) for label in set(facts.programme_label)}
    assert not {k: v for k, v in left.items() if LATIN.search(v)}


# --- The notebooks' own code ---------------------------------------------------------------------

CHART_CALLS = re.compile(r"show_chart\(")


def code_cells() -> list[tuple[str, str]]:
    """(page, code) for each code cell of the chapters and the landing page that draws no chart:
    charts are drawn into figures/ and checked by their own tests."""
    cells = []
    for path in sorted((PROJECT.root / "chapters").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        code = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
        cells.append((path.stem, "\n".join(c for c in code if not CHART_CALLS.search(c))))
    landing_page = Path(PROJECT.root / "index.md").read_text(encoding="utf-8")
    code = re.findall(r"```\{code-cell\} python\n(?::tags:[^\n]*\n)?(.*?)```", landing_page, re.S)
    cells.append(("index", "\n".join(c for c in code if not CHART_CALLS.search(c))))
    return cells


@pytest.mark.parametrize(("page", "code"), code_cells(), ids=[p for p, _ in code_cells()])
def test_every_output_of_a_page_is_in_both_languages(page, code, captured):
    glued, shown = captured
    exec(compile(code, page, "exec"), {"__name__": page})  # the project's own notebooks
    assert glued or shown
    # the citation block and its glued text are the citation file's, in the one language it has
    own = {k: v for k, v in glued.items() if k != "how-to-cite"}
    outputs = list(own.items()) + [(f"output {i}", html) for i, html in enumerate(shown) if "citation" not in html]
    problems = [f"{name}: {visible_zh(html).strip()[:120]}" for name, html in outputs if LATIN.search(visible_zh(html))]
    assert not problems, "English in the Chinese book:\n" + "\n".join(problems)
    for name, html in outputs:
        english, chinese = only(html, "en"), only(html, "zh")
        assert sorted(re.findall(r'data-(?:fact|calc|value)="([^"]*)"', english)) == sorted(
            re.findall(r'data-(?:fact|calc|value)="([^"]*)"', chinese)
        ), name


def test_a_pairing_pages_key_numbers_are_chinese_with_the_same_links(facts):
    from eastwest.pages import key_numbers

    for _, pairing in load.pairings().iterrows():
        own = facts[facts.programme == pairing["pairing_id"]]
        n_sources = own.source_id.nunique() + 1
        english = key_numbers.key_numbers(pairing, own, n_sources, 2, "pairings")
        chinese = key_numbers.key_numbers_zh(pairing, own, n_sources, 2, "pairings")
        assert not LATIN.search(visible_zh(chinese)), visible_zh(chinese)
        assert re.findall(r'href="([^"]+)"', english) == re.findall(r'href="([^"]+)"', chinese)
        assert f"{len(own)}条数字" in chinese and "另有1篇资料提及该结对" in chinese
