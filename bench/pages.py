"""Page weights: each html page of a built site with the images it shows and the page data it loads."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

# Folders of the site that hold assets, not pages.
NOT_PAGES = {"_static", "_sources", "_downloads", "_images"}


def page_weights(html: Path) -> list[dict[str, Any]]:
    """Each page's weight: its HTML, the images it shows and the page data it loads from
    _static/generated/ (the theme's shared scripts and stylesheets are not counted)."""
    rows = []
    for page in sorted(html.rglob("*.html")):
        rel = page.relative_to(html)
        if NOT_PAGES & set(rel.parts):
            continue
        images, scripts, missing = page_assets(page)
        page_bytes = page.stat().st_size
        loaded = before_images(page)
        rows.append(
            {
                "page": rel.as_posix(),
                "html_bytes": page_bytes,
                "image_bytes": sum(images.values()),
                "images": len(images),
                "data_script_bytes": sum(scripts.values()),
                "total_bytes": page_bytes + sum(images.values()) + sum(scripts.values()),
                "missing_images": missing,
                # What a first visit downloads before any image: the page, every stylesheet (with
                # its @imports) and script, uncompressed and gzipped (as a server would send them);
                # tests/test_browser.py holds each page under 0.9 MB of it.
                "before_images_bytes": page_bytes + sum(size for size, _ in loaded.values()),
                "before_images_gzip_bytes": len(gzip.compress(page.read_bytes(), 6, mtime=0))
                + sum(zipped for _, zipped in loaded.values()),
            }
        )
    return rows


def page_assets(page: Path) -> tuple[dict[str, int], dict[str, int], list[str]]:
    """The local images a page shows and the scripts it loads from a `generated` folder (file -> bytes),
    and the sources of those that are missing."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    images: dict[str, int] = {}
    scripts: dict[str, int] = {}
    missing: list[str] = []
    for tag, attr, found in [("img", "src", images), ("script", "src", scripts)]:
        for element in soup.find_all(tag, attrs={attr: True}):
            src = str(element[attr])
            if src.startswith(("data:", "http:", "https:", "//")):
                continue
            target = (page.parent / unquote(urlsplit(src).path)).resolve()
            if tag == "script" and "generated" not in target.parts:
                continue
            if target.is_file():
                found[str(target)] = target.stat().st_size
            else:
                missing.append(src)
    return images, scripts, missing


def heaviest(weights: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The page with the largest total weight, or None if there are no pages."""
    return max(weights, key=lambda r: r["total_bytes"]) if weights else None


CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?["']?([^"')]+)""")


def before_images(page: Path) -> dict[Path, tuple[int, int]]:
    """The local stylesheets (and what they @import) and scripts a page loads: file -> (bytes,
    gzipped bytes). Fonts are not counted: the site's stylesheets name none a page draws with."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    sources = [str(t["href"]) for t in soup.find_all("link", href=True) if "stylesheet" in (t.get("rel") or [])]
    sources += [str(t["href"]) for t in soup.find_all("link", href=True) if "preload" in (t.get("rel") or [])]
    sources += [str(t["src"]) for t in soup.find_all("script", src=True)]
    found: dict[Path, tuple[int, int]] = {}
    pending = [(page.parent, s) for s in sources]
    while pending:
        folder, src = pending.pop()
        if src.startswith(("data:", "http:", "https:", "//")):
            continue
        target = (folder / unquote(urlsplit(src).path)).resolve()
        if target in found or not target.is_file():
            continue
        data = target.read_bytes()
        found[target] = (len(data), len(gzip.compress(data, 6, mtime=0)))
        if target.suffix == ".css":
            pending += [(target.parent, s) for s in CSS_IMPORT.findall(data.decode("utf-8", "replace"))]
    return found
