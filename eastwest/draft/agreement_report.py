"""`python -m eastwest agreement`: the table of the draft's agreement on the project's sources and
article sets, with the two people's column, and (for tuning) each article's shares and differences."""

from __future__ import annotations

from pathlib import Path

from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.draft.agreement import ARTICLE_SETS, TWO_PEOPLE, agreement, agreement_table, set_agreement
from eastwest.draft.annotators import two_people
from eastwest.draft.article_sets import articles


def print_agreement(
    set_dirs: list[Path], per_source: bool = False, differences: bool = False, paths: ProjectPaths = PROJECT
) -> None:
    """Print the agreement table for the project's sources and each article set (default: the project's sets)."""
    results = {"Seeds": agreement(paths)}
    if not set_dirs:
        set_dirs = [
            paths.root / rel for rel in ARTICLE_SETS.values() if (paths.root / rel).is_dir() and articles(paths.root / rel)
        ]
    for set_dir in set_dirs:
        name = next((n for n, rel in ARTICLE_SETS.items() if (paths.root / rel).resolve() == set_dir.resolve()), set_dir.name)
        results[name] = set_agreement(set_dir, paths)
    results.update(two_people(set_dirs, paths))
    print("\n".join(agreement_table(results)))
    if per_source:
        for name, result in results.items():
            if name in ("Held-out", TWO_PEOPLE):  # held-out: shown only in total, nobody tunes on it
                continue
            print(f"\n{name}:")
            for sid, shares in result["per_source"].items():
                cells = " ".join(f"{k} {v:.0f}" for k, v in shares.items() if isinstance(v, float))
                print(f"  {sid}: {shares['curated_facts_with_number']} facts, {shares['proposed_facts']} proposed; {cells}")
                if differences:
                    for fact_id, field, drafted, curated in shares["differences"]:
                        print(f"      {fact_id}  {field}: drafted {drafted!r}, curated {curated!r}")
