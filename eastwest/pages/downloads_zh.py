"""A chart's data download for the Chinese edition: the same rows as the English download
(eastwest.pages.downloads), written in Chinese under _static/generated/chart-data/zh/. A chart of
facts gives each fact's Chinese label, value in words, period in words, status, pairing and source
from the dataset, beside the codes and plain numbers an analyst sorts by; another chart's table
keeps its columns under Chinese headings, its words turned into Chinese where the book has them."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

import pandas as pd

from eastwest.charts.base import marks_path, read_chart_data
from eastwest.core.files import write_text
from eastwest.core.paths import ProjectPaths
from eastwest.reader import page_words_zh, pages_zh, wording_zh
from eastwest.reader.spreadsheet import BYTE_ORDER_MARK, csv_text, plain_number

CHART_DATA_ZH = "_static/generated/chart-data/zh"

# A chart of facts, column by column: (heading, how a fact's cell is written).
FACT_COLUMNS_ZH = {
    "数据编号": lambda r: r["fact_id"],
    "资料编号": lambda r: r["source_id"],
    "来源": lambda r: r["source_zh"],
    "结对": lambda r: r["pairing_zh"],
    "指标代码": lambda r: r["indicator"],
    "指标": lambda r: r.get("indicator_zh", ""),
    "所计内容": lambda r: wording_zh.what_counted_zh(r),
    "数值": lambda r: plain_number(r["value"]),
    "区间上限": lambda r: plain_number(r.get("value_high")),
    "数值（文字）": lambda r: wording_zh.value_text_zh(r),
    "单位代码": lambda r: r["unit"],
    "状态": lambda r: page_words_zh.status_cell_zh(r),
    "时间": lambda r: r["period"],
    "时间（文字）": lambda r: wording_zh.period_label_zh(r["period"], r["scope"], r["flag_list"]),
    "口径": lambda r: wording_zh.SCOPE_WORDS_ZH.get(r["scope"], r["scope"]),
    "原文": lambda r: r["quote"],
}
# Another chart's columns (the overview's pairings and timeline) under Chinese headings.
OTHER_HEADINGS_ZH = {
    "source_id": "资料编号",
    "source_label": "来源",
    "label": "来源",
    "pairing": "结对",
    "east": "帮扶方代码",
    "west": "受援方代码",
    "relationship": "协作形式",
    "start_date": "起始时间",
    "published": "页面日期",
    "date_status": "日期依据",
    "date_estimate": "推断的写作时间",
    "pairing_id": "结对代码",
    "helping_place": "帮扶方",
    "receiving_place": "受援方",
    "east_lon": "帮扶方经度",
    "east_lat": "帮扶方纬度",
    "west_lon": "受援方经度",
    "west_lat": "受援方纬度",
}


def chart_csv_zh(data: Path, paths=None) -> str:
    """The Chinese download's text for the chart data file `data`."""
    from eastwest.dataset import load
    from eastwest.pages import tables  # tables reads the dataset; a page without charts does not need it

    table = read_chart_data(data, dtype=str, keep_default_na=False)
    sources = load.sources(paths or load.PROJECT).set_index("source_id")
    source_zh = {str(sid): pages_zh.source_label_zh(row) for sid, row in sources.iterrows()}
    if "fact_id" in table:
        facts = tables.with_dataset_columns(table[["fact_id"]].drop_duplicates(), paths)
        names = tables.place_names_zh(paths)  # once, not once per row: a chart of counts lists every fact
        labels = {
            str(label): tables.programme_label_zh(str(label), names) if label else "" for label in set(facts["programme_label"])
        }
        facts = facts.assign(
            source_zh=facts["source_id"].map(source_zh), pairing_zh=facts["programme_label"].astype(str).map(labels)
        )
        records = facts.to_dict("records")
        out = pd.DataFrame({heading: [cell(r) for r in records] for heading, cell in FACT_COLUMNS_ZH.items()})
    else:
        out = table.copy()
        if "source_id" in out and "source_label" in out:
            out["source_label"] = out["source_id"].map(source_zh).fillna(out["source_label"])
        if "source_id" in out and "label" in out:
            out["label"] = out["source_id"].map(source_zh).fillna(out["label"])
        if "relationship" in out:
            out["relationship"] = out["relationship"].map(lambda r: wording_zh.RELATIONSHIP_SHORT_ZH.get(r, r))
        if "pairing" in out:  # a pairing's id (kunshan-bijiang) or label (Kunshan → Bijiang), in Chinese
            places = load.places(paths or load.PROJECT).set_index("id", drop=False)
            named = {
                str(p["pairing_id"]): pages_zh.pairing_label_zh(p, places)
                for _, p in load.pairings(paths or load.PROJECT).iterrows()
            }
            names = tables.place_names_zh(paths)
            out["pairing"] = out["pairing"].map(
                lambda v: named.get(str(v)) or (tables.programme_label_zh(str(v), names) if v else "")
            )
        names_zh = load.places(paths or load.PROJECT).set_index("id")["name_zh"]
        for side, name in (("east", "helping_place"), ("west", "receiving_place")):
            if side in out and name in out:
                out[name] = out[side].map(names_zh).fillna(out[name])
        if "date_status" in out:
            out["date_status"] = out["date_status"].map(lambda s: pages_zh.DATE_STATUS_ZH.get(s, s))
        out = out.rename(columns=OTHER_HEADINGS_ZH)
    return BYTE_ORDER_MARK + page_words_zh.DOWNLOAD_LICENCE_ZH + "\n" + csv_text(out)


def publish_zh(data: Path, root: Path, from_dir: str = "chapters", subfolder: str = "") -> str:
    """Write the Chinese download of `data` under CHART_DATA_ZH (in `subfolder`); the link to it
    from a Chinese page in `from_dir` ("" for the book's root)."""
    relative = f"{subfolder}/{data.name}" if subfolder else data.name
    target = root / CHART_DATA_ZH / relative
    project = ProjectPaths(root) if (root / "data" / "facts.csv").is_file() else None  # the project being built
    write_text(target, chart_csv_zh(data, project))
    if marks_path(data).exists():  # the page's boxes read the marks beside the download they find
        shutil.copyfile(marks_path(data), marks_path(target))
    return ("../" if from_dir else "") + f"{CHART_DATA_ZH}/{relative}"  # the Chinese site's copy of _static


def chart_data_link_zh(data: Path, rows: int, root: Path, from_dir: str = "chapters", subfolder: str = "") -> str:
    """The paragraph under a Chinese chart linking its Chinese download; '' when the chart wrote none."""
    if not data.exists():
        return ""
    href = publish_zh(data, root, from_dir, subfolder)
    return (
        f'<p class="chart-data"><a href="{escape(href)}" download>{escape(page_words_zh.chart_data_link_text_zh(rows))}</a></p>'
    )
