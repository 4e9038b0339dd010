"""Draft every curated source of the project root argv[1], and every article of its development and
held-out sets, and compare the proposals with the hand-made annotations.
Prints one JSON line: the agreements by set and the markdown of bench/draft_agreement.md and of its
Chinese twin bench/draft_agreement_zh.md (dated argv[2]).

Run by bench/drafting.py (step 8) with the clone's package first on PYTHONPATH."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eastwest.core.paths import ProjectPaths
from eastwest.draft.agreement import ARTICLE_SETS, agreement, agreement_markdown, set_agreement
from eastwest.draft.agreement_zh import agreement_markdown_zh
from eastwest.draft.annotators import two_people


def main() -> None:
    clone, date = Path(sys.argv[1]), sys.argv[2]
    paths = ProjectPaths(clone)
    results = {"Seeds": agreement(paths)}
    for name, relative in ARTICLE_SETS.items():
        if (clone / relative).is_dir():
            results[name] = set_agreement(clone / relative, paths)
    results.update(two_people([clone / relative for relative in ARTICLE_SETS.values() if (clone / relative).is_dir()], paths))
    for result in results.values():  # which fields each fact got wrong: for tuning, not for the record
        for shares in result["per_source"].values():
            shares.pop("differences", None)
    markdown = {"markdown": agreement_markdown(results, date), "markdown_zh": agreement_markdown_zh(results, date)}
    print(json.dumps({"by_set": results, **markdown}))


if __name__ == "__main__":
    main()
