"""The talent chapter's charts: cadres and professionals moving each way (talent_flows) and the
people the training classes reached (training_classes).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from eastwest.analysis import comparisons
from eastwest.charts import style
from eastwest.charts.base import (
    PANEL_HEADINGS,
    SHARED_NOTE,
    Chart,
    largest,
    panel_kinds,
    panels_by_scope,
    period_of,
    records,
    save_chart,
    sentences,
)
from eastwest.core.paths import FIGURES_DIR
from eastwest.reader import wording
from eastwest.reader.wording import DIRECTION_WORDS

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
            f"{what}, {r['programme_label']}, {period_of(r)}",
            r["value"],
            f"{wording.value_text(r, with_unit=False)} {DIRECTION_WORDS[r['direction']]}",
            DIRECTION_COLOUR[r["direction"]],
            "xx" if r["direction"] == "both" else "",
            side=DIRECTION_SIGN[r["direction"]],
        )

    subtitle = sentences(
        "People as each source counts them, east → west to the right of the line, west → east to "
        "the left, both ways together across it. Person-times and quotas are not drawn.",
        SHARED_NOTE if panel_kinds(table).nunique() > 1 else "",
        style.capped(len(table), total, "flows", "largest"),
    )
    panels = panels_by_scope(table, bar, diverging=True, ends=("← west to east", "east to west →"))
    return save_chart(
        lambda layout: style.bar_chart(
            layout, "How many cadres and professionals moved each way?", subtitle, panels, shared_scale=True
        ),
        "talent_flows",
        directory,
        table,
        TALENT_COLUMNS,
    )


TRAINEE_HEADINGS = {"person": "People trained", "person_time": "Person-times trained (repeat attendance counted)"}


def training_classes(facts: pd.DataFrame, directory: Path = FIGURES_DIR) -> Chart:
    """Trainees per reported training programme, with its classes; people and person-times, and
    totals over several years and one year, in separate panels."""
    table = comparisons.training(facts)
    total = len(table)
    table = largest(table, column="people")
    panels = []
    for (unit_key, kind_key), group in table.groupby([table.people_unit, panel_kinds(table)], sort=True):
        unit, kind = str(unit_key), str(kind_key)  # both columns hold text (groupby types its keys Hashable)
        bars = []
        for r in records(group):
            words = wording.QUALIFIER_WORDS[r.people_qualifier]
            per = f"{words if r.people_qualifier in ('over', 'nearly', 'under') else 'about '}{r.per_class:.0f} per class"
            bars.append(
                style.Bar(
                    f"{(r.breakdown or r.people_indicator_label).capitalize()}, {r.programme_label}, "
                    f"{period_of(r._asdict())} · {int(r.value)} {wording.unit_text('class', r.value)}, {per}",
                    r.people,
                    f"{words}{int(r.people):,} {wording.unit_text(unit, r.people)}",
                    fact=str(r.people_fact_id) if r.people_fact_id == r.people_fact_id else "",
                    source=str(r.source_id),
                )
            )
        panels.append(style.Panel(bars, f"{TRAINEE_HEADINGS.get(unit, unit)}: {PANEL_HEADINGS[kind].lower()}", scale_group=unit))
    units = table.people_unit.nunique()
    subtitle = sentences(
        "Trainees of the training classes each source reports, with the classes and the average per class.",
        "Bars of people share one scale, bars of person-times another." if units > 1 else "",
        style.capped(len(table), total, "programmes", "largest"),
    )
    return save_chart(
        lambda layout: style.bar_chart(layout, "How many people did the training classes reach?", subtitle, panels),
        "talent_training",
        directory,
        comparisons.with_partners(table, facts, ["people_fact_id"]),
    )
