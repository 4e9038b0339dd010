"""Charts a reader can explore, in Chromium over HTTP (issue 20): every bar drawn from a fact shows
its value, qualifier, period, Chinese quote and description on hover, tap and keyboard focus and
opens its highlighted sentence; chart text is text the page can find; each chart's rows open as a
table under it, scripts or not; the overview's map is drawn with its boundaries and legible at
1,366 and 390 px. The server, browser and page fixtures are test_browser's."""

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
from eastwest.charts.base import read_chart_data
from eastwest.pages.downloads import MAX_TABLE_ROWS

pytestmark = pytest.mark.browser

IMAGE = re.compile(r'src="(?:\.\./)?(_images/[^"]+?)(?:\.narrow)?\.svg"')


def _bar_charts(page: str) -> list[str]:
    """The charts a built page shows whose drawing marks bars with the facts they draw."""
    html = HTML / f"{page}.html"
    if not html.exists():
        return []
    names = dict.fromkeys(IMAGE.findall(html.read_text(encoding="utf-8")))
    return [n for n in names if 'id="fact:' in (HTML / f"{n}.svg").read_text(encoding="utf-8")]


BAR_PAGES = [p for p in CHART_PAGES if p.startswith(("chapters/", "pairings/")) and _bar_charts(p)]
OVERVIEW = next((p for p in CHART_PAGES if "overview" in p), "chapters/00_overview")


def _chart_rows(page, figure) -> dict[str, dict]:
    """The rows of the chart's data download (the CSV beside it), by fact id."""
    name = Path(urlsplit(figure.locator("img").first.evaluate("img => img.currentSrc || img.src")).path).name
    name = name.removesuffix(".svg").removesuffix(".narrow")
    links = page.locator("p.chart-data a[href$='.csv']")
    href = next(h for h in links.evaluate_all("as => as.map(a => a.href)") if h.endswith(f"/{name}.csv"))
    path = HTML / urlsplit(href).path.lstrip("/")
    table = read_chart_data(path, dtype=str, keep_default_na=False)
    return {r["fact_id"]: r for r in table.to_dict("records")}


def _first_bar(page):
    page.evaluate(WAIT_FOR_IMAGES)
    page.wait_for_function(CHARTS_LIVE)
    bar = page.locator("svg.chart-svg [data-fact][tabindex]").first
    figure = bar.locator("xpath=ancestor::figure[1]")
    return bar, _chart_rows(page, figure)


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
def test_hovering_a_bar_shows_its_fact_and_clicking_opens_its_sentence(laptop, origin, page):
    laptop.goto(f"{origin}/{quote(page)}.html", wait_until="load")
    bar, rows = _first_bar(laptop)
    bar.scroll_into_view_if_needed()
    bar.hover()
    target = _assert_box_tells(laptop, bar, rows)
    bar.click()
    _assert_on_the_sentence(laptop, target)


def test_tapping_a_bar_shows_its_fact_and_a_second_tap_opens_its_sentence(touch_phone, origin):
    touch_phone.goto(f"{origin}/{quote(BAR_PAGES[0])}.html", wait_until="load")
    bar, rows = _first_bar(touch_phone)
    bar.scroll_into_view_if_needed()
    bar.tap()
    target = _assert_box_tells(touch_phone, bar, rows)
    assert urlsplit(touch_phone.url).path.endswith(f"{BAR_PAGES[0]}.html"), "the first tap navigated"
    bar.tap()
    _assert_on_the_sentence(touch_phone, target)


def test_a_bar_takes_the_keyboard_focus_and_enter_opens_its_sentence(laptop, origin):
    laptop.goto(f"{origin}/{quote(BAR_PAGES[0])}.html", wait_until="load")
    bar, rows = _first_bar(laptop)
    bar.focus()
    assert laptop.evaluate("document.activeElement.dataset.fact") == bar.get_attribute("data-fact")
    assert bar.get_attribute("role") == "link" and bar.get_attribute("aria-label")
    target = _assert_box_tells(laptop, bar, rows)
    laptop.keyboard.press("Enter")
    _assert_on_the_sentence(laptop, target)


def test_chart_text_is_text_the_page_finds(laptop, origin):
    """The chart's title is page text once the chart is inline: Ctrl-F (window.find) finds it."""
    laptop.goto(f"{origin}/{quote(BAR_PAGES[0])}.html", wait_until="load")
    laptop.evaluate(WAIT_FOR_IMAGES)
    laptop.wait_for_function(CHARTS_LIVE)
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
