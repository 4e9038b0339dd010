"""What the programme did, as the sources report it: the landing page's summary of money, people,
jobs and sales by pairing.

The summary picks, for each pairing and each headline indicator (from the controlled vocabulary,
data/reference/indicators.yml), the latest *achieved* figure the sources report as a whole total:
a cumulative total where there is one, otherwise the latest one-year or multi-year total, marked as
such. Where a pairing reports no total of people sent, a single group sent at one date stands,
marked "one group". Plans, expectations and quotas are left out; a component is left out where its
source gives the total of the same indicator (it would be counted twice), and stands where it is
part of a count of another kind (those of the trainees who started a business); a count given only
by kind (teachers, doctors) is shown per kind. Nothing is added up. A new source flows in by its
indicators, with no code change.
"""
from __future__ import annotations

from html import escape

import pandas as pd

from eastwest.analysis import comparisons
from eastwest.dataset import load
from eastwest.reader.links import fact_href
from eastwest.pages.tables import value_text

# The reader's four questions, each answered by indicators of the vocabulary (in this order).
HEADLINE = {
    "Aid money": ["fiscal_aid_funds", "aid_funds_all_kinds"],
    "People": ["cadres_seconded_west", "professionals_sent_west", "professionals_sent_west_times", "cadres_seconded_east"],
    "Jobs": ["workers_placed_east", "local_employment", "business_started"],
    "Sales": ["products_sold", "products_purchased"],
}
HEADLINE_INDICATORS = [i for group in HEADLINE.values() for i in group]
QUESTION_OF = {i: q for q, group in HEADLINE.items() for i in group}
# A group of people sent at one date (scope event: the Taizhou work group, a batch of teachers)
# answers "who was sent" where no total does; one facility's funds or one fair's hires are not a
# pairing's aid or jobs, so the other questions take totals only.
ONE_GROUP_QUESTIONS = {"People"}
SHOWN_SCOPES = (*comparisons.WHOLE_SCOPES, "event")


def headline_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """One fact per pairing, headline indicator (and kind, where only kinds are counted): the latest
    achieved whole total, cumulative preferred; for people, one group sent at one date where the
    pairing has no total of that indicator. Columns of data/facts.csv plus `question`."""
    chosen = comparisons.select(facts, indicators=HEADLINE_INDICATORS, status="achieved", scope=SHOWN_SCOPES,
                             parts="own_kind")
    chosen = chosen[(chosen.programme != "") & chosen.value.notna()]
    one_group = chosen.scope == "event"
    with_total = set(map(tuple, chosen.loc[~one_group, ["programme", "indicator"]].to_numpy()))
    group_stands = [QUESTION_OF[i] in ONE_GROUP_QUESTIONS and (p, i) not in with_total
                    for p, i in zip(chosen.programme, chosen.indicator)]
    chosen = chosen[~one_group | pd.Series(group_stands, index=chosen.index, dtype=bool)]
    totals = set(zip(*chosen[chosen.breakdown == ""][["programme", "indicator"]].to_numpy().T)) if len(chosen) else set()
    # A figure for one kind (breakdown) stands only where the pairing has no total of that indicator.
    keep = [b == "" or (p, i) not in totals for p, i, b in zip(chosen.programme, chosen.indicator, chosen.breakdown)]
    chosen = chosen[pd.Series(keep, index=chosen.index, dtype=bool)]
    chosen = chosen.assign(cumulative=chosen.scope == "cumulative")
    chosen = chosen.sort_values(["programme", "indicator", "breakdown", "cumulative", "report_date", "source_id", "quote_start"],
                                kind="stable")
    latest = chosen.groupby(["programme", "indicator", "breakdown"], sort=False).tail(1).drop(columns="cumulative")
    latest = latest.assign(question=latest.indicator.map(QUESTION_OF),
                           order=latest.indicator.map(HEADLINE_INDICATORS.index))
    return latest.sort_values(["programme", "order", "breakdown"], kind="stable").drop(columns="order").reset_index(drop=True)


def when_text(row) -> str:
    """'cumulative, 2017-03 to 2021-02', 'in 2018 (one year)', '2016–2017 in total', 'c. 2017-09
    (est.), one group'; an inferred period or a year the source lost is marked (load.mark_period)."""
    start, _, end = row["period"].partition("/")
    if row["scope"] == "event":  # only groups of people sent are shown at one date (ONE_GROUP_QUESTIONS)
        return f"{load.mark_period(load.span_text(row['period']), row['flag_list'])}, one group"
    if row["scope"] == "cumulative":
        text = f"cumulative, {start} to {end}" if start else f"cumulative to {end}"
    elif row["scope"] == "annual":
        text = f"in {row['period']} (one year)"
    else:
        text = f"{load.span_text(row['period'])} in total"
    return load.mark_period(text, row["flag_list"])


