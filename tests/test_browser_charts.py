"""Charts a reader can explore, in Chromium over HTTP (issue 20): every bar drawn from a fact shows
its value, qualifier, period, Chinese quote and description on hover, tap and keyboard focus and
opens its highlighted sentence; chart text is text the page can find; each chart's rows open as a
table under it, scripts or not; the overview's map is drawn with its boundaries and legible at
1,366 and 390 px. Marks that draw no fact (a map's arrow for a pairing and dot for a place, the
timeline's sources and pairing starts: an id "<kind>:<key>" described in the chart's .marks.csv)
show what they stand for on hover, tap and focus and open their page, at both widths. The server,
browser and page fixtures are test_browser's."""

# ruff: noqa: F811  (test_browser's fixtures, imported, are then named as the tests' arguments)

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from test_browser import (  # noqa: F401  (browser and origin: fixtures used by name)
    CHART_PAGES,
    CHARTS_LIVE,
    HTML,
    LAPTOP,
    PHONE,
    TIMEOUT_MS,
    WAIT_FOR_IMAGES,
    assert_figure_text_readable,
    browser,
    figure_text,
    origin,
    page_at,
)

from eastwest.charts import geography
from eastwest.charts.base import marks_path, read_chart_data
from eastwest.pages.downloads import MAX_TABLE_ROWS

pytestmark = pytest.mark.browser

IMAGE = re.compile(r'src="(?:\.\./)?(_images/[^"]+?)(?:\.narrow)?\.svg"')
MARK_ID = re.compile(r'\bid="(?!fact:)[a-z][a-z-]*:[^"]+"')  # a mark other than a fact's bar


def _charts(page: str) -> dict[str, str]:
    """The charts a built page shows: each one's name and its wide drawing's SVG text."""
    html = HTML / f"{page}.html"
    if not html.exists():
        return {}
    return {
        n: (HTML / f"{n}.svg").read_text(encoding="utf-8") for n in dict.fromkeys(IMAGE.findall(html.read_text(encoding="utf-8")))
    }


def _bar_charts(page: str) -> list[str]:
    """The charts a built page shows whose drawing marks bars with the facts they draw."""
    return [n for n, svg in _charts(page).items() if 'id="fact:' in svg]


def _mark_charts(page: str) -> list[str]:
    """The charts a built page shows whose drawing has marks that draw no fact."""
    return [n for n, svg in _charts(page).items() if MARK_ID.search(svg)]


BAR_PAGES = [p for p in CHART_PAGES if p.startswith(("chapters/", "pairings/")) and _bar_charts(p)]
MARK_PAGES = [p for p in CHART_PAGES if p.startswith(("chapters/", "pairings/")) and _mark_charts(p)]
OVERVIEW = next((p for p in CHART_PAGES if "overview" in p), "chapters/00_overview")
# One page of each kind with marks (a chapter, a pairing page): what the mark tests open.
MARK_SAMPLE = list({p.split("/")[0]: p for p in reversed(MARK_PAGES)}.values())


def _chart_rows(page, figure) -> dict[str, dict]:
    """The rows of the chart's data download (the CSV beside it), by fact id."""
    name = Path(urlsplit(figure.locator("img").first.evaluate("img => img.currentSrc || img.src")).path).name
    name = name.removesuffix(".svg").removesuffix(".narrow")
    links = page.locator("p.chart-data a[href$='.csv']")
    href = next(h for h in links.evaluate_all("as => as.map(a => a.href)") if h.endswith(f"/{name}.csv"))
    path = HTML / urlsplit(href).path.lstrip("/")
    table = read_chart_data(path, dtype=str, keep_default_na=False)
    return {r["fact_id"]: r for r in table.to_dict("records")}


def _open_live(tab, origin: str, page: str) -> None:
    """The page opened, its images loaded and its charts inline (_static/charts.js)."""
    tab.goto(f"{origin}/{quote(page)}.html", wait_until="load")
    tab.evaluate(WAIT_FOR_IMAGES)
    tab.wait_for_function(CHARTS_LIVE)


@pytest.fixture
def first_bar(origin):
    """Opens a page in a tab and returns its first bar drawn from a fact and its chart's rows."""

    def opened(tab, page: str = BAR_PAGES[0] if BAR_PAGES else ""):
        _open_live(tab, origin, page)
        bar = tab.locator("svg.chart-svg [data-fact][tabindex]").first
        return bar, _chart_rows(tab, bar.locator("xpath=ancestor::figure[1]"))

    return opened


