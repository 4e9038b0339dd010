"""The built site (_build/html, written by `make book`): every number traceable in one click,
citations complete, downloads present, search bilingual, nothing remote, nothing unsafe."""

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from eastwest.analysis import comparisons
from eastwest.charts.base import read_chart_data
from eastwest.core.paths import PROJECT
from eastwest.core.site import base_path
from eastwest.dataset import load
from eastwest.pages import tables
from eastwest.pages.bibliography import reader_label
from eastwest.reader import wording
from eastwest.reader.links import bib_key, context_key, fact_anchor, source_page

pytestmark = pytest.mark.book

HTML = PROJECT.html
CHAPTERS = ["00_overview", "01_industry", "02_talent", "03_labour", "04_consumption", "05_synthesis"]


@pytest.fixture(scope="module", autouse=True)
def built_site():
    if not (HTML / "index.html").exists():
        pytest.fail("no built site: run `make book` first (`make test` does)")


@cache
def soup(relative: str) -> BeautifulSoup:
    return BeautifulSoup((HTML / relative).read_text(encoding="utf-8"), "html.parser")


def resolve(page: str, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    if parts.path.startswith("/"):  # the 404 page's links: absolute, under the base URL's path
        return (HTML / unquote(parts.path).removeprefix(base_path())).resolve(), parts.fragment
    target = (HTML / page).parent / unquote(parts.path) if parts.path else HTML / page
    return target.resolve(), parts.fragment


def ids_in(path: Path) -> set[str]:
    return {t["id"] for t in soup(str(path.relative_to(HTML.resolve()))).find_all(id=True)}


def html_pages() -> list[Path]:
    return sorted(p for p in HTML.rglob("*.html") if "_static" not in p.parts)


# --- Every number links to its sentence, and back ----------------------------------------------


def test_every_fact_has_exactly_one_anchor_on_its_source_page():
    facts = load.facts()
    for sid, group in facts.groupby("source_id"):
        page = (HTML / "sources" / f"{source_page(sid)}.html").read_text(encoding="utf-8")
        for fact_id in group.fact_id:
            assert page.count(f'id="{fact_anchor(fact_id)}"') == 1, fact_id


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_fact_link_in_a_chapter_resolves(chapter):
    page = f"chapters/{chapter}.html"
    links = [a["href"] for a in soup(page).find_all("a", href=True) if "#fact-" in a["href"]]
    assert len(links) >= 10, f"{page}: too few fact links"
    for href in links:
        target, fragment = resolve(page, href)
        assert target.exists(), href
        assert fragment in ids_in(target), href


def test_source_pages_link_back_to_existing_chapters():
    for sid in load.sources().source_id:
        page = f"sources/{source_page(sid)}.html"
        backs = soup(page).select("a.fact-back")
        assert backs, page
        for a in backs:
            target, _ = resolve(page, a["href"])
            assert target.exists(), (page, a["href"])


# --- Glued numbers equal the dataset -------------------------------------------------------------


def glued(page: str):
    return soup(page).select(".glued")


@pytest.mark.parametrize("page", [f"chapters/{c}.html" for c in CHAPTERS] + ["index.html"])
def test_glued_facts_equal_the_dataset(page):
    facts = load.facts().set_index("fact_id", drop=False)
    assert len(glued(page)) >= 5, f"{page}: the prose should take its numbers from the dataset"
    spans = [s for s in glued(page) if s.get("data-fact")]
    for span in spans:
        row = facts.loc[span["data-fact"]]
        if pd.isna(row.value):
            assert span["data-value"] == "" and span.get_text() == "number missing in source"
        else:
            assert float(span["data-value"]) == row.value
            assert span.get_text() == wording.value_text(row, with_unit=False)


def calc(page: str) -> dict[str, float]:
    return {s["data-calc"]: float(s["data-value"]) for s in glued(page) if s.get("data-calc")}


def test_computed_headlines_are_recomputed_from_facts_csv():
    raw = pd.read_csv(PROJECT.facts_csv, dtype=str, keep_default_na=False).set_index("fact_id")
    value = lambda i: float(raw.loc[i, "value"])  # noqa: E731
    industry = calc("chapters/01_industry.html")
    assert industry["calc-zjg-funds-growth"] == pytest.approx(value("000-industry-aid-funds") / value("002-aid-funds"))
    split = comparisons.aid_split(load.facts())
    assert industry["calc-split-funds"] == pytest.approx(sum(value(f) for f in split.fact_id))
    assert industry["calc-zjg-per-poor-person"] == pytest.approx(
        value("000-industry-aid-funds") / value("000-industry-poor-people-covered")
    )
    labour = calc("chapters/03_labour.html")
    assert labour["calc-hired-share-of-seekers"] == pytest.approx(
        value("004-jobfair-2017-employed") / value("004-jobfair-2017-jobseekers")
    )
    method = calc("method.html")
    assert method["calc-labour-facts"] == (raw.theme == "labour").sum()
    assert method["calc-not-achieved"] == (raw.status != "achieved").sum()
    overview = calc("chapters/00_overview.html")
    assert overview["n-facts"] == len(raw)
    assert overview["n-number-missing"] == (raw.value == "").sum()


def test_outside_figures_equal_the_context_table_and_are_cited():
    context = comparisons.context_figures()
    seen = 0
    for chapter in CHAPTERS:
        page = f"chapters/{chapter}.html"
        for span in soup(page).select(".context-figure"):
            assert float(span["data-value"]) in set(context.value)
            assert "Outside figure" in span["title"]
            seen += 1
    assert seen >= 4


@pytest.mark.parametrize("page", [f"chapters/{c}.html" for c in CHAPTERS if c != "05_synthesis"] + ["method.html"])
def test_every_caption_names_exactly_the_sources_its_chart_drew(page):
    figures = soup(page).select("figure")
    assert figures, page
    for figure in figures:
        name = Path(figure.find("img")["src"]).stem
        drawn = PROJECT.figures / f"{name}.csv"
        linked = {a["data-source"] for a in figure.select("figcaption a.source-link")}
        assert linked, f"{page}: the caption of {name} names no source"
        for sid in linked:
            assert resolve(page, f"../sources/{source_page(sid)}.html" if "/" in page else f"sources/{source_page(sid)}.html")[
                0
            ].exists()
        if drawn.exists():
            assert linked == set(read_chart_data(drawn, dtype=str).source_id), f"{page}: {name} caption and data disagree"


# --- Figures -------------------------------------------------------------------------------------


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_shows_its_figures_with_citing_captions(chapter):
    page = f"chapters/{chapter}.html"
    figures = soup(page).find_all("figure")
    assert len(figures) >= (0 if chapter == "05_synthesis" else 1)  # the synthesis argues from the others' charts
    for figure in figures:
        img = figure.find("img")
        assert img and img.get("alt"), "figure without alt text"
        assert (HTML / "chapters" / img["src"]).resolve().exists()
        caption = figure.find("figcaption")
        cited = {a["data-source"] for a in caption.select("a.source-link")}
        assert cited, f"{page}: caption without its sources"
        behind = figure.find_next_sibling()
        while behind is not None and behind.name != "figure" and not behind.select("details.facts-behind"):
            behind = behind.find_next_sibling()
        if behind is not None and behind.name != "figure":
            sources = {re.search(r"src-(\d{3}_[0-9a-f]+)", a["href"]).group(1) for a in behind.select("details.facts-behind a")}
            assert sources <= cited, f"{page}: caption of {img['src']} does not cite {sorted(sources - cited)}"


# --- Bibliography, data page, search, glossary ---------------------------------------------------


def test_bibliography_has_every_source_and_every_outside_source():
    """Listed under the names a reader meets in captions and tables (outlet and date), not keys."""
    text = soup("bibliography.html").get_text()
    for _, source in load.sources().iterrows():
        assert f"[{reader_label(source)}]" in text
        assert f"[{bib_key(source['source_id'])}]" not in text
    for row in comparisons.context_figures().itertuples():
        assert f"[{reader_label({'outlet': row.outlet, 'date_status': 'as_given', 'published': row.published})}]" in text
        assert context_key(row.outlet, row.published) not in text


def test_citations_in_the_text_name_outlet_and_date():
    labels = {reader_label(s) for _, s in load.sources().iterrows()}
    labels |= {
        reader_label({"outlet": r.outlet, "date_status": "as_given", "published": r.published})
        for r in comparisons.context_figures().itertuples()
    }
    for chapter in CHAPTERS:
        cited = [a.get_text() for a in soup(f"chapters/{chapter}.html").select(".bibtex-citation a")]
        assert cited, chapter
        assert set(cited) <= labels, f"{chapter}: citations not named by outlet and date: {set(cited) - labels}"


def test_data_page_links_every_data_file_and_the_targets_exist():
    page = "sources/data.html"
    offered = set()
    for a in soup(page).find_all("a", href=True):
        target, _ = resolve(page, a["href"])
        if "_downloads" in target.parts:
            assert target.exists(), a["href"]
            offered.add((target.name, target.read_bytes()))
    expected = [
        p for p in PROJECT.data.rglob("*") if p.is_file() and not p.name.startswith(".") and not p.name.endswith(".draft.yml")
    ]  # not the lock or drafts
    assert len(expected) > 10
    for path in expected:
        assert (path.name, path.read_bytes()) in offered, f"data page does not offer {path.relative_to(PROJECT.root)}"


def test_search_index_holds_english_and_chinese_terms():
    raw = (HTML / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])
    terms = set(index["terms"])
    for term in ["zhangjiagang", "沿河", "挂职", "消费", "扶贫", "消费扶贫", "东西部扶贫协作"]:
        assert term in terms, term


