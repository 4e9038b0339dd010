"""`make check ID=<source_id>`: what is left to do before a new source is done, as a checklist in
the order of README.md "How to add a source" (one line per kind of work, with counts and fact
ids), then the build's problems in full; `OK` once nothing is left.

The checklist reads the curated file as written, so it also sees what the build refuses outright
(a draft's `check:` notes) or accepts silently (a draft's placeholder description).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.yamlio import load_yaml
from eastwest.dataset.builder import SourceBuild, build_source, write_new_clean_text
from eastwest.draft.propose import CHECK, DRAFT_DESCRIPTION
from eastwest.draft.review import print_review_diff
from eastwest.reference.vocabulary import load_vocabulary
from eastwest.sources.corpus import clean_corpus

NAMES_SHOWN = 8  # ids named on one checklist line; the count gives the rest


@dataclass
class Review:
    """One source's state under review: the checklist, the build's problems, and a summary line."""

    source_id: str
    summary: str
    todo: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    clean_written: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.todo and not self.problems


def review_source(source_id: str, paths: ProjectPaths = PROJECT) -> Review:
    """Check one source as `make check` does, writing nothing but a new source's clean text."""
    records, cleaned = clean_corpus(paths)
    record = next((r for r in records if r.source_id == source_id), None)
    if record is None:
        raise DataError(f"unknown source id {source_id!r}: add its provenance record to {paths.provenance} first")
    vocab = load_vocabulary(paths)
    clean = cleaned[source_id]
    clean_path = paths.clean_text(source_id)
    curated = paths.annotation_file(source_id)
    if not curated.exists():
        written = write_new_clean_text(SourceBuild(record, clean, [], [], []), paths)
        todo = [f"annotate: no {curated.name} yet: `make draft ID={source_id}`, review the draft, save it as {curated.name}"]
        todo += _reference_todo(source_id, record.pairings, [], clean.text, vocab.places, paths)
        return Review(source_id, f"{source_id}: no annotations yet", todo, [], written)

    built = build_source(record, clean, vocab, paths)
    written = write_new_clean_text(built, paths)
    raw = load_yaml(curated) or {}
    facts = [f for f in raw.get("facts") or [] if isinstance(f, dict)]
    exclusions = [e for e in raw.get("exclusions") or [] if isinstance(e, dict)]
    todo = []

    noted = [str(f.get("id")) for f in facts if CHECK in f] + [f"exclusion {e.get('mention')}" for e in exclusions if CHECK in e]
    _add(todo, noted, "resolve and delete the `check:` note of")
    undescribed = [
        str(f.get("id"))
        for f in facts
        if not str(f.get("description") or "").strip() or DRAFT_DESCRIPTION in str(f.get("description"))
    ]
    _add(todo, undescribed, "write the description of")
    unaccounted = [repr(m.text) for m in built.mentions if m.status == "unaccounted"]
    _add(todo, unaccounted, "make a fact or an exclusion of", what="numeric mention")
    not_verbatim = [str(f.get("id")) for f in facts if clean.text.count(str(f.get("quote") or "\0")) != 1]
    _add(todo, not_verbatim, f"copy verbatim from {_relative(clean_path, paths)} (once there) the quote of")
    todo += _reference_todo(source_id, record.pairings, facts, clean.text, vocab.places, paths)

    linked = sum(m.status == "linked" for m in built.mentions)
    summary = f"{source_id}: {len(built.facts)} valid facts; {len(built.mentions)} mentions, {linked} linked"
    return Review(source_id, summary, todo, list(built.errors), written)


def _reference_todo(
    source_id: str, covered: list[str], facts: list[dict], text: str, places: set[str] | dict, paths: ProjectPaths
) -> list[str]:
    """Pairings and places the source needs in data/reference/, and the start sentence of each
    pairing it dates (start_source: this source)."""
    pairings = {p.get("id"): p for p in (load_yaml(paths.pairings_input) or {}).get("pairings") or [] if isinstance(p, dict)}
    todo: list[str] = []
    _add(
        todo,
        [p for p in covered if p not in pairings],
        f"add to {_relative(paths.pairings_input, paths)} the pairing(s)",
        "pairing",
    )
    wanted = [pairings[p].get(side) for p in covered if p in pairings for side in ("east", "west")]
    for f in facts:  # a side is one place id or a list of them (several places together)
        for side in ("east", "west"):
            value = f.get(side)
            wanted += [str(v) for v in value] if isinstance(value, list) else [value]
    missing = [str(p) for p in dict.fromkeys(wanted) if p and isinstance(p, str) and p not in places]
    _add(todo, missing, f"add to {_relative(paths.places_input, paths)} the place(s)", "place")
    clean = _relative(paths.clean_text(source_id), paths)
    dated = [p for p in pairings.values() if p.get("start_source") == source_id]
    no_quote = [str(p.get("id")) for p in dated if not p.get("start_quote")]
    _add(todo, no_quote, f"copy from {clean} the start_quote of the pairing(s)", "pairing")
    not_found = [str(p.get("id")) for p in dated if p.get("start_quote") and text.count(str(p["start_quote"])) != 1]
    _add(todo, not_found, f"copy verbatim from {clean} (once there) the start_quote of the pairing(s)", "pairing")
    return todo


def _add(todo: list[str], names: list[str], action: str, what: str = "fact") -> None:
    if not names:
        return
    shown = ", ".join(names[:NAMES_SHOWN]) + (f", … ({len(names) - NAMES_SHOWN} more)" if len(names) > NAMES_SHOWN else "")
    todo.append(f"{len(names)} {what}{'s' if len(names) > 1 else ''}: {action} {shown}")


def _relative(path: Path, paths: ProjectPaths) -> str:
    return str(path.relative_to(paths.root)) if path.is_relative_to(paths.root) else str(path)


def print_review(review: Review, paths: ProjectPaths = PROJECT) -> int:
    """Print what `make check` prints; return its exit status (0 only when OK)."""
    if review.clean_written:
        print(f"clean text of the new source written to {review.clean_written} (annotate from it)")
    print(review.summary)
    print_review_diff(review.source_id, paths)
    if review.todo:
        print(f'left to do ({len(review.todo)}), in the order of README.md "How to add a source":')
        for line in review.todo:
            print("  [ ]", line)
    if review.problems:
        print(f"{len(review.problems)} problem(s):")
        for problem in review.problems:
            print("  -", problem)
    if review.ok:
        print("OK")
        return 0
    return 1
