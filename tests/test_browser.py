"""The built site (_build/html, written by `make book`) in a real browser: every page in the table
of contents loads without errors, shows its images with alt text and captions its figures, asks
nothing of any other host; fact links land on their quoted sentence and back; search finds English
and Chinese words. Screenshots of every page go to artifacts/screenshots/ for a human to look at.

Chromium comes from Debian (/usr/bin/chromium, installed by `.ci/run`); Playwright never downloads
a browser here, and the site is served from 127.0.0.1 so nothing leaves the machine."""

from __future__ import annotations

import fnmatch
import functools
import http.server
import itertools
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import yaml
from playwright.sync_api import Page, sync_playwright

from eastwest.core.paths import PROJECT

pytestmark = pytest.mark.browser

ROOT = PROJECT.root
HTML = PROJECT.html
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SEARCH_TERMS = ["Zhangjiagang", "沿河", "消费扶贫", "挂职"]
TIMEOUT_MS = 15_000


# --- Which pages: everything in _toc.yml ---------------------------------------------------------


def _toc_entries(entries: list[dict], html: Path) -> list[str]:
    pages: list[str] = []
    for entry in entries or []:
        if "file" in entry:
            pages.append(Path(entry["file"]).with_suffix("").as_posix())
        elif "glob" in entry:
            # Globs are expanded against what the build wrote: one html page per matched file.
            built = sorted(p.relative_to(html).with_suffix("").as_posix() for p in html.glob(f"{entry['glob']}.html"))
            pages.extend(p for p in built if fnmatch.fnmatch(p, entry["glob"]))
        for key in ("sections", "chapters"):
            pages.extend(_toc_entries(entry.get(key), html))
        for part in entry.get("parts", []):
            pages.extend(_toc_entries(part.get("chapters"), html))
    return pages


def toc_pages(book: str = "") -> list[str]:
    """Page paths without suffix ("index", "chapters/01_industry", "sources/src-000_…"), in toc
    order, of the English book or (book="zh") of the Chinese edition, as addresses in the site
    ("zh/index", ...)."""
    toc_file = ROOT / book / "_toc.yml"
    if not toc_file.exists():
        return []
    toc = yaml.safe_load(toc_file.read_text(encoding="utf-8"))
    html = HTML / book
    pages = [Path(toc["root"]).with_suffix("").as_posix()]
    for part in toc.get("parts", []):
        pages.extend(_toc_entries(part.get("chapters"), html))
    pages.extend(_toc_entries(toc.get("chapters"), html))
    return [f"{book}/{p}" if book else p for p in dict.fromkeys(pages)]


PAGES = toc_pages()
ZH_PAGES = toc_pages("zh")  # the Chinese edition's pages, checked as the English ones are
BOTH = PAGES + ZH_PAGES
CHAPTER_PAGES = [p for p in PAGES if p.startswith("chapters/")]
ZH_CHAPTER_PAGES = [p for p in ZH_PAGES if p.startswith("zh/chapters/")]
SOURCE_PAGES = [p for p in PAGES if p.startswith("sources/src-")]


# --- A local server, one browser, an instrumented page ------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def origin():
    if not (HTML / "index.html").exists():
        pytest.fail(f"no built site at {HTML}: run `make book` first (`make test` does)")
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `.ci/run` installs it from Debian (`apt-get install chromium`)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


class Watched:
    """A page whose console errors, uncaught exceptions, failed responses and requests are recorded."""

    def __init__(self, page: Page, origin: str):
        self.page = page
        self.origin = origin
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("request", lambda req: self.requests.append(req.url))
        page.on("response", self._response)

    @staticmethod
    def _is_favicon(url: str) -> bool:
        return urlsplit(url).path == "/favicon.ico"

    def _console(self, msg) -> None:
        if msg.type != "error":
            return
        url = (msg.location or {}).get("url", "")
        if self._is_favicon(url) and "404" in msg.text:
            return
        self.errors.append(f"console error: {msg.text} (at {url or 'unknown'})")

    def _response(self, response) -> None:
        if response.status >= 400 and not (response.status == 404 and self._is_favicon(response.url)):
            self.errors.append(f"HTTP {response.status} for {response.url}")

    def goto(self, path: str):
        response = self.page.goto(f"{self.origin}/{path}", wait_until="load")
        assert response is not None, path
        assert response.status == 200, f"{path}: HTTP {response.status}"
        return response

    def remote_requests(self) -> list[str]:
        local = self.origin + "/"
        return [u for u in self.requests if not (u.startswith(local) or u.startswith(("data:", "about:")))]

    def assert_clean(self, where: str) -> None:
        assert not self.errors, f"{where}: " + "; ".join(self.errors)
        assert not self.remote_requests(), f"{where}: requests to other hosts: {self.remote_requests()}"

    def reset(self) -> None:
        self.errors.clear()
        self.requests.clear()


# Every navigation starts as a first visit: the theme keeps its light/dark mode (and sphinx its
# search highlights) in localStorage, and a defect that only a first-time visitor meets must show
# on every page. The HTTP cache is kept, so the shared assets load once per module (speed).
FIRST_VISIT = "try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}"


@pytest.fixture(scope="module")
def session(browser, origin):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(FIRST_VISIT)
    page = context.new_page()
    yield Watched(page, origin)
    context.close()


@pytest.fixture
def watched(session):
    """The module's one page, with this test's own record of errors and requests."""
    session.page.goto("about:blank")
    session.reset()
    return session


