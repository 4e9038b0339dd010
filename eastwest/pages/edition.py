"""The edition of the report (version and release date from CITATION.cff) and the years its
sources cover, for the landing page's furniture."""

from __future__ import annotations

import pandas as pd

from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.yamlio import load_yaml


def citation(paths: ProjectPaths = PROJECT) -> dict:
    return load_yaml(paths.root / "CITATION.cff")


def source_years(sources: pd.DataFrame) -> tuple[str, str]:
    """First and last year the sources were written (best estimate where the page date is not)."""
    dates = [
        s["published"] if s["date_status"] == "as_given" and s["published"] else (s["date_estimate"] or "")
        for _, s in sources.iterrows()
    ]
    years = sorted(part[:4] for d in dates for part in d.split("/") if part[:4].isdigit())
    return (years[0], years[-1]) if years else ("", "")


def how_to_cite(paths: ProjectPaths = PROJECT) -> str:
    meta = citation(paths)
    authors = ", ".join(
        a.get("name") or f"{a.get('given-names', '')} {a.get('family-names', '')}".strip() for a in meta["authors"]
    )
    return f"{authors} ({str(meta['date-released'])[:4]}). {meta['title']}. Version {meta['version']}, released {meta['date-released']}."