# How each headline indicator reads after its number, with the pairing's place names ("¥240 m of
# aid funds allocated by Zhangjiagang", "304 cadres seconded to Yanhe"); faithful to the indicator's
# definition (data/reference/indicators.yml), so true of every fact it selects. A count of people
# is named by its noun ("304 cadres"), other units by their unit ("157 person-times of ...").
WHAT = {
    "fiscal_aid_funds": "of aid funds allocated by {east}",
    "aid_funds_all_kinds": "of aid funds of all kinds secured for {west}",
    "cadres_seconded_west": "cadres seconded to {west}",
    "professionals_sent_west": "professionals sent to {west}",
    "professionals_sent_west_times": "of professionals sent to {west}",
    "cadres_seconded_east": "cadres from {west} seconded to {east}",
    "workers_placed_east": "people from {west} placed in jobs away from home",
    "local_employment": "people in {west} helped into local work or business",
    "business_started": "trainees from {west} who started a business",
    "products_sold": "of {west} products {east} helped sell",
    "products_purchased": "of {west} products bought by {east}",
}
NAMED_BY_NOUN = {"person"}


def what_text(row, east: str, west: str) -> str:
    """What a headline fact counts, in words: 'cadres seconded to Yanhe', 'professionals sent to
    Yanhe (teachers)'."""
    return WHAT[row["indicator"]].format(east=east, west=west) + (f" ({row['breakdown']})" if row["breakdown"] else "")


def _item(row, east: str, west: str, from_dir: str) -> str:
    value = "" if pd.isna(row["value"]) else repr(float(row["value"]))
    number, whole = value_text(row, with_unit=False), value_text(row)
    unit = "" if row["unit"] in NAMED_BY_NOUN else whole.removeprefix(number) if whole.startswith(number) else ""
    # the link carries the number as glued numbers do (data-fact, data-value: checked against the data)
    link = (f'<a class="fact-link glued" data-fact="{escape(row["fact_id"])}" data-value="{value}" '
            f'href="{escape(fact_href(row["fact_id"], row["source_id"], from_dir))}" title="{escape(row["quote"])}">'
            f"{escape(number if unit or row['unit'] in NAMED_BY_NOUN else whole)}</a>{escape(unit)}")
    what, when = escape(what_text(row, east, west)), escape(when_text(row))
    return (f'<li><span class="summary-value">{link}</span> <span class="summary-what">{what}</span>'
            f' <span class="summary-when">{when}</span></li>')


def summary_table(facts: pd.DataFrame, pairings: pd.DataFrame, from_dir: str = "") -> str:
    """The landing page's table: one row per pairing with a headline figure, one column per
    question; each value links to its sentence. Pairings in the order of data/pairings.csv."""
    from eastwest.charts.figures import RELATIONSHIP_SHORT as relationship  # both import matplotlib: only when a table is made
    from eastwest.pages.profiles import profile_href

    chosen = headline_facts(facts)
    rows = []
    for _, pairing in pairings.iterrows():
        own = chosen[chosen.programme == pairing["pairing_id"]]
        if own.empty:
            continue
        east, _, west = pairing["label"].partition(" → ")
        cells = []
        for question in HEADLINE:
            items = "".join(_item(r, east, west, from_dir) for _, r in own[own.question == question].iterrows())
            cells.append(f'<td data-label="{escape(question)}">'
                         + (f"<ul>{items}</ul>" if items else '<span class="summary-none">none reported</span>') + "</td>")
        name = (f'<a href="{escape(profile_href(pairing["pairing_id"], from_dir))}">{escape(pairing["label"])}</a>'
                f'<br><small>{escape(relationship.get(pairing["relationship"], pairing["relationship"]))}</small>')
        rows.append(f'<tr><th scope="row">{name}</th>{"".join(cells)}</tr>')
    head = "<tr><th scope=\"col\">Pairing</th>" + "".join(f'<th scope="col">{escape(q)}</th>' for q in HEADLINE) + "</tr>"
    return (f'<div class="programme-summary-wrap"><table class="programme-summary"><thead>{head}</thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def unreported_pairings(facts: pd.DataFrame, pairings: pd.DataFrame) -> list[str]:
    """Pairings the sources give figures for, but no achieved headline figure: 'Zhangjiagang → Suyu'."""
    shown = set(headline_facts(facts).programme)
    with_facts = set(facts.programme)
    return [p["label"] for _, p in pairings.iterrows() if p["pairing_id"] in with_facts and p["pairing_id"] not in shown]


def unreported_sentence(facts: pd.DataFrame, pairings: pd.DataFrame) -> str:
    """What the table leaves out, in one sentence: pairings with figures but no headline figure, and
    pairings the sources only name ('' when the table has a row for every pairing)."""
    unreported = unreported_pairings(facts, pairings)
    named_only = [p["label"] for _, p in pairings.iterrows() if p["pairing_id"] not in set(facts.programme)]
    parts = []
    if unreported:
        parts.append(f"no achieved figure of these kinds for {in_words(unreported)} (their pairing pages list "
                     "what the sources do report)")
    if named_only:
        parts.append(f"no figure at all for {in_words(named_only)}, of which they give no numbers of their own")
    return f"The articles give {' and '.join(parts)}." if parts else ""


def in_words(labels: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return " and ".join(labels) if len(labels) < 3 else ", ".join(labels[:-1]) + " and " + labels[-1]
