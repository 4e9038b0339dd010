"""What the sources report beyond the theme chapters' comparisons: social help, poverty exits,
progress on a year's projects, the pairing structure, sales channels, the places helped and the
largest signed investment.

Every selection is by theme, indicator and attributes (comparability class, status, scope,
breakdown), never by fact id, so a new source's facts of these kinds flow into the same sections.
"""

from __future__ import annotations

import pandas as pd

from eastwest.analysis.comparisons import select


def in_theme(facts: pd.DataFrame, theme: str, status: str | None = None, parts: bool | str | None = None) -> pd.DataFrame:
    """A theme's facts (components kept unless `parts` says otherwise), by pairing and report date."""
    return select(facts[facts.theme == theme], status=status, parts=parts)


# --- Social help -------------------------------------------------------------------------------


def social_help(facts: pd.DataFrame) -> pd.DataFrame:
    """Donations, student aid, volunteers and what they built: every social fact, plans included
    (the page marks them), components kept (a cash part of a donation is said as such)."""
    return in_theme(facts, "social")


def pairings_reported(frame: pd.DataFrame) -> int:
    """How many pairings the facts are reported for: a group's figure ('a+b') counts each member
    pairing once; background figures (no pairing) count none."""
    members = frame.programme.fillna("").str.split("+").explode()
    return int(members[members != ""].nunique())


def social_money(facts: pd.DataFrame) -> pd.DataFrame:
    """Money and goods given, in yuan, achieved, not components: what the social-help chart draws."""
    money = select(facts[facts.theme == "social"], status="achieved", unit="yuan")
    return money[money.value.notna()].reset_index(drop=True)


# --- Poverty exits -----------------------------------------------------------------------------


def poverty_exits(facts: pd.DataFrame) -> pd.DataFrame:
    """People, households and villages out of poverty, poverty rates and exit approval, as the
    sources report them for the paired places; forecasts kept (and marked) beside results."""
    return select(facts, comparability="poverty_exit", parts=None)


# --- Progress on projects ----------------------------------------------------------------------

PROGRESS_SCOPES = ("stock", "cumulative")  # counted at the report date: done so far, under way


def progress(facts: pd.DataFrame) -> pd.DataFrame:
    """How far a year's projects had got by the report date: a component whose breakdown names a
    parent component and a stage ('industrial development: completed'), counted at the report
    date, with the parent (same source, pairing and indicator, breakdown the part before ': ')
    attached as `parent_value`, `parent_fact_id`, `parent_period`. Stages without a parent are left out."""
    parts = select(facts, parts=True)
    staged = parts[parts.breakdown.str.contains(": ", regex=False) & parts.scope.isin(PROGRESS_SCOPES)].copy()
    staged["parent_breakdown"] = staged.breakdown.str.split(": ").str[0]
    staged["stage"] = staged.breakdown.str.split(": ").str[1]
    parents = parts[~parts.breakdown.str.contains(": ", regex=False)][
        ["source_id", "programme", "indicator", "breakdown", "fact_id", "value", "period"]
    ].rename(
        columns={"breakdown": "parent_breakdown", "fact_id": "parent_fact_id", "value": "parent_value", "period": "parent_period"}
    )
    parents = parents.drop_duplicates(["source_id", "programme", "indicator", "parent_breakdown"], keep=False)
    table = staged.merge(parents, on=["source_id", "programme", "indicator", "parent_breakdown"], how="inner")
    return table.reset_index(drop=True)


# --- Pairing structure, places, channels, investment ------------------------------------------


def pairing_structure(facts: pd.DataFrame) -> pd.DataFrame:
    """Towns, villages, schools, departments and firms paired, meetings held: achieved pairing facts."""
    return in_theme(facts, "pairing", status="achieved")


def place_context(facts: pd.DataFrame) -> pd.DataFrame:
    """What the sources say about the places helped (and the helpers): population, poor counties
    and villages, a disaster, rankings — background figures that name a place on either side."""
    context = in_theme(facts, "context", status="achieved")
    return context[names_a_place(context)].reset_index(drop=True)


def placeless_context(facts: pd.DataFrame) -> pd.DataFrame:
    """Background figures that name no place (a product's claimed qualities): not about the places."""
    context = in_theme(facts, "context", status="achieved")
    return context[~names_a_place(context)].reset_index(drop=True)


def names_a_place(frame: pd.DataFrame) -> pd.Series:
    """Whether each fact names a helping or receiving place."""
    return (frame.east.fillna("") != "") | (frame.west.fillna("") != "")


def consumption_channels(facts: pd.DataFrame) -> pd.DataFrame:
    """How products reach buyers: firms, outlets and e-commerce, achieved beside planned (every
    consumption fact that is not a sales figure)."""
    channels = in_theme(facts, "consumption")
    return channels[channels.comparability != "sales_money"].reset_index(drop=True)


def largest_pledge(facts: pd.DataFrame) -> pd.DataFrame:
    """The largest achieved signed-investment figure (investment pledged, not yet in place): one row, or none."""
    pledged = select(facts, indicators="investment_pledged", status="achieved")
    pledged = pledged[pledged.value.notna()]
    return pledged.sort_values(["value", "fact_id"], ascending=[False, True]).head(1).reset_index(drop=True)


def achieved_first(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows that are results, and the rest (plans, forecasts, quotas)."""
    achieved = frame.status == "achieved"
    return frame[achieved].reset_index(drop=True), frame[~achieved].reset_index(drop=True)


def progress_with_totals(facts: pd.DataFrame) -> pd.DataFrame:
    """The progress figures (`progress`) after the totals they are part of, pairing by pairing."""
    staged = progress(facts)
    totals = facts[facts.fact_id.isin(staged.parent_fact_id)]
    rows = facts[facts.fact_id.isin(staged.fact_id)]
    return (
        select(pd.concat([totals, rows]), parts=None)
        .sort_values(["programme_label", "report_date", "source_id", "quote_start"], kind="stable")
        .reset_index(drop=True)
    )
