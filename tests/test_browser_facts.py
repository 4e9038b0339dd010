"""The built site in Chromium, as a reader follows facts (issue 19, findings 4 and 5): the Fact
explorer on a phone (filters first, rows as cards), its view in the address and its "download these
rows", a place found by either script's name; a number's sentence in view below the sticky header,
its label legible, its quote opened on tap and keyboard focus, and the ↩ links back to where the
number is used, big enough to tap. The server, browser and page fixtures are test_browser's."""

# ruff: noqa: F811  (test_browser's fixtures, imported, are then named as the tests' arguments)

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page
from test_browser import (  # noqa: F401  (browser and origin: fixtures used by name)
    CHAPTER_PAGES,
    CHINESE_WITHOUT_LANG,
    HTML,
    PHONE,
    SOURCE_PAGES,
    TIMEOUT_MS,
    browser,
    origin,
    page_at,
)

from eastwest.dataset import load
from eastwest.reader.wording import DOWNLOAD_LICENCE, period_label, short_name
from eastwest.reference.terms import place_names

pytestmark = pytest.mark.browser

EXPLORER = "explore/index.html"
COUNT_READY = "() => / of \\d+ facts shown/.test(document.getElementById('explorer-count').textContent)"


@pytest.fixture(scope="module")
def phone(browser, origin):
    yield from page_at(browser, PHONE)


@pytest.fixture(scope="module")
def laptop(browser, origin):
    yield from page_at(browser, {"width": 1366, "height": 900})


@pytest.fixture(scope="module")
def touch_phone(browser, origin):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=1)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def _shown(page: Page) -> int:
    page.wait_for_function(COUNT_READY)
    page.wait_for_function("() => !/Loading/.test(document.getElementById('explorer-count').textContent)")
    return int(page.locator("#explorer-count").inner_text().split(" of ")[0])


def _a_status_some_facts_have(facts) -> str:
    counts = facts.status.value_counts()
    partial = counts[counts < len(facts)]
    assert len(partial), "every fact has the same status: no filter to test with"
    return str(partial.index[0])


# --- Finding 4: the Fact explorer ----------------------------------------------------------------


def test_the_explorer_filters_are_on_a_phones_first_screen(phone, origin):
    phone.goto(f"{origin}/{EXPLORER}")
    phone.wait_for_function(COUNT_READY)
    for control in ["#explorer-search", "#explorer-pairing", "#explorer-theme", "#explorer-indicator",
                    "#explorer-status", "#explorer-source", "#explorer-download"]:  # fmt: skip
        box = phone.locator(control).bounding_box()
        assert box and box["y"] + box["height"] <= PHONE["height"], f"{control} is below the first screen: {box}"


def test_the_explorer_rows_are_cards_on_a_phone(phone, origin):
    phone.goto(f"{origin}/{EXPLORER}")
    phone.wait_for_function("() => document.querySelector('#explorer-table tbody tr td:nth-child(2)')?.textContent.length > 0")
    cells = phone.evaluate(
        """() => Array.from(document.querySelectorAll('#explorer-table tbody tr:first-child td')).map(td => {
             const r = td.getBoundingClientRect();
             return {label: td.dataset.label || td.cellIndex, left: r.left, right: r.right, width: r.width};
           })"""
    )
    assert len(cells) == 7
    off = [c for c in cells if c["width"] == 0 or c["left"] < 0 or c["right"] > PHONE["width"]]
    assert not off, f"cells of the first fact off a {PHONE['width']} px screen: {off}"


def test_the_explorer_view_round_trips_through_its_address(laptop, origin):
    facts = load.facts()
    status = _a_status_some_facts_have(facts)
    laptop.goto(f"{origin}/{EXPLORER}")
    laptop.wait_for_function(COUNT_READY)
    laptop.select_option("#explorer-status", status)
    laptop.click("th[data-sort='value'] button")
    laptop.click("th[data-sort='value'] button")  # descending
    shown = _shown(laptop)
    assert shown == int((facts.status == status).sum())
    first = laptop.locator("#explorer-table tbody tr a.fact-link").first.get_attribute("href")

    query = parse_qs(urlsplit(laptop.url).query)
    assert query == {"status": [status], "sort": ["-value"]}, laptop.url
    assert parse_qs(urlsplit(laptop.locator("#explorer-permalink").get_attribute("href")).query) == query

    laptop.goto("about:blank")
    laptop.goto(f"{origin}/{EXPLORER}?status={status}&sort=-value")
    assert _shown(laptop) == shown
    assert laptop.locator("#explorer-status").input_value() == status
    assert laptop.get_attribute("th[data-sort='value']", "aria-sort") == "descending"
    assert laptop.locator("#explorer-table tbody tr a.fact-link").first.get_attribute("href") == first


