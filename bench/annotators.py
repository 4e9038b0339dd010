"""How far two people's annotations of the same articles agree: the ceiling the drafting rules'
agreement can be read against. Compares a second annotator's files with the gold of an article set,
with the same matching and fields as `eastwest.draft.agreement` (facts matched by number span).

    python bench/annotators.py tests/fixtures/devset SECOND_DIR [SOURCE_ID ...]

SECOND_DIR holds <source_id>.yml files in the format of data/annotations/. Prints the shares per field
(the gold is the reference: recall = gold facts the second annotator also made a fact of).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from eastwest.core.paths import PROJECT
from eastwest.core.yamlio import load_yaml
from eastwest.draft.agreement import FIELD_LABELS, MEASURED, _pct, _same_value, _side, _span
from eastwest.draft.article_sets import articles, overlay_project
from eastwest.draft.source_context import clean_source
from eastwest.sources.provenance import load_records


def compare(text: str, gold: list[dict], other: list[dict]) -> dict[str, int]:
    counts = {"gold": 0, "other": len(other), "matched": 0, **{f: 0 for f in MEASURED}}
    spans = [_span(text, str(f.get("quote")), f.get("number")) for f in other]
    for fact in gold:
        span = _span(text, str(fact.get("quote")), fact.get("number"))
        if span is None:
            continue
        counts["gold"] += 1
        hit = next((i for i, s in enumerate(spans) if s and s[0] < span[1] and span[0] < s[1]), None)
        if hit is None:
            continue
        counts["matched"] += 1
        o = other[hit]
        for k in MEASURED:
            if k == "value":
                ok = _same_value(o.get("value"), fact.get("value"))
            elif k in ("east", "west"):
                ok = _side(o.get(k)) == _side(fact.get(k))
            else:
                ok = str(o.get(k)) == str(fact.get(k))
            counts[k] += ok
    return counts


def main() -> None:
    set_dir, second = Path(sys.argv[1]), Path(sys.argv[2])
    only = set(sys.argv[3:])
    total: dict[str, int] = {}
    for article in articles(set_dir):
        mine = second / f"{article.source_id}.yml"
        if not mine.exists() or (only and article.source_id not in only):
            continue
        with tempfile.TemporaryDirectory() as scratch:
            paths = overlay_project(PROJECT, [article], Path(scratch), with_annotations=False)
            record = next(r for r in load_records(paths) if r.source_id == article.source_id)
            text = clean_source(record, paths).text
        gold = (load_yaml(article.folder / "gold.yml") or {}).get("facts") or []
        other = (load_yaml(mine) or {}).get("facts") or []
        counts = compare(text, gold, other)
        print(article.source_id, {k: v for k, v in counts.items()})
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
    n = total.get("gold", 0)
    print(f"\n{n} gold facts with a number; the second annotator made {total.get('other', 0)} facts")
    print(f"| {FIELD_LABELS['recall']} | {_pct(total.get('matched', 0), n):.1f} % |")
    print(f"| {FIELD_LABELS['precision']} | {_pct(total.get('matched', 0), total.get('other', 0)):.1f} % |")
    for k in MEASURED:
        print(f"| {FIELD_LABELS[k]} | {_pct(total.get(k, 0), n):.1f} % |")


if __name__ == "__main__":
    main()
