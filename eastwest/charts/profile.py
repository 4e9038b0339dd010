"""The small chart on each pairing's profile page (eastwest.pages.profiles): which of the
pairing's facts it draws (`chart_facts`) and the drawing itself (`draw_chart`), one bar per fact.

Figures go to figures/pairings/<pairing_id>.svg in the house style (eastwest.charts.style), their
English labels with pinyin place names and no CJK glyph, and to figures/zh/pairings/ in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from eastwest.analysis.comparisons import is_part
from eastwest.charts import style, words_zh
from eastwest.charts.base import DATA_COLUMNS, draw_both, of_fact, panels_by_scope, write_chart_data
from eastwest.reader import languages
from eastwest.reader.languages import pick
from eastwest.reader.wording import period_label, status_text, value_text
from eastwest.reader.wording_zh import period_label_zh

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
# The chart shows money if the pairing has any; people otherwise; never two units on one axis.
# Per unit: the noun the page's heading uses, the chart's question, and what its bars are.
CHART_UNITS = {
    "yuan": ("money", "How much money did the sources report for {pair}?", "amounts in yuan"),
    "person": ("people", "How many people did the sources count for {pair}?", "counts of people"),
}
CHART_QUESTIONS_ZH = {"yuan": "资料报告了{pair}哪些金额？", "person": "资料统计了{pair}多少人？"}
NOT_ACHIEVED_HATCH = style.NOT_ACHIEVED_HATCH


def chart_facts(facts: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """The facts the profile chart draws and their unit: every fact about the pairing's work (not
    background context about a place) with a number that is not a component of another fact
    (flag part_of_total) in yuan; if there is none, in people; else nothing."""
    whole = facts[~is_part(facts) & facts["value"].notna() & (facts["theme"] != "context")]
    for unit in CHART_UNITS:
        chosen = whole[whole["unit"] == unit]
        if len(chosen):
            return chosen, unit
    return whole.iloc[0:0], None


def _bar_label(row: pd.Series, by_description: bool = False) -> str:
    # an other_* indicator says nothing about the bar ("Other talent figure"), and two bars of one
    # indicator need telling apart: then the description names what the bar counts
    what = _latin(row["description"]) if by_description or row["indicator"].startswith("other_") else row["indicator_label"]
    what += f" ({row['breakdown']})" if row["breakdown"] and what == row["indicator_label"] else ""
    return f"{what}, {period_label(row['period'], row['scope'], row['flag_list'])}"


def _bar_label_zh(row: pd.Series, by_description: bool = False) -> str:
    """The Chinese label: the indicator's Chinese name, with its source's clause where two bars of
    one indicator need telling apart or the indicator is an other_* one (words_zh.what_zh)."""
    clause = by_description or row["indicator"].startswith("other_")
    described = str(row.get("description_zh") or "")
    what = described if clause and described else words_zh.what_zh(row, clause=clause)
    return f"{what}，{period_label_zh(row['period'], row['scope'], row['flag_list'])}"


def _value_label(row: pd.Series) -> str:
    status = status_text(row)  # the book's one word for each status ('forecast', never the id 'expected')
    return value_text(row) + (f" ({status})" if status else "")


def _latin(text: str) -> str:
    """A description without its Chinese words (the figure font has no CJK glyphs): a bracket
    holding Chinese goes, and so does any Chinese left."""
    text = re.sub(r"\s*[(（][^()（）]*[\u2e80-\u9fff][^()（）]*[)）]", "", text)
    return re.sub(r"\s+", " ", CJK.sub("", text)).strip()


def _figure(layout: style.Layout, title: str, subtitle: str, chosen: pd.DataFrame) -> plt.Figure:
    def bar(row: pd.Series) -> style.Bar:
        colour = (
            style.STATUS_COLOURS["achieved"]
            if row["status"] == "achieved"
            else style.STATUS_COLOURS.get(row["status"], style.GREY)
        )
        return of_fact(  # the bar opens its sentence on the page (_static/charts.js)
            style.Bar(
                row["_label"],
                row["value"],
                row["_value"],
                colour,
                "" if row["status"] == "achieved" else NOT_ACHIEVED_HATCH,
                high=row["value_high"] if row["qualifier"] == "range" and pd.notna(row["value_high"]) else None,
            ),
            row,
        )

    return style.bar_chart(layout, title, subtitle, panels_by_scope(chosen, bar), shared_scale=True)


def draw_chart(pairing: pd.Series, chosen: pd.DataFrame, unit: str, directory: Path) -> Path:
    """One horizontal bar per fact, labelled above the bar with indicator and period and at its end
    with the value (qualifier kept); bars not achieved are hatched and say so. Totals over several
    years, one-year and one-date figures in separate panels, all bars on one linear scale from 0.
    Drawn wide and narrow (eastwest.charts.style); returns the wide PNG."""
    style.apply()
    _, question, _ = CHART_UNITS[unit]
    shared = chosen["indicator"].duplicated(keep=False)  # two bars of one indicator: say what differs

    def words() -> tuple[str, str, pd.DataFrame]:
        if languages.current() == languages.CHINESE:
            labels = [_bar_label_zh(r, by_description=bool(same)) for (_, r), same in zip(chosen.iterrows(), shared)]
            values = [words_zh.value_zh(r) for _, r in chosen.iterrows()]
            pair = words_zh.pairing_zh(str(pairing["east"]), str(pairing["west"]))
            title = CHART_QUESTIONS_ZH[unit].format(pair=pair)
        else:
            labels = [_bar_label(r, by_description=bool(same)) for (_, r), same in zip(chosen.iterrows(), shared)]
            values = [_value_label(r) for _, r in chosen.iterrows()]
            title = question.format(pair=pairing["label"].replace(" → ", "\u00a0→\u00a0"))  # never break at the arrow
        subtitle = pick(
            "One bar per figure a source does not give as a part of another; a bar may still fall within a "
            "larger one. Hatched bars are not achieved. Never add them up.",
            "每个条形是资料所报的一个数字（资料作为另一数字的分项给出的除外），一个条形仍可能包含在另一个更大的数字之中。"
            "斜线条形为尚未完成的数字。不要把它们相加。",
        )
        if languages.current() == languages.ENGLISH:
            for text in [title, subtitle, *labels, *values]:
                if CJK.search(text):
                    raise ValueError(f"chart text for {pairing['pairing_id']} has CJK characters the figure font lacks: {text!r}")
        return title, subtitle, chosen.assign(_label=labels, _value=values)

    paths = draw_both(lambda layout: _figure(layout, *words()), pairing["pairing_id"], directory)
    write_chart_data(directory / f"{pairing['pairing_id']}.csv", chosen, [c for c in DATA_COLUMNS if c in chosen])
    return paths[style.WIDE.name]