def test_the_explorer_downloads_the_rows_it_shows(laptop, origin):
    facts = load.facts()
    status = _a_status_some_facts_have(facts)
    laptop.goto(f"{origin}/{EXPLORER}?status={status}")
    shown = _shown(laptop)
    with laptop.expect_download() as download:
        laptop.click("#explorer-download")
    data = download.value.path().read_bytes()
    assert data.startswith("\ufeff".encode()), "no byte-order mark: spreadsheet programs garble the Chinese"
    licence, _, table = data.decode("utf-8-sig").partition("\r\n")
    assert licence == DOWNLOAD_LICENCE, f"the first line is not the licence: {licence!r}"
    rows = list(csv.DictReader(io.StringIO(table, newline="")))
    assert len(rows) == shown
    wanted = facts[facts.status == status]
    assert {r["fact_id"] for r in rows} == set(wanted.fact_id)
    by_id = wanted.set_index("fact_id")
    assert all(r["quote"] == by_id.loc[r["fact_id"], "quote"] and r["status"] == status for r in rows)
    assert all(r["sentence"].endswith("#fact-" + r["fact_id"]) for r in rows)
    # the period in the book's words beside the ISO one, estimated dates said to be estimated
    for r in rows:
        fact = by_id.loc[r["fact_id"]]
        assert r["period_in_words"] == period_label(fact["period"], fact["scope"], fact["flag_list"]), r["fact_id"]


def _places_with_most_facts(n: int) -> list[tuple[str, str]]:
    """(Chinese short name, English short name) of the places most facts name, by the data."""
    facts, places = load.facts(), load.places().fillna("").set_index("id")
    counts: dict[str, int] = {}
    for side in ("east", "west"):
        for ids in facts[side].fillna(""):
            for p in filter(None, str(ids).split(";")):
                counts[p] = counts.get(p, 0) + 1
    ranked = sorted((p for p in counts if p in places.index), key=lambda p: (-counts[p], p))
    return [(place_names(places.loc[p, "name_zh"])[-1], short_name(places.loc[p, "name_en"])) for p in ranked[:n]]


def test_a_place_name_finds_the_same_facts_in_either_script(laptop, origin):
    laptop.goto(f"{origin}/{EXPLORER}")
    laptop.wait_for_function(COUNT_READY)
    found = {}
    for chinese, english in _places_with_most_facts(3):
        for term in (chinese, english):
            laptop.fill("#explorer-search", term)
            laptop.wait_for_function(f"() => new URLSearchParams(location.search).get('q') === {term!r}")
            found[term] = _shown(laptop)
        assert found[chinese] == found[english] > 0, found


# --- Finding 5: following a number to its sentence -----------------------------------------------

HEADER_BOTTOM = """() => {
  let bottom = 0;
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    if (style.position !== 'fixed' && style.position !== 'sticky') continue;
    const r = el.getBoundingClientRect();
    if (r.top <= 1 && r.height > 0 && r.height < innerHeight / 2 && r.width > innerWidth / 2 && style.visibility !== 'hidden')
      bottom = Math.max(bottom, r.bottom);
  }
  return bottom;
}"""


def _first_glued(page: Page, origin: str) -> tuple[str, str]:
    """(fact id, href) of the first glued number in the chapters."""
    for chapter in CHAPTER_PAGES:
        page.goto(f"{origin}/{chapter}.html")
        link = page.locator("a.fact-link.glued:visible").first
        if link.count():
            return link.get_attribute("data-fact"), page.url.rsplit("/", 1)[0] + "/" + link.get_attribute("href")
    pytest.fail("no glued number in any chapter")


LINE_HEIGHT = """id => {
  const block = document.getElementById(id).closest('p, li, td, div');
  const style = getComputedStyle(block);
  return style.lineHeight === 'normal' ? parseFloat(style.fontSize) * 1.2 : parseFloat(style.lineHeight);
}"""


def _in_view_below_header(page: Page, element_id: str) -> tuple[bool, str]:
    """Whether the element is on screen with at least one line of text visible above it below the
    sticky header (the start of the sentence that holds the number)."""
    page.wait_for_timeout(300)
    box = page.evaluate(f"() => document.getElementById({element_id!r}).getBoundingClientRect().toJSON()")
    header = page.evaluate(HEADER_BOTTOM)
    line = page.evaluate(LINE_HEIGHT, element_id)
    ok = box["top"] >= header + line and box["bottom"] <= page.viewport_size["height"]
    return ok, f"#{element_id} at {box['top']:.0f}–{box['bottom']:.0f} px; header ends at {header:.0f}, a line is {line:.0f}"


def test_a_followed_number_lands_below_the_sticky_header_on_a_phone(phone, origin):
    fact_id, href = _first_glued(phone, origin)
    phone.goto(href)
    ok, where = _in_view_below_header(phone, f"fact-{fact_id}")
    assert ok, where