def _assert_box_tells(page, bar, rows: dict[str, dict]) -> str:
    box = page.locator("#chart-fact-box")
    box.wait_for(state="visible")
    fact, source = bar.get_attribute("data-fact"), bar.get_attribute("data-source")
    row = rows[fact]
    text = box.inner_text()
    for part in (row["value_in_words"], row["period_in_words"], row["quote"], row["description"]):
        assert part in text, f"{fact}: {part!r} not in the box: {text!r}"
    assert box.locator("q[lang=zh]").inner_text() == row["quote"]
    link = box.locator("a.fact-quote-go").get_attribute("href")
    assert link.endswith(f"sources/src-{source}.html#fact-{fact}"), link
    return f"sources/src-{source}.html#fact-{fact}"


def _assert_on_the_sentence(page, target: str) -> None:
    page.wait_for_url(re.compile(re.escape(target.split("#")[0])))
    url = urlsplit(page.url)
    assert url.path.endswith(target.split("#")[0]) and url.fragment == target.split("#")[1], page.url
    assert page.locator(f"[id='{url.fragment}']").count() == 1, f"no sentence {url.fragment} on {url.path}"


@pytest.fixture
def laptop(browser):
    yield from page_at(browser, LAPTOP)


@pytest.fixture
def touch_phone(browser):
    context = browser.new_context(viewport=PHONE, service_workers="block", device_scale_factor=1, has_touch=True, is_mobile=True)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_pages_with_bars_are_found():
    assert any(p.startswith("chapters/") for p in BAR_PAGES), BAR_PAGES


@pytest.mark.parametrize("page", BAR_PAGES[:3])
def test_hovering_a_bar_shows_its_fact_and_clicking_opens_its_sentence(laptop, first_bar, page):
    bar, rows = first_bar(laptop, page)
    bar.scroll_into_view_if_needed()
    bar.hover()
    target = _assert_box_tells(laptop, bar, rows)
    bar.click()
    _assert_on_the_sentence(laptop, target)


def test_tapping_a_bar_shows_its_fact_and_a_second_tap_opens_its_sentence(touch_phone, first_bar):
    bar, rows = first_bar(touch_phone)
    bar.scroll_into_view_if_needed()
    bar.tap()
    target = _assert_box_tells(touch_phone, bar, rows)
    assert urlsplit(touch_phone.url).path.endswith(f"{BAR_PAGES[0]}.html"), "the first tap navigated"
    bar.tap()
    _assert_on_the_sentence(touch_phone, target)


def test_a_bar_takes_the_keyboard_focus_and_enter_opens_its_sentence(laptop, first_bar):
    bar, rows = first_bar(laptop)
    bar.focus()
    assert laptop.evaluate("document.activeElement.dataset.fact") == bar.get_attribute("data-fact")
    assert bar.get_attribute("role") == "link" and bar.get_attribute("aria-label")
    target = _assert_box_tells(laptop, bar, rows)
    laptop.keyboard.press("Enter")
    _assert_on_the_sentence(laptop, target)


def test_chart_text_is_text_the_page_finds(laptop, origin):
    """The chart's title is page text once the chart is inline: Ctrl-F (window.find) finds it."""
    _open_live(laptop, origin, BAR_PAGES[0])
    title = laptop.locator("svg.chart-svg text").first.text_content()
    assert title and laptop.evaluate("t => window.find(t)", title), title


