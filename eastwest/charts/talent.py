"""The talent chapter's charts: cadres and professionals moving each way (talent_flows) and the
people the training classes reached (training_classes).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from eastwest.analysis import comparisons
from eastwest.charts import style, words_zh
from eastwest.charts.base import (
    PANEL_HEADINGS,
    PANEL_HEADINGS_ZH,
    Chart,
    largest,
    panel_kinds,
    panels_by_scope,
    period_of,
    records,
    save_chart,
    sentences,
    shared_note,
)
from eastwest.core.paths import FIGURES_DIR
from eastwest.reader import wording, wording_zh
from eastwest.reader.languages import pick
from eastwest.reader.wording import DIRECTION_WORDS
from eastwest.reader.wording_zh import DIRECTION_WORDS_ZH

DIRECTION_SIGN = {"east_to_west": 1, "west_to_east": -1, "both": 0}
DIRECTION_COLOUR = {"east_to_west": style.BLUE, "west_to_east": style.ORANGE, "both": style.GREY}
DIRECTION_DRAWN = {
    "east_to_west": "east to west (right of the line)",
    "west_to_east": "west to east (left of the line)",
    "both": "both ways (across the line)",
}
# The talent chart's download also says which way each bar was drawn, and where it starts and ends.
TALENT_COLUMNS = ["direction", "drawn_as", "drawn_from", "drawn_to"]
TALENT_KIND = {"cadres_moved": "cadres seconded", "professionals_moved": "professionals"}


def talent_flows(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """People moving each way, diverging from a centre line: east → west to the right, west → east
    to the left; people counted both ways together straddle the line. Totals over several years,
    one year and one date in separate panels; the MAX_BARS largest flows at most."""
    table = comparisons.talent_flows(facts)
    total = len(table)
    table = largest(table)
    sign = table.direction.map(DIRECTION_SIGN)
    table = table.assign(
        drawn_from=np.where(sign == 0, -table.value / 2, np.where(sign < 0, -table.value, 0.0)),
        drawn_as=[DIRECTION_DRAWN[d] for d in table.direction],
    )
    table["drawn_to"] = table.drawn_from + table.value

    def bar(r) -> style.Bar:
        what = (r["breakdown"] or TALENT_KIND[r["comparability"]]).capitalize()
        threshold = wording.threshold_text(r["description"])  # 'for a month or more', where the fact sets one
        what += f" {threshold}" if threshold else ""
        return style.Bar(
            pick(
                f"{what}, {r['programme_label']}, {period_of(r)}",
                f"{words_zh.kind_zh(r)}，{words_zh.programme_zh(r['programme_label'])}，{period_of(r)}",
            ),
            r["value"],
            pick(
                f"{wording.value_text(r, with_unit=False)} {DIRECTION_WORDS[r['direction']]}",
                f"{words_zh.value_zh(r)}，{DIRECTION_WORDS_ZH[r['direction']]}",
            ),
            DIRECTION_COLOUR[r["direction"]],
            "xx" if r["direction"] == "both" else "",
            side=DIRECTION_SIGN[r["direction"]],
        )

    def subtitle() -> str:
        return sentences(
            pick(
                "People as each source counts them, east → west to the right of the line, west → east to "
                "the left, both ways together across it. Person-times and quotas are not drawn.",
                "按各资料的统计口径计人数：帮扶方到受援方画在中线右侧，受援方到帮扶方画在左侧，资料只给出双向合计的，跨在中线上。不画人次和每年定额。",
            ),
            shared_note() if panel_kinds(table).nunique() > 1 else "",
            style.capped(len(table), total, "flows", "largest"),
        )

    def panels() -> list[style.Panel]:
        ends = pick("← west to east", "← 西部到东部"), pick("east to west →", "东部到西部 →")
        return panels_by_scope(table, bar, diverging=True, ends=ends)

    return save_chart(
        lambda layout: style.bar_chart(
            layout,
            pick("How many cadres and professionals moved each way?", "双向挂职和人才交流：各有多少干部和专业人才？"),
            subtitle(),
            panels(),
            shared_scale=True,
        ),
        "talent_flows",
        directory,
        table,
        TALENT_COLUMNS,
    )


TRAINEE_HEADINGS = {"person": "People trained", "person_time": "Person-times trained (repeat attendance counted)"}
TRAINEE_HEADINGS_ZH = {"person": "培训人数", "person_time": "培训人次（重复参训计入）"}
PER_CLASS_ZH = {"over": "超过", "nearly": "近", "under": "不足"}  # else 约: an average of the source's numbers


def _trainee_bar(r, unit: str, people: dict) -> style.Bar:
    """One training programme's bar: what it trained, its pairing, period and classes."""
    fact = str(r.people_fact_id) if r.people_fact_id == r.people_fact_id else ""
    if words_zh.chinese():
        row = people.get(fact, {})
        what = words_zh.breakdown_zh(row) if row.get("breakdown") else str(row.get("indicator_zh") or "")
        per = f"平均每期{PER_CLASS_ZH.get(r.people_qualifier, '约')}{r.per_class:.0f}{wording_zh.unit_text_zh(unit)}"
        label = f"{what}，{words_zh.programme_zh(r.programme_label)}，{period_of(r._asdict())} · {int(r.value)}期，{per}"
        value = words_zh.value_zh(row) if row else f"{int(r.people)}{wording_zh.unit_text_zh(unit)}"
        return style.Bar(label, r.people, value, fact=fact, source=str(r.source_id))
    words = wording.QUALIFIER_WORDS[r.people_qualifier]
    per = f"{words if r.people_qualifier in ('over', 'nearly', 'under') else 'about '}{r.per_class:.0f} per class"
    return style.Bar(
        f"{(r.breakdown or r.people_indicator_label).capitalize()}, {r.programme_label}, "
        f"{period_of(r._asdict())} · {int(r.value)} {wording.unit_text('class', r.value)}, {per}",
        r.people,
        f"{words}{int(r.people):,} {wording.unit_text(unit, r.people)}",
        fact=fact,
        source=str(r.source_id),
    )


