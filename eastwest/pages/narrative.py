"""Facts told as short sentences on a chapter page, pairing by pairing: what a section reports,
chosen by attributes (eastwest.analysis.stories), so a new source's facts of the same kinds
join the list without an edit.

Each number is a glued link like those in the prose (class `glued`, `data-fact`, `data-value`:
tests/test_site.py checks it against data/facts.csv), followed by its unit, what it counts (the
fact's description), its period with the marks of an estimated or damaged date, its status when
it is not a result, and the source it comes from.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from eastwest.pages import tables
from eastwest.reader import page_words_zh, wording, wording_zh
from eastwest.reader.links import fact_href
from eastwest.reference.vocabulary import load_units

# a fact's status after its period, in the book's words (wording.STATUS_WORDS: a forecast is 'forecast')
STATUS_WORDS = {**wording.STATUS_WORDS, "target": "a target", "quota": "a quota"}


def glued_link(row, from_dir: str = "chapters") -> str:
    """A fact's number as a link to its highlighted sentence, marked up as glued prose numbers are."""
    value = "" if pd.isna(row["value"]) else repr(float(row["value"]))
    return (
        f'<a class="fact-link glued" data-fact="{escape(row["fact_id"])}" data-value="{value}" '
        f'href="{escape(fact_href(row["fact_id"], row["source_id"], from_dir))}" title="{escape(row["quote"])}">'
        f"{escape(wording.value_text(row, with_unit=False))}</a>"
    )


def with_unit(row, from_dir: str = "chapters") -> str:
    """The glued number with its unit's word on the side the vocabulary puts it ('6 villages', 'ranked 1–3')."""
    link = glued_link(row, from_dir)
    if pd.isna(row["value"]):
        return link
    unit = wording.unit_text(row["unit"], row["value"] if row["qualifier"] != "range" else 2)
    if not unit:
        return link
    return f"{escape(unit)} {link}" if load_units()[row["unit"]].word_before else f"{link} {escape(unit)}"


def fact_sentence(row, from_dir: str = "chapters") -> str:
    """'Deep-poverty villages of Yanhe paired with Zhangjiagang villages: 18 villages, c. 2019-03 (est.)';
    a plan, forecast or quota says so after its period."""
    when = wording.period_label(row["period"], row["scope"], row["flag_list"])
    status = STATUS_WORDS.get(row["status"], "")
    return f"{escape(row['description'])}: {with_unit(row, from_dir)}, " + escape(", ".join(p for p in (when, status) if p))


EMPTY = "The sources give no figure of this kind."


INLINE_FACTS = 2  # a pairing's facts up to this many are one sentence; more are listed one a line


