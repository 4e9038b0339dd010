"""First content on a slow phone (issue 19, finding 9): a page's head blocks rendering only on its
stylesheets and the tiny script the inline settings need; every other script is deferred, the
explorer's script loads only on the explorer page, and images load when they near the screen, so
they do not take the bandwidth the first screen needs (eastwest.sphinx_ext.light_pages). Timed
by `make bench` (bench/first_content.py), not here."""

import re

import pytest
from bs4 import BeautifulSoup

from eastwest.core.paths import PROJECT
from eastwest.sphinx_ext import light_pages

SETTINGS = "const DOCUMENTATION_OPTIONS = {VERSION: ''};"
THEME_CSS = '/* Provided by Sphinx\'s "basic" theme */\n@import "../basic.css";\n'
HEAD = """<html><head>
<link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />
<link rel="stylesheet" href="../_static/custom.css" />
<script src="../_static/documentation_options.js?v=1"></script>
<script src="../_static/doctools.js?v=2"></script>
<script>let toggleHintShow = 'Click to show';</script>
<script data-sd-tabs-storage-prefix="sphinx-design-tab-id-" src="../_static/design-tabs.js?v=3"></script>
<script src="../_static/explorer.js?v=4"></script>
<link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=1" />
<script defer src="../_static/scripts/bootstrap.js"></script>
<script>DOCUMENTATION_OPTIONS.pagename = 'chapters/x';</script>
</head><body><p><img alt="a chart" src="../_images/x.svg" /></p>
<script src="../_static/generated/explorer-data.js"></script>
<script src="../_static/explorer.js"></script>
</body></html>"""


def blocking_head_scripts(html: str) -> list[str]:
    head = BeautifulSoup(html, "html.parser").head
    return [s["src"] for s in head.find_all("script", src=True) if not (s.has_attr("defer") or s.has_attr("async"))]


@pytest.mark.fast
def test_only_the_settings_script_blocks_the_first_content():
    html = light_pages.lighten(HEAD, is_search_page=False)
    assert blocking_head_scripts(html) == ["../_static/documentation_options.js?v=1"]
    soup = BeautifulSoup(html, "html.parser")
    assert soup.head.find("script", attrs={"data-sd-tabs-storage-prefix": True}).has_attr("defer")
    assert not soup.head.find("link", rel="preload"), "a preload competes with the stylesheets"
    assert [s.string for s in soup.head.find_all("script", src=False)] == [
        "let toggleHintShow = 'Click to show';",
        "DOCUMENTATION_OPTIONS.pagename = 'chapters/x';",
    ]


@pytest.mark.fast
def test_the_settings_are_written_into_the_page_and_basic_css_is_linked_directly():
    assert light_pages.ONLY_BASIC.match(THEME_CSS)
    html = light_pages.lighten(HEAD, is_search_page=False, settings=SETTINGS, theme_is_basic=True)
    soup = BeautifulSoup(html, "html.parser")
    assert blocking_head_scripts(html) == []
    assert soup.head.find("script", src=False, string=SETTINGS) is not None
    assert soup.head.find("link", href="../_static/basic.css") is not None and "theme.css" not in html
    unchanged = light_pages.lighten(HEAD, is_search_page=False, settings=SETTINGS, theme_is_basic=False)
    assert "theme.css" in unchanged, "a theme.css with rules of its own stays"


@pytest.mark.fast
def test_the_explorer_script_loads_only_where_the_explorer_is():
    html = light_pages.lighten(HEAD, is_search_page=False)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.head.find("script", src=re.compile("explorer"))
    assert [s["src"] for s in soup.body.find_all("script", src=True)][-1] == "../_static/explorer.js"


@pytest.mark.fast
def test_images_load_as_they_near_the_screen():
    html = light_pages.lighten(HEAD, is_search_page=False)
    assert BeautifulSoup(html, "html.parser").img["loading"] == "lazy"
    assert light_pages.lighten(html, is_search_page=False) == html  # a second pass changes nothing


@pytest.mark.book
def test_no_built_page_but_search_blocks_on_a_script():
    pages = [p for p in PROJECT.html.rglob("*.html") if "_static" not in p.relative_to(PROJECT.html).parts]
    assert pages, "no built site: run `make book` first"
    for page in pages:
        if page.name == "search.html":
            continue  # its scripts stay in order: the snippet function must be replaced before the query runs
        html = page.read_text(encoding="utf-8")
        assert not blocking_head_scripts(html), f"{page}: render-blocking scripts {blocking_head_scripts(html)}"
        assert 'loading="lazy"' in html or "<img" not in html, page
