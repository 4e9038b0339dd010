"""The draft's agreement with the curated annotations, the answer key.

`agreement()` drafts every curated source from scratch (in memory) and compares the proposals with
the curated annotations: `make bench` prints it and writes it for the method page.
"""

from __future__ import annotations

from decimal import Decimal

from eastwest.annotate.annotations import validate_fact
from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.yamlio import load_yaml
from eastwest.draft.propose import CHECK, draft_document
from eastwest.draft.rules import Words, load_rules
from eastwest.draft.source_context import clean_source
from eastwest.reference.vocabulary import load_vocabulary
from eastwest.sources.provenance import load_records

MEASURED = ("value", "unit", "qualifier", "status", "scope", "theme", "indicator", "period", "east", "west")
TARGETS = {"value": 95.0, "unit": 95.0, "qualifier": 95.0, "status": 90.0, "scope": 90.0, "theme": 85.0, "indicator": 70.0}


def _span(text: str, quote: str, number: str | None) -> tuple[int, int] | None:
    if not number:
        return None
    q = text.find(quote)
    if q < 0:
        return None
    n = quote.find(str(number))
    return (q + n, q + n + len(str(number))) if n >= 0 else None


def _same_value(a, b) -> bool:
    if a in (None, "") or b in (None, ""):
        return a in (None, "") and b in (None, "")
    return Decimal(str(a)) == Decimal(str(b))


def agreement(paths: ProjectPaths = PROJECT) -> dict:
    """Draft every curated source from scratch (in memory) and compare with its curated facts.

    Proposals are matched to curated facts by number span: the curated `number` located in its
    `quote` in the clean text, overlapping the proposal's number. A curated fact no proposal
    overlaps counts as wrong on every field. Returns shares in percent and the counts behind them.
    """
    vocab = load_vocabulary(paths)
    rules = load_rules(paths, vocab)
    words = Words(paths.root)
    totals = {f: 0 for f in MEASURED}
    curated_n = with_number = matched_n = proposals_n = extra = not_verbatim = unflagged = passes_build = 0
    excl_agree = excl_n = 0
    per_source = {}
    for record in load_records(paths):
        path = paths.annotation_file(record.source_id)
        if not path.exists():
            continue
        curated = load_yaml(path) or {}
        clean = clean_source(record, paths)
        text = clean.text
        document = draft_document(record, clean, vocab, rules, words, paths)
        proposals = document["facts"]
        proposals_n += len(proposals)
        spans = []
        for f in proposals:
            quote, number = f["quote"], f["number"]
            ok = text.count(quote) == 1 and quote.count(number) == 1 and "\n" not in quote
            not_verbatim += not ok
            unflagged += not ok and CHECK not in f  # a quote it could not make unique, not flagged for review
            spans.append(_span(text, quote, number))
            probe = {k: v for k, v in f.items() if k != CHECK}
            try:
                validate_fact(probe, text, vocab, record.fact_prefix, path)
                passes_build += 1
            except DataError:
                pass
        for e in document["exclusions"]:
            ok = text.count(e["context"]) == 1 and e["mention"] in e["context"]
            not_verbatim += not ok
            unflagged += not ok and CHECK not in e
        used = set()
        source_hits = {f: 0 for f in MEASURED}
        source_with_number = 0
        for fact in curated.get("facts") or []:
            curated_n += 1
            span = _span(text, str(fact.get("quote")), fact.get("number"))
            if span is None:
                continue  # a number lost by the source: nothing to draft from
            with_number += 1
            source_with_number += 1
            hit = next((i for i, s in enumerate(spans) if s and s[0] < span[1] and span[0] < s[1]), None)
            if hit is None:
                continue
            used.add(hit)
            matched_n += 1
            proposal = proposals[hit]
            right = {
                "value": _same_value(proposal["value"], fact.get("value"))
                and _same_value(proposal["value_high"], fact.get("value_high")),
                **{k: proposal.get(k) == fact.get(k) for k in MEASURED if k not in ("value", "period")},
                "period": str(proposal.get("period")) == str(fact.get("period")),
            }
            for k, ok in right.items():
                totals[k] += ok
                source_hits[k] += ok
        extra += len(proposals) - len(used)
        curated_excl = [(e.get("mention"), e.get("context"), e.get("reason")) for e in curated.get("exclusions") or []]
        for e in document["exclusions"]:
            start = text.find(e["context"]) + e["context"].find(e["mention"])
            excl_n += 1
            for mention, context, reason in curated_excl:
                c = text.find(str(context))
                if c < 0:
                    continue
                s = c + str(context).find(str(mention))
                if s < start + len(e["mention"]) and start < s + len(str(mention)):
                    excl_agree += reason == e["reason"]
                    break
        per_source[record.source_id] = {
            "curated_facts_with_number": source_with_number,
            **{k: _pct(v, source_with_number) for k, v in source_hits.items()},
        }
    shares = {k: _pct(v, with_number) for k, v in totals.items()}
    return {
        "shares_percent": shares,
        "targets_percent": TARGETS,
        "targets_met": {k: shares[k] >= t for k, t in TARGETS.items()},
        "curated_facts": curated_n,
        "curated_facts_with_number": with_number,
        "curated_facts_matched": matched_n,
        "proposed_facts": proposals_n,
        "proposals_not_curated_facts": extra,
        "proposals_passing_build_checks": passes_build,
        "proposals_not_verbatim": not_verbatim,
        "proposals_not_verbatim_unflagged": unflagged,
        "proposed_exclusions": excl_n,
        "proposed_exclusions_same_reason_as_curated": excl_agree,
        "per_source": per_source,
        "sources": len(per_source),
    }


def _pct(n: int, d: int) -> float:
    return round(100.0 * n / d, 1) if d else 0.0


def agreement_markdown(result: dict, measured_on: str) -> str:
    """The agreement as a short markdown table for the method page (written by `make bench`)."""
    s = result["shares_percent"]
    rows = [
        ("value", "value"),
        ("unit", "unit"),
        ("qualifier", "qualifier"),
        ("status", "status"),
        ("scope", "scope"),
        ("theme", "theme"),
        ("indicator", "indicator"),
        ("period", "period"),
    ]
    lines = [
        f"Measured on {measured_on} by `make bench` over the {result['sources']} curated sources: "
        f"{result['curated_facts_with_number']} curated facts with a number, of which the draft proposed "
        f"{result['curated_facts_matched']} at the same place in the text; it also proposed "
        f"{result['proposals_not_curated_facts']} facts that the curated files exclude or do not have. "
        f"Quotes or numbers not verbatim: {result['proposals_not_verbatim']}.",
        "",
        "| Field | Curated facts the draft got right | Target |",
        "|---|---|---|",
    ]
    for key, label in rows:
        target = TARGETS.get(key)
        lines.append(f"| {label} | {s[key]:.1f} % | {f'≥ {target:.0f} %' if target else '—'} |")
    return "\n".join(lines) + "\n"
