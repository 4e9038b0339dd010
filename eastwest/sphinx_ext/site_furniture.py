"""Sphinx extension: what every page offers besides its content (issue 19, finding 8) — a line in
the footer linking the PDF edition, how to cite the report, its CITATION.cff and the licences of
its code and data; and those files published with the site, at its root.

The PDF is printed by `make book` after the site is built (eastwest.build.pdf, which copies it into
the site); a later `make book` writes the site afresh and copies the printed PDF back only if it
was printed from the same inputs (eastwest.build.pdf.publish), never an older edition. The pages'
bytes do not depend on whether a PDF exists."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from eastwest.reader import languages
from eastwest.reader.furniture_zh import SITE_FURNITURE_ZH
from eastwest.reader.wording import SITE_FURNITURE

PUBLISHED = {"CITATION.cff": "CITATION.cff", "LICENSE": "LICENSE", "LICENSE.md": "data/LICENSE.md"}  # site name: source


def furniture_html(pathto) -> str:
    links = " · ".join(f'<a href="{escape(pathto(target, 1))}">{escape(text)}</a>' for target, text in SITE_FURNITURE)
    return f'<p class="site-furniture">{links}</p>'


def furniture_html_zh(pathto, pagename: str) -> str:
    """The Chinese book's footer: its own pages, and the files published at the English site's root
    (the Chinese book is its zh/ folder)."""
    root = "../" * (pagename.count("/") + 1)
    links = " · ".join(
        f'<a href="{escape(root + target[1:] if target.startswith("/") else pathto(target, 1))}">{escape(text)}</a>'
        for target, text in SITE_FURNITURE_ZH
    )
    return f'<p class="site-furniture">{links}</p>'


def _footer(app, pagename, templatename, context, doctree) -> None:
    pathto = context.get("pathto")
    if callable(pathto):
        chinese = languages.of_sphinx(app.config.language) == languages.CHINESE
        html = furniture_html_zh(pathto, pagename) if chinese else furniture_html(pathto)
        context["theme_extra_footer"] = str(context.get("theme_extra_footer") or "") + html


def _publish(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name != "html":
        return
    if languages.of_sphinx(app.config.language) != languages.ENGLISH:
        return  # published once, at the English site's root, which the Chinese book lies within
    srcdir, outdir = Path(app.srcdir), Path(app.outdir)
    for name, source in PUBLISHED.items():
        if (srcdir / source).exists():
            shutil.copyfile(srcdir / source, outdir / name)


def setup(app):
    app.connect("html-page-context", _footer, priority=900)
    app.connect("build-finished", _publish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
