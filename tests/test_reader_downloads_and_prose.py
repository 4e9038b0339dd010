"""What a reader reads and downloads from the built site (_build/html, written by `make book`):

- no sentence of the landing page's or a chapter's prose runs over MAX_SENTENCE_WORDS words;
- a source page shows no fact id: not in a highlight's box, nor as the text of a link to a fact;
- every download a reader opens in a spreadsheet (a chart's data, the spreadsheet copies of the
  dataset's tables, the fact explorer's rows) starts with a byte-order mark and the licence line,
  writes whole numbers without '.0' and gives a fact's period in words beside the ISO one; the
  dataset's own tables in data/ write whole numbers without '.0' too.

Nothing here assumes the corpus: the checks run on whatever the site and the data hold."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from eastwest.core.paths import PROJECT
from eastwest.dataset import load
from eastwest.pages.data_page import SPREADSHEET_SUFFIX, SPREADSHEETS
from eastwest.reader.spreadsheet import BYTE_ORDER_MARK
from eastwest.reader.wording import DOWNLOAD_LICENCE, PERIOD_WORDS_COLUMN

pytestmark = pytest.mark.book

HTML = PROJECT.html
MAX_SENTENCE_WORDS = 50
# Prose only: a figure, a table, a collapsed list, a list of facts (one label per fact) or the
# citation block is not a sentence a reader reads through.
NOT_PROSE = "figure, table, details, nav, pre, .toctree-wrapper, .chart-data, .citation-block, ul.fact-list"
# "c." (circa) in a citation label such as "[… c. 2019-11–2019-12]" does not end a sentence
SENTENCE_END = re.compile(r"(?<=[.!?;])(?<!\bc\.)\s+(?=[A-Z“\"(])|(?<=[.!?])(?<!\bc\.)\s+")
WORD = re.compile(r"[A-Za-z0-9¥][\w’'.,%¥–-]*")
WHOLE_AS_FLOAT = re.compile(r"^-?\d+\.0$")


@pytest.fixture(scope="module", autouse=True)
def built_site():
    if not (HTML / "index.html").exists():
        pytest.fail("no built site: run `make book` first (`make test` does)")


def sentences(html: str) -> list[str]:
    """The sentences of a page's prose, as a reader reads them (citations and glued numbers included)."""
    article = BeautifulSoup(html, "html.parser").select_one("article.bd-article")
    if article is None:
        return []
    for skipped in article.select(NOT_PROSE):
        skipped.decompose()
    out = []
    for block in article.select("p, li"):
        if block.find(["p", "li"]):
            continue
        text = re.sub(r"\s+", " ", block.get_text(" ")).strip()
        text = re.sub(r" ([,.;:)\]])", r"\1", text).replace("( ", "(").replace("[ ", "[")
        out += [s for s in SENTENCE_END.split(text) if s]
    return out


def words(sentence: str) -> int:
    return len(WORD.findall(sentence))


def test_sentences_are_counted_as_a_reader_counts_them():
    long = " ".join(["word"] * 51) + "."
    html = f'<article class="bd-article"><p>Short one. {long}</p><table><tr><td>{long}</td></tr></table></article>'
    assert [words(s) for s in sentences(html)] == [2, 51]


PROSE_PAGES = ["index.html", *sorted(str(p.relative_to(HTML)) for p in (HTML / "chapters").glob("*.html"))]


@pytest.mark.parametrize("page", PROSE_PAGES)
def test_no_sentence_of_the_prose_runs_over_50_words(page):
    long = [
        f"{words(s)} words: {s}" for s in sentences((HTML / page).read_text(encoding="utf-8")) if words(s) > MAX_SENTENCE_WORDS
    ]
    assert not long, f"{page}: sentences over {MAX_SENTENCE_WORDS} words (split them, saying the same):\n" + "\n".join(long)


def source_pages() -> list[Path]:
    return sorted((HTML / "sources").glob("src-*.html"))


def test_a_source_page_shows_no_fact_id():
    facts = load.facts()
    pages = source_pages()
    assert pages, "no source pages in the built site"
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ids = set(facts[facts.source_id == page.stem.removeprefix("src-")].fact_id)
        for mark in soup.select("mark.fact, span.fact-anchor"):
            assert not any(i in mark.get("title", "") for i in ids), f"{page.name}: {mark.get('title')!r} shows a fact id"
        for link in soup.select("article a[href*='#fact-']"):
            text = link.get_text(" ").strip()
            assert text not in ids and not link.find("code"), f"{page.name}: a link to a fact reads {text!r}"


