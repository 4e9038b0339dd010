"""Every page of the built site, in both editions, at a laptop's and a phone's width (1,366 and 390 px), in the light
and the dark mode the theme's switch sets (issue 19, "done when"): nothing wider than the screen,
no text under 11 px, every text of the page's content at WCAG AA contrast. A screenshot of each
goes to artifacts/screenshots/ (<page>.<width>.<mode>.png) for a person to look at. The server
and browser fixtures are test_browser's."""

# ruff: noqa: F811  (test_browser's fixtures, imported, are then named as the tests' arguments)

from __future__ import annotations

from urllib.parse import quote

import pytest
from test_browser import (  # noqa: F401  (browser and origin: fixtures used by name)
    BOTH,
    CONTRAST,
    LAPTOP,
    PHONE,
    SCREENSHOTS,
    TIMEOUT_MS,
    WIDEST,
    browser,
    origin,
)

pytestmark = pytest.mark.browser

MIN_TEXT_PX = 11
SCREENS = {"1366px": LAPTOP, "390px": PHONE}
MODES = ["light", "dark"]

# Text the reader sees (not hidden, not in a closed <details>) set in under 11 px: element, text, size.
SMALL_TEXT = """(least) => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || seen.has(el)) continue;
    seen.add(el);
    if (el.closest("script, style, noscript, details:not([open]) > :not(summary)")) continue;
    const style = getComputedStyle(el), box = el.getBoundingClientRect();
    if (style.visibility === "hidden" || style.display === "none" || box.width === 0 || box.height === 0) continue;
    const size = parseFloat(style.fontSize);
    if (size < least) small.push(`${el.tagName.toLowerCase()}.${el.className} "${n.textContent.trim().slice(0, 25)}" ${size.toFixed(1)}px`);
  }
  return small;
}"""


@pytest.fixture(scope="module", params=[(s, m) for s in SCREENS for m in MODES], ids=lambda p: f"{p[0]}-{p[1]}")
def screen(request, browser):
    """One browser context per width and mode, whose pages open in that mode on a first visit."""
    width, mode = request.param
    context = browser.new_context(viewport=SCREENS[width], service_workers="block", device_scale_factor=1)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(
        f"localStorage.clear(); localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    tab = context.new_page()
    yield tab, SCREENS[width]["width"], mode
    context.close()


@pytest.mark.parametrize("page", BOTH)
def test_every_page_fits_reads_and_keeps_its_contrast_at_both_widths_in_both_modes(screen, origin, page):
    tab, width, mode = screen
    tab.goto(f"{origin}/{quote(page)}.html", wait_until="load")
    assert tab.evaluate("document.documentElement.dataset.theme") == mode
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{page.replace('/', '__')}.{width}.{mode}.png"), animations="disabled", caret="hide")
    where = f"{page} at {width} px, {mode}"
    scroll_width = tab.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{where}: {scroll_width} px wide; too wide: {tab.evaluate(WIDEST)}"
    small = tab.evaluate(SMALL_TEXT, MIN_TEXT_PX)
    assert not small, f"{where}: {len(small)} texts under {MIN_TEXT_PX} px, e.g. {small[:5]}"
    low = tab.evaluate(CONTRAST, "body")
    assert not low, f"{where}: {len(low)} texts below AA contrast, e.g. {low[:5]}"


def test_the_small_text_check_finds_text_under_11_px(screen):
    tab, _, _ = screen
    tab.set_content('<p style="font-size:10px">tiny</p><p style="font-size:11px">fine</p>')
    assert [s.split('"')[1] for s in tab.evaluate(SMALL_TEXT, MIN_TEXT_PX)] == ["tiny"]
