"""Sphinx extension: keep every page light (issue 19, finding 9).

- The theme loads FontAwesome's whole icon library as JavaScript (1.5 MB, `scripts/fontawesome.js`)
  on every page to draw about a dozen icons. The icons the pages use are drawn instead by a small
  stylesheet, `_static/icons.css`, written at the end of the build from the same library's path
  data (the theme's own copy, so the icons stay the theme's), each as a CSS mask painted in the
  text colour (so it follows dark mode). Only icons the written pages name are included. The
  theme's stylesheet would otherwise draw them with FontAwesome's webfont (156 kB): its glyphs
  are switched off, so the font is never downloaded.
- The theme loads the search index (`searchindex.js`, growing with the book) and Sphinx's search
  tools on every page, for a search-as-you-type feature it leaves switched off: they are loaded by
  the search page only, where the search box sends its query; that page, which shows nothing but
  the query and its results, leaves out the stylesheets and scripts of notebook cells, toggles,
  tabs, copy buttons and the fact explorer instead.

- First content on a slow phone: the head's scripts would each hold the page unparsed until they
  arrive, so every one is deferred, but `documentation_options.js` (a few hundred bytes, which the
  inline settings after it need at once), which is written into the page instead; the theme's
  script preloads, which compete with the stylesheets, are dropped; the theme's `theme.css`,
  which only @imports Sphinx's `basic.css` (a second round trip before anything shows), is
  replaced by a link to `basic.css`; the fact explorer's script, which every page loaded
  to do nothing, is left to the explorer page, which loads it after its data; and images load
  as they near the screen (`loading="lazy"`), so the charts further down do not take the
  bandwidth the stylesheets need. `make bench` times it (bench/first_content.py).

All are rewrites of the written HTML at `build-finished`, so they apply however the theme's
templates change; the tests check the outcome (tests/test_browser.py)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

ICONS_CSS = "icons.css"
# The paths below start with "../" as often as a page is deep, or, on the 404 page (which must work
# from any address), with the site's absolute path ("/" or "/<base path>/").
FONTAWESOME_SCRIPT = re.compile(
    r'<script defer src="(?P<up>(?:(?:\.\./)*|/(?:[^"/]+/)*))_static/scripts/fontawesome\.js[^"]*"></script>'
)
SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="(?:(?:\.\./)*|/(?:[^"/]+/)*)(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>'
)
# What the search page, which shows only a query box and results, does not need: stylesheets and
# scripts for notebook cells, toggles, tabs, copy buttons and the fact explorer (~130 kB).
NOT_FOR_SEARCH = re.compile(
    r'\s*<(?:link rel="stylesheet" type="text/css" href|script src)="_static/'
    r'(?:mystnb\.[^"]*\.css|sphinx-design\.min\.css|togglebutton\.(?:css|js)|copybutton\.(?:css|js)|clipboard\.min\.js'
    r'|design-tabs\.js|explorer\.js)[^"]*"[^>]*>(?:</script>)?'
)
# A head script that neither defers nor is async; the settings script stays as it is.
BLOCKING_SCRIPT = re.compile(r'<script (?![^>]*\b(?:defer|async)\b)(?P<attrs>[^>]*?)src="(?P<src>[^"]*)"')
SETTINGS_SCRIPT = "documentation_options.js"
SETTINGS_TAG = re.compile(r'<script src="(?:(?:\.\./)*|/(?:[^"/]+/)*)_static/documentation_options\.js[^"]*"></script>')
THEME_CSS = re.compile(r'<link href="(?P<up>(?:(?:\.\./)*|/(?:[^"/]+/)*))_static/styles/theme\.css[^"]*" rel="stylesheet" />')
ONLY_BASIC = re.compile(r'\A(?:\s|/\*.*?\*/)*@import "\.\./basic\.css";\s*\Z', re.S)  # theme.css, when it is only that
# The explorer page loads the script itself, after its data (eastwest.pages.explorer).
HEAD_EXPLORER = re.compile(r'\s*<script defer src="(?:(?:\.\./)*|/(?:[^"/]+/)*)_static/explorer\.js[^"]*"></script>')
# The theme preloads its two deferred scripts, at the priority of the stylesheets the first content waits for.
SCRIPT_PRELOAD = re.compile(r'\s*<link rel="preload" as="script" href="[^"]*" />')
EAGER_IMAGE = re.compile(r"<img (?![^>]*\bloading=)")
ICON_CLASS = re.compile(r'class="(?:[^"]*\s)?(?:fa-solid|fas)\s[^"]*"')
ICON_NAME = re.compile(r"\bfa-([a-z0-9-]+)\b")
NOT_ICONS = {"s", "solid", "regular", "brands", "lg", "sm", "xs", "fw", "2x", "3x", "spin", "pulse"}
BASE_RULES = (
    "/* Written by eastwest.sphinx_ext.light_pages from the theme's FontAwesome icons (Font Awesome Free,\n"
    "   icons under CC BY 4.0, https://fontawesome.com/license/free). Do not edit. */\n"
    ".fa-solid, .fas { display: inline-block; width: 1.15em; height: 1em; vertical-align: -0.125em;\n"
    "  background-color: currentColor; -webkit-mask: var(--icon) center / contain no-repeat;\n"
    "  mask: var(--icon) center / contain no-repeat; }\n"
    ".fa-solid::before, .fas::before { content: none !important; }  /* not the theme's webfont glyph: 156 kB more */\n"
    '.bd-sidebar-secondary .onthispage::after { font-family: inherit !important; content: "\\25BE" !important; }'
    "  /* the collapsed page contents' caret, drawn by the theme in FontAwesome's font */\n"
    ".fa-lg { font-size: 1.25em; line-height: 0.05em; vertical-align: -0.075em; }\n"
    "@media (forced-colors: active) { .fa-solid, .fas { background-color: CanvasText; } }\n"
)


def solid_icons(library: str) -> dict[str, tuple[int, int, str]]:
    """The solid pack's icons in FontAwesome's bundled library: name → (width, height, SVG path)."""
    end = library.find('d("fas",p)')
    start = library.rfind("var p={", 0, end)
    if start < 0 or end < 0:
        return {}
    pack = library[start:end]
    found = re.finditer(r'[{,]"?([a-z0-9-]+)"?:\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]', pack)
    return {m[1]: (int(m[2]), int(m[3]), m[4]) for m in found}


# Icons the theme's stylesheet draws before an element in FontAwesome's font: the same icon as a
# mask, so the font is never needed. Selector -> icon.
PSEUDO_ICONS = {"a.reference.download": "download"}
PSEUDO_RULE = (
    '{selector}::before {{ content: "" !important; font-family: inherit !important; display: inline-block;'
    " width: 1em; height: 1em; margin-right: 0.3em; vertical-align: -0.125em; background-color: currentColor;"
    " -webkit-mask: var(--icon) center / contain no-repeat; mask: var(--icon) center / contain no-repeat; }}"
)


def icons_css(names: list[str], icons: dict[str, tuple[int, int, str]]) -> str:
    selectors: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        if name not in NOT_ICONS and name in icons:
            selectors.setdefault(name, []).append(f".fa-{name}")
    for selector, name in PSEUDO_ICONS.items():
        if name in icons:
            selectors.setdefault(name, []).append(selector)
    rules = [PSEUDO_RULE.format(selector=selector) for selector, name in PSEUDO_ICONS.items() if name in icons]
    for name, chosen in sorted(selectors.items()):
        width, height, path = icons[name]
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
        rules.append(f'{", ".join(chosen)} {{ --icon: url("data:image/svg+xml,{quote(svg, safe=" =:/,.-")}"); }}')
    return BASE_RULES + "\n".join(rules) + "\n"


def lighten(html: str, is_search_page: bool, settings: str = "", theme_is_basic: bool = False) -> str:
    """A page without FontAwesome's script (the icon stylesheet instead) and, unless it is the
    search page, without the search index and tools, its first content waiting for no script but
    the settings (written into the page when given: `settings`, the file's text), nor for the
    theme's @import of basic.css (when `theme_is_basic`), nor for images below the first screen."""
    html = FONTAWESOME_SCRIPT.sub(lambda m: f'<link rel="stylesheet" href="{m["up"]}_static/{ICONS_CSS}" />', html)
    if is_search_page:
        # Left in order: search-snippets.js must replace searchtools.js's snippet function before
        # the query runs, which both do as the page finishes parsing.
        return NOT_FOR_SEARCH.sub("", html)
    html = first_content_first(SEARCH_SCRIPTS.sub("", html))
    if settings:
        html = SETTINGS_TAG.sub(lambda m: f"<script>{settings.strip()}</script>", html, count=1)
    if theme_is_basic:
        html = THEME_CSS.sub(lambda m: f'<link href="{m["up"]}_static/basic.css" rel="stylesheet" />', html, count=1)
    return html


def first_content_first(html: str) -> str:
    """Head scripts deferred (but the settings), not preloaded, the explorer's script out of the head,
    images lazy."""
    head, end, body = html.partition("</head>")
    if not end:
        return html
    head = BLOCKING_SCRIPT.sub(
        lambda m: m[0] if SETTINGS_SCRIPT in m["src"] else f'<script defer {m["attrs"]}src="{m["src"]}"', head
    )
    head = SCRIPT_PRELOAD.sub("", HEAD_EXPLORER.sub("", head))
    return head + end + EAGER_IMAGE.sub('<img loading="lazy" ', body)


def _finish(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    library = outdir / "_static" / "scripts" / "fontawesome.js"
    if not library.exists():
        return
    names: list[str] = []
    settings_js, theme_css = outdir / "_static" / "documentation_options.js", outdir / "_static" / "styles" / "theme.css"
    settings = settings_js.read_text(encoding="utf-8") if settings_js.exists() else ""
    theme_is_basic = theme_css.exists() and ONLY_BASIC.match(theme_css.read_text(encoding="utf-8")) is not None
    for page in sorted(outdir.rglob("*.html")):
        if "_static" in page.relative_to(outdir).parts:
            continue
        html = page.read_text(encoding="utf-8")
        for classes in ICON_CLASS.findall(html):
            names += ICON_NAME.findall(classes)
        lighter = lighten(html, page.relative_to(outdir).as_posix() == "search.html", settings, theme_is_basic)
        if lighter != html:
            page.write_text(lighter, encoding="utf-8")
    (outdir / "_static" / ICONS_CSS).write_text(
        icons_css(names, solid_icons(library.read_text(encoding="utf-8"))), encoding="utf-8"
    )


def setup(app):
    app.connect("build-finished", _finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