@pytest.mark.parametrize("scripts", [True, False])
def test_each_chart_opens_its_rows_as_a_table_with_or_without_scripts(browser, origin, scripts):
    context = browser.new_context(viewport=LAPTOP, service_workers="block", java_script_enabled=scripts)
    page = context.new_page()
    page.goto(f"{origin}/{quote(BAR_PAGES[0])}.html", wait_until="load")
    downloads = page.locator("p.chart-data")
    tables = page.locator("details.chart-table")
    assert tables.count() == downloads.count() > 0
    first = tables.first
    assert not first.evaluate("d => d.open"), "the table is collapsed under the chart"
    assert not first.locator("table").is_visible()
    first.locator("summary").click()
    assert first.locator("table").is_visible()
    href = downloads.first.locator("a").get_attribute("href")
    rows = read_chart_data(HTML / urlsplit(page.url).path.lstrip("/").rsplit("/", 1)[0] / href, dtype=str, keep_default_na=False)
    assert first.locator("tbody tr").count() == min(len(rows), MAX_TABLE_ROWS)
    if not scripts:
        assert page.locator("figure picture img").first.is_visible(), "without scripts the static drawing shows"
    context.close()


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1366", "390"])
def test_the_overview_map_shows_boundaries_legibly_and_names_its_data(browser, origin, viewport):
    context = browser.new_context(viewport=viewport, service_workers="block", device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{origin}/{quote(OVERVIEW)}.html", wait_until="load")
    figures = figure_text(page)
    drawn = [f for f in figures if "overview_pairings" in f["src"]]
    assert len(drawn) == 1 and drawn[0]["inline"], figures
    assert_figure_text_readable(drawn, f"{OVERVIEW} at {viewport['width']} px")
    chart = page.locator("figure svg.chart-svg", has=page.locator("text", has_text=geography.BOUNDARY_PACKAGE))
    assert chart.count() == 1, "the map does not name its boundary data"
    assert chart.locator("path").count() > 40, "no boundaries drawn"
    assert chart.bounding_box()["width"] <= viewport["width"]
    context.close()


# --- Marks that draw no fact: arrows, dots, a timeline's sources and starts ---------------------

# A point of the mark the pointer reaches (not under a label or another mark), in the viewport, after
# scrolling the mark to the middle of the screen; null when no point of it is reachable.
REACHABLE_POINT = """(mark) => {
  mark.scrollIntoView({block: "center", inline: "center"});
  const shapes = Array.from(mark.querySelectorAll("path:not(.chart-hit), use:not(.chart-hit)")).filter(s => !s.closest("defs"));
  for (const shape of shapes) {
    const box = shape.getBoundingClientRect();
    // the middle of a dot first: a point on its rim may be shared with a neighbour's, and a
    // sub-pixel scroll between measuring and pointing can then give the neighbour the pointer
    const points = [{x: box.x + box.width / 2, y: box.y + box.height / 2}];
    if (shape.getTotalLength) {
      const length = shape.getTotalLength(), matrix = shape.getScreenCTM();
      for (const f of [0.5, 0.4, 0.6, 0.25, 0.75, 0.1, 0.9]) {
        const p = shape.getPointAtLength(length * f);
        points.push(new DOMPoint(p.x, p.y).matrixTransform(matrix));
      }
    }
    for (const p of points) {
      const hit = document.elementFromPoint(p.x, p.y);
      if (hit && mark.contains(hit)) return {x: p.x, y: p.y};
    }
  }
  return null;
}"""


@pytest.fixture(params=[LAPTOP, PHONE], ids=["1366", "390"])
def screen_tab(request, browser):
    """A tab at a laptop's and at a phone's width, with a mouse."""
    yield from page_at(browser, request.param)


@pytest.fixture(params=[LAPTOP, PHONE], ids=["1366", "390"])
def touch_tab(request, browser):
    """A tab of a touch screen: a laptop's at 1,366 px, a phone's at 390 px."""
    context = browser.new_context(
        viewport=request.param,
        service_workers="block",
        device_scale_factor=1,
        has_touch=True,
        is_mobile=request.param is PHONE,
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_every_chart_on_the_chapters_and_pairing_pages_has_marks_to_explore():
    """Each chart a chapter or a pairing page shows draws its bars from facts or marks what it
    draws (a pairing, a place, a source) with an id its .marks.csv describes."""
    pages = [p for p in CHART_PAGES if p.startswith(("chapters/", "pairings/"))]
    assert pages and MARK_PAGES
    for page in pages:
        for name, svg in _charts(page).items():
            assert 'id="fact:' in svg or MARK_ID.search(svg), f"{name} on {page} has nothing to explore"


def _mark_rows(tab, mark) -> dict:
    """The row of the chart's .marks.csv (beside its data download) describing `mark`."""
    figure = mark.locator("xpath=ancestor::figure[1]")
    name = Path(urlsplit(figure.locator("img").first.evaluate("img => img.currentSrc || img.src")).path).name
    name = name.removesuffix(".svg").removesuffix(".narrow")
    href = next(
        h
        for h in tab.locator("p.chart-data a[href$='.csv']").evaluate_all("as => as.map(a => a.href)")
        if h.endswith(f"/{name}.csv")
    )
    table = read_chart_data(marks_path(HTML / urlsplit(href).path.lstrip("/")), dtype=str, keep_default_na=False)
    return table.set_index("mark").loc[mark.get_attribute("data-mark")].to_dict()


def _reachable_marks(tab, origin: str, page: str) -> list[tuple]:
    """One mark of each kind (the part of its id before ':') the pointer reaches, with that point."""
    _open_live(tab, origin, page)
    marks = tab.locator("svg.chart-svg [data-mark][tabindex]")
    assert marks.count(), f"no marks on {page}"
    found: dict[str, tuple] = {}
    for i in reversed(range(marks.count())):  # the last first: an inset's well-spaced dots before the crowded map's
        mark = marks.nth(i)
        kind = mark.get_attribute("data-mark").split(":")[0]
        if kind in found:
            continue
        point = mark.evaluate(REACHABLE_POINT)
        if point:
            found[kind] = (mark, point)
    assert found, f"no mark on {page} the pointer can reach"
    return list(found.values())


def _point_on(mark) -> dict:
    """A reachable point of the mark, from the top left of the box Playwright measures it by (an SVG
    group's box is not the one the page's script measures)."""
    point = mark.evaluate(REACHABLE_POINT)
    assert point, f"{mark.get_attribute('data-mark')} is out of the pointer's reach"
    box = mark.bounding_box()
    return {"x": point["x"] - box["x"], "y": point["y"] - box["y"]}


def _assert_mark_box_tells(tab, mark) -> str:
    row = _mark_rows(tab, mark)
    box = tab.locator("#chart-fact-box")
    box.wait_for(state="visible")
    text = box.inner_text()
    for part in (row["title"], row["text"]):
        assert part in text, f"{mark.get_attribute('data-mark')}: {part!r} not in the box: {text!r}"
    if row["title_zh"]:
        assert box.locator("[lang=zh]").first.inner_text() == row["title_zh"]
    link = box.locator("a.fact-quote-go")
    assert link.inner_text() == row["go"]
    assert link.get_attribute("href").endswith(row["href"]), link.get_attribute("href")
    assert mark.get_attribute("aria-label").startswith(row["title"])
    return row["href"]


def _assert_opens(tab, href: str, action) -> None:
    """`action` opens `href` (the page itself, again, for a pairing page's own arrow): its loading
    is waited for, since a tab closed while its page still loads can hold its browser up."""
    with tab.expect_navigation(url=re.compile(re.escape(href) + "$")):
        action()


@pytest.mark.parametrize("page", MARK_SAMPLE)
def test_hovering_a_mark_says_what_it_stands_for_and_clicking_opens_its_page(screen_tab, origin, page):
    reachable = _reachable_marks(screen_tab, origin, page)
    for mark, _ in reachable:  # one of each kind: an arrow, a dot, a source, a start
        mark.hover(position=_point_on(mark))  # measured again: the page may have scrolled since
        _assert_mark_box_tells(screen_tab, mark)
    mark = reachable[-1][0]
    point = _point_on(mark)
    mark.hover(position=point)
    href = _assert_mark_box_tells(screen_tab, mark)
    _assert_opens(screen_tab, href, lambda: mark.click(position=point))


@pytest.mark.parametrize("page", MARK_SAMPLE)
def test_tapping_a_mark_says_what_it_stands_for_and_a_second_tap_opens_its_page(touch_tab, origin, page):
    mark, _ = _reachable_marks(touch_tab, origin, page)[0]
    point = _point_on(mark)
    mark.tap(position=point)
    href = _assert_mark_box_tells(touch_tab, mark)
    assert urlsplit(touch_tab.url).path.endswith(f"{page}.html"), "the first tap navigated"
    _assert_opens(touch_tab, href, lambda: mark.tap(position=point))


@pytest.mark.parametrize("page", MARK_SAMPLE)
def test_a_mark_takes_the_keyboard_focus_and_enter_opens_its_page(screen_tab, origin, page):
    _open_live(screen_tab, origin, page)
    mark = screen_tab.locator("svg.chart-svg [data-mark][tabindex]").first
    mark.focus()
    assert screen_tab.evaluate("document.activeElement.dataset.mark") == mark.get_attribute("data-mark")
    assert mark.get_attribute("role") == "link"
    href = _assert_mark_box_tells(screen_tab, mark)
    _assert_opens(screen_tab, href, lambda: screen_tab.keyboard.press("Enter"))
