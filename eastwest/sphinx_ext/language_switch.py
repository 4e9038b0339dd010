"""Sphinx extension: every page links its counterpart in the other language's book — a switch in
the page's header ("中文" on an English page, "English" on a Chinese one) and `hreflang` links
for search engines — wherever the counterpart exists (a page with no counterpart gets neither).

The English book is the project's root and the Chinese book is zh/ (eastwest.reader.languages), with
the same page names, so a page's counterpart is the same name in the other tree. Both books are
built from the same files before either is written, so each knows the other's pages by their
sources."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from eastwest.core.site import base_url
from eastwest.reader import languages
from eastwest.reader.furniture_zh import SWITCH_TEXT, SWITCH_TITLE
from eastwest.sphinx_ext import project_root

TEMPLATES = Path(__file__).parent / "templates"


def _book(root: Path, language: str) -> Path:
    return root / languages.FOLDER[language] if languages.FOLDER[language] else root


def has_page(root: Path, language: str, pagename: str) -> bool:
    book = _book(root, language)
    return any((book / f"{pagename}{suffix}").is_file() for suffix in (".md", ".ipynb"))


def page_address(pagename: str, language: str, from_language: str) -> str:
    """The address of `pagename` in `language`'s book, relative to the same page in `from_language`'s."""
    up = "../" * pagename.count("/")
    if from_language == language:
        return f"{pagename.rsplit('/', 1)[-1]}.html"
    if language == languages.CHINESE:
        return f"{up}{languages.FOLDER[languages.CHINESE]}/{pagename}.html"
    return f"{up}../{pagename}.html"


def absolute_address(pagename: str, language: str) -> str:
    folder = languages.FOLDER[language]
    return f"{base_url()}{folder + '/' if folder else ''}{pagename}.html"


def _links(app, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    own = languages.of_sphinx(app.config.language)
    other = languages.CHINESE if own == languages.ENGLISH else languages.ENGLISH
    root = project_root(app.srcdir)
    if not has_page(root, other, pagename):
        return
    href = page_address(pagename, other, own)
    context["ew_language_switch"] = {
        "href": href,
        "hreflang": languages.HTML_LANG[other],
        "text": SWITCH_TEXT[other],
        "title": SWITCH_TITLE[other],
    }
    tags = []
    for language in languages.LANGUAGES:
        address = absolute_address(pagename, language) if base_url() else page_address(pagename, language, own)
        tags.append(f'<link rel="alternate" hreflang="{languages.HTML_LANG[language]}" href="{escape(address)}" />')
    context["metatags"] = str(context.get("metatags") or "") + "\n".join(tags) + "\n"


def _templates(app, config) -> None:
    # first: its sidebar toggles stand in for the theme's (their titles translated), and the themes
    # add their own component folders to the same list
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))


def setup(app):
    app.connect("config-inited", _templates)
    app.connect("html-page-context", _links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
