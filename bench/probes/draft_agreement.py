"""Draft every curated source of the project root argv[1] and compare the proposals with the curated
annotations; the same on the add-source test fixture, which the drafting rules were not written from.
Prints one JSON line: the two agreements and the markdown of bench/draft_agreement.md (dated argv[2]).

Run by bench/drafting.py (step 8) with the clone's package first on PYTHONPATH."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from eastwest.core.paths import ProjectPaths
from eastwest.draft.agreement import agreement, agreement_markdown


def held_out_inputs(clone: Path, root: Path) -> None:
    """A copy of the inputs at `root` holding only the fixture article's annotations (the held-out
    set): its folder (tests/fixtures/add_source/: article.txt, source.yml, reference.yml, gold.yml)
    added under its own source id."""
    fixture = clone / "tests" / "fixtures" / "add_source"
    shutil.copytree(clone / "seeds", root / "seeds")
    shutil.copytree(clone / "data" / "reference", root / "data" / "reference")
    (root / "data" / "annotations").mkdir(parents=True)
    shutil.copyfile(clone / "glossary.md", root / "glossary.md")
    record = _load(fixture / "source.yml")
    reference = _load(fixture / "reference.yml")
    for name, key, extra in (
        ("seeds/sources.yml", "sources", [record]),
        ("data/reference/places.yml", "places", reference.get("places") or []),
        ("data/reference/pairings.yml", "pairings", reference.get("pairings") or []),
    ):
        doc = _load(root / name)
        known = {entry.get("id", entry.get("source_id")) for entry in doc.get(key) or []}
        doc[key] = list(doc.get(key) or []) + [e for e in extra if e.get("id", e.get("source_id")) not in known]
        (root / name).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copyfile(fixture / "article.txt", root / "seeds" / f"{record['source_id']}.txt")
    shutil.copyfile(fixture / "gold.yml", root / "data" / "annotations" / f"{record['source_id']}.yml")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def held_out_sentence(held_out: dict[str, Any]) -> str:
    s = held_out["shares_percent"]
    return (
        f"\nOn the add-source test fixture, an article written for the tests that the rules were not written from "
        f"({held_out['curated_facts_with_number']} facts): value {s['value']:.0f} %, unit {s['unit']:.0f} %, "
        f"qualifier {s['qualifier']:.0f} %, status {s['status']:.0f} %, scope {s['scope']:.0f} %, theme {s['theme']:.0f} %, "
        f"indicator {s['indicator']:.0f} %.\n"
    )


def main() -> None:
    clone, date = Path(sys.argv[1]), sys.argv[2]
    curated = agreement(ProjectPaths(clone))
    root = Path(tempfile.mkdtemp(prefix="draft-heldout-"))
    held_out_inputs(clone, root)
    held_out = agreement(ProjectPaths(root))
    shutil.rmtree(root, ignore_errors=True)
    markdown = agreement_markdown(curated, date) + held_out_sentence(held_out)
    print(json.dumps({"curated": curated, "held_out": held_out, "markdown": markdown}))


if __name__ == "__main__":
    main()