WAIT_FOR_IMAGES = """async () => {
  const pending = Array.from(document.images).filter(img => !img.complete);
  pending.forEach(img => { img.loading = "eager"; });
  await Promise.all(pending.map(img => new Promise(done => {
    img.addEventListener("load", done, {once: true});
    img.addEventListener("error", done, {once: true});
  })));
  await document.fonts.ready;
}"""

IMAGES = """() => Array.from(document.images).map(img => ({
  src: img.currentSrc || img.src,
  complete: img.complete,
  width: img.naturalWidth,
  alt: (img.getAttribute("alt") || "").trim(),
}))"""

FIGURES = """() => Array.from(document.querySelectorAll("figure")).map((fig, i) => {
  const caption = fig.querySelector("figcaption");
  return {
    index: i,
    id: fig.id || (fig.querySelector("[id]") || {}).id || "",
    caption: caption ? caption.textContent.trim() : null,
  };
})"""


def screenshot_path(page: str) -> Path:
    return SCREENSHOTS / f"{page.replace('/', '__')}.png"


# --- Every page ----------------------------------------------------------------------------------


def test_the_toc_lists_pages():
    assert "index" in PAGES and CHAPTER_PAGES, PAGES


@pytest.mark.parametrize("page", BOTH)
def test_page_loads_cleanly_with_described_images_and_captioned_figures(watched, page):
    watched.goto(f"{page}.html")
    watched.page.evaluate(WAIT_FOR_IMAGES)

    images = watched.page.evaluate(IMAGES)
    broken = [img["src"] for img in images if not (img["complete"] and img["width"] > 0)]
    assert not broken, f"{page}: images that did not load: {broken}"
    undescribed = [img["src"] for img in images if not img["alt"]]
    assert not undescribed, f"{page}: images without alt text: {undescribed}"

    figures = watched.page.evaluate(FIGURES)
    uncaptioned = [f for f in figures if not f["caption"]]
    assert not uncaptioned, f"{page}: figures without a caption: {uncaptioned}"

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    watched.page.screenshot(path=str(screenshot_path(page)), full_page=True, animations="disabled", caret="hide")

    watched.assert_clean(page)


# --- Every number links to its sentence, and back ------------------------------------------------


# Each target page is fetched once and parsed by the browser (DOMParser); the anchor must be an
# element of that document. The click test below follows one link for real.
MISSING_ANCHORS = """async (links) => {
  const docs = new Map();
  const missing = [];
  for (const href of links) {
    const url = new URL(href);
    const id = decodeURIComponent(url.hash.slice(1));
    url.hash = "";
    if (!docs.has(url.href)) {
      const response = await fetch(url.href);
      docs.set(url.href, response.ok
        ? new DOMParser().parseFromString(await response.text(), "text/html")
        : null);
    }
    const doc = docs.get(url.href);
    if (!doc) missing.push(`${href} (target page not found)`);
    else if (!doc.getElementById(id)) missing.push(href);
  }
  return missing;
}"""


@pytest.mark.parametrize("chapter", CHAPTER_PAGES + ZH_CHAPTER_PAGES)
def test_fact_links_land_on_an_existing_sentence(watched, chapter):
    watched.goto(f"{chapter}.html")
    hrefs = sorted(set(watched.page.eval_on_selector_all("a.fact-link", "links => links.map(a => a.href)")))
    assert hrefs, f"{chapter}: no fact links"
    for href in hrefs:
        assert href.startswith(watched.origin + "/"), f"{chapter}: fact link leaves the site: {href}"
        assert urlsplit(href).fragment.startswith("fact-"), f"{chapter}: fact link without a #fact- anchor: {href}"
    missing = watched.page.evaluate(MISSING_ANCHORS, hrefs)
    assert not missing, f"{chapter}: fact links whose anchor does not exist: {missing}"
    watched.assert_clean(chapter)


def test_clicking_a_glued_number_shows_its_sentence(watched):
    chapter = "chapters/01_industry"
    assert chapter in CHAPTER_PAGES, CHAPTER_PAGES
    watched.goto(f"{chapter}.html")
    link = watched.page.locator("a.fact-link.glued:visible").first
    href = link.get_attribute("href")
    assert href and "#fact-" in href, href
    fragment = href.split("#", 1)[1]

    with watched.page.expect_navigation(wait_until="load"):
        link.click()
    url = urlsplit(watched.page.url)
    assert url.fragment == fragment, watched.page.url
    assert url.path.startswith("/sources/src-"), watched.page.url
    target = watched.page.locator(f"[id='{fragment}']")
    assert target.count() == 1, f"{watched.page.url}: #{fragment} not on the page"
    assert target.is_visible(), f"#{fragment} is not visible"
    assert watched.page.evaluate("id => document.getElementById(id).matches(':target')", fragment)
    watched.assert_clean(f"{chapter} -> {watched.page.url}")


def test_a_sentence_links_back_to_a_chapter(watched):
    assert SOURCE_PAGES, "no source pages in the table of contents (sources/src-*)"
    source = SOURCE_PAGES[0]
    watched.goto(f"{source}.html")
    back = watched.page.locator("a.fact-back").first
    assert back.count() == 1, f"{source}: no a.fact-back link"
    with watched.page.expect_navigation(wait_until="load") as navigation:
        back.click()
    response = navigation.value
    assert response is not None and response.status == 200, watched.page.url
    path = urlsplit(watched.page.url).path.lstrip("/")
    assert path.startswith("chapters/") and path.removesuffix(".html") in CHAPTER_PAGES, watched.page.url
    assert (HTML / path).exists(), path
    watched.assert_clean(f"{source} -> {path}")