def training_classes(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """Trainees per reported training programme, with its classes; people and person-times, and
    totals over several years and one year, in separate panels."""
    table = comparisons.training(facts)
    total = len(table)
    table = largest(table, column="people")
    people = {str(f["fact_id"]): f for f in facts[facts.fact_id.isin(table.people_fact_id)].to_dict("records")}

    def panels() -> list[style.Panel]:
        drawn = []
        for (unit_key, kind_key), group in table.groupby([table.people_unit, panel_kinds(table)], sort=True):
            unit, kind = str(unit_key), str(kind_key)  # both columns hold text (groupby types its keys Hashable)
            heading = pick(
                f"{TRAINEE_HEADINGS.get(unit, unit)}: {PANEL_HEADINGS[kind].lower()}",
                f"{TRAINEE_HEADINGS_ZH.get(unit, unit)}：{PANEL_HEADINGS_ZH[kind]}",
            )
            drawn.append(style.Panel([_trainee_bar(r, unit, people) for r in records(group)], heading, scale_group=unit))
        return drawn

    units = table.people_unit.nunique()

    def subtitle() -> str:
        return sentences(
            pick(
                "Trainees of the training classes each source reports, with the classes and the average per class.",
                "各资料所报培训班的参训人数，以及期数和平均每期人数。",
            ),
            pick("Bars of people share one scale, bars of person-times another.", "人数和人次各用一个比例。")
            if units > 1
            else "",
            style.capped(len(table), total, "programmes", "largest"),
        )

    return save_chart(
        lambda layout: style.bar_chart(
            layout, pick("How many people did the training classes reach?", "培训班培训了多少人？"), subtitle(), panels()
        ),
        "talent_training",
        directory,
        comparisons.with_partners(table, facts, ["people_fact_id"]),
    )
