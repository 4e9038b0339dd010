"""What a chart's marks that draw no fact say and open (eastwest.charts.base.MARK_COLUMNS): a
map's arrow for a pairing and dot for a place (eastwest.charts.maps), the timeline's start of a
pairing (eastwest.charts.overview). Every text comes from data/pairings.csv and places.csv."""

from __future__ import annotations

import pandas as pd

from eastwest.charts.base import records, sentences
from eastwest.reader import wording
from eastwest.reader.links import PROFILE_DIR, profile_href

PAIRING_MARK, PLACE_MARK = "pairing", "place"  # the ids of an arrow and a dot: "pairing:<id>", "place:<id>"


def _pairing_page(pairing_id: str, profiled: set[str] | None) -> str:
    """A pairing's page from the site's root: its profile, or the list of pairings when it has none."""
    return profile_href(pairing_id, "") if profiled is None or pairing_id in profiled else f"{PROFILE_DIR}/index.html"


def _go_to(pairing_id: str, profiled: set[str] | None) -> str:
    """The words of the link to a pairing's page (_pairing_page)."""
    return "Open the pairing's page →" if profiled is None or pairing_id in profiled else "Open the list of pairings →"


def pairing_mark(row, table: pd.DataFrame, profiled: set[str] | None, mark: str, dated_by: str = "") -> dict:
    """What a pairing's mark says: both ends in English and Chinese, the arrangement and start."""
    east, west = table.loc[row.east], table.loc[row.west]
    arrangement = wording.RELATIONSHIP_SHORT.get(row.relationship, row.relationship)
    if str(getattr(row, "relationship_zh", "") or ""):  # "Aid to Xinjiang (援疆)", "… (Jiangsu; 南北挂钩)"
        arrangement = (
            f"{arrangement[:-1]}; {row.relationship_zh})"
            if arrangement.endswith(")")
            else f"{arrangement} ({row.relationship_zh})"
        )
    return {
        "mark": mark,
        "title": f"{wording.short_name(str(east['name_en']))} → {wording.short_name(str(west['name_en']))}",
        "title_zh": f"{east['name_zh']} → {west['name_zh']}",
        "text": sentences(f"{arrangement}, {wording.start_text(row._asdict(), 'began ')}.", dated_by),
        "href": _pairing_page(row.pairing_id, profiled),
        "go": _go_to(row.pairing_id, profiled),
    }


def map_marks(pairings: pd.DataFrame, places: pd.DataFrame, profiled: set[str] | None = None) -> pd.DataFrame:
    """The map's marks (eastwest.charts.maps): each pairing's arrow and each place's dot, with the
    names, arrangement and start the page's box shows and the pairing's page each opens."""
    table = places.set_index("id")
    rows = [pairing_mark(r, table, profiled, f"{PAIRING_MARK}:{r.pairing_id}") for r in records(pairings)]
    for place_id in dict.fromkeys([*pairings.east, *pairings.west]):
        helps, helped = pairings[pairings.east == place_id], pairings[pairings.west == place_id]
        ends = [
            f"{verb} {', '.join(wording.short_name(str(table.loc[p, 'name_en'])) for p in others)}"
            for verb, others in (("helps", helps.west), ("helped by", helped.east))
            if len(others)
        ]
        place, first = table.loc[place_id], str(pd.concat([helps, helped]).pairing_id.iloc[0])
        said = "; ".join(ends)
        rows.append(
            {
                "mark": f"{PLACE_MARK}:{place_id}",
                "title": f"{wording.short_name(str(place['name_en']))} ({place['province']})",
                "title_zh": str(place["name_zh"]),
                "text": said[:1].upper() + said[1:] + ".",
                "href": _pairing_page(first, profiled),
                "go": _go_to(first, profiled),
            }
        )
    return pd.DataFrame(rows)
