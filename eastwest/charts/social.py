"""The social-help chart: money and goods given to the receiving side, in yuan, as each source
reports them (social_money), with totals over several years, one year and single donations in
separate panels.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from eastwest.analysis import stories
from eastwest.charts import style, words_zh
from eastwest.charts.base import Chart, largest, panel_kinds, panels_by_scope, period_of, save_chart, scale_note, sentences
from eastwest.core.paths import FIGURES_DIR
from eastwest.reader import wording
from eastwest.reader.languages import pick

# Each kind of gift: its colour and the colour's name (the subtitle names the kinds drawn).
GIFT_KINDS = {
    "donations": (style.PALETTE[0], "blue", "donations of money or goods"),
    "student_aid": (style.PALETTE[1], "orange", "student aid"),
}
OTHER_GIFT = (style.PALETTE[4], "pink", "other gifts")
GIFT_KINDS_ZH = {"donations": ("蓝色", "捐款捐物"), "student_aid": ("橙色", "助学")}
OTHER_GIFT_ZH = ("粉色", "其他捐赠")


def _kind(indicator: str) -> tuple[str, str, str]:
    return GIFT_KINDS.get(indicator, OTHER_GIFT)


def gifts(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """One bar per reported gift or total of gifts (the MAX_BARS largest at most), by kind of period."""
    table = stories.social_money(facts)
    total = len(table)
    table = largest(table)
    table = table.sort_values(["programme_label", "value"], ascending=[True, False], kind="stable").reset_index(drop=True)

    def bar(r) -> style.Bar:
        return style.Bar(
            pick(
                f"{r['description']} · {r['programme_label']}, {period_of(r)}",
                f"{words_zh.what_zh(r)} · {words_zh.programme_zh(r['programme_label'])}，{period_of(r)}",
            ),
            r["value"],
            pick(wording.value_text(r, with_unit=False), words_zh.value_zh(r)),
            _kind(r["indicator"])[0],
        )

    def subtitle() -> str:
        kinds = list(dict.fromkeys(_kind(i) for i in table.indicator))
        listed = wording.in_words([f"{what} ({name})" for _, name, what in kinds])
        kinds_zh = list(dict.fromkeys(GIFT_KINDS_ZH.get(i, OTHER_GIFT_ZH) for i in table.indicator))
        listed_zh = "、".join(f"{what}（{name}）" for name, what in kinds_zh)
        return sentences(
            pick(
                f"Money and goods given, in yuan, as each source reports them: {listed}. Results only; a part of a "
                "donation its source also gives whole is not drawn.",
                f"各资料所报的捐款捐物金额：{listed_zh}。只画已实现的数字；资料同时给出总数的，其中的部分不再单独画出。",
            ),
            scale_note() if panel_kinds(table).nunique() > 1 else "",
            style.capped(len(table), total, "figures", "largest"),
        )

    return save_chart(
        lambda layout: style.bar_chart(
            layout,
            pick("How much money and goods did the pairings give or raise?", "帮扶方向受援方捐赠或募集了多少钱物？"),
            subtitle(),
            panels_by_scope(table, bar),
        ),
        "social_gifts",
        directory,
        table,
    )
