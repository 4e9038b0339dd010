"""The data page, sources/data.md (never edited by hand): downloads of every file in data/ (also
as one zip), the coverage audit, the data dictionary of facts.csv, the indicator vocabulary, the
other controlled vocabularies and the cleaning rules. Called by `pages.generate.write_pages`."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from eastwest.core.files import write_text
from eastwest.core.inputs import refuse_links
from eastwest.core.paths import CLEANING_RULES, ProjectPaths
from eastwest.core.plaintext import markdown_text
from eastwest.core.yamlio import load_yaml
from eastwest.dataset import load
from eastwest.dataset.schema import FACT_COLUMNS
from eastwest.pages.render import render
from eastwest.reader.spreadsheet import spreadsheet_text
from eastwest.reader.wording import DIRECTION_WORDS, INPUT_FILE_NOTES
from eastwest.reference.vocabulary import Unit, load_vocabulary
from eastwest.sources.cleaning import load_rules

DATA_ZIP = "_static/generated/eastwest-data.zip"
# The dataset's tables as a spreadsheet opens them (eastwest.reader.spreadsheet), beside the
# machine-readable ones in data/: <name>-for-spreadsheets.csv, in the zip under spreadsheets/.
SPREADSHEETS = "_static/generated/spreadsheets"
SPREADSHEET_SUFFIX = "-for-spreadsheets.csv"
VOCABULARY_SECTIONS = ("themes", "qualifiers", "statuses", "scopes", "flags")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} kB"


def write_data_zip(paths: ProjectPaths, files: Iterable[Path], spreadsheets: Iterable[Path] = ()) -> None:
    """All of data/ (and the spreadsheet copies, under spreadsheets/) in one zip whose bytes depend
    only on the files (fixed dates, sorted names)."""
    target = paths.root / DATA_ZIP
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    entries = [(f"data/{p.relative_to(paths.data).as_posix()}", p) for p in sorted(files)]
    entries += [(f"spreadsheets/{p.name}", p) for p in sorted(spreadsheets)]
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, path in entries:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    partial.replace(target)


def write_spreadsheets(paths: ProjectPaths, tables: Iterable[Path]) -> dict[Path, Path]:
    """A spreadsheet copy of each CSV table (facts.csv with each value and period in words), by
    table; a copy no table has any more is removed."""
    directory = paths.root / SPREADSHEETS
    copies = {}
    for table in tables:
        if table == paths.facts_csv:
            frame = load.facts(paths)
            columns: list[str] | None = list(FACT_COLUMNS)
        else:
            frame, columns = pd.read_csv(table, dtype=str, keep_default_na=False, encoding="utf-8"), None
        copies[table] = directory / f"{table.stem}{SPREADSHEET_SUFFIX}"
        write_text(copies[table], spreadsheet_text(frame, columns))
    for old in sorted(directory.glob(f"*{SPREADSHEET_SUFFIX}")):
        if old not in copies.values():
            old.unlink()
    return copies


def _term_table(terms: dict) -> str:
    """A controlled vocabulary as a Markdown table of terms and their meanings."""
    return "| term | meaning |\n|---|---|\n" + "\n".join(f"| `{k}` | {markdown_text(v)} |" for k, v in terms.items())


def _shown_as(unit: Unit) -> str:
    if unit.sign:
        return f"{markdown_text(unit.sign)} (a sign on the number)"
    return f"{markdown_text(unit.singular)} / {markdown_text(unit.plural)}" + (" (before the number)" if unit.word_before else "")


def _units_table(units: Iterable[Unit]) -> str:
    return "| unit | shown as (one / several) | meaning |\n|---|---|---|\n" + "\n".join(
        f"| `{u.id}` | {_shown_as(u)} | {markdown_text(u.meaning)} |" for u in units
    )


def data_files(paths: ProjectPaths) -> tuple[list[Path], list[Path], list[Path]]:
    """Every file of data/ offered for download (not the lock or drafts), the tables among them
    (facts.csv aside) and the other files (the inputs the tables are built from)."""
    files = sorted(
        p
        for p in paths.data.rglob("*")
        if p.is_file()
        and not p.name.endswith(".draft.yml")
        and not any(part.startswith(".") for part in p.relative_to(paths.data).parts)
    )
    tables = [p for p in files if p.parent == paths.data and p.suffix in (".csv", ".json") and p != paths.facts_csv]
    others = [p for p in files if p not in tables and p != paths.facts_csv]
    return files, tables, others


def data_page_markdown(paths: ProjectPaths) -> str:
    """The data page; writes the data zip on the way, since the page gives its size."""
    refuse_links(paths.data)  # every file below is offered for download and zipped
    vocab = load_vocabulary(paths)
    report = load.build_report(paths)
    files, tables, others = data_files(paths)
    spreadsheets = write_spreadsheets(
        paths, [p for p in files if p.suffix == ".csv" and p.parent in (paths.data, paths.data / "reference")]
    )
    write_data_zip(paths, files, spreadsheets.values())

    def link(p: Path) -> str:
        relative = p.relative_to(paths.data).as_posix()
        note = INPUT_FILE_NOTES.get(relative) or INPUT_FILE_NOTES.get(f"{Path(relative).parent.as_posix()}/")
        copy = spreadsheets.get(p)
        for_spreadsheets = f"; {{download}}`for spreadsheets <../{SPREADSHEETS}/{copy.name}>` ({_size(copy)})" if copy else ""
        return f"{{download}}`{relative} <../data/{relative}>` ({_size(p)}{for_spreadsheets})" + (f": {note}" if note else "")

    indicators = load.indicators(paths)
    indicator_table = (
        "| indicator | 中文 | definition | unit | theme | direction | class | facts | sources |\n|---|---|---|---|---|---|---|---|---|\n"
        + "\n".join(
            f"| `{r.indicator}` {markdown_text(r.label_en)} | {markdown_text(r.label_zh)} | {markdown_text(r.definition)} | {r.unit} | {r.theme} | "
            f"{DIRECTION_WORDS[str(r.direction)] or '—'} | {r.comparability} | {r.facts} | {r.sources} |"
            for r in indicators.itertuples()
        )
    )
    sections = load_yaml(paths.indicators)
    # the areas a source names begin with their Chinese name; the others are the project's own groups
    own_areas = [f"`{k}` ({markdown_text(v)})" for k, v in sections["areas"].items() if not _HAN.match(str(v))]
    rules, _ = load_rules(CLEANING_RULES)
    return render(
        "data_page",
        report=report,
        facts_link=link(paths.facts_csv),
        facts_spreadsheet=f"{{download}}`{spreadsheets[paths.facts_csv].name} <../{SPREADSHEETS}/{spreadsheets[paths.facts_csv].name}>`",
        file_links={p.name: link(p) for p in tables},
        data_zip=DATA_ZIP,
        data_zip_size=_size(paths.root / DATA_ZIP),
        table_links="\n".join(f"- {link(p)}" for p in tables),
        input_links="\n".join(f"- {link(p)}" for p in others),
        exclusion_rows="\n".join(f"| `{k}` | {v} |" for k, v in report["mentions_excluded_by_reason"].items()),
        column_rows="\n".join(f"| `{c}` | {d.replace('|', '/')} |" for c, d in FACT_COLUMNS.items()),
        indicator_count=len(indicators),
        indicator_table=indicator_table,
        comparability_table=_term_table(sections["comparability"]),
        areas_table=_term_table(sections["areas"]),
        area_count=len(sections["areas"]),
        own_areas=" and ".join(own_areas),
        vocabulary_tables={section: _term_table(vocab.terms[section]) for section in VOCABULARY_SECTIONS},
        units_table=_units_table(vocab.units.values()),
        rule_rows="\n".join(f"| `{r.id}` | {markdown_text(r.reason)} |" for r in rules),
    )
