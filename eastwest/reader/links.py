"""Every link the book writes, in one place: from a page to a source page, to a fact's highlighted
sentence, to a pairing's profile; and the citation keys and MyST citation role that name a source.
Each href is relative to the folder of the page that holds it (`from_dir`, "" for the book's root)."""

from __future__ import annotations

import re

SOURCE_PAGE_PREFIX = "src-"


def bib_key(source_id: str) -> str:
    return "src" + source_id.split("_")[0]


def context_key(outlet: str, published: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "", outlet.lower().split("(")[0])[:18] or "outside"
    return f"ctx-{slug}-{published or 'nd'}"


def cite(*source_ids: str) -> str:
    """MyST citation role for one or more sources: {cite}`src000,src002`."""
    keys = ",".join(dict.fromkeys(bib_key(s) for s in source_ids))
    return "{cite:p}`" + keys + "`"


def source_page(source_id: str) -> str:
    return f"{SOURCE_PAGE_PREFIX}{source_id}"


def fact_anchor(fact_id: str) -> str:
    return f"fact-{fact_id}"


def source_href(source_id: str, from_dir: str = "chapters") -> str:
    """Relative link from a page in `from_dir` ("" for the book's root) to a source page."""
    up = "../" if from_dir else ""
    return f"{up}sources/{source_page(source_id)}.html"


def fact_href(fact_id: str, source_id: str, from_dir: str = "chapters") -> str:
    """Relative link from a page in `from_dir` to the fact's highlighted sentence."""
    return f"{source_href(source_id, from_dir)}#{fact_anchor(fact_id)}"


EXPLORER_PAGE = "explore/index.html"  # the fact explorer, relative to the book's root


def explorer_href(from_dir: str = "chapters") -> str:
    """Relative link from a page in `from_dir` ("" for the book's root) to the fact explorer."""
    return f"{'../' if from_dir else ''}{EXPLORER_PAGE}"


PROFILE_DIR = "pairings"  # relative to the project root, and to figures/


def profile_href(pairing_id: str, from_dir: str = "chapters") -> str:
    """Relative link from a page in `from_dir` ("" for the book's root) to a pairing's profile."""
    if from_dir == PROFILE_DIR:
        return f"{pairing_id}.html"
    return f"{'../' if from_dir else ''}{PROFILE_DIR}/{pairing_id}.html"


CHANGELOG_PAGE = "CHANGELOG.html"  # what changed in each edition (CHANGELOG.md), relative to the book's root