def download_files() -> list[Path]:
    """Every CSV a reader downloads to open in a spreadsheet: charts' data and the spreadsheet copies."""
    charts = sorted((HTML / "_static" / "generated" / "chart-data").rglob("*.csv"))
    copies = sorted((HTML / SPREADSHEETS).glob(f"*{SPREADSHEET_SUFFIX}"))
    return charts + copies


def test_every_download_opens_in_a_spreadsheet_with_its_licence_plain_numbers_and_periods_in_words():
    from eastwest.reader.page_words_zh import DOWNLOAD_LICENCE_ZH

    files = download_files()
    assert any(p.name.endswith(SPREADSHEET_SUFFIX) for p in files), "no spreadsheet copies of the dataset's tables"
    for path in files:
        raw = path.read_bytes()
        assert raw.startswith(BYTE_ORDER_MARK.encode()), f"{path.name}: no UTF-8 byte-order mark"
        licence, _, table = raw.decode("utf-8-sig").partition("\n")
        # chart-data/zh: the Chinese twins (a chart's marks file, read by the page's script, is shared)
        chinese = "zh" in path.relative_to(HTML / "_static" / "generated").parts and not path.name.endswith(".marks.csv")
        assert licence == (DOWNLOAD_LICENCE_ZH if chinese else DOWNLOAD_LICENCE), (
            f"{path.name}: the first line is not the licence"
        )
        rows = list(csv.DictReader(io.StringIO(table, newline="")))
        floats = [f"{k}={v}" for r in rows for k, v in r.items() if WHOLE_AS_FLOAT.match(v or "")]
        assert not floats, f"{path.name}: whole numbers printed with '.0': {floats[:5]}"
        if rows and "period" in rows[0] and "scope" in rows[0]:
            assert PERIOD_WORDS_COLUMN in rows[0], f"{path.name}: no {PERIOD_WORDS_COLUMN} beside the period"
            raw_periods = [r[PERIOD_WORDS_COLUMN] for r in rows if re.fullmatch(r"[\d-]*/[\d-]*", r[PERIOD_WORDS_COLUMN])]
            assert not raw_periods, f"{path.name}: periods not in words: {raw_periods[:5]}"


def test_the_data_page_points_a_spreadsheet_user_to_the_spreadsheet_copy():
    soup = BeautifulSoup((HTML / "sources" / "data.html").read_text(encoding="utf-8"), "html.parser")
    which = soup.find(id="which-file-do-i-want")
    assert which is not None, "the data page has no 'Which file do I want?'"
    linked = [a.get("href", "") for a in which.select("a")]
    assert any(h.endswith("facts" + SPREADSHEET_SUFFIX) for h in linked), linked


def test_the_datasets_own_tables_write_whole_numbers_without_a_decimal_point():
    for path in sorted(PROJECT.data.glob("*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        floats = [f"{c}={v}" for c in table.columns for v in table[c] if WHOLE_AS_FLOAT.match(v)]
        assert not floats, f"{path.name}: whole numbers printed with '.0': {floats[:5]}"


def test_the_explorer_says_periods_in_words_and_carries_the_licence_for_its_download():
    script = (HTML / "_static" / "generated" / "explorer-data.js").read_text(encoding="utf-8")
    index = json.loads(script.removeprefix("window.EXPLORER_FACTS = ").rstrip().removesuffix(";"))
    assert index["licence"] == DOWNLOAD_LICENCE
    words_of = index["lookups"]["period_words"]
    column = index["columns"].index("period_words")
    facts = load.facts().set_index(load.facts().fact_id.map(lambda i: f"fact-{i}"))
    anchor = index["columns"].index("anchor")
    for row in index["rows"]:
        fact = facts.loc[row[anchor]]
        shown = words_of[row[column]]
        assert not re.fullmatch(r"[\d-]*/[\d-]*", shown), f"{row[anchor]}: period shown raw: {shown}"
        if "period_inferred" in fact["flag_list"]:
            assert "estimated" in shown, f"{row[anchor]}: an estimated period shown without saying so: {shown}"


def test_a_computed_number_names_its_facts_for_the_inspector_not_in_its_tooltip(monkeypatch):
    from eastwest.pages import book

    glued = {}
    monkeypatch.setattr(book, "glue", lambda key, value, display=False: glued.setdefault(key, value.data))
    book.glue_calc("calc-x", 4138.0, "¥4,138", ["000-industry-aid-funds", "000-industry-poor-people-covered"])
    html = glued["calc-x"]
    title = re.search(r'title="([^"]*)"', html)[1]
    assert "000-" not in title and "computed from 2 figures" in title
    assert 'data-facts="000-industry-aid-funds 000-industry-poor-people-covered"' in html
