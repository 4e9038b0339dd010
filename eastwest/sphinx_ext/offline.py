"""Sphinx extension: keep the site self-contained. Jupyter Book always loads sphinx-thebe, whose
scripts point at unpkg.com and, on rebuilds, declare THEBE_JS_URL twice (a console error); the
book has no live code, so its scripts and stylesheet are dropped from every page.

It also keeps pages light: Jupyter Book adds every .js file under _static/ to every page, so the
page data that `python -m eastwest pages` writes to _static/generated/ (the fact explorer's table
of every fact, which grows with the sources) would load on every page. Only the page that needs
it loads it, with its own <script> tag: such files are taken out of `html_js_files` as soon as the
configuration is read (so the site's configuration, and .buildinfo, do not depend on whether the
page data existed when Sphinx started) and out of any page's scripts."""

from __future__ import annotations


def _is_thebe(asset) -> bool:
    filename = str(getattr(asset, "filename", "") or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in filename or "THEBE_JS_URL" in body


def _is_page_data(asset) -> bool:
    filename = str(getattr(asset, "filename", "") or "")
    return filename.startswith(("generated/", "_static/generated/"))


def _drop_thebe(app, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not _is_thebe(asset) and not _is_page_data(asset)]


def _no_site_wide_page_data(app, config) -> None:
    files = config.html_js_files or []
    kept = [f for f in files if not str(f[0] if isinstance(f, (tuple, list)) else f).startswith("generated/")]
    if len(kept) != len(files):
        config.html_js_files = kept


def setup(app):
    app.connect("config-inited", _no_site_wide_page_data, priority=900)  # after Jupyter Book lists _static/*.js
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
