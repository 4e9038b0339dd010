"""Page weights: each html page of a built site with the images it shows and the page data it loads."""

from __future__ import annotations

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
        rows.append(
            {
                "page": rel.as_posix(),
                "html_bytes": page_bytes,
                "image_bytes": sum(images.values()),
                "images": len(images),
                "data_script_bytes": sum(scripts.values()),
                "total_bytes": page_bytes + sum(images.values()) + sum(scripts.values()),
                "missing_images": missing,
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
