"""What the cleaning removed, rule by rule: `python -m eastwest clean --explain`.

For each article, the lines each rule removed (shortened) and the marked lines kept because they
hold a figure found nowhere else; then one table of removal counts, rule by article, so that a
new rule in data/reference/cleaning_rules.yml can be checked against every source before it is
kept. Articles are seeds named by source id, or raw files not yet in seeds/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.yamlio import load_yaml
from eastwest.sources.cleaning import CleanResult, clean_raw, clean_seed
from eastwest.sources.line_rules import load_rules
from eastwest.sources.provenance import load_records, read_seed

SHOWN_CHARS = 60  # a removed line is shown up to this many characters
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")  # never sent to the terminal as is
_BUILT_IN = ("title", "byline")  # removals the cleaning makes without a rule from the file


@dataclass
class Cleaned:
    label: str  # the source id, or the raw file's path
    raw_lines: int
    result: CleanResult


def clean_sources(source_ids: list[str], paths: ProjectPaths = PROJECT) -> list[Cleaned]:
    """The seeds named (all of them when none is), cleaned as the build cleans them."""
    records = {r.source_id: r for r in load_records(paths)}
    unknown = [sid for sid in source_ids if sid not in records]
    if unknown:
        raise DataError(f"unknown source id(s) {unknown}: not in {paths.provenance}")
    cleaned = []
    for sid in source_ids or list(records):
        seed_path = paths.seed_file(sid)
        raw = read_seed(seed_path)
        cleaned.append(Cleaned(sid, len(raw.splitlines()), clean_seed(raw, records[sid], seed_path)))
    return cleaned


def raw_files(path: Path) -> list[Path]:
    """A raw article file, or every .txt file under a folder (fixture articles), in name order."""
    if path.is_dir():
        files = sorted(path.rglob("*.txt"))
        if not files:
            raise DataError(f"{path}: no .txt article in this folder")
        return files
    if not path.is_file():
        raise DataError(f"{path}: no such file or folder")
    return [path]


def clean_files(files: list[Path], script: str = "simplified") -> list[Cleaned]:
    """Raw articles not yet registered, cleaned with the seeds' rules. A fixture article's
    `source.yml` beside it (one provenance record) gives its title, author and script."""
    cleaned = []
    for path in files:
        raw = read_seed(path)
        record = _record_beside(path)
        result = clean_raw(
            raw,
            str(record.get("source_id") or path.stem),
            path,
            script=str(record.get("script") or script),
            title_zh=record.get("title_zh"),
            author=record.get("author"),
            require_body=False,
        )
        cleaned.append(Cleaned(str(path), len(raw.splitlines()), result))
    return cleaned


def _record_beside(path: Path) -> dict:
    record_path = path.parent / "source.yml"
    if not record_path.is_file():
        return {}
    record = load_yaml(record_path)
    if not isinstance(record, dict):
        raise DataError(f"{record_path}: expected one provenance record (a mapping)")
    return record


def clean_texts(cleaned: list[Cleaned]) -> str:
    """The clean text of each article, under its name when there are several."""
    if len(cleaned) == 1:
        return cleaned[0].result.text
    return "\n".join(f"==> {c.label} <==\n{c.result.text}" for c in cleaned)


def explain(cleaned: list[Cleaned]) -> str:
    """The report: per article the removed lines by rule, then the rule × article counts."""
    order = [r.id for r in load_rules()[0]] + list(_BUILT_IN)
    keeps_text = {r.id: r.keep_text for r in load_rules()[0]}
    out: list[str] = []
    for c in cleaned:
        out += _article(c, order, keeps_text)
    out += _summary(cleaned, order)
    return "\n".join(out) + "\n"


def _article(c: Cleaned, order: list[str], keeps_text: dict[str, bool]) -> list[str]:
    result = c.result
    lines = [f"{c.label}: {c.raw_lines} raw lines, {len(result.removed)} removed, {len(result.paragraphs)} paragraphs kept"]
    if not result.paragraphs:
        lines.append("  no article body left: every line was removed")
    for rule in order:
        removed = [r for r in result.removed if r.rule == rule]
        if not removed:
            continue
        lines.append(f"  {rule} ({len(removed)})")
        for r in removed:
            text = _shown(r.text) if keeps_text.get(rule, True) else f"(text not shown, {r.chars} characters)"
            lines.append(f"    {r.line:>4}  {text}")
    if result.kept_marked:
        lines.append("  kept although marked: a figure in it is found nowhere else in the article")
        for k in result.kept_marked:
            lines.append(f"    {k.line:>4}  {k.rule} [{', '.join(k.new_figures)}]  {_shown(k.text)}")
    return lines + [""]


def _summary(cleaned: list[Cleaned], order: list[str]) -> list[str]:
    counts = [{rule: sum(r.rule == rule for r in c.result.removed) for rule in order} for c in cleaned]
    used = [rule for rule in order if any(n[rule] for n in counts)]
    width = max([len(rule) for rule in order] + [len("rule")])
    columns = [f"#{i}" for i in range(1, len(cleaned) + 1)]
    cell = max(len(col) for col in columns + ["total"]) if cleaned else 5
    lines = ["Lines removed by rule (rows) and article (columns):"]
    lines += [f"  {col} {c.label}" for col, c in zip(columns, cleaned)]
    lines.append(f"{'rule':<{width}}  " + " ".join(f"{col:>{cell}}" for col in columns + ["total"]))
    for rule in used:
        row = [str(n[rule]) if n[rule] else "." for n in counts] + [str(sum(n[rule] for n in counts))]
        lines.append(f"{rule:<{width}}  " + " ".join(f"{v:>{cell}}" for v in row))
    idle = [rule for rule in order if rule not in used]
    lines.append("rules that removed nothing here: " + (", ".join(idle) if idle else "none"))
    return lines


def _shown(text: str) -> str:
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"
