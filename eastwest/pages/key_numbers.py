"""The key-numbers block at the top of a pairing page: the same headline figures the landing page's
table gives for the pairing (eastwest.analysis.headline: the latest achieved total for aid, people,
jobs and sales), each value linked to its sentence, with what it counts and when, and a count of
everything else the page lists."""

from __future__ import annotations

from html import escape

import pandas as pd

from eastwest.analysis.headline import HEADLINE, headline_facts
from eastwest.reader import page_words_zh, wording_zh
from eastwest.reader.links import fact_href
from eastwest.reader.wording import HEADLINE_KIND_WORDS, KEY_NUMBER_QUESTIONS, earlier_text, value_text, when_text


def _card(row: pd.Series, from_dir: str, chosen: pd.DataFrame | None = None) -> str:
    """One key number: the question it answers, its value, what it counts in the words of its own
    description (so a qualifier the source sets, such as 'for a month or more', stays), and when."""
    # Not class="fact-link": the table further down links the same fact, once per page.
    link = (
        f'<a class="key-number-value" href="{escape(fact_href(row["fact_id"], row["source_id"], from_dir))}">'
        f"{escape(value_text(row))}</a>"
    )
    when = when_text(row)
    lead, _, rest = when.partition(" (")
    if rest and str(row["description"]).rstrip().endswith(lead):  # 'signed in 2020' + 'in 2020 (one year)'
        when = "(" + rest
    newer = chosen[chosen.fact_id == row.get("newer_fact_id", "")] if chosen is not None else pd.DataFrame()
    if len(newer):  # not the latest of its kind of help: the newer figure is beside it
        when += f"; {earlier_text(row, newer.iloc[0])}"
    # Spaces between the parts: the search index and screen readers join their text.
    return (
        f'<li><span class="key-number-question">{escape(KEY_NUMBER_QUESTIONS.get(row["indicator"], row["question"]))}</span> {link} '
        f'<span class="key-number-what">{escape(row["description"])}</span> '
        f'<span class="key-number-when">{escape(when)}</span></li>'
    )


def headline_kinds() -> str:
    """The kinds of figure the block answers, in its order: 'aid money, people, jobs, businesses
    started, sales and purchases'."""
    kinds = []
    for question, indicators in HEADLINE.items():
        kinds.append(HEADLINE_KIND_WORDS.get(question, question.lower()))
        kinds += [KEY_NUMBER_QUESTIONS[i].lower() for i in indicators if i in KEY_NUMBER_QUESTIONS]
    return ", ".join(kinds[:-1]) + " and " + kinds[-1]


def key_numbers(pairing: pd.Series, facts: pd.DataFrame, n_sources: int, shared_count: int, from_dir: str) -> str:
    """The block's HTML for one pairing; `facts` are the pairing's own facts."""
    chosen = headline_facts(facts) if len(facts) else pd.DataFrame()
    cards = ""
    if len(chosen):  # a pairing with no headline figure gets an empty frame, without its columns
        chosen = chosen[chosen.programme == pairing["pairing_id"]]
        order = {question: i for i, question in enumerate(HEADLINE)}
        cards = "".join(
            _card(row, from_dir, chosen)
            for _, row in chosen.sort_values("question", key=lambda q: q.map(order), kind="stable").iterrows()
        )
    not_achieved = int((facts.status != "achieved").sum()) if len(facts) else 0
    # the sources whose facts these are, and apart those that only name the pairing
    with_facts = int(facts.source_id.nunique()) if len(facts) else 0
    counts = [f"{len(facts)} fact{'s' if len(facts) != 1 else ''} from {with_facts} source{'s' if with_facts != 1 else ''}"]
    if n_sources > with_facts:
        naming = n_sources - with_facts
        counts.append(f"{naming} more source{'s' if naming != 1 else ''} name{'' if naming != 1 else 's'} the pairing")
    if not_achieved:
        counts.append(f"{not_achieved} of them planned, forecast or quotas, marked as such")
    if shared_count:
        counts.append(f"{shared_count} more reported together with other pairings, listed apart")
    lead = (
        f"The latest achieved total the sources give of {headline_kinds()}, each in its own unit (people and "
        "person-times apart), with its date; other figures, other people included, are in the sections below; plans are left out and nothing is added up."
        if cards
        else "The sources give no achieved total of aid money, people, jobs or sales for this pairing alone."
    )
    listing = f'<ul class="key-numbers">{cards}</ul>' if cards else ""
    return f'<p class="key-numbers-lead">{escape(lead)}</p>{listing}<p class="key-numbers-count">{escape("; ".join(counts))}.</p>'


