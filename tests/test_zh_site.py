"""The Chinese edition as built (_build/html/zh, written by `make book`): every English page has its
Chinese counterpart and each links the other; the two agree on every glued number, computed
figure, sentence link and chart; the Chinese pages are Chinese (language, headings, numbers in
Chinese style) and their search finds Chinese words. Pages are compared pair by pair, whatever
pages the book has."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from eastwest.core.paths import PROJECT
from eastwest.dataset import load
from eastwest.reader import wording_zh

pytestmark = pytest.mark.book

HTML = PROJECT.html
ZH = HTML / "zh"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Pages Sphinx writes for itself in each book, not counterparts of a written page.
SPHINX_PAGES = {"search.html", "genindex.html", "404.html"}


@pytest.fixture(scope="module", autouse=True)
def built_site():
    if not (ZH / "index.html").exists():
        pytest.fail("no Chinese edition: run `make book` first (`make test` does)")


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if not {"_static", "_sources", "zh"} & set(p.relative_to(root).parts[:-1]) and p.name not in SPHINX_PAGES
    }


def page_pairs() -> list[str]:
    return sorted(pages(HTML) & pages(ZH))


def test_every_page_is_in_both_editions():
    english, chinese = pages(HTML), pages(ZH)
    assert len(english) > 10
    assert not english - chinese, f"English pages without a Chinese counterpart: {sorted(english - chinese)[:10]}"
    assert not chinese - english, f"Chinese pages without an English counterpart: {sorted(chinese - english)[:10]}"


@pytest.mark.parametrize("page", page_pairs())
def test_each_page_switches_to_its_counterpart_both_ways(page):
    english, chinese = soup(HTML / page), soup(ZH / page)
    for here, there, lang, site in ((english, ZH, "zh-CN", HTML), (chinese, HTML, "en", ZH)):
        switch = here.select_one("a.language-switch")
        assert switch is not None and switch["hreflang"] == lang, f"{page}: no switch to {lang}"
        target = ((site / page).parent / switch["href"]).resolve()
        assert target == (there / page).resolve(), f"{page}: the switch leads to {switch['href']}"
        alternates = {link["hreflang"] for link in here.select('link[rel="alternate"][hreflang]')}
        assert alternates == {"en", "zh-CN"}, f"{page}: hreflang links {alternates}"
    assert chinese.html["lang"] == "zh-CN" and english.html["lang"] == "en"


def numbers(page: BeautifulSoup) -> Counter:
    """Every glued fact, computed figure and outside figure on a page, by what it is and its value."""
    found: Counter = Counter()
    for span in page.select(".glued"):
        kind = next((k for k in ("data-fact", "data-calc", "data-context") if span.get(k)), None)
        if kind:
            found[(kind, span[kind], span.get("data-value", ""))] += 1
    return found


def fact_links(page: BeautifulSoup) -> Counter:
    return Counter(a["href"] for a in page.find_all("a", href=True) if re.search(r"sources/[^#]*#fact-", a["href"]))


def images(page: BeautifulSoup) -> Counter:
    return Counter(Path(img["src"]).name for img in page.select("main img, article img"))


@pytest.mark.parametrize("page", page_pairs())
def test_both_editions_show_the_same_numbers_sentence_links_and_charts(page):
    english, chinese = soup(HTML / page), soup(ZH / page)
    assert numbers(chinese) == numbers(english), f"{page}: the editions' glued numbers differ"
    assert fact_links(chinese) == fact_links(english), f"{page}: the editions link different sentences"
    assert images(chinese) == images(english), f"{page}: the editions show different charts"


def scripts(page: BeautifulSoup) -> list[str]:
    """The page's scripts, without Sphinx's translations of its interface (Chinese book only)."""
    names = [Path(s["src"].split("?")[0]).name.replace("-zh.js", ".js") for s in page.find_all("script", src=True)]
    return [n for n in names if n != "translations.js"]  # a page's data in Chinese (x-zh.js) counts as its x.js


@pytest.mark.parametrize("page", page_pairs())
def test_both_editions_load_the_same_scripts(page):
    assert scripts(soup(ZH / page)) == scripts(soup(HTML / page)), f"{page}: the editions load different scripts"


@pytest.mark.parametrize("page", page_pairs())
def test_chinese_glued_facts_read_as_the_chinese_edition_words_them(page):
    facts = load.facts().set_index("fact_id", drop=False)
    for span in soup(ZH / page).select(".glued[data-fact]"):
        row = facts.loc[span["data-fact"]]
        if pd.isna(row.value):
            assert span.get_text() == wording_zh.NUMBER_MISSING_ZH
        else:
            assert span.get_text() == wording_zh.value_text_zh(row), f"{page}: {span['data-fact']} reads {span.get_text()!r}"


@pytest.mark.parametrize("page", page_pairs())
def test_chinese_pages_are_written_in_chinese(page):
    main = BeautifulSoup(str(soup(ZH / page).select_one("main") or soup(ZH / page)), "html.parser")
    heading = main.find("h1")
    assert heading is not None and CJK.search(heading.get_text()), f"{page}: its title is not Chinese"
    for code_or_english in main.select("code, pre, [lang^=en]"):  # file names, columns, what is marked English
        code_or_english.decompose()
    text = re.sub(r"https?://\S+|[\w.-]+\.(csv|json|zip|yml|md|svg|pdf|cff)\b", "", main.get_text(" "))
    latin, chinese = len(re.findall(r"[A-Za-z]", text)), len(CJK.findall(text))
    assert chinese > 2 * latin, f"{page}: {latin} Latin letters against {chinese} Chinese characters"


def test_the_chinese_search_finds_chinese_words():
    raw = (ZH / "searchindex.js").read_text(encoding="utf-8")
    terms = set(json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])["terms"])
    for term in ["沿河", "挂职", "消费扶贫", "东西部扶贫协作", "劳务协作"]:
        assert term in terms, term


def test_chinese_charts_are_the_chinese_drawings():
    drawn = [p for p in (ZH / "_images").glob("*.svg")]
    assert drawn, "the Chinese edition shows no chart"
    for svg in drawn:
        text = " ".join(t.get_text() for t in BeautifulSoup(svg.read_text(encoding="utf-8"), "html.parser").find_all("text"))
        if text.strip():
            assert CJK.search(text), f"{svg.name}: a chart in the Chinese edition has no Chinese text"
