"""The Chinese data page and data-quality appendix, zh/sources/data.md and zh/sources/quality.md
(never edited by hand): the counterparts of eastwest.pages.data_page and quality_page, offering the
same files (the English page's data step writes the zip and the spreadsheet copies first) with
Chinese explanations. A meaning the project holds only in English (an indicator's definition) is
not translated: the page says it is on the English page. Called by `pages.generate.write_pages`."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path

import pandas as pd

from eastwest.core.errors import DataError
from eastwest.core.paths import CLEANING_RULES, ProjectPaths
from eastwest.core.plaintext import markdown_text
from eastwest.core.yamlio import load_yaml
from eastwest.dataset import load
from eastwest.dataset.schema import FACT_COLUMNS
from eastwest.pages.data_page import DATA_ZIP, SPREADSHEET_SUFFIX, SPREADSHEETS, data_files
from eastwest.pages.render import render
from eastwest.reader import pages_zh, wording_zh
from eastwest.reader.links import source_page
from eastwest.reference.vocabulary import load_vocabulary
from eastwest.sources.cleaning import load_rules, rule_reason_zh

UP = "../../"  # from zh/sources/ to the project root, where data/ and _static/ lie


def _size(path: Path) -> str:
    return pages_zh.file_size_zh(path.stat().st_size)


def _link(p: Path, paths: ProjectPaths) -> str:
    relative = p.relative_to(paths.data).as_posix()
    note = pages_zh.INPUT_FILE_NOTES_ZH.get(relative) or pages_zh.INPUT_FILE_NOTES_ZH.get(f"{Path(relative).parent.as_posix()}/")
    copy = paths.root / SPREADSHEETS / f"{p.stem}{SPREADSHEET_SUFFIX}"
    spreadsheet = p.suffix == ".csv" and p.parent in (paths.data, paths.data / "reference") and copy.exists()
    for_spreadsheets = f"；{{download}}`表格软件版 <{UP}{SPREADSHEETS}/{copy.name}>`（{_size(copy)}）" if spreadsheet else ""
    return f"{{download}}`{relative} <{UP}data/{relative}>`（{_size(p)}{for_spreadsheets}）" + (f"：{note}" if note else "")


def _meanings(terms: Iterable[str], words: dict[str, str], section: str) -> str:
    """A vocabulary's terms with their Chinese words; a term without them is an error naming it."""
    terms = list(terms)
    missing = [t for t in terms if t not in words]
    if missing:
        raise DataError(
            f"{section} of data/reference/: no Chinese words for {', '.join(missing)}; add them to eastwest/reader/pages_zh.py or wording_zh.py"
        )
    return "| 代码 | 含义 |\n|---|---|\n" + "\n".join(f"| `{t}` | {words[t]} |" for t in terms)


def _area_name(text: str) -> str:
    """An area's Chinese name where its meaning begins with one ('组织领导: …' -> '组织领导'); the
    others are the project's own groups, outside the areas a source lists."""
    head = str(text).split(":")[0].strip()
    name = head if pages_zh.has_han(head) else ""
    return name + pages_zh.OWN_AREA_ZH if "own group" in str(text) or not name else name


def _unit(unit: str) -> str:
    """An indicator's unit: its Chinese word; '不限' for the other_<theme> indicators, whose facts keep their own."""
    return "不限" if unit == "any" else wording_zh.unit_text_zh(unit)


def _exclusion_rows(counts: dict[str, int]) -> str:
    missing = [k for k in counts if k not in pages_zh.EXCLUSION_ZH]
    if missing:
        raise DataError(
            f"data/reference/vocabulary.yml exclusion_reasons: no Chinese words for {', '.join(missing)} in eastwest/reader/pages_zh.py"
        )
    return "\n".join(f"| {pages_zh.EXCLUSION_ZH[k]}（`{k}`） | {n} |" for k, n in counts.items())