def test_the_label_beside_a_sentence_is_legible_on_a_phone(phone, origin):
    phone.goto(f"{origin}/{SOURCE_PAGES[0]}.html")
    sizes = phone.eval_on_selector_all("sup.fact-label", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 12, f"labels as small as {min(sizes or [0])} px"


def test_a_numbers_quote_opens_on_tap_and_on_keyboard_focus(touch_phone, laptop, origin):
    quotes = load.facts().set_index("fact_id")["quote"]
    fact_id, _ = _first_glued(touch_phone, origin)
    chapter = touch_phone.url
    link = touch_phone.locator(f"a.fact-link.glued[data-fact='{fact_id}']").first
    assert link.get_attribute("title") is None, "the quote is still a title tooltip"
    link.scroll_into_view_if_needed()
    link.tap()
    box = touch_phone.locator("#fact-quote-box")
    box.wait_for(state="visible")
    assert touch_phone.url == chapter, "the first tap left the page instead of showing the quote"
    assert quotes[fact_id] in box.inner_text()
    with touch_phone.expect_navigation():
        box.locator("a.fact-quote-go").tap()
    assert urlsplit(touch_phone.url).fragment == f"fact-{fact_id}"

    laptop.goto(chapter)
    laptop.locator(f"a.fact-link.glued[data-fact='{fact_id}']").first.focus()
    box = laptop.locator("#fact-quote-box")
    box.wait_for(state="visible")
    assert quotes[fact_id] in box.inner_text()
    described = laptop.locator(f"a.fact-link.glued[data-fact='{fact_id}']").first.get_attribute("aria-describedby")
    assert described == "fact-quote-box"


BACK_LINKS = (
    "els => els.map(e => ({href: e.getAttribute('href'), fact: e.dataset.factBack, w: e.offsetWidth, h: e.offsetHeight}))"
)


def test_back_links_go_to_where_the_number_is_used_and_are_big_enough_to_tap(phone, origin):
    for source in SOURCE_PAGES:
        phone.goto(f"{origin}/{source}.html")
        links = phone.eval_on_selector_all("a.fact-back", BACK_LINKS)
        assert links, f"{source}: no ↩ links"
        small = [link for link in links if link["w"] < 24 or link["h"] < 24]
        assert not small, f"{source}: ↩ links smaller than 24×24 px: {small[:3]}"
        for link in links:
            path, _, anchor = link["href"].partition("#")
            assert anchor.startswith(f"use-{link['fact']}"), f"{source}: ↩ for {link['fact']} goes to {link['href']}"
            target = (HTML / "sources" / path).resolve()
            html = target.read_text(encoding="utf-8")
            tag = re.search(rf'<a id="{re.escape(anchor)}"[^>]*>', html)
            assert tag and (f'data-fact="{link["fact"]}"' in tag.group(0) or f'#fact-{link["fact"]}"' in tag.group(0)), (
                f"{source}: {link['href']} is not a use of {link['fact']}"
            )

    phone.goto(f"{origin}/{SOURCE_PAGES[0]}.html")
    back = phone.locator("a.fact-back").first
    anchor = back.get_attribute("href").partition("#")[2]
    with phone.expect_navigation():
        back.click()
    assert phone.locator(f"[id='{anchor}']").is_visible(), f"#{anchor} is hidden (in a closed section?)"
    ok, where = _in_view_below_header(phone, anchor)
    assert ok, where


# --- Chinese written by the scripts (issue 19, finding 10) ---------------------------------------


def test_chinese_the_scripts_write_is_marked_as_chinese(laptop, origin):
    """The explorer's rows and cards and the boxes that open a number's quote or a highlight's
    fact are written by scripts: their Chinese carries lang="zh" too, so a screen reader voices it
    as Chinese."""
    laptop.goto(f"{origin}/{EXPLORER}?q=%E6%B2%BF%E6%B2%B3")  # 沿河: rows whose texts hold Chinese names
    _shown(laptop)
    laptop.wait_for_function("() => document.querySelector('#explorer-table tbody tr td:nth-child(2)')?.textContent.length > 0")
    assert laptop.locator("#explorer-table tbody tr").count() > 0
    unmarked = laptop.evaluate(CHINESE_WITHOUT_LANG)
    assert not unmarked, f'explorer: Chinese without lang="zh": {unmarked[:5]}'
    pages = [(CHAPTER_PAGES[0], "a.fact-link"), *[(page, "mark.fact") for page in SOURCE_PAGES[:1]]]
    for page, selector in pages:
        laptop.goto(f"{origin}/{page}.html")
        opened = 0
        for element in laptop.locator(f"{selector}:visible").all()[:20]:
            element.hover()
            laptop.locator("#fact-quote-box").wait_for(state="visible")
            unmarked = laptop.evaluate(CHINESE_WITHOUT_LANG)
            assert not unmarked, f'{page}, the box of a {selector}: Chinese without lang="zh": {unmarked[:5]}'
            opened += 1
        assert opened, f"{page}: no {selector} to open"
