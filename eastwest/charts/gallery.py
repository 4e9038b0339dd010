"""Every chart of the book in one call (`draw_all`), as the chapters and the method page draw them:
for `python -m eastwest figures` and the tests.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from eastwest.charts import consumption, corpus, industry, labour, overview, social, style, talent
from eastwest.charts.base import Chart
from eastwest.core.paths import FIGURES_DIR


def draw_all(
    directory: Path = FIGURES_DIR,
    facts: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    pairings: pd.DataFrame | None = None,
    places: pd.DataFrame | None = None,
) -> list[Chart]:
    """Every chart the book shows, as the chapters and the method page draw them, part by part;
    the dataset's frames unless others are given."""
    from eastwest.dataset import load

    style.apply()
    facts = load.facts() if facts is None else facts
    sources = load.sources() if sources is None else sources
    pairings = load.pairings() if pairings is None else pairings
    places = load.places() if places is None else places
    return [
        overview.pairing_map(pairings, places, sources, directory),
        overview.source_timeline(sources, pairings, directory),
        industry.aid_funds(facts, directory),
        industry.aid_over_report_dates(facts, directory),
        industry.aid_split(facts, directory),
        industry.investment_vs_aid(facts, directory),
        talent.talent_flows(facts, directory),
        talent.training_classes(facts, directory),
        labour.jobs(facts, directory),
        labour.job_fair_funnel(facts, load.indicators(), directory),
        consumption.sales_realised_vs_expected(facts, directory),
        social.gifts(facts, directory),
        corpus.pairing_network(facts, pairings, places, directory),
        corpus.evidence_map(facts, directory),
        corpus.theme_mix(facts, sources, directory),
        corpus.theme_share(facts, "labour", "labour_share", directory),
        corpus.status_by_pairing(facts, ["consumption", "industry"], "consumption_status", directory),
        corpus.caveats_by_source(facts, sources, directory),
    ]
