"""What review changed: how the reviewed facts of a source differ from its draft's."""

from __future__ import annotations

from decimal import Decimal

from eastwest.annotate.annotations import FACT_FIELDS
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.yamlio import load_yaml

DIFF_FIELDS = tuple(f for f in FACT_FIELDS if f not in ("id",))


def review_diff(draft: dict, reviewed: dict) -> list[str]:
    """Lines saying how the reviewed facts differ from the draft's: added, removed, fields changed."""
    old = list(draft.get("facts") or [])
    new = list(reviewed.get("facts") or [])

    def key_number(f):
        return (str(f.get("quote")), str(f.get("number")))

    def same_spot(a, b) -> bool:  # the same number in overlapping quotes (review often trims or lengthens them)
        (qa, na), (qb, nb) = key_number(a), key_number(b)
        return (qa in qb or qb in qa) and (na in nb or nb in na) and "None" not in (na, nb)

    matched, lines = [], []
    old_by_id = {f.get("id"): f for f in old}
    old_by_quote = {key_number(f): f for f in old}
    used = set()
    for f in new:
        partner = old_by_id.get(f.get("id"))
        if partner is None or id(partner) in used:
            partner = old_by_quote.get(key_number(f))
        if partner is None or id(partner) in used:
            partner = next((o for o in old if id(o) not in used and same_spot(o, f)), None)
        if partner is None or id(partner) in used:
            lines.append(f"added {f.get('id')}: {f.get('number')} in {f.get('quote')!r}")
            continue
        used.add(id(partner))
        matched.append((partner, f))
    for f in old:
        if id(f) not in used:
            lines.append(f"removed {f.get('id')}: {f.get('number')} in {f.get('quote')!r}")
    for before, after in matched:
        changes = []
        if before.get("id") != after.get("id"):
            changes.append(f"id {before.get('id')} → {after.get('id')}")
        for name in DIFF_FIELDS:
            a, b = before.get(name), after.get(name)
            if name == "flags":
                a, b = sorted(a or []), sorted(b or [])
            elif name in ("value", "value_high"):
                a = None if a in (None, "") else Decimal(str(a))
                b = None if b in (None, "") else Decimal(str(b))
            elif name == "breakdown":
                a, b = a or "", b or ""
            if a != b:
                changes.append("description" if name == "description" else f"{name} {_short(a)} → {_short(b)}")
        if changes:
            lines.append(f"changed {after.get('id')}: " + "; ".join(changes))
    old_ex = {(e.get("mention"), e.get("context")) for e in draft.get("exclusions") or []}
    new_ex = {(e.get("mention"), e.get("context")) for e in reviewed.get("exclusions") or []}
    if new_ex - old_ex or old_ex - new_ex:
        lines.append(f"exclusions: {len(new_ex - old_ex)} added, {len(old_ex - new_ex)} removed")
    return lines


def _short(value) -> str:
    text = "null" if value is None else str(value) if not isinstance(value, list) else "[" + ", ".join(map(str, value)) + "]"
    return text if len(text) <= 40 else text[:37] + "…"


def print_review_diff(source_id: str, paths: ProjectPaths = PROJECT) -> None:
    """When a draft lies beside the curated file, say what review changed (a short diff)."""
    draft, curated = paths.annotation_draft(source_id), paths.annotation_file(source_id)
    if not (draft.exists() and curated.exists()):
        return
    lines = review_diff(load_yaml(draft) or {}, load_yaml(curated) or {})
    print(f"changed under review (against {draft.name}): " + ("nothing" if not lines else f"{len(lines)} change(s)"))
    for line in lines:
        print("  ", line)