# --- Search, in English and Chinese --------------------------------------------------------------

# searchtools.js fills #search-results with an <h2>, a <p class="search-summary"> (empty while
# searching; "Search finished, found N page(s)…" or "Your search did not match…" when done) and a
# <ul class="search"> with one <li><a href=…> per result.
SEARCH_DONE = """() => {
  const summary = document.querySelector("#search-results p.search-summary");
  return summary && summary.textContent.trim().length > 0;
}"""


@pytest.mark.parametrize("term", SEARCH_TERMS)
def test_search_finds(watched, term):
    watched.goto(f"search.html?q={quote(term)}")
    watched.page.wait_for_function(SEARCH_DONE, timeout=TIMEOUT_MS)
    summary = watched.page.text_content("#search-results p.search-summary").strip()
    results = watched.page.eval_on_selector_all(
        "#search-results ul.search li a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert results, f"search for {term!r} found nothing: {summary!r}"
    assert "found" in summary, summary
    watched.assert_clean(f"search.html?q={term}")


# --- On a phone ---------------------------------------------------------------------------------

PHONE = {"width": 390, "height": 844}
WIDEST = """() => {
  const widest = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.right > window.innerWidth + 1 && el.children.length === 0 && box.width > 0)
      widest.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.right)}px`);
  }
  return widest.slice(0, 5);
}"""


def page_at(browser, viewport):
    """A page of its own browser context at `viewport` (CSS pixels, scale 1), closed after the module."""
    context = browser.new_context(viewport=viewport, service_workers="block", device_scale_factor=1)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def phone(browser, origin):
    yield from page_at(browser, PHONE)


# --- The fact explorer ---------------------------------------------------------------------------


def _explorer_count(page: Page) -> tuple[int, int]:
    page.wait_for_function("() => / of \\d+ facts shown/.test(document.getElementById('explorer-count').textContent)")
    shown, total = page.locator("#explorer-count").inner_text().split(" facts")[0].split(" of ")
    return int(shown), int(total)


def _explorer_rows(page: Page) -> int:
    page.wait_for_function("() => document.querySelector('#explorer-table tbody tr td:nth-child(2)')?.textContent.length > 0")
    return page.locator("#explorer-table tbody tr").count()


def test_the_explorer_lists_every_fact_and_filters_sorts_and_links(watched):
    from eastwest.dataset import load

    facts = load.facts()
    watched.goto("explore/index.html")
    page = watched.page
    shown, total = _explorer_count(page)
    assert shown == total == len(facts)
    listed = _explorer_rows(page)
    assert listed == min(len(facts), 200)  # drawn 200 at a time
    while page.locator("button.explorer-more").is_visible():
        page.click("button.explorer-more")
        page.wait_for_function(f"() => document.querySelectorAll('#explorer-table tbody tr').length > {listed}")
        listed = page.locator("#explorer-table tbody tr").count()
    assert listed == len(facts)
    first_quote = facts.quote.iloc[0]
    assert page.locator("#explorer-table tbody .fact-quote").first.inner_text() == first_quote  # texts loaded on demand

    page.fill("#explorer-search", "沿河")  # Chinese search reaches the quotes
    page.wait_for_function("() => !/Loading/.test(document.getElementById('explorer-count').textContent)")
    chinese = _explorer_count(page)[0]
    in_quotes = int(facts.quote.str.contains("沿河").sum())
    assert in_quotes <= chinese < total
    page.fill("#explorer-search", "")

    planned = int((facts.status == "planned").sum())
    page.select_option("#explorer-status", "planned")
    page.wait_for_function(f"() => document.getElementById('explorer-count').textContent.startsWith('{planned} of')")
    assert _explorer_count(page)[0] == planned
    assert set(page.locator("#explorer-table tbody tr td:nth-child(6)").all_inner_texts()) == {"planned"}
    page.select_option("#explorer-status", "")

    page.click("th[data-sort='value'] button")
    assert page.get_attribute("th[data-sort='value']", "aria-sort") == "ascending"

    link = page.locator("#explorer-table tbody tr a.fact-link").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state("load")
    fragment = href.split("#", 1)[1]
    assert "/sources/src-" in page.url and page.locator(f"[id='{fragment}']").count() == 1
    watched.assert_clean("explore/index")


def test_the_explorer_works_from_a_file_url(browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto((HTML / "explore" / "index.html").as_uri())
    shown, total = _explorer_count(page)
    assert shown == total > 0
    assert _explorer_rows(page) > 0  # the texts load from file:// too
    page.fill("#explorer-search", "万元")
    page.wait_for_function("() => !/Loading/.test(document.getElementById('explorer-count').textContent)")
    assert 0 < _explorer_count(page)[0] < total
    context.close()


# --- Accessibility: axe-core on every page ---------------------------------------------------------

AXE = ROOT / "tests" / "browser-tools" / "node_modules" / "axe-core" / "axe.min.js"
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


@pytest.mark.parametrize("page", BOTH)
def test_no_serious_accessibility_violation(watched, page):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `bash .ci/install-test-deps` installs axe-core (`make test` does)")
    watched.goto(f"{page}.html")
    watched.page.add_script_tag(path=str(AXE))
    violations = watched.page.evaluate(RUN_AXE, AXE_RULES)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"{page}: " + "; ".join(f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in serious)


# --- Search that helps: prose snippets, Chinese place names --------------------------------------

# Every result's snippet is fetched after the result is listed: wait until each has one (or the
# page had no text to quote).
SNIPPETS_DONE = """() => {
  const items = Array.from(document.querySelectorAll("#search-results ul.search li"));
  const summary = document.querySelector("#search-results p.search-summary");
  return summary && summary.textContent.trim() && items.length > 0 && items.every(li => li.querySelector("p.context"));
}"""
SEARCH_RESULTS = """() => Array.from(document.querySelectorAll("#search-results ul.search li")).map(li => ({
  href: li.querySelector("a").getAttribute("href"),
  snippet: (li.querySelector("p.context") || {}).textContent || "",
}))"""


def _search(watched: Watched, term: str) -> list[dict]:
    watched.goto(f"search.html?q={quote(term)}")
    watched.page.wait_for_function(SNIPPETS_DONE, timeout=TIMEOUT_MS)
    return watched.page.evaluate(SEARCH_RESULTS)


def test_a_chinese_place_name_finds_the_chapters_about_that_place(watched):
    """沿河 (Yanhe) finds the industry chapter, whose prose says "Yanhe" and whose figures are
    mostly about Yanhe: pages are indexed under the Chinese names of the places of their facts."""
    results = _search(watched, "沿河")
    pages = [urlsplit(r["href"]).path for r in results]
    assert "chapters/01_industry.html" in pages, pages
    assert "chapters/02_talent.html" in pages, pages
    industry = next(r for r in results if urlsplit(r["href"]).path == "chapters/01_industry.html")
    assert "Industry projects" in industry["snippet"] or "programme" in industry["snippet"], industry["snippet"]
    watched.assert_clean("search.html?q=沿河")


def _junctions(page: Path) -> set[str]:
    """Where a table's cells would run together if their text were joined: the end of one cell
    and the start of the next, with nothing between."""
    from bs4 import BeautifulSoup

    found = set()
    for row in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("[role=main] tr"):
        cells = [c.get_text(" ", strip=True) for c in row.find_all(["td", "th"])]
        for left, right in itertools.pairwise(cells):
            if len(left) >= 3 and len(right) >= 3:
                found.add(left[-8:] + right[:8])
    return found


def _code_lines(page: Path) -> set[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return {
        line.strip()
        for block in soup.select("[role=main] pre")
        for line in block.get_text().splitlines()
        if len(line.strip()) >= 12
    }


@pytest.mark.parametrize("term", ["沿河", "Zhangjiagang", "checksums", "cumulative"])
def test_search_snippets_quote_prose_not_code_or_table_cells(watched, term):
    results = _search(watched, term)
    assert results, term
    checked = 0
    for result in results:
        page = HTML / urlsplit(result["href"]).path
        snippet = " ".join(result["snippet"].split())
        assert snippet, f"{term}: {result['href']} has no snippet"
        for junction in _junctions(page):
            assert junction not in snippet, f"{term}: table cells run together in the snippet of {result['href']}: {snippet!r}"
        for line in _code_lines(page):
            assert line not in snippet, f"{term}: code in the snippet of {result['href']}: {line!r}"
        assert "Facts behind this" not in snippet and "Download the data behind" not in snippet, snippet
        checked += 1
    assert checked
    watched.assert_clean(f"search.html?q={term}")


def test_the_snippet_text_leaves_out_tables_code_and_collapsed_blocks(watched):
    """The function behind every snippet, on a made-up page: what it keeps and what it drops."""
    watched.goto("search.html")
    page = """<div role="main"><p>Prose one.</p><table><tr><td>cellA</td><td>cellB</td></tr></table>
      <pre>import secret</pre><div class="cell_input">book.glue()</div><details><summary>Facts</summary>
      <p>hidden list</p></details><figure><figcaption>caption text</figcaption></figure><p>Prose two.</p></div>"""
    text = watched.page.evaluate("html => eastwestProseText(html, '')", page)
    assert text == "Prose one. Prose two.", text
    assert watched.page.evaluate("() => Search.htmlToText === eastwestProseText")


# --- Figure text readable at the width it is shown -------------------------------------------------
# Each chart is drawn wide (for the column on a laptop) and narrow (for a phone); the page serves the
# narrow one below 700 px (eastwest.sphinx_ext.responsive_figures). Figure text is SVG text: each <text>
# states its font size in units of the SVG's viewBox, and the rendered size is that times the
# image's width on the page over the viewBox's width. (Text drawn as outlines has no <text>: "no text".)

MIN_FIGURE_TEXT_PX = 11
LAPTOP = {"width": 1366, "height": 900}
FIGURE_TEXT = """async () => {
  const found = [];
  for (const figure of document.querySelectorAll("figure")) {
    // A chart inline in the page (_static/charts.js): its text elements' sizes, as the browser
    // lays them out, and any text running past the drawing's edges.
    const inline = figure.querySelector("svg.chart-svg");
    if (inline && inline.getBoundingClientRect().width > 0) {
      const shown = inline.getBoundingClientRect().width, box = inline.viewBox.baseVal;
      const texts = Array.from(inline.querySelectorAll("text"));
      const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize));
      const edge = inline.getBoundingClientRect();
      const clipped = texts.filter(t => { const b = t.getBoundingClientRect(); return b.left < edge.left - 1 || b.right > edge.right + 1 || b.top < edge.top - 1 || b.bottom > edge.bottom + 1; })
        .map(t => t.textContent.slice(0, 40));
      found.push({src: (inline.dataset.src || "").slice(0, 120), shown, inline: true, clipped,
                  px: sizes.length ? shown / box.width * Math.min(...sizes) : null});
      continue;
    }
    const img = figure.querySelector("img");
    if (!img || !img.getBoundingClientRect().width) continue;
    const src = img.currentSrc || img.src;
    if (!/\\.svg$/.test(new URL(src, location.href).pathname) && !src.startsWith("data:image/svg+xml")) continue;
    const svg = await (await fetch(src)).text();
    const box = /viewBox="0 0 ([0-9.]+) ([0-9.]+)"/.exec(svg);
    const sizes = [...svg.matchAll(/<text [^>]*font-size: ([0-9.]+)px/g)].map(m => parseFloat(m[1]));
    const shown = img.getBoundingClientRect().width;
    found.push({src: src.slice(0, 120), shown, inline: false, clipped: [],
                px: box && sizes.length ? shown / parseFloat(box[1]) * Math.min(...sizes) : null});
  }
  return found;
}"""
# Charts become inline SVG once the page's script has fetched them (_static/charts.js).
CHARTS_LIVE = """() => Array.from(document.querySelectorAll("figure picture img"))
  .filter(img => /\\.svg$/.test(new URL(img.currentSrc || img.src, location.href).pathname))
  .every(img => img.closest("figure").querySelector("svg.chart-svg[data-src='" + (img.currentSrc || img.src) + "']"))"""


def _pages_with_charts() -> list[str]:
    """Pages whose built HTML shows an SVG figure (chapters, profiles, landing and method pages)."""
    built = [p for p in BOTH if (HTML / f"{p}.html").exists()]
    if not built:
        return [p for p in BOTH if p.startswith(("chapters/", "pairings/", "zh/chapters/", "zh/pairings/"))]
    return [p for p in built if "<figure" in (text := (HTML / f"{p}.html").read_text(encoding="utf-8")) and '.svg"' in text]


CHART_PAGES = _pages_with_charts()


def figure_text(page: Page, live: bool = True) -> list[dict]:
    """Each figure's smallest text in CSS pixels; with `live`, once the charts are inline."""
    page.evaluate(WAIT_FOR_IMAGES)
    if live:
        page.wait_for_function(CHARTS_LIVE)
    return page.evaluate(FIGURE_TEXT)


def assert_figure_text_readable(figures: list[dict], where: str) -> None:
    assert figures, f"{where}: no SVG figure"
    for figure in figures:
        assert figure["px"] is not None, f"{where}: no text found in {figure['src']}"
        assert figure["px"] >= MIN_FIGURE_TEXT_PX - 0.05, (
            f"{where}: {figure['src']} shows its smallest text at {figure['px']:.1f} px (at least {MIN_FIGURE_TEXT_PX} px)"
        )
        assert not figure["clipped"], f"{where}: {figure['src']}: text runs past the drawing's edge: {figure['clipped']}"


@pytest.fixture(scope="module")
def laptop(browser, origin):
    yield from page_at(browser, LAPTOP)


def test_charts_are_found_on_the_chapters():
    assert any(p.startswith("chapters/") for p in CHART_PAGES), CHART_PAGES


@pytest.mark.parametrize("page", CHART_PAGES)
def test_figure_text_is_at_least_11_px_on_a_laptop(laptop, origin, page):
    laptop.goto(f"{origin}/{quote(page)}.html", wait_until="load")
    figures = figure_text(laptop)
    assert_figure_text_readable(figures, f"{page} at {LAPTOP['width']} px")
    narrow = [f["src"] for f in figures if ".narrow." in f["src"]]
    assert not narrow, f"{page}: a laptop was served the phone drawing: {narrow}"


@pytest.mark.parametrize("page", CHART_PAGES)
def test_figure_text_is_at_least_11_px_on_a_phone(phone, origin, page):
    phone.goto(f"{origin}/{quote(page)}.html", wait_until="load")
    figures = figure_text(phone)
    assert_figure_text_readable(figures, f"{page} at {PHONE['width']} px")
    wide = [f["src"] for f in figures if ".narrow." not in f["src"]]
    assert not wide, f"{page}: a phone was served the wide drawing: {wide}"


def test_print_uses_the_wide_drawing(browser, origin):
    """The PDF edition is the page printed: even from a phone-sized window it gets the wide charts."""
    page_path = next(p for p in CHART_PAGES if p.startswith("chapters/"))
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(f"{origin}/{quote(page_path)}.html", wait_until="load")
    figures = figure_text(page)
    assert figures and not [f["src"] for f in figures if ".narrow." in f["src"]], figures
    context.close()


# An SVG like the charts' (612 pt wide, text elements as matplotlib writes them) with 9 pt text.
SMALL_TEXT_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="612pt" height="100pt" viewBox="0 0 612 100">'
    '<text style="font-size: 9px; text-anchor: start" x="10" y="50">small</text>'
    '<text style="font-size: 14px; text-anchor: start" x="10" y="90">large</text></svg>'
)


def test_the_figure_text_check_fails_on_text_below_11_px(laptop):
    """The measurement above, on a page with a figure whose smallest text shows at 9 px."""
    source = "data:image/svg+xml;base64," + __import__("base64").b64encode(SMALL_TEXT_SVG.encode()).decode()
    laptop.set_content(f'<figure><img alt="test" src="{source}" style="width: 612px"><figcaption>t</figcaption></figure>')
    figures = figure_text(laptop, live=False)
    assert len(figures) == 1 and figures[0]["px"] == pytest.approx(9, abs=0.05), figures
    with pytest.raises(AssertionError, match=r"9\.0 px"):
        assert_figure_text_readable(figures, "test page")


# --- Navigation on a phone or tablet (issue 19, finding 1) ---------------------------------------

TOUCH_WIDTHS = [390, 820]  # a phone and a tablet in portrait: both below the theme's 992 px switch


def touch_page_at(browser, width: int):
    """A touch-screen page `width` CSS pixels wide, in a context of its own."""
    context = browser.new_context(
        viewport={"width": width, "height": 844}, service_workers="block", device_scale_factor=1, has_touch=True, is_mobile=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(FIRST_VISIT)
    return context, context.new_page()


def _visible_toggle(page: Page, which: str):
    toggles = page.locator(f"button.{which}-toggle:visible")
    assert toggles.count() == 1, f"{which} toggle: {toggles.count()} visible buttons"
    return toggles.first


@pytest.mark.parametrize("width", TOUCH_WIDTHS)
def test_tapping_the_menu_opens_the_table_of_contents(browser, origin, width):
    context, page = touch_page_at(browser, width)
    try:
        page.goto(f"{origin}/{CHAPTER_PAGES[0]}.html", wait_until="load")
        menu = page.locator("#pst-primary-sidebar-modal")
        assert not menu.evaluate("d => d.open"), "the menu is open before any tap"
        _visible_toggle(page, "primary").tap()
        page.wait_for_function("() => document.getElementById('pst-primary-sidebar-modal').open", timeout=3_000)
        links = menu.locator("nav.bd-docs-nav a.reference.internal:visible")
        hrefs = [urlsplit(h).path for h in links.evaluate_all("as => as.map(a => a.href)")]
        assert any(h.endswith("/explore/index.html") for h in hrefs), f"at {width} px the menu has no fact explorer: {hrefs}"
        assert any(h.endswith("/pairings/index.html") for h in hrefs), f"at {width} px the menu has no pairings index: {hrefs}"
        chapter = next(h for h in hrefs if "/chapters/" in h and not h.endswith(f"/{CHAPTER_PAGES[0]}.html"))
        page.locator(f"#pst-primary-sidebar-modal a[href$='{Path(chapter).name}']:visible").first.tap()
        page.wait_for_url(f"**{chapter}")
    finally:
        context.close()


@pytest.mark.parametrize("width", TOUCH_WIDTHS)
def test_tapping_the_contents_button_opens_the_page_contents(browser, origin, width):
    context, page = touch_page_at(browser, width)
    try:
        page.goto(f"{origin}/{CHAPTER_PAGES[0]}.html", wait_until="load")
        _visible_toggle(page, "secondary").tap()
        page.wait_for_function("() => document.getElementById('pst-secondary-sidebar-modal').open", timeout=3_000)
        sections = page.locator("#pst-secondary-sidebar-modal a.nav-link:visible")
        assert sections.count() >= 2, f"at {width} px the page contents show {sections.count()} links"
    finally:
        context.close()


# --- The landing page answers first (issue 19, finding 2) ----------------------------------------

FIRST_SCREENS = [{"width": 1366, "height": 768}, PHONE]
LANDING_TOP = """() => {
  const heading = Array.from(document.querySelectorAll("article h2")).find(h => /Key findings/.test(h.textContent));
  const list = heading && heading.closest("section").querySelector("ul");
  const figure = heading && heading.closest("section").querySelector("figure");
  const table = document.querySelector("table.programme-summary");
  const top = el => el ? el.getBoundingClientRect().top + window.scrollY : null;
  const bottom = el => el ? el.getBoundingClientRect().bottom + window.scrollY : null;
  return {
    heading: top(heading),
    findings: list ? Array.from(list.children).map(li => bottom(li)) : [],
    figure: top(figure),
    bar: figure ? Math.min(...Array.from(figure.querySelectorAll("svg.chart-svg [data-fact][role='link']"),
                                         el => el.getBoundingClientRect().top + window.scrollY)) : null,
    image: figure ? (figure.querySelector("img") || {}).currentSrc || "" : "",
    table: top(table),
  };
}"""


@pytest.mark.parametrize("screen", FIRST_SCREENS, ids=lambda s: f"{s['width']}px")
def test_the_landing_page_shows_its_findings_and_a_chart_in_the_first_screen(browser, origin, screen):
    context = browser.new_context(viewport=screen, service_workers="block", device_scale_factor=1)
    context.add_init_script(FIRST_VISIT)
    try:
        page = context.new_page()
        page.goto(f"{origin}/index.html", wait_until="load")
        page.evaluate(WAIT_FOR_IMAGES)
        page.wait_for_selector("figure.chart-live svg.chart-svg [data-fact][role='link']", state="attached", timeout=10_000)
        top = page.evaluate(LANDING_TOP)
        where = f"landing page at {screen['width']} px ({screen['height']} px high)"
        assert top["heading"] is not None, f"{where}: no 'Key findings' section"
        assert top["heading"] < screen["height"] / 2, f"{where}: 'Key findings' starts {top['heading']:.0f} px down"
        assert 3 <= len(top["findings"]) <= 5, f"{where}: {len(top['findings'])} findings (3–5 wanted)"
        in_view = [b for b in top["findings"] if b <= screen["height"]]
        assert len(in_view) >= 3, f"{where}: only {len(in_view)} findings end in the first screen: {top['findings']}"
        assert top["figure"] is not None and top["figure"] < screen["height"], f"{where}: the chart starts at {top['figure']}"
        # the chart's first bar, not only its title, reaches the first screen (its notes are under the bars)
        assert top["bar"] + 10 <= screen["height"], f"{where}: the chart's first bar starts {top['bar']:.0f} px down"
        assert top["table"] is None or top["table"] > top["figure"], (
            f"{where}: the summary table comes before the findings' chart"
        )
    finally:
        context.close()


# --- Pairing pages summarise before they list (issue 19, finding 3) ------------------------------

PAIRING_PAGES = [p for p in PAGES if p.startswith("pairings/") and p != "pairings/index"]
SNAKE_CASE = r"\b[a-z]+(?:_[a-z]+)+\b"  # an id of the dataset (aid_funds_all_kinds, period_total)
PAIRING_PAGE_SHAPE = """(snake) => {
  document.querySelectorAll("article details").forEach(d => { d.open = true; });
  const article = document.querySelector("article");
  const h2 = Array.from(article.querySelectorAll("h2"));
  const who = h2.find(h => /Who helps whom/.test(h.textContent));
  const keys = article.querySelector(".key-numbers-lead");
  const top = el => el ? el.getBoundingClientRect().top + window.scrollY : null;
  return {
    keys: top(keys), who: top(who), sections: h2.length,
    tables: article.querySelectorAll("table.profile-table").length,
    ids: Array.from(new Set(article.innerText.match(new RegExp(snake, "g")) || [])),
    codes: Array.from(article.querySelectorAll("code")).map(c => c.textContent).slice(0, 5),
  };
}"""


def test_pairing_pages_are_found():
    assert PAIRING_PAGES, "no pairing page in the table of contents"


@pytest.mark.parametrize("page", PAIRING_PAGES)
def test_a_pairing_page_opens_with_its_key_numbers_and_compact_tables(phone, origin, page):
    phone.goto(f"{origin}/{quote(page)}.html", wait_until="load")
    shape = phone.evaluate(PAIRING_PAGE_SHAPE, SNAKE_CASE)
    where = f"{page} at {PHONE['width']} px"
    assert shape["keys"] is not None, f"{where}: no key-numbers block"
    assert shape["keys"] < PHONE["height"], f"{where}: the key numbers start {shape['keys']:.0f} px down"
    assert shape["who"] is None or shape["keys"] < shape["who"], f"{where}: key numbers come after 'Who helps whom'"
    assert shape["tables"] <= shape["sections"], f"{where}: {shape['tables']} fact tables under {shape['sections']} sections"
    assert not shape["ids"], f"{where}: internal ids shown to readers: {shape['ids']}"
    assert not shape["codes"], f"{where}: code-font ids shown to readers: {shape['codes']}"


# --- Downloads, weight, dark mode, the PDF and citing (issue 19: findings 6, 8, 9, 10) ----------

# Each chart's download, fetched by the browser: its first bytes (a byte-order mark, so Excel reads
# UTF-8), its first line (the licence) and its header.
CHART_DOWNLOADS = """async () => {
  const out = [];
  for (const a of document.querySelectorAll("p.chart-data a")) {
    const response = await fetch(a.href);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder("utf-8", {ignoreBOM: true}).decode(bytes);
    out.push({href: a.getAttribute("href"), status: response.status, bom: Array.from(bytes.slice(0, 3)),
              lines: text.split("\\n").slice(0, 3)});
  }
  return out;
}"""
DRAWN_CHARTS = """() => Array.from(document.querySelectorAll("figure img"))
  .map(img => img.getAttribute("src").split("/").pop().replace(/\\.svg$/, "").replace(/\\.narrow$/, ""))"""


@pytest.mark.parametrize("page", CHART_PAGES)
def test_every_chart_offers_its_data_as_a_csv_a_spreadsheet_reads(watched, page):
    """Under every chart — chapters, overview, landing and pairing pages — a CSV of what it drew:
    UTF-8 with a byte-order mark (Excel keeps the Chinese quotes), the licence on its first line,
    values as plain numbers and the period in words beside the ISO interval."""
    from eastwest.reader.page_words_zh import DOWNLOAD_LICENCE_ZH
    from eastwest.reader.wording import DOWNLOAD_LICENCE, PERIOD_WORDS_COLUMN

    chinese = page.startswith("zh/")  # the Chinese pages offer the Chinese download (eastwest.pages.downloads_zh)
    watched.goto(f"{quote(page)}.html")
    drawn = set(watched.page.evaluate(DRAWN_CHARTS))
    downloads = watched.page.evaluate(CHART_DOWNLOADS)
    offered = {Path(urlsplit(d["href"]).path).stem for d in downloads}
    assert drawn <= offered, f"{page}: charts without a data download: {sorted(drawn - offered)}"
    for download in downloads:
        where = f"{page}: {download['href']}"
        assert download["status"] == 200, where
        assert download["bom"] == [0xEF, 0xBB, 0xBF], f"{where}: no UTF-8 byte-order mark"
        licence, header, first_row = download["lines"]
        assert licence.lstrip("\ufeff") == (DOWNLOAD_LICENCE_ZH if chinese else DOWNLOAD_LICENCE), where
        if chinese:
            assert "/chart-data/zh/" in download["href"], f"{where}: not the Chinese download"
            if "数值" in header.split(","):  # a chart of facts: plain numbers beside the value in words
                value = header.split(",").index("数值")
                assert "数值（文字）" in header.split(",") and not first_row.split(",")[value].endswith(".0"), where
            continue
        if "period" in header.split(","):
            assert PERIOD_WORDS_COLUMN in header.split(","), where
        if "value" in header.split(","):
            value = header.split(",").index("value")
            assert not first_row.split(",")[value].endswith(".0") or '"' in first_row, f"{where}: {first_row}"
    watched.assert_clean(page)


# Bytes a page downloads before images: the page, its stylesheets, scripts, fonts and page data
# (uncompressed, as decoded; the test server does not compress).
PAGE_BYTES = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  // A chart's drawing that _static/charts.js puts inline is the image the page shows (fetched again
  // from the cache): it counts as an image, not twice.
  const images = new Set(Array.from(document.images).map(img => img.currentSrc || img.src));
  const resources = performance.getEntriesByType("resource").filter(r => r.initiatorType !== "img" && !images.has(r.name));
  return {total: navigation.decodedBodySize + resources.reduce((sum, r) => sum + r.decodedBodySize, 0),
          files: resources.map(r => [r.name.split("?")[0].split("/").pop(), r.decodedBodySize])};
}"""
MAX_PAGE_BYTES = 900_000


@pytest.mark.parametrize("page", [*PAGES, *(["search"] if "search" not in PAGES else [])])
def test_every_page_weighs_under_900_kb_before_images(browser, origin, page):
    """No page loads FontAwesome's 1.5 MB of JavaScript (its icons are a small stylesheet) or the
    search index (only the search page does); each stays under 0.9 MB before images."""
    context = browser.new_context(viewport=LAPTOP, service_workers="block")  # a first visit: nothing cached
    tab = context.new_page()
    tab.goto(f"{origin}/{quote(page)}.html", wait_until="load")
    tab.wait_for_timeout(300)  # scripts the page loads after `load` (page data, texts)
    weight = tab.evaluate(PAGE_BYTES)
    context.close()
    names = [name for name, _ in weight["files"]]
    assert "fontawesome.js" not in names and not any(n.endswith((".woff2", ".ttf")) and "fa-" in n for n in names), names
    assert ("searchindex.js" in names) == (page == "search"), f"{page}: the search index loads only on the search page"
    heaviest = sorted(weight["files"], key=lambda f: -f[1])[:3]
    assert weight["total"] < MAX_PAGE_BYTES, f"{page}: {weight['total']:,} bytes before images; heaviest {heaviest}"


CONTRAST = "\n".join(  # the function, without its leading comment (Playwright evaluates a function's source)
    line
    for line in (ROOT / "tests" / "browser-tools" / "contrast.js").read_text(encoding="utf-8").splitlines()
    if not line.startswith("//")
)


# Every page at both widths in both modes: tests/test_browser_widths.py (overflow, text size, contrast).


def test_the_contrast_check_fails_on_grey_text_in_dark_mode(laptop):
    """The contrast check (tests/test_browser_widths.py), on a page with #555 text on the theme's dark background."""
    laptop.set_content('<article class="bd-article" style="background:#121212"><p style="color:#555">low</p></article>')
    low = laptop.evaluate(CONTRAST, "article.bd-article")
    assert len(low) == 1 and "low" in low[0], low


CHINESE_WITHOUT_LANG = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!/[\\u3400-\\u9fff]/.test(n.textContent)) continue;
    const el = n.parentElement;
    if (el.closest("script, style, code, pre, option")) continue;  // an <option> (the explorer's menus) holds no markup
    const lang = (el.closest("[lang]") || document.documentElement).getAttribute("lang") || "";
    if (!lang.toLowerCase().startsWith("zh")) found.push(n.textContent.trim().slice(0, 30));
  }
  return found;
}"""


@pytest.mark.parametrize("page", PAGES)
def test_chinese_on_english_pages_is_marked_as_chinese(browser, origin, page):
    """A screen reader voices 东西部扶贫协作 as Chinese only if it carries lang="zh". The written
    pages are checked (scripts off): text a script writes later, such as the explorer's rows, is not."""
    context = browser.new_context(java_script_enabled=False, service_workers="block")
    tab = context.new_page()
    tab.goto(f"{origin}/{quote(page)}.html", wait_until="load")
    assert tab.evaluate("document.documentElement.lang").startswith("en")
    unmarked = tab.evaluate(CHINESE_WITHOUT_LANG)
    context.close()
    assert not unmarked, f'{page}: Chinese without lang="zh": {unmarked[:5]}'


