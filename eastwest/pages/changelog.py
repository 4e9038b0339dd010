"""CHANGELOG.md, one entry per edition, and cutting a new edition.

`python -m eastwest edition cut 0.6.0 --date 2027-01-15 [--notes "what changed in the book"]`:

1. refuses a version not greater than every recorded edition, or lower than the current one
   (CITATION.cff, the one place the version is set; the current version may be cut once, while it
   has no record), and a date before the current edition's;
2. records the edition's facts in data/editions/<version>.csv (eastwest.dataset.editions);
3. computes what changed in the data since the latest recorded edition — facts added, corrected
   (a new indicator, value, unit, qualifier, period or status) and removed — and adds the entry, newest first, to CHANGELOG.md,
   with the notes on the book (the only typed part);
4. sets the version and release date in CITATION.cff, and the version in pyproject.toml, which
   follows it (tests/test_edition.py checks the two agree).

The edition's date is the one given, never the clock's: the same commit builds the same bytes.
`python -m eastwest edition changes` prints what the next cut would record, writing nothing."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from eastwest.core.errors import DataError
from eastwest.core.files import write_text
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.dataset import editions
from eastwest.pages.changelog_zh import CHANGELOG_ZH, entry_zh
from eastwest.pages.edition import citation

CHANGELOG = "CHANGELOG.md"
MARKER = "<!-- Editions, newest first: `python -m eastwest edition cut` adds each entry below this line. -->"
HEADER = f"""# What changed in each edition

Each edition of the report has a number and a date (they are on the landing page and in
`CITATION.cff`; cite the edition you read). Its entry says what changed in the book, and what
changed in the data: the facts added, corrected (a new indicator, value, unit, qualifier, period
or status) and removed since the previous edition. The data part is computed by the project's own code from the previous edition's
record of its facts (`data/editions/`), not typed.

{MARKER}
"""
NO_NOTES = "No notes were given on the book for this edition."


@lru_cache(maxsize=1)
def _indicator_labels() -> dict[str, str]:
    """Each indicator's English label as readers see it elsewhere (data/reference/indicators.yml)."""
    from eastwest.reference.vocabulary import load_vocabulary

    return {key: indicator.label_en for key, indicator in load_vocabulary().indicators.items()}


def _indicator(indicator: str) -> str:
    """An indicator by its label (its id where the project has none: an indicator since removed)."""
    return _indicator_labels().get(indicator) or indicator


def _indicators(counts: list[tuple[str, int]]) -> str:
    return ", ".join(f"{_indicator(indicator)} {n}" for indicator, n in counts)


def _facts(n: int) -> str:
    return f"{n:,} fact" + ("" if n == 1 else "s")


def _by_source(frame: pd.DataFrame) -> list[str]:
    return [
        f"- {label}: {_facts(sum(n for _, n in counts))} ({_indicators(counts)})"
        for _, label, counts in editions.by_source_and_indicator(frame)
    ]


def data_section(changes: editions.Changes, after: pd.DataFrame, previous: str | None) -> str:
    """The entry's account of the data, from the two editions' records."""
    n_sources = after.source_id.nunique()
    lines = []
    if previous is None:
        lines.append(
            f"This is the first recorded edition: no earlier edition's facts were kept, so what changed "
            f"before it cannot be computed. All its {_facts(len(after))} from {n_sources} sources are listed "
            f"as added, by source and indicator; the next edition's changes are computed against this one's record."
        )
    else:
        lines.append(
            f"{_facts(len(after))} from {n_sources} sources. Since edition {previous}: "
            f"{len(changes.added):,} added, {len(changes.corrected):,} corrected, {len(changes.removed):,} removed."
        )
    if changes.empty:
        lines += ["", "No fact was added, corrected or removed."]
    if not changes.added.empty:
        lines += ["", f"**Added** ({_facts(len(changes.added))}):", "", *_by_source(changes.added)]
    if changes.corrected:
        lines += ["", f"**Corrected** ({_facts(len(changes.corrected))}):", ""]
        for c in changes.corrected:
            what = "; ".join(f"{name} {old or '(none)'} → {new or '(none)'}" for name, (old, new) in c.changes.items())
            lines.append(f"- {c.source}, {_indicator(c.indicator)}: {what} (fact {c.fact_id})")
    if not changes.removed.empty:
        lines += ["", f"**Removed** ({_facts(len(changes.removed))}):", "", *_by_source(changes.removed)]
    return "\n".join(lines)


def entry(version: str, date: str, notes: str, changes: editions.Changes, after: pd.DataFrame, previous: str | None) -> str:
    return (
        f"## Edition {version}, {date}\n\n### The book\n\n{notes.strip() or NO_NOTES}\n\n"
        f"### The data\n\n{data_section(changes, after, previous)}\n"
    )