def test_glossary_page_defines_the_programme_terms():
    text = soup("glossary.html").get_text()
    for term in [
        "东西部扶贫协作",
        "对口帮扶",
        "对口支援",
        "援疆",
        "援藏",
        "南北挂钩",
        "携手奔小康",
        "建档立卡",
        "挂职",
        "支教",
        "支医",
        "劳务协作",
        "消费扶贫",
        "摘帽",
        "出列",
        "深度贫困村",
        "致富带头人",
    ]:
        assert term in text, term


# --- Hygiene: nothing remote, nothing removed comes back, everything escaped -----------------------

REMOTE = re.compile(r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)


def test_no_page_loads_anything_from_another_host():
    pages = html_pages()
    assert len(pages) > 15
    for path in pages:
        assert not REMOTE.search(path.read_text(encoding="utf-8")), path
    for css in (HTML / "_static").rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css.read_text(encoding="utf-8", errors="ignore")), css
        assert "@import url(http" not in css.read_text(encoding="utf-8", errors="ignore")


REMOVED_TEXT = [
    "波多野结衣",
    "亚洲少妇",
    "国产日韩欧美",
    "字号变大",
    "字号变小",
    "点击:正在获取",
    "下载荔枝新闻APP",
    "快乐分享",
    "猜你喜欢",
    "猜你喜歡",
    "相关推荐",
    "网友评论",
    "本内容不代表本网观点",
    "辽宁红沿河核电站",
]


