"""The draft's agreement with the curated annotations, the answer key.

`agreement()` drafts every curated source from scratch (in memory) and compares the proposals with
the curated annotations: `make bench` prints it and writes it for the method page.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from eastwest.annotate.annotations import validate_fact
from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.yamlio import load_yaml
from eastwest.draft.article_sets import articles, overlay_project
from eastwest.draft.propose import CHECK, draft_document
from eastwest.draft.rules import Words, load_rules
from eastwest.draft.source_context import clean_source
from eastwest.reference.vocabulary import load_vocabulary
from eastwest.sources.provenance import load_records

MEASURED = ("value", "unit", "qualifier", "status", "scope", "theme", "indicator", "period", "east", "west")
# What a careful curator's annotations of an article the rules never saw should agree with (shares in
# percent): recall = curated facts the draft proposed at the same place; precision = proposals that
# are curated facts; the fields = curated facts whose field the draft got right.
TARGETS = {
    "recall": 95.0,
    "precision": 90.0,
    "value": 95.0,
    "unit": 95.0,
    "qualifier": 95.0,
    "status": 95.0,
    "scope": 85.0,
    "theme": 85.0,
    "indicator": 85.0,
    "period": 75.0,
    "east": 85.0,
    "west": 90.0,
}


def span_of(text: str, quote: str, number: str | None) -> tuple[int, int] | None:
    if not number:
        return None
    q = text.find(quote)
    if q < 0:
        return None
    n = quote.find(str(number))
    return (q + n, q + n + len(str(number))) if n >= 0 else None


def same_value(a, b) -> bool:
    if a in (None, "") or b in (None, ""):
        return a in (None, "") and b in (None, "")
    return Decimal(str(a)) == Decimal(str(b))


def side_key(value) -> tuple[str, ...]:
    """A side of a fact as a comparable key: one place, several together (any order), or none."""
    if value in (None, ""):
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(sorted(str(v) for v in value))
    return (str(value),)


def agreement(paths: ProjectPaths = PROJECT, only: set[str] | None = None) -> dict:
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
        if only is not None and record.source_id not in only:
            continue
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
            spans.append(span_of(text, quote, number))
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
        differences = []
        for fact in curated.get("facts") or []:
            curated_n += 1
            span = span_of(text, str(fact.get("quote")), fact.get("number"))
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
                "value": same_value(proposal["value"], fact.get("value"))
                and same_value(proposal["value_high"], fact.get("value_high")),
                **{k: proposal.get(k) == fact.get(k) for k in MEASURED if k not in ("value", "period", "east", "west")},
                "period": str(proposal.get("period")) == str(fact.get("period")),
                "east": side_key(proposal.get("east")) == side_key(fact.get("east")),
                "west": side_key(proposal.get("west")) == side_key(fact.get("west")),
            }
            for k, ok in right.items():
                totals[k] += ok
                source_hits[k] += ok
                if not ok:
                    differences.append((str(fact.get("id")), k, proposal.get(k), fact.get(k)))
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
            "proposed_facts": len(proposals),
            "proposals_not_curated_facts": len(proposals) - len(used),
            "recall": _pct(len(used), source_with_number),
            "precision": _pct(len(used), len(proposals)),
            **{k: _pct(v, source_with_number) for k, v in source_hits.items()},
            "differences": differences,
        }
    counts = {
        "field_hits": totals,
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
    }
    return with_shares(counts, per_source)


COUNTS = (
    "curated_facts",
    "curated_facts_with_number",
    "curated_facts_matched",
    "proposed_facts",
    "proposals_not_curated_facts",
    "proposals_passing_build_checks",
    "proposals_not_verbatim",
    "proposed_exclusions",
    "proposed_exclusions_same_reason_as_curated",
)


def with_shares(counts: dict, per_source: dict) -> dict:
    """The result of a measurement: its counts, the shares in percent and the targets met."""
    with_number, matched = counts["curated_facts_with_number"], counts["curated_facts_matched"]
    shares = {
        "recall": _pct(matched, with_number),
        "precision": _pct(matched, counts["proposed_facts"]),
        **{k: _pct(v, with_number) for k, v in counts["field_hits"].items()},
    }
    return {
        "shares_percent": shares,
        "targets_percent": TARGETS,
        "targets_met": {k: shares[k] >= t for k, t in TARGETS.items()},
        **counts,
        "per_source": per_source,
        "sources": len(per_source),
    }


def combined(results: list[dict]) -> dict:
    """Several measurements as one (counts added, shares recomputed)."""
    counts: dict = {k: sum(r[k] for r in results) for k in COUNTS}
    counts["field_hits"] = {f: sum(r["field_hits"][f] for r in results) for f in MEASURED}
    return with_shares(counts, {sid: v for r in results for sid, v in r["per_source"].items()})


def _pct(n: int, d: int) -> float:
    return round(100.0 * n / d, 1) if d else 0.0


# The article sets kept beside the tests (relative to the project root), by the name the tables print:
# the development set the rules are tuned on, and the held-out set they never are.
ARTICLE_SETS = {"Development": "tests/fixtures/devset", "Held-out": "tests/fixtures/heldout"}
# The column of a second person's blind annotations compared with the gold (the ceiling)
TWO_PEOPLE = "Two people"

FIELD_LABELS = {
    "recall": "curated facts found (recall)",
    "precision": "proposals that are facts (precision)",
    "value": "value",
    "unit": "unit",
    "qualifier": "qualifier",
    "status": "status (achieved, planned…)",
    "scope": "scope (annual, cumulative…)",
    "theme": "theme",
    "indicator": "indicator",
    "period": "period",
    "east": "helping side",
    "west": "receiving side",
}


def set_agreement(set_dir: Path, paths: ProjectPaths = PROJECT) -> dict:
    """The agreement on a set of article folders (eastwest.draft.article_sets): each article drafted
    in its own scratch copy of the project's inputs, as if it were the one added; the project's own
    sources are not counted."""
    results = []
    for article in articles(set_dir):
        with tempfile.TemporaryDirectory(prefix="eastwest-set-") as scratch:
            overlay = overlay_project(paths, [article], Path(scratch), with_annotations=False)
            results.append(agreement(overlay, only={article.source_id}))
    return combined(results)


def agreement_table(results: dict[str, dict]) -> list[str]:
    """Markdown table rows: one column per measured set (name -> agreement), then the target."""
    names = list(results)
    lines = [
        "| Field | " + " | ".join(names) + " | Target |",
        "|---|" + "---|" * len(names) + "---|",
    ]
    for key, label in FIELD_LABELS.items():
        cells = [f"{r['shares_percent'][key]:.1f} %" for r in results.values()]
        target = TARGETS.get(key)
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {f'≥ {target:.0f} %' if target else '—'} |")
    lines.append(
        "| facts with a number (articles) | "
        + " | ".join(f"{r['curated_facts_with_number']} ({r['sources']})" for r in results.values())
        + " | |"
    )
    lines.append("| quotes not verbatim | " + " | ".join(str(r["proposals_not_verbatim"]) for r in results.values()) + " | 0 |")
    return lines


def _listed(labels: list[str]) -> str:
    """'A', 'A and B', 'A; B; and C' (semicolons, since labels such as 'scope (annual, cumulative…)' hold commas)."""
    return " and ".join(labels) if len(labels) < 3 else "; ".join(labels[:-1]) + "; and " + labels[-1]


def agreement_markdown(results: dict[str, dict], measured_on: str) -> str:
    """The agreement on each measured set as a markdown table for the method page (written by `make bench`)."""
    lines = [
        f"Measured on {measured_on} by `make bench` (`python -m eastwest agreement` prints the same table). "
        "*Seeds* are the book's sources, from which the drafting rules were first written; *Development* are "
        "articles written for the project in the genre's other forms (government notices, portal reprints, "
        "reports on several partners, plans, traditional-script reposts…), on which the rules are tuned; "
        "*Held-out* are articles written the same way that the rules are never tuned on. Each article is drafted from scratch and compared with the "
        "annotations a person made by hand: *recall* is the share of hand-annotated facts with a number that the "
        "draft proposed at the same place in the text, *precision* the share of proposals that are such facts, and "
        "each field the share of hand-annotated facts whose field the draft got right. The targets are those the "
        "drafting rules must meet on articles they were not written from. *Two people* compares, on the "
        "development articles a second annotator annotated blind, that person's annotations with the gold "
        "in the same way: how far two careful people agree.",
        "",
        *agreement_table(results),
    ]
    held = results.get("Held-out")
    if held:
        # every row of the table with a target: the shares' targets and "quotes not verbatim: 0"
        met = {FIELD_LABELS[k]: ok for k, ok in held["targets_met"].items()}
        met["quotes not verbatim"] = held["proposals_not_verbatim"] == 0
        missed = [label for label, ok in met.items() if not ok]
        lines += [
            "",
            f"On the held-out articles the draft meets {len(met) - len(missed)} of the {len(met)} targets in the table"
            + (f"; it falls short on {_listed(missed)}." if missed else "."),
        ]
    return "\n".join(lines) + "\n"