# --- The Chinese edition -------------------------------------------------------------------------------


def _card_zh(row: pd.Series, from_dir: str, chosen: pd.DataFrame | None = None) -> str:
    """One key number in Chinese: its question, its value (with its unit), what it counts (the
    indicator's Chinese name: the dataset describes facts in English only) and when."""
    link = (
        f'<a class="key-number-value" href="{escape(fact_href(row["fact_id"], row["source_id"], from_dir))}">'
        f"{escape(wording_zh.value_text_zh(row))}</a>"
    )
    when = wording_zh.when_text_zh(row)
    newer = chosen[chosen.fact_id == row.get("newer_fact_id", "")] if chosen is not None else pd.DataFrame()
    if len(newer):
        when += f"；{page_words_zh.earlier_text_zh(row, newer.iloc[0])}"
    question = page_words_zh.KEY_NUMBER_QUESTIONS_ZH.get(row["indicator"], page_words_zh.HEADLINE_ZH.get(row["question"], ""))
    return (
        f'<li><span class="key-number-question">{escape(question)}</span> {link} '
        f'<span class="key-number-what">{escape(wording_zh.what_counted_zh(row))}</span> '
        f'<span class="key-number-when">{escape(when)}</span></li>'
    )


def headline_kinds_zh() -> str:
    """'帮扶资金、人员往来（…）、就业、创业、产品销售和采购'."""
    kinds = []
    for question, indicators in HEADLINE.items():
        kinds.append(page_words_zh.HEADLINE_KIND_WORDS_ZH.get(question, page_words_zh.HEADLINE_ZH.get(question, "")))
        kinds += [page_words_zh.KEY_NUMBER_QUESTIONS_ZH[i] for i in indicators if i in page_words_zh.KEY_NUMBER_QUESTIONS_ZH]
    return "、".join(kinds[:-1]) + "和" + kinds[-1]


def key_numbers_zh(pairing: pd.Series, facts: pd.DataFrame, n_sources: int, shared_count: int, from_dir: str) -> str:
    """key_numbers in Chinese: the same figures, links and counts."""
    chosen = headline_facts(facts) if len(facts) else pd.DataFrame()
    cards = ""
    if len(chosen):
        chosen = chosen[chosen.programme == pairing["pairing_id"]]
        order = {question: i for i, question in enumerate(HEADLINE)}
        cards = "".join(
            _card_zh(row, from_dir, chosen)
            for _, row in chosen.sort_values("question", key=lambda q: q.map(order), kind="stable").iterrows()
        )
    with_facts = int(facts.source_id.nunique()) if len(facts) else 0
    not_achieved = int((facts.status != "achieved").sum()) if len(facts) else 0
    counts = page_words_zh.key_number_counts_zh(
        len(facts), with_facts, max(0, n_sources - with_facts), not_achieved, shared_count
    )
    lead = page_words_zh.KEY_NUMBERS_LEAD_ZH.format(kinds=headline_kinds_zh()) if cards else page_words_zh.KEY_NUMBERS_NONE_ZH
    listing = f'<ul class="key-numbers">{cards}</ul>' if cards else ""
    return f'<p class="key-numbers-lead">{escape(lead)}</p>{listing}<p class="key-numbers-count">{escape(counts)}</p>'