def test_removed_spam_and_furniture_never_reach_the_site():
    for path in [*html_pages(), HTML / "searchindex.js"]:
        text = path.read_text(encoding="utf-8")
        for phrase in REMOVED_TEXT:
            assert phrase not in text, f"{phrase!r} in {path.relative_to(HTML)}"


def test_source_text_is_escaped_in_pages_and_tables():
    from eastwest.pages import source_pages

    hostile = "<script>alert('x')</script>"
    row = load.facts().iloc[0].copy()
    row["quote"] = hostile
    row["description"] = hostile
    table = tables.fact_table(pd.DataFrame([row]))
    assert "<script>" not in table and "&lt;script&gt;" in table
    source = load.sources().iloc[0].copy()
    source["title_en"] = hostile
    text = "正文" + hostile + "正文"
    page = source_pages.source_page_markdown(source, load.facts().iloc[0:0], text, load.quality_log()[source["source_id"]])
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_no_internal_link_is_broken():
    checked = 0
    for path in html_pages():
        page = str(path.relative_to(HTML))
        for a in soup(page).find_all("a", href=True):
            href = a["href"]
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            target, fragment = resolve(page, href)
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page}: broken link {href}"
            if fragment and target.suffix == ".html":
                assert fragment in ids_in(target), f"{page}: link {href} has no anchor {fragment!r}"
            checked += 1
    assert checked > 500


def test_print_headers_hold_plain_titles_only():
    for path in html_pages():
        header = soup(str(path.relative_to(HTML))).select_one("#jb-print-docs-body h1")
        if header is not None:
            markup = [t for t in header.find_all(True) if not (t.name == "span" and set(t.attrs) == {"lang"})]
            assert not markup, (
                f"{path.name}: markup inside the print header's title"
            )  # bar a language mark (eastwest.sphinx_ext.chinese_lang)


def test_landing_page_shows_the_edition_the_years_covered_and_the_licences():
    from eastwest.pages import edition

    meta = edition.citation()
    text = re.sub(r"\s+([,.])", r"\1", soup("index.html").get_text(" ", strip=True))  # glued spans add spaces
    assert f"Edition {meta['version']}, released {meta['date-released']}" in text
    first, last = edition.source_years(load.sources())
    assert f"written between {first} and {last}" in text
    assert "MIT licence" in text and "CC BY 4.0" in text and str(meta["title"]) in text


@pytest.mark.parametrize("page", [f"chapters/{c}.html" for c in CHAPTERS] + ["method.html"])
def test_each_chart_offers_the_data_it_drew(page):
    offered = {}
    for a in soup(page).select("p.chart-data a"):
        target, _ = resolve(page, a["href"])
        assert target.exists(), a["href"]
        offered[target.stem] = target.read_bytes()
    drawn = {Path(img["src"]).stem for img in soup(page).select("figure img")}
    assert drawn or page.endswith("05_synthesis.html"), f"{page}: no chart"
    with_data = {name for name in drawn if (PROJECT.figures / f"{name}.csv").exists()}
    assert with_data <= set(offered), f"{page}: charts without a data download: {sorted(with_data - set(offered))}"
    for name in with_data:
        assert offered[name] == (PROJECT.figures / f"{name}.csv").read_bytes(), name


