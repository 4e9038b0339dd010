"""Sphinx extension: the book theme prints each page's title into its print header as raw HTML
(`<h1>{{ pagetitle }}</h1>`); escape it so no title is ever read as markup."""

from __future__ import annotations

from html import escape


def _escape_page_title(app, pagename, templatename, context, doctree) -> None:
    if context.get("pagetitle"):
        context["pagetitle"] = escape(str(context["pagetitle"]))


def setup(app):
    app.connect("html-page-context", _escape_page_title, priority=900)  # after the theme sets it
    return {"parallel_read_safe": True, "parallel_write_safe": True}
