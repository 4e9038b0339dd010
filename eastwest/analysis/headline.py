"""What the programme did, as the sources report it: the landing page's summary of money, people,
jobs and sales by pairing.

The summary picks, for each pairing and each headline indicator (from the controlled vocabulary,
data/reference/indicators.yml), the latest *achieved* figure the sources report as a whole total:
a cumulative total where there is one, otherwise the latest one-year or multi-year total, marked as
such. Where a pairing reports no total of people sent, a single group sent at one date stands,
marked "one group", or the number in post at a date, marked "in post". Plans, expectations and quotas are left out; a component is left out where its
source gives the total of the same indicator (it would be counted twice), and stands where it is
part of a count of another kind (those of the trainees who started a business); a count given only
by kind (teachers, doctors) is shown per kind. Nothing is added up. A new source flows in by its
indicators, with no code change.

"Latest" is per indicator and kind, never across them: an indicator fixes the unit (people sent and
person-times of people sent are two indicators), so a question's cell can hold figures of different
dates. A figure older than another of the same comparability class in its cell (34 teachers to
2019-03 beside 157 person-times of professionals to 2021-02) carries that newer figure's id in
`newer_fact_id`, and the table says it is the earlier one: no figure of a cell reads as the latest
of its question when a newer one of another unit or kind stands beside it.
"""

from __future__ import annotations

import pandas as pd

from eastwest.analysis import comparisons

# The reader's four questions, each answered by indicators of the vocabulary (in this order).
HEADLINE = {
    "Aid money": ["fiscal_aid_funds", "aid_funds_all_kinds"],
    "People": ["cadres_seconded_west", "professionals_sent_west", "professionals_sent_west_times", "cadres_seconded_east"],
    "Jobs": ["workers_placed_east", "local_employment", "business_started"],
    "Sales": ["products_sold", "products_purchased"],
}
HEADLINE_INDICATORS = [i for group in HEADLINE.values() for i in group]
QUESTION_OF = {i: q for q, group in HEADLINE.items() for i in group}
# A group of people sent at one date (scope event: the Taizhou work group, a batch of teachers) or
# the number in post at a date (scope stock: 现有挂职干部) answers "who was sent" where no total
# does; one facility's funds or one fair's hires are not a pairing's aid or jobs, so the other
# questions take totals only.
ONE_GROUP_QUESTIONS = {"People"}
AT_ONE_DATE = ("event", "stock")
SHOWN_SCOPES = (*comparisons.WHOLE_SCOPES, *AT_ONE_DATE)


def headline_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """One fact per pairing, headline indicator (and kind, where only kinds are counted): the latest
    achieved whole total, cumulative preferred; for people, one group sent at one date where the
    pairing has no total of that indicator. Columns of data/facts.csv plus `question`."""
    chosen = comparisons.select(facts, indicators=HEADLINE_INDICATORS, status="achieved", scope=SHOWN_SCOPES, parts="own_kind")
    chosen = chosen[(chosen.programme != "") & chosen.value.notna()]
    one_group = chosen.scope.isin(AT_ONE_DATE)
    with_total = set(map(tuple, chosen.loc[~one_group, ["programme", "indicator"]].to_numpy()))
    group_stands = [
        QUESTION_OF[i] in ONE_GROUP_QUESTIONS and (p, i) not in with_total for p, i in zip(chosen.programme, chosen.indicator)
    ]
    chosen = chosen[~one_group | pd.Series(group_stands, index=chosen.index, dtype=bool)]
    totals = set(zip(*chosen[chosen.breakdown == ""][["programme", "indicator"]].to_numpy().T)) if len(chosen) else set()
    # A figure for one kind (breakdown) stands only where the pairing has no total of that indicator.
    keep = [b == "" or (p, i) not in totals for p, i, b in zip(chosen.programme, chosen.indicator, chosen.breakdown)]
    chosen = chosen[pd.Series(keep, index=chosen.index, dtype=bool)]
    chosen = chosen.assign(cumulative=chosen.scope == "cumulative")
    chosen = chosen.sort_values(
        ["programme", "indicator", "breakdown", "cumulative", "report_date", "source_id", "quote_start"], kind="stable"
    )
    latest = chosen.groupby(["programme", "indicator", "breakdown"], sort=False).tail(1).drop(columns="cumulative")
    latest = latest.assign(question=latest.indicator.map(QUESTION_OF), order=latest.indicator.map(HEADLINE_INDICATORS.index))
    latest = latest.sort_values(["programme", "order", "breakdown"], kind="stable").drop(columns="order").reset_index(drop=True)
    return latest.assign(newer_fact_id=newer_beside(latest))


def newer_beside(chosen: pd.DataFrame) -> list[str]:
    """For each chosen figure, the id of the newest figure of the same pairing, question and
    comparability class and direction (another indicator, unit or kind) that runs to a later date; '' where none
    does. The newest by report date, the first in table order among equals."""
    newer = []
    for _, row in chosen.iterrows():
        later = chosen[
            (chosen.programme == row["programme"])
            & (chosen.question == row["question"])
            & (chosen.comparability == row["comparability"])
            & (chosen.direction == row["direction"])
            & (chosen.report_date > row["report_date"])
        ]
        newer.append("" if later.empty else str(later.sort_values("report_date", ascending=False, kind="stable").fact_id.iloc[0]))
    return newer


def unreported_pairings(facts: pd.DataFrame, pairings: pd.DataFrame) -> list[str]:
    """Pairings the sources give figures for, but no achieved headline figure: 'Zhangjiagang → Suyu'."""
    shown = set(headline_facts(facts).programme)
    with_facts = set(facts.programme)
    return [p["label"] for _, p in pairings.iterrows() if p["pairing_id"] in with_facts and p["pairing_id"] not in shown]