def test_the_data_page_puts_facts_first_and_offers_every_table_in_one_zip():
    import io
    import zipfile

    links = [a for a in soup("sources/data.html").find_all("a", href=True) if "_downloads" in a["href"]]
    assert links[0].get_text(strip=True) == "facts.csv"
    archive = next(resolve("sources/data.html", a["href"])[0] for a in links if a["href"].endswith(".zip"))
    with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as z:
        assert z.read("data/facts.csv") == PROJECT.facts_csv.read_bytes()
        assert {"data/mentions.csv", "data/indicators.csv", "data/sources.csv"} <= set(z.namelist())


# --- The landing page leads with what the programme did; chapters read as essays ------------------


def test_the_landing_page_leads_with_its_findings_and_shows_what_each_pairing_reports_it_did():
    """The key findings come first (issue 19); the summary table below them shows exactly the headline facts (eastwest.analysis.headline): achieved, whole
    totals of the aid, people, jobs and sales indicators, one per pairing and indicator, each a link
    to its sentence with its period; its sources line names exactly their sources."""
    from eastwest.analysis import headline

    facts = load.facts().set_index("fact_id", drop=False)
    page = soup("index.html")
    table = page.select_one("table.programme-summary")
    assert table is not None, "no summary of what the pairings did on the landing page"
    headings = [h.get_text(" ", strip=True).rstrip(" #") for h in page.select("article h2")]
    assert headings.index("Key findings") == 0 < headings.index("What the pairings report they did")
    shown = [a["data-fact"] for a in table.select("a.fact-link[data-fact]")]
    expected = headline.headline_facts(load.facts())
    assert sorted(shown) == sorted(expected.fact_id) and len(shown) == len(set(shown))
    for fact_id in shown:
        row = facts.loc[fact_id]
        assert row.status == "achieved" and row.indicator in headline.HEADLINE_INDICATORS, fact_id
        assert not pd.isna(row.value), fact_id
        assert row.scope in comparisons.WHOLE_SCOPES or (  # one group sent or in post, where no total of people is given
            row.scope in headline.AT_ONE_DATE and headline.QUESTION_OF[row.indicator] in headline.ONE_GROUP_QUESTIONS
        ), fact_id
    for (programme_id, indicator, breakdown), group in expected.groupby(["programme", "indicator", "breakdown"]):
        assert len(group) == 1, (programme_id, indicator, breakdown)
    for item in table.select("li"):
        fact_id = item.select_one("a.fact-link")["data-fact"]
        assert wording.when_text(facts.loc[fact_id]) in item.get_text(" "), fact_id
    summary_sources = page.find(string=re.compile("Sources:")).find_parent("p")
    assert {a["data-source"] for a in summary_sources.select("a.source-link")} == set(expected.source_id)
    assert not page.select("figure img[src*='overview_pairing_network']"), "the count of facts is not a landing chart"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapters_show_no_code_and_no_open_fact_table(chapter):
    page = soup(f"chapters/{chapter}.html")
    assert not page.select(".cell_input, details.above-input"), f"{chapter}: a code input is shown"
    assert "Show code cell source" not in page.get_text()
    for table in page.select("table.fact-table"):
        assert table.find_parent("details") is not None, f"{chapter}: a fact table not collapsed"
    for block in page.select("article details"):
        assert block.find("summary") and block.find("summary").get_text(strip=True), f"{chapter}: a block with no summary"


def test_readers_pages_show_no_internal_source_keys():
    """Sources are named by outlet and date wherever a reader meets them; keys (src000) and file
    stems (000_88e3…) stay in links, ids and the source pages' own provenance tables."""
    pages = [
        "index.html",
        "bibliography.html",
        "sources/quality.html",
        "pairings/index.html",
        *(f"chapters/{c}.html" for c in CHAPTERS),
        *(p.relative_to(HTML).as_posix() for p in sorted((HTML / "pairings").glob("*-*.html"))),
    ]
    for page in pages:
        main = soup(page).select_one("main") or soup(page)
        text = main.get_text(" ")
        stems = r"|\b\d{3}_[0-9a-f]{16}\b" if page != "bibliography.html" else ""  # its entries give the seed file's path
        keys = sorted(set(re.findall(r"\bsrc\d{3}\b|\bctx-[a-z0-9-]+" + stems, text)))
        assert not keys, f"{page} shows internal source keys: {keys[:5]}"
