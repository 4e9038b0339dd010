"""Sphinx extension: what a published site carries besides its pages.

- The base URL (EASTWEST_BASEURL, eastwest.core.site): Sphinx's canonical link on every page, the
  sitemap's addresses, the Open Graph URLs and the 404 page's links use it. Without it the site
  is built for reading offline: no canonical links, a sitemap of relative addresses (sphinx-sitemap).
- Open Graph and Twitter card metadata on every page (sphinxext-opengraph), with a PNG image: the
  page's first chart where a PNG copy of it exists (drawn when EASTWEST_PNG=1, as `make publish` builds;
  copied to _og/, referenced only in <meta>, so readers never download it), otherwise the site's
  card, _static/og-card.png.
- A 404 page whose links work from any missing address (sphinx-notfound-page), the favicon
  (_config.yml `html.favicon`) and robots.txt pointing crawlers at the sitemap."""

from __future__ import annotations

import re
import shutil
from html import escape, unescape
from pathlib import Path

from docutils import nodes

from eastwest.core.site import base_path, base_url
from eastwest.reader import languages
from eastwest.reader.furniture_zh import NOT_FOUND_BODY_ZH, NOT_FOUND_TITLE_ZH
from eastwest.reader.wording import NOT_FOUND_BODY, NOT_FOUND_TITLE
from eastwest.sphinx_ext import project_root

OG_DIR = "_og"  # the og images, in the site
SITE_CARD = "_static/og-card.png"
NOT_IN_SITEMAP = ["search.html", "genindex.html", "404.html"]
DESCRIPTION_LENGTH = 200


def _configure(app, config) -> None:
    folder = languages.FOLDER[languages.of_sphinx(config.language)]  # the Chinese book is the site's zh/
    base = base_url() + f"{folder}/" if base_url() and folder else base_url()
    prefix = base_path() + (f"{folder}/" if folder else "")
    config.html_baseurl = base
    config.ogp_site_url = base
    config.site_url = base or "./"  # sphinx-sitemap: absolute addresses only under a base URL
    config.sitemap_url_scheme = "{link}"
    config.sitemap_excludes = NOT_IN_SITEMAP
    config.ogp_social_cards = {"enable": False}  # the chart or the site card instead (PNG, drawn by the project)
    config.ogp_site_name = str(config.html_title or config.project)
    config.ogp_enable_meta_description = False  # written here, from `description`
    config.ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary_large_image" />']
    config.notfound_urls_prefix = prefix
    title, body = (NOT_FOUND_TITLE_ZH, NOT_FOUND_BODY_ZH) if folder else (NOT_FOUND_TITLE, NOT_FOUND_BODY)
    body = body.format(home=escape(prefix + "index.html"))
    config.notfound_context = {"title": title, "body": f"<h1>{escape(title)}</h1>\n{body}"}


def source_uri(image: nodes.image) -> str:
    """The image's path in the source tree ('figures/x.svg'; when the page is written, `uri` is
    already its path in the site)."""
    return str((image.get("candidates") or {}).get("*") or image.get("uri", ""))


def first_chart(doctree) -> nodes.image | None:
    """The page's first chart: its first image drawn from figures/ as SVG (the wide drawing); the
    Chinese book's are ../figures/zh/…"""
    for image in doctree.findall(nodes.image):
        uri = source_uri(image)
        if uri.startswith(("figures/", "../figures/")) and uri.endswith(".svg") and not uri.endswith(".narrow.svg"):
            return image
    return None


def _text(node) -> str:
    """A node's text as a reader sees it: glued numbers (raw HTML) without their tags, citation
    keys (resolved only later) left out."""
    if isinstance(node, nodes.Text):
        return str(node)
    if node.__class__.__name__ == "pending_xref":
        return ""
    if isinstance(node, nodes.raw) or (isinstance(node, nodes.container) and node.astext().lstrip().startswith("<")):
        return unescape(re.sub(r"<[^>]+>", "", node.astext()))
    return "".join(_text(child) for child in node.children)


def description(doctree, length: int = DESCRIPTION_LENGTH) -> str:
    """The page's first paragraph of some length, cut at a word to `length` characters."""
    for paragraph in doctree.findall(nodes.paragraph):
        text = re.sub(r"\s+", " ", _text(paragraph)).strip()
        text = re.sub(r"\s+([,.;:)])", r"\1", text)
        if len(text) >= 60:
            return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"
    return ""


def og_image(srcdir: Path, doctree) -> tuple[str, str, str] | None:
    """(PNG in the source tree, its path in the site, alt text) for a page whose first chart has a
    PNG copy; None otherwise."""
    image = first_chart(doctree) if doctree is not None else None
    if image is None:
        return None
    png = (srcdir / Path(source_uri(image)).with_suffix(".png")).resolve()
    figures = project_root(srcdir) / "figures"  # the Chinese book's charts are ../figures/zh/…
    if not png.is_file() or not png.is_relative_to(figures):
        return None
    return str(png), f"{OG_DIR}/{png.relative_to(figures).as_posix()}", str(image.get("alt", ""))


def _page_image(app, pagename, templatename, context, doctree) -> None:
    """Name each page's og image before sphinxext-opengraph writes the tags (priority 450 < 500)."""
    if doctree is None or app.builder.name != "html":
        return
    found = og_image(Path(app.srcdir), doctree)
    target = found[1] if found else SITE_CARD
    if found:
        out = Path(app.outdir) / target
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(found[0], out)
    base = str(app.config.html_baseurl or "")  # this book's address (the Chinese book's ends in zh/)
    url = base + target if base else context["pathto"](target, 1)
    meta = dict(context.get("meta") or {})  # a copy: the environment's metadata stays as read
    meta["og:image"] = url
    meta["og:image:alt"] = found[2] if found and found[2] else str(app.config.ogp_site_name)
    text = description(doctree)
    if text:
        meta["og:description"] = text
        context["metatags"] = str(context.get("metatags") or "") + f'<meta name="description" content="{escape(text)}" />\n'
    context["meta"] = meta


def _robots(app, exception) -> None:
    if exception is not None or app.builder.name != "html" or languages.of_sphinx(app.config.language) != languages.ENGLISH:
        return  # one robots.txt, at the site's root; it names the Chinese edition's sitemap too
    base = base_url()
    chinese = languages.FOLDER[languages.CHINESE]
    sitemaps = ["sitemap.xml"] + ([f"{chinese}/sitemap.xml"] if (Path(app.srcdir) / chinese / "_config.yml").exists() else [])
    lines = ["User-agent: *", "Allow: /"] + ([f"Sitemap: {base}{name}" for name in sitemaps] if base else [])
    (Path(app.outdir) / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def setup(app):
    app.setup_extension("sphinx_sitemap")
    app.setup_extension("sphinxext.opengraph")
    app.setup_extension("notfound.extension")
    app.connect("config-inited", _configure, priority=100)
    app.connect("html-page-context", _page_image, priority=450)
    app.connect("build-finished", _robots)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
