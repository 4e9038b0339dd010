"""The Chinese edition in a browser, on a phone and a laptop: the language switch leads each way
to the same page; the Chinese search finds Chinese words; the phone menu opens and leads to a
chapter. What every page must do in both editions (load cleanly, fit, read, contrast, charts'
text size, accessibility) is checked by test_browser and test_browser_widths on both. The server
and browser fixtures are test_browser's."""

# ruff: noqa: F811  (test_browser's fixtures, imported, are then named as the tests' arguments)

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
from test_browser import (  # noqa: F401  (browser, origin, session, watched: fixtures used by name)
    LAPTOP,
    PHONE,
    SEARCH_DONE,
    TIMEOUT_MS,
    ZH_CHAPTER_PAGES,
    ZH_PAGES,
    browser,
    origin,
    session,
    touch_page_at,
    watched,
)

pytestmark = pytest.mark.browser


def test_the_chinese_edition_has_its_pages():
    assert "zh/index" in ZH_PAGES and ZH_CHAPTER_PAGES, ZH_PAGES


@pytest.mark.parametrize("screen", [LAPTOP, PHONE], ids=lambda s: f"{s['width']}px")
def test_the_switch_leads_to_the_same_page_in_the_other_language_and_back(browser, origin, screen):
    context = browser.new_context(viewport=screen, service_workers="block", device_scale_factor=1)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        english = ZH_CHAPTER_PAGES[0].removeprefix("zh/")
        page.goto(f"{origin}/{english}.html", wait_until="load")
        switch = page.locator("a.language-switch:visible")
        assert switch.count() == 1 and switch.inner_text().strip() == "中文", f"at {screen['width']} px: no visible 中文 switch"
        switch.click()
        page.wait_for_url(f"**/zh/{english}.html")
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        back = page.locator("a.language-switch:visible")
        assert back.inner_text().strip() == "English"
        back.click()
        page.wait_for_url(f"**/{english}.html")
        assert "/zh/" not in urlsplit(page.url).path
    finally:
        context.close()


@pytest.mark.parametrize("term", ["沿河", "挂职", "消费扶贫"])
def test_the_chinese_search_finds_chinese_words(watched, term):
    watched.goto(f"zh/search.html?q={quote(term)}")
    watched.page.wait_for_function(SEARCH_DONE, timeout=TIMEOUT_MS)
    results = watched.page.eval_on_selector_all(
        "#search-results ul.search li a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert results, f"the Chinese edition's search for {term!r} found nothing"
    watched.assert_clean(f"zh/search.html?q={term}")


def test_tapping_the_menu_on_a_phone_leads_to_a_chinese_chapter(browser, origin):
    context, page = touch_page_at(browser, PHONE["width"])
    try:
        page.goto(f"{origin}/{ZH_CHAPTER_PAGES[0]}.html", wait_until="load")
        page.locator("button.primary-toggle:visible").first.tap()
        page.wait_for_function("() => document.getElementById('pst-primary-sidebar-modal').open", timeout=3_000)
        menu = page.locator("#pst-primary-sidebar-modal nav.bd-docs-nav a.reference.internal:visible")
        hrefs = [urlsplit(h).path for h in menu.evaluate_all("as => as.map(a => a.href)")]
        chapter = next(h for h in hrefs if "/zh/chapters/" in h and not h.endswith(f"/{ZH_CHAPTER_PAGES[0]}.html"))
        page.locator(f"#pst-primary-sidebar-modal a[href$='{chapter.rsplit('/', 1)[-1]}']:visible").first.tap()
        page.wait_for_url(f"**{chapter}")
    finally:
        context.close()
