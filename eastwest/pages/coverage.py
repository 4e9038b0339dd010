"""Which kinds of result reach the chapters: every indicator with achieved facts should appear in
some chapter's prose, chart or list of what the sources report, not only in the collapsed fact
tables and the pairing pages.

`reached` collects the facts the chapters put on the page — numbers glued in their prose (read
from the notebooks' markdown), the facts their charts draw (the same selections the charts call)
and the facts their story lists tell (eastwest.analysis.stories) — and `untold` gives, for a
theme, the results of every indicator none of those reaches: each theme chapter lists them under
"Other figures the sources give", so a new kind of figure reaches the prose with no edit.
tests/test_story_coverage.py checks the same on the built site.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from eastwest.analysis import comparisons, stories
from eastwest.charts.labour import job_figures
from eastwest.core.paths import PROJECT

# The chapter that lists each theme's other figures.
THEME_CHAPTERS = {
    "pairing": "00_overview",
    "context": "00_overview",
    "industry": "01_industry",
    "talent": "02_talent",
    "labour": "03_labour",
    "consumption": "04_consumption",
    "social": "05_synthesis",
    "outcome": "05_synthesis",
}
GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`([^`]+)`")


def prose_fact_ids(facts: pd.DataFrame, chapters: Path | None = None) -> set[str]:
    """Fact ids glued by name in the chapters' markdown ({glue}`<fact id>`)."""
    known = set(facts.fact_id)
    found: set[str] = set()
    for path in sorted((chapters or PROJECT.chapters).glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                found |= set(GLUE_ROLE.findall("".join(cell["source"]))) & known
    return found


def _ids(table: pd.DataFrame, *columns: str) -> set[str]:
    return {str(i) for c in ("fact_id", *columns) if c in table for i in table[c].dropna()}


def chart_fact_ids(facts: pd.DataFrame, vocabulary: pd.DataFrame) -> set[str]:
    """The facts the chapters' charts draw, by the selections the charts call."""
    stages = comparisons.job_fair_stages(facts, vocabulary)
    return set().union(
        _ids(comparisons.aid_funds(facts), "projects_fact_id"),
        _ids(comparisons.repeated_reports(facts), "projects_fact_id"),
        _ids(comparisons.aid_split(facts), "projects_fact_id", "stated_projects_fact_id"),
        _ids(comparisons.money_compared(facts)),
        _ids(comparisons.talent_flows(facts)),
        _ids(comparisons.training(facts), "people_fact_id"),
        _ids(job_figures(facts)),
        _ids(stages),
        _ids(comparisons.job_fair_context(facts, stages)),
        _ids(comparisons.sales(facts)),
        _ids(stories.social_money(facts)),
    )


def story_fact_ids(facts: pd.DataFrame) -> set[str]:
    """The facts the chapters' story lists and attribute-chosen sentences tell."""
    return set().union(
        _ids(stories.social_help(facts)),
        _ids(stories.poverty_exits(facts)),
        _ids(stories.progress(facts), "parent_fact_id"),
        _ids(stories.pairing_structure(facts)),
        _ids(stories.place_context(facts)),
        _ids(stories.consumption_channels(facts)),
        _ids(stories.largest_pledge(facts)),
    )


def reached(facts: pd.DataFrame, vocabulary: pd.DataFrame, chapters: Path | None = None) -> set[str]:
    return prose_fact_ids(facts, chapters) | chart_fact_ids(facts, vocabulary) | story_fact_ids(facts)


def told_indicators(facts: pd.DataFrame, vocabulary: pd.DataFrame, chapters: Path | None = None) -> set[str]:
    return set(facts.loc[facts.fact_id.isin(reached(facts, vocabulary, chapters)), "indicator"])


def untold(
    facts: pd.DataFrame, theme: str, vocabulary: pd.DataFrame, chapters: Path | None = None, told: set[str] | None = None
) -> pd.DataFrame:
    """A theme's results whose indicator no prose, chart or story list reaches, by pairing."""
    told = told_indicators(facts, vocabulary, chapters) if told is None else told
    results = stories.in_theme(facts, theme, status="achieved")
    return results[~results.indicator.isin(told)].reset_index(drop=True)


def summary(facts: pd.DataFrame, vocabulary: pd.DataFrame, chapters: Path | None = None) -> dict[str, int]:
    """Indicators with results; how many a chapter's prose, charts or story lists reach; how many
    only a chapter's list of other figures; how many neither (only the collapsed tables)."""
    with_results = set(facts.loc[facts.status == "achieved", "indicator"])
    reached_kinds = told_indicators(facts, vocabulary, chapters)
    told = reached_kinds & with_results
    listed = {i for theme in THEME_CHAPTERS for i in untold(facts, theme, vocabulary, told=reached_kinds).indicator}
    return {
        "with_results": len(with_results),
        "told": len(told),
        "listed": len(listed - told),
        "neither": len(with_results - told - listed),
    }