def data_page_markdown_zh(paths: ProjectPaths) -> str:
    vocab = load_vocabulary(paths)
    report = load.build_report(paths)
    _, tables, others = data_files(paths)
    missing = [c for c in FACT_COLUMNS if c not in pages_zh.FACT_COLUMNS_ZH]
    if missing:
        raise DataError(
            f"facts.csv columns without a Chinese meaning in eastwest.reader.pages_zh.FACT_COLUMNS_ZH: {', '.join(missing)}"
        )
    indicators = load.indicators(paths)
    indicator_rows = "\n".join(
        f"| `{r.indicator}` | {markdown_text(str(r.label_zh))} | {_unit(str(r.unit))} | {wording_zh.THEME_LABELS_ZH[str(r.theme)]} | "
        f"{pages_zh.DIRECTION_ZH.get(str(r.direction), '—')} | `{r.comparability}` | {r.facts} | {r.sources} |"
        for r in indicators.itertuples()
    )
    sections = load_yaml(paths.indicators)
    rules, _ = load_rules(CLEANING_RULES)
    qualifiers = {k: "、".join(v) or ("确数" if k == "exact" else "区间") for k, v in wording_zh.QUALIFIER_WORDS_ZH.items()}
    statuses = {"achieved": "已实现", **wording_zh.STATUS_WORDS_ZH}
    spreadsheet = paths.root / SPREADSHEETS / f"{paths.facts_csv.stem}{SPREADSHEET_SUFFIX}"
    return render(
        "zh/data_page",
        report=report,
        facts_link=_link(paths.facts_csv, paths),
        facts_spreadsheet=f"{{download}}`{spreadsheet.name} <{UP}{SPREADSHEETS}/{spreadsheet.name}>`",
        file_links={p.name: _link(p, paths) for p in tables},
        data_zip=f"{UP}{DATA_ZIP}",
        data_zip_size=_size(paths.root / DATA_ZIP),
        table_links="\n".join(f"- {_link(p, paths)}" for p in tables),
        input_links="\n".join(f"- {_link(p, paths)}" for p in others),
        exclusion_rows=_exclusion_rows(report["mentions_excluded_by_reason"]),
        column_rows="\n".join(f"| `{c}` | {pages_zh.FACT_COLUMNS_ZH[c]} |" for c in FACT_COLUMNS),
        indicator_count=len(indicators),
        area_count=len(sections["areas"]),
        indicator_rows=indicator_rows,
        comparability_table=_meanings(sections["comparability"], pages_zh.COMPARABILITY_ZH, "comparability"),
        areas_table="| 代码 | 名称 |\n|---|---|\n"
        + "\n".join(f"| `{k}` | {markdown_text(_area_name(v))} |" for k, v in sections["areas"].items()),
        themes_table=_meanings(vocab.terms["themes"], wording_zh.THEME_LABELS_ZH, "themes"),
        units_table=_meanings(vocab.units, wording_zh.UNIT_WORDS_ZH, "units"),
        qualifiers_table=_meanings(vocab.terms["qualifiers"], qualifiers, "qualifiers"),
        statuses_table=_meanings(vocab.terms["statuses"], statuses, "statuses"),
        scopes_table=_meanings(vocab.terms["scopes"], wording_zh.SCOPE_WORDS_ZH, "scopes"),
        flags_table=_meanings(vocab.terms["flags"], pages_zh.FLAG_ZH, "flags"),
        rule_rows="\n".join(f"| `{r.id}` | {markdown_text(rule_reason_zh(r.id))} |" for r in rules),
    )


def quality_page_markdown_zh(sources: pd.DataFrame, log: dict, facts: pd.DataFrame) -> str:
    """One row per source, as the English appendix; the details are on each source's page."""
    flagged = facts[facts["flags"].str.contains("year_missing_in_source")].groupby("source_id").size()
    rows = []
    for _, s in sources.iterrows():
        sid = s["source_id"]
        entry = log[sid]
        rules = "、".join(f"{escape(rule_reason_zh(rule))}（{n}）" for rule, n in entry["lines_removed_by_rule"].items())
        other = []
        if entry.get("byte_order_mark_stripped"):
            other.append("删除字节顺序标记")
        if entry["script_conversion"]:
            other.append(f"{entry['characters_converted']}个繁体字转为简体")
        rows.append(
            f'<tr><td><a href="{source_page(sid)}.html#cleaning">{escape(s["title_zh"] or "（所存文本无标题）")}</a><br>'
            f"{escape(pages_zh.source_label_zh(s))}</td>"
            f"<td>{len(entry['lines_removed'])}<br><small>{rules}</small></td>"
            f"<td>{entry['pinyin_glosses_stripped']}</td><td>{len(entry['garbled_runs'])}</td>"
            f"<td>{len(entry.get('numbers_missing_in_source', []))}</td><td>{int(flagged.get(sid, 0))}</td>"
            f"<td><small>{'；'.join(other)}</small></td></tr>"
        )
    return render("zh/quality_page", rows="".join(rows))
