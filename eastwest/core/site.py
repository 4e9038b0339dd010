"""Where the published site lives: its base URL, set in one place, the environment variable
EASTWEST_BASEURL (the hosted-CI workflow sets it to the GitHub Pages address). Canonical links,
the sitemap, Open Graph URLs, robots.txt and the 404 page's links use it
(eastwest.sphinx_ext.published). Without it the site is built for reading offline: no canonical
links, a sitemap of relative addresses, and no metadata (cards, robots.txt) pointing to a web
address; the links to the source articles stay."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

BASEURL_ENV = "EASTWEST_BASEURL"


def base_url() -> str:
    """'https://example.org/report/' (always ending in '/'), or '' when none is set."""
    url = os.environ.get(BASEURL_ENV, "").strip()
    if url and not urlsplit(url).scheme.startswith("http"):
        raise ValueError(f"{BASEURL_ENV} must be an http(s) address, not {url!r}")
    return url if not url or url.endswith("/") else url + "/"


def base_path() -> str:
    """The base URL's path ('/report/'), or '/' when none is set: what a page served at any missing
    address (the 404 page) prefixes to its links."""
    return urlsplit(base_url()).path or "/"
