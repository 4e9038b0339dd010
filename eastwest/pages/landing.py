"""The landing page's table of what each pairing reports it did (money, people, jobs, sales), every
value linked to its sentence, and the sentence naming the pairings the table leaves out. The
choice of figures is eastwest.analysis.headline's; this module only lays them out."""

from __future__ import annotations

from html import escape

import pandas as pd

from eastwest.analysis.headline import HEADLINE, headline_facts, unreported_pairings
from eastwest.reader.links import fact_href, profile_href
from eastwest.reader.wording import NAMED_BY_NOUN, RELATIONSHIP_SHORT, in_words, value_text, what_text, when_text


def _item(row, east: str, west: str, from_dir: str) -> str:
    value = "" if pd.isna(row["value"]) else repr(float(row["value"]))
    number, whole = value_text(row, with_unit=False), value_text(row)
    unit = "" if row["unit"] in NAMED_BY_NOUN else whole.removeprefix(number) if whole.startswith(number) else ""
    # the link carries the number as glued numbers do (data-fact, data-value: checked against the data)
    link = (
        f'<a class="fact-link glued" data-fact="{escape(row["fact_id"])}" data-value="{value}" '
        f'href="{escape(fact_href(row["fact_id"], row["source_id"], from_dir))}" title="{escape(row["quote"])}">'
        f"{escape(number if unit or row['unit'] in NAMED_BY_NOUN else whole)}</a>{escape(unit)}"
    )
    what, when = escape(what_text(row, east, west)), escape(when_text(row))
    return (
        f'<li><span class="summary-value">{link}</span> <span class="summary-what">{what}</span>'
        f' <span class="summary-when">{when}</span></li>'
    )


def summary_table(facts: pd.DataFrame, pairings: pd.DataFrame, from_dir: str = "") -> str:
    """The landing page's table: one row per pairing with a headline figure, one column per
    question; each value links to its sentence. Pairings in the order of data/pairings.csv."""
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
            cells.append(
                f'<td data-label="{escape(question)}">'
                + (f"<ul>{items}</ul>" if items else '<span class="summary-none">none reported</span>')
                + "</td>"
            )
        name = (
            f'<a href="{escape(profile_href(pairing["pairing_id"], from_dir))}">{escape(pairing["label"])}</a>'
            f"<br><small>{escape(RELATIONSHIP_SHORT.get(pairing['relationship'], pairing['relationship']))}</small>"
        )
        rows.append(f'<tr><th scope="row">{name}</th>{"".join(cells)}</tr>')
    head = '<tr><th scope="col">Pairing</th>' + "".join(f'<th scope="col">{escape(q)}</th>' for q in HEADLINE) + "</tr>"
    return (
        f'<div class="programme-summary-wrap"><table class="programme-summary"><thead>{head}</thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def unreported_sentence(facts: pd.DataFrame, pairings: pd.DataFrame) -> str:
    """What the table leaves out, in one sentence: pairings with figures but no headline figure, and
    pairings the sources only name ('' when the table has a row for every pairing)."""
    unreported = unreported_pairings(facts, pairings)
    named_only = [p["label"] for _, p in pairings.iterrows() if p["pairing_id"] not in set(facts.programme)]
    parts = []
    if unreported:
        parts.append(
            f"no achieved figure of these kinds for {in_words(unreported)} (their pairing pages list what the sources do report)"
        )
    if named_only:
        parts.append(f"no figure at all for {in_words(named_only)}, of which they give no numbers of their own")
    return f"The articles give {' and '.join(parts)}." if parts else ""
