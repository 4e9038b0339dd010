"""How far two people's annotations of the same articles agree: the ceiling against which the
draft's agreement is read. An article folder of a set may hold `second.yml`, a second annotator's
blind annotation of it (same format as gold.yml); it is compared with the gold by the same matching
and fields as the draft (`eastwest.draft.agreement`), the gold being the reference.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.yamlio import load_yaml
from eastwest.draft.agreement import COUNTS, MEASURED, TWO_PEOPLE, combined, same_value, side_key, span_of, with_shares
from eastwest.draft.article_sets import articles, overlay_project
from eastwest.draft.source_context import clean_source
from eastwest.sources.provenance import load_records

SECOND = "second.yml"


def _compare(text: str, gold: list[dict], other: list[dict]) -> dict:
    """Counts in the shape `_with_shares` takes: the second annotator's facts as the proposals."""
    counts: dict = {k: 0 for k in COUNTS}
    counts["field_hits"] = {f: 0 for f in MEASURED}
    counts["proposed_facts"] = len(other)
    spans = [span_of(text, str(f.get("quote")), f.get("number")) for f in other]
    used = set()
    for fact in gold:
        counts["curated_facts"] += 1
        span = span_of(text, str(fact.get("quote")), fact.get("number"))
        if span is None:
            continue
        counts["curated_facts_with_number"] += 1
        hit = next((i for i, s in enumerate(spans) if s and s[0] < span[1] and span[0] < s[1]), None)
        if hit is None:
            continue
        used.add(hit)
        counts["curated_facts_matched"] += 1
        o = other[hit]
        for k in MEASURED:
            if k == "value":
                ok = same_value(o.get("value"), fact.get("value"))
            elif k in ("east", "west"):
                ok = side_key(o.get(k)) == side_key(fact.get(k))
            else:
                ok = str(o.get(k)) == str(fact.get(k))
            counts["field_hits"][k] += ok
    counts["proposals_not_curated_facts"] = len(other) - len(used)
    counts["proposals_not_verbatim"] = sum(1 for s in spans if s is None)
    return counts


def annotators_agreement(set_dir: Path, paths: ProjectPaths = PROJECT) -> dict | None:
    """The agreement between the gold and the second annotations of a set's articles that have one,
    or None if none has."""
    total: dict | None = None
    per_source = {}
    for article in articles(set_dir):
        second = article.folder / SECOND
        if not second.exists():
            continue
        with tempfile.TemporaryDirectory(prefix="eastwest-two-") as scratch:
            overlay = overlay_project(paths, [article], Path(scratch), with_annotations=False)
            record = next(r for r in load_records(overlay) if r.source_id == article.source_id)
            text = clean_source(record, overlay).text
        counts = _compare(text, article.gold().get("facts") or [], (load_yaml(second) or {}).get("facts") or [])
        per_source[article.source_id] = {"curated_facts_with_number": counts["curated_facts_with_number"]}
        if total is None:
            total = counts
        else:
            for k in COUNTS:
                total[k] += counts[k]
            for f in MEASURED:
                total["field_hits"][f] += counts["field_hits"][f]
    return None if total is None else with_shares(total, per_source)


def two_people(set_dirs: list[Path], paths: ProjectPaths = PROJECT) -> dict[str, dict]:
    """The column of two people's agreement  over the sets' articles that a
    second annotator annotated blind, if any."""
    found = [r for d in set_dirs if (r := annotators_agreement(d, paths))]
    return {TWO_PEOPLE: combined(found)} if found else {}
