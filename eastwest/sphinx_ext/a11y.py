"""Sphinx extension: accessibility fixes for markup the theme and the bibliography write.

- The sidebar's expand/collapse toggles are `<summary>` elements with only an icon inside: give
  each a name a screen reader can announce (WCAG 4.1.2, axe rule summary-name).
- sphinxcontrib-bibtex writes the bibliography as `role="list"` whose entries carry the
  deprecated `doc-biblioentry` role, so the list has no list items (axe aria-required-children):
  the entries become list items.
"""

from __future__ import annotations

TOGGLE = "<summary>"
NAMED_TOGGLE = '<summary aria-label="Show or hide this section\'s pages">'
NAMED_TOGGLE_ZH = '<summary aria-label="显示或隐藏本节各页">'


def _name_toggles(html, named: str = NAMED_TOGGLE) -> str:
    return str(html).replace(TOGGLE, named)  # the theme may hand back a BeautifulSoup tree


def _fix_page(app, pagename, templatename, context, doctree) -> None:
    builder = context.get("generate_toctree_html")
    named = NAMED_TOGGLE_ZH if str(app.config.language or "").startswith("zh") else NAMED_TOGGLE
    if callable(builder):
        context["generate_toctree_html"] = lambda *args, **kwargs: _name_toggles(builder(*args, **kwargs), named)
    body = context.get("body")
    if isinstance(body, str) and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.connect("html-page-context", _fix_page, priority=900)  # after the theme fills the context
    return {"parallel_read_safe": True, "parallel_write_safe": True}