def fact_list(frame: pd.DataFrame, from_dir: str = "chapters", empty: str = EMPTY, intro: str = "") -> str:
    """One bullet per pairing (in the frame's order), its facts as sentences, then its sources;
    `intro` heads the list (say which part of a story it is: 'Results:', 'Plans:').

    A list stays bounded however many sources there are: past tables.MAX_LISTED facts, each pairing
    tells its first facts (an equal share of the cap, at least one) and counts the rest by source,
    each source linked to its page, where every one of its facts is highlighted."""
    head = f'<p class="fact-list-intro"><strong>{escape(intro)}</strong></p>' if intro else ""
    if frame.empty:
        return f'{head}<p class="fact-list-empty">{escape(empty)}</p>'
    groups = list(frame.groupby("programme_label", sort=False))
    told = len(frame) if len(frame) <= tables.MAX_LISTED else max(1, tables.MAX_LISTED // len(groups))
    items = []
    for label, group in groups:
        shown, rest = group.iloc[:told], group.iloc[told:]
        sentences = [fact_sentence(row, from_dir) for _, row in shown.iterrows()]
        more = f' <span class="facts-more">{tables.more_facts(rest, from_dir)}.</span>' if len(rest) else ""
        sources = f'<span class="fact-list-sources">Sources: {tables.source_links(shown.source_id, from_dir)}.</span>'
        if len(sentences) > INLINE_FACTS:  # one fact a line: a long run joined by semicolons reads as one sentence
            said = '<ul class="fact-list-facts">' + "".join(f"<li>{s}</li>" for s in sentences) + "</ul>"
            items.append(f"<li><strong>{escape(str(label))}</strong>:{said}{sources}{more}</li>")
        else:
            items.append(f"<li><strong>{escape(str(label))}</strong>: {'; '.join(sentences)}. {sources}{more}</li>")
    return head + '<ul class="fact-list">' + "".join(items) + "</ul>"


# --- The Chinese edition (eastwest.reader.wording_zh) ------------------------------------------------


def glued_link_zh(row, from_dir: str = "chapters") -> str:
    """glued_link for Chinese readers: the same link (href, data-fact, data-value, title = the quote)
    whose text is the value WITH its Chinese unit word and its qualifier where the source put it
    ('260余人', '近45亿元', '18个村'); '原文缺数字' where the source lost the number."""
    value = "" if pd.isna(row["value"]) else repr(float(row["value"]))
    return (
        f'<a class="fact-link glued" data-fact="{escape(row["fact_id"])}" data-value="{value}" '
        f'href="{escape(fact_href(row["fact_id"], row["source_id"], from_dir))}" title="{escape(row["quote"])}">'
        f"{escape(wording_zh.value_text_zh(row, with_unit=True))}</a>"
    )


def fact_sentence_zh(row, from_dir: str = "chapters") -> str:
    """'结对村：6个村（2012年至2021年2月累计）' — the indicator's Chinese name (the dataset describes
    facts in English only), the linked value, its period with its marks, and its status when it is
    not a result ('计划', '预计', '每年定额')."""
    when = wording_zh.period_label_zh(row["period"], row["scope"], row["flag_list"])
    status = wording_zh.status_text_zh(row)
    said = "".join(f"，{escape(p)}" for p in (when, status) if p)
    return f"{escape(tables.what_zh(row))}：{glued_link_zh(row, from_dir)}{said}{tables.quote_zh(row)}"


EMPTY_ZH = page_words_zh.EMPTY_ZH


def fact_list_zh(frame: pd.DataFrame, from_dir: str = "chapters", empty: str = EMPTY_ZH, intro: str = "") -> str:
    """fact_list in Chinese: one bullet per pairing, its facts, then its sources; bounded alike."""
    head = f'<p class="fact-list-intro"><strong>{escape(intro)}</strong></p>' if intro else ""
    if frame.empty:
        return f'{head}<p class="fact-list-empty">{escape(empty)}</p>'
    frame = tables.with_dataset_columns(frame)
    names = tables.place_names_zh()
    groups = list(frame.groupby("programme_label", sort=False))
    told = len(frame) if len(frame) <= tables.MAX_LISTED else max(1, tables.MAX_LISTED // len(groups))
    items = []
    for label, group in groups:
        shown, rest = group.iloc[:told], group.iloc[told:]
        sentences = [fact_sentence_zh(row, from_dir) for _, row in shown.iterrows()]
        more = f' <span class="facts-more">{tables.more_facts_zh(rest, from_dir)}。</span>' if len(rest) else ""
        sources = (
            f'<span class="fact-list-sources">{page_words_zh.FACT_LIST_SOURCES_ZH}'
            f"{tables.source_links_zh(shown.source_id, from_dir)}。</span>"
        )
        name = escape(tables.programme_label_zh(str(label), names))
        if len(sentences) > INLINE_FACTS:
            said = '<ul class="fact-list-facts">' + "".join(f"<li>{s}</li>" for s in sentences) + "</ul>"
            items.append(f"<li><strong>{name}</strong>：{said}{sources}{more}</li>")
        else:
            items.append(f"<li><strong>{name}</strong>：{'；'.join(sentences)}。{sources}{more}</li>")
    return head + '<ul class="fact-list">' + "".join(items) + "</ul>"
