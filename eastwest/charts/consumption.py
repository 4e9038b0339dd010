"""The consumption chapter's chart: sales of the receiving side's products, realised and expected
(sales_realised_vs_expected).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from eastwest.analysis import comparisons
from eastwest.charts import style, words_zh
from eastwest.charts.base import (
    Chart,
    largest,
    panel_kinds,
    panels_by_scope,
    period_of,
    save_chart,
    sentences,
    shared_note,
    status_style,
)
from eastwest.core.paths import FIGURES_DIR
from eastwest.reader import wording
from eastwest.reader.languages import pick


def sales_realised_vs_expected(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    table = comparisons.sales(facts)
    total = len(table)
    table = largest(table).sort_values(["status", "programme_label"], kind="stable").reset_index(drop=True)

    def bar(r) -> style.Bar:
        colour, hatch = status_style(r["status"])
        # the whole description: cut short, it would hide who forecasts and on which platform
        return style.Bar(
            pick(
                f"{r['description']} · {r['programme_label']}, {period_of(r)}",
                f"{words_zh.what_zh(r)} · {words_zh.programme_zh(r['programme_label'])}，{period_of(r)}",
            ),
            r["value"],
            pick(
                wording.value_text(r, with_unit=False) + ("" if r["status"] == "achieved" else f", {wording.status_text(r)}"),
                words_zh.value_zh(r),
            ),
            colour,
            hatch,
        )

    def subtitle() -> str:
        return sentences(
            pick(
                "Sales and purchases of the receiving side's products, in yuan: realised (solid blue) and "
                "expected (hatched), which are forecasts, not results.",
                "消费扶贫中采购和帮助销售受援地产品的金额：实心蓝色为已实现，斜线为预计，预计数是预测，不是成果。",
            ),
            shared_note() if panel_kinds(table).nunique() > 1 else "",
            style.capped(len(table), total, "figures", "largest"),
        )

    return save_chart(
        lambda layout: style.bar_chart(
            layout,
            pick(
                "How much did the pairings buy or help sell, and how much is only expected?",
                "消费扶贫：买了多少、帮助卖了多少，多少只是预计？",
            ),
            subtitle(),
            panels_by_scope(table, bar),
            shared_scale=True,
        ),
        "consumption_sales",
        directory,
        table,
    )