FURNITURE = """() => Array.from(document.querySelectorAll("p.site-furniture a")).map(a => [a.textContent, a.href])"""


@pytest.mark.parametrize("page", PAGES)
def test_every_page_links_the_pdf_how_to_cite_and_the_licences(watched, page):
    """The PDF edition, the citation, CITATION.cff and both licences, one tap from any page."""
    watched.goto(f"{quote(page)}.html")
    links = dict(watched.page.evaluate(FURNITURE))
    targets = {urlsplit(href).path.rsplit("/", 1)[-1] for href in links.values()}
    assert {"report.pdf", "index.html", "CITATION.cff", "LICENSE", "LICENSE.md"} <= targets, f"{page}: {links}"
    if page == "index":
        for href in links.values():
            status = watched.page.evaluate("async url => (await fetch(url, {method: 'HEAD'})).status", href.split("#")[0])
            assert status == 200, f"{href}: HTTP {status} (`make book` prints report.pdf into the site)"


def test_the_landing_page_says_how_to_cite_with_bibtex_and_the_edition(watched):
    from eastwest.pages import edition

    watched.goto("index.html")
    block = watched.page.locator("#cite-this-report")
    assert block.count() == 1, "no citation block on the landing page"
    text = block.inner_text()
    meta = edition.citation()
    assert "@misc{" in text and str(meta["version"]) in text and str(meta["date-released"]) in text, text
    cff = block.locator("a[href$='CITATION.cff']").get_attribute("href")
    assert watched.page.evaluate("async url => (await fetch(url)).status", cff) == 200
    watched.assert_clean("index")
