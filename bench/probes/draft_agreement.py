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

# The inputs the fixture adds to: file -> the list in it that the fixture's file of the same name extends.
EXTENDED = (
    ("seeds/sources.yml", "sources"),
    ("data/reference/places.yml", "places"),
    ("data/reference/pairings.yml", "pairings"),
)


def held_out_inputs(clone: Path, root: Path) -> None:
    """A copy of the inputs at `root` holding only the fixture's annotations (the held-out set)."""
    fixture = clone / "tests" / "fixtures" / "add_source"
    shutil.copytree(clone / "seeds", root / "seeds")
    shutil.copytree(clone / "data" / "reference", root / "data" / "reference")
    (root / "data" / "annotations").mkdir(parents=True)
    shutil.copyfile(clone / "glossary.md", root / "glossary.md")
    for name, key in EXTENDED:
        doc = yaml.safe_load((root / name).read_text(encoding="utf-8"))
        extra = yaml.safe_load((fixture / Path(name).name).read_text(encoding="utf-8"))[key]
        doc[key] = list(doc.get(key) or []) + list(extra)
        (root / name).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for seed in fixture.glob("*.txt"):
        shutil.copyfile(seed, root / "seeds" / seed.name)
        shutil.copyfile(fixture / f"{seed.stem}.yml", root / "data" / "annotations" / f"{seed.stem}.yml")


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