def add_entry(text: str, new_entry: str) -> str:
    """CHANGELOG.md's text with `new_entry` first under the marker (the header is written if missing)."""
    if MARKER not in text:
        text = HEADER
    head, rest = text.split(MARKER, 1)
    rest = rest.lstrip("\n")
    return f"{head}{MARKER}\n\n{new_entry}" + (f"\n{rest}" if rest else "")


def set_field(text: str, key: str, value: str, where: str) -> str:
    """`key: "value"` (CITATION.cff) or `key = "value"` (pyproject.toml) set on its one line."""
    pattern = re.compile(rf'^({re.escape(key)}\s*[:=]\s*)"[^"\n]*"', re.M)
    if len(pattern.findall(text)) != 1:
        raise DataError(f'{where}: expected exactly one line `{key}: "..."` to set')
    return pattern.sub(lambda m: f'{m.group(1)}"{value}"', text)


def check_cut(version: str, date: str, paths: ProjectPaths = PROJECT) -> str | None:
    """Refuse an edition that would not come after the current one; return the previous recorded
    edition (None if there is none)."""
    new = editions.parse_version(version)
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise DataError(f"edition date {date!r} is not a date of the form YYYY-MM-DD") from None
    meta = citation(paths)
    current, current_date = str(meta["version"]), str(meta["date-released"])
    done = editions.recorded(paths)
    if done and new <= editions.parse_version(done[-1]):
        raise DataError(
            f"edition {version} is not greater than the latest recorded edition {done[-1]} (data/editions/): "
            "give a higher version, e.g. "
            + ".".join(map(str, (*editions.parse_version(done[-1])[:2], editions.parse_version(done[-1])[2] + 1)))
        )
    if new < editions.parse_version(current) or (new == editions.parse_version(current) and current in done):
        raise DataError(f"edition {version} is not greater than the current edition {current} (CITATION.cff)")
    if new != editions.parse_version(current) and date < current_date:
        raise DataError(f"edition date {date} is before the current edition's, {current_date} (CITATION.cff)")
    return done[-1] if done else None


def cut(
    version: str,
    date: str,
    notes: str = "",
    paths: ProjectPaths = PROJECT,
    facts: pd.DataFrame | None = None,
    labels: dict[str, str] | None = None,
    notes_zh: str = "",
    labels_zh: dict[str, str] | None = None,
) -> editions.Changes:
    """Cut edition `version` of `date` (see the module's docstring); `facts` and `labels` default to
    data/facts.csv and the sources' reader's names. Where the project has a Chinese edition
    (zh/CHANGELOG.md), its entry is added too, from the same changes, with `notes_zh` on the book and
    `labels_zh` (default: the sources' Chinese names) naming the sources."""
    previous = check_cut(version, date, paths)
    if facts is None or labels is None:
        from eastwest.dataset import load
        from eastwest.pages.tables import source_labels

        facts = load.facts(paths) if facts is None else facts
        labels = source_labels(paths) if labels is None else labels
    after = editions.manifest(facts, labels)
    before = editions.read_manifest(previous, paths) if previous else None
    changes = editions.compare(before, after)
    changelog = paths.root / CHANGELOG
    text = changelog.read_text(encoding="utf-8") if changelog.exists() else HEADER
    new_entry = entry(version, date, notes, changes, after, previous)
    changelog_zh = paths.root / CHANGELOG_ZH
    if changelog_zh.exists():
        if labels_zh is None:
            from eastwest.pages.tables import source_labels_zh

            labels_zh = source_labels_zh(paths)
        text_zh = changelog_zh.read_text(encoding="utf-8")
        if MARKER not in text_zh:
            raise DataError(f"{CHANGELOG_ZH}: the line {MARKER} that entries are added under is missing")
        new_entry_zh = entry_zh(version, date, notes_zh, changes, after, previous, labels_zh)
    cff, pyproject = paths.root / "CITATION.cff", paths.root / "pyproject.toml"
    cff_text = set_field(
        set_field(cff.read_text(encoding="utf-8"), "version", version, "CITATION.cff"), "date-released", date, "CITATION.cff"
    )
    # every check passed: write the record first, then the files that name the edition
    editions.write_manifest(after, version, paths)
    write_text(changelog, add_entry(text, new_entry))
    if changelog_zh.exists():
        write_text(changelog_zh, add_entry(text_zh, new_entry_zh))
    write_text(cff, cff_text)
    if pyproject.exists():
        write_text(pyproject, set_field(pyproject.read_text(encoding="utf-8"), "version", version, "pyproject.toml"))
    return changes


def preview(paths: ProjectPaths = PROJECT) -> str:
    """What the next cut would record about the data, against the latest recorded edition."""
    from eastwest.dataset import load
    from eastwest.pages.tables import source_labels

    done = editions.recorded(paths)
    after = editions.manifest(load.facts(paths), source_labels(paths))
    previous = done[-1] if done else None
    changes = editions.compare(editions.read_manifest(previous, paths) if previous else None, after)
    return data_section(changes, after, previous)


def changelog_path(paths: ProjectPaths = PROJECT) -> Path:
    return paths.root / CHANGELOG
