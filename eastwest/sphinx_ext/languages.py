"""Sphinx extension: each book keeps only its own language of what the notebooks put on a page.

One execution of a notebook serves both books (eastwest.reader.languages), so its glued numbers,
tables and lists hold both languages between markers; this book's `language` setting decides which
part stays. Done on the page's raw HTML once references are resolved (before the extensions that
count a fact's uses see it) and again on the body as it is written, so nothing escapes."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from eastwest.reader import languages


def _language(app: Sphinx) -> str:
    return languages.of_sphinx(app.config.language)


def keep_own_language_in_doctree(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for raw in doctree.findall(nodes.raw):
        if "html" in raw.get("format", "").split() and "<!--language:" in raw.astext():
            raw.replace(raw.children[0], nodes.Text(languages.only(raw.astext(), _language(app))))


def keep_own_language_when_read(app: Sphinx, doctree: nodes.document) -> None:
    keep_own_language_in_doctree(app, doctree, app.env.docname)


def keep_own_language(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    if "body" in context:
        context["body"] = languages.only(context["body"], _language(app))


def setup(app: Sphinx) -> dict[str, Any]:
    # early, so the extensions that rewrite the body (Chinese runs, fact anchors) see one language
    # when read, before eastwest.sphinx_ext.fact_uses (priority 900) numbers each use of a fact:
    # the other language's copy of a link is no use on this book's page
    app.connect("doctree-read", keep_own_language_when_read, priority=800)
    app.connect("doctree-resolved", keep_own_language_in_doctree, priority=100)
    app.connect("html-page-context", keep_own_language, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
