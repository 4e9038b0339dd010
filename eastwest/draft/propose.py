"""Propose annotations for a new source: `python -m eastwest draft SOURCE_ID`.

The draft holds one proposed fact per numeric mention the coverage audit finds (and per number in
`extra_mentions`), and one proposed exclusion per mention that is not a fact and that the build
does not already exclude by itself. A person reviews it; everything uncertain carries a `check:`
note, and the build never reads a draft (`<id>.draft.yml`).

Each proposal is read with small rules kept in data/reference/draft_rules.yml (never in this
package): the number and its qualifier by eastwest.annotate.numerals (cn2an), the unit from the
counter and the noun it counts, status, scope and period from cue words relative to the article's
date, the places from places.yml, the indicator from keywords near the number (eastwest.draft.choose).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml

from eastwest.annotate.mentions import scan
from eastwest.annotate.numerals import PREFIX_QUALIFIERS, NumberFormatError, ParsedNumber, parse_number
from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.draft.choose import Proposal, choose_indicator, choose_status, choose_unit
from eastwest.draft.learned import CONTEXT_BEFORE, learned_indicator
from eastwest.draft.periods import choose_scope_and_period
from eastwest.draft.places import choose_places
from eastwest.draft.quotes import exclusion_context, unique_quote
from eastwest.draft.repeats import drop_repeats
from eastwest.draft.rules import Rules, Words, load_rules
from eastwest.draft.source_context import SourceContext, clean_source, source_context
from eastwest.draft.spots import Spot, exclusion_reason, number_text, one_counts, spot_at
from eastwest.reference.vocabulary import Vocabulary, load_vocabulary
from eastwest.sources.cleaning import CleanResult
from eastwest.sources.provenance import SourceRecord, load_records

CHECK = "check"  # the draft-only key holding review notes
# Stands in a drafted description until a person writes one; `make check` lists the facts that keep it.
DRAFT_DESCRIPTION = "draft: say what is counted, where and when"


def _slug(indicator: str) -> str:
    return indicator.replace("_", "-")


def draft_document(
    record: SourceRecord, clean: CleanResult, vocab: Vocabulary, rules: Rules, words: Words, paths: ProjectPaths
) -> dict:
    """The draft annotation document for one source: {'source_id', 'facts', 'exclusions'}."""
    ctx = source_context(record, clean, vocab, paths)
    text = clean.text
    matches = [(m.start(), m.end(), auto) for m, auto in scan(text)]
    covered = [(s, e) for s, e, _ in matches]
    for pattern in rules.extra_mentions:
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in covered):
                try:
                    parse_number(m.group(0))
                except NumberFormatError:
                    continue
                matches.append((m.start(), m.end(), None))
    matches.sort()
    exclusions: list[dict] = []
    used_ids: set[str] = set()
    totals: list[tuple[Spot, dict]] = []  # facts proposed so far, for the parts of a total
    for start, end, auto in matches:
        spot = spot_at(text, start, end)
        counts = auto == "article" and one_counts(spot, rules)
        if auto and not counts:
            continue  # the build excludes dates, clock times, ordinals and 一 as an article itself
        reason = exclusion_reason(spot, rules)
        if reason:
            context = exclusion_context(text, start, end, rules)
            entry = {"mention": spot.mention, "context": context, "reason": reason}
            if context is None:
                entry["context"] = spot.sentence
                entry[CHECK] = "no unique context found; lengthen it"
            exclusions.append(entry)
            continue
        fact = _propose_fact(spot, ctx, rules, words, used_ids, totals)
        if counts:
            note = f"{spot.mention} read as a count, not the article 'a'; if it is 'a', delete this fact"
            fact[CHECK] = f"{fact[CHECK]}; {note}" if CHECK in fact else note
        totals.append((spot, fact))
    facts, repeated = drop_repeats(totals, rules)
    return {"source_id": record.source_id, "facts": facts, "exclusions": exclusions + repeated}


def _propose_fact(
    spot: Spot, ctx: SourceContext, rules: Rules, words: Words, used_ids: set[str], earlier: list[tuple[Spot, dict]]
) -> dict:
    text = spot.text
    number, number_start = number_text(spot)
    try:
        parsed = parse_number(number)
    except NumberFormatError:
        parsed = ParsedNumber(Decimal(0), None, frozenset(), "")
    p = Proposal(spot, number, parsed, number_start)
    quote = unique_quote(text, number_start, number_start + len(number), rules)
    if quote is None:
        quote = spot.sentence
        p.checks.append("no unique clause around the number; lengthen the quote")
    q_start = text.find(quote)
    # the number must occur once in its quote: lengthen it with the words after it if needed
    while quote.count(number) > 1 or quote.find(number) != number_start - q_start:
        nxt = number_start + len(number)
        if nxt >= q_start + len(quote) or text[nxt] in rules.delimiters:
            p.checks.append("the number occurs twice in its quote; choose a longer number text")
            break
        number += text[nxt]
    p.number = number

    unit = choose_unit(p, rules)
    p.fact["unit"] = unit
    qualifiers = sorted(parsed.qualifiers)
    if len(qualifiers) > 1:
        prefix_q = next(
            (PREFIX_QUALIFIERS[w] for w in sorted(PREFIX_QUALIFIERS, key=len, reverse=True) if number.startswith(w)), None
        )
        qualifier = prefix_q if prefix_q in qualifiers else qualifiers[0]
        p.checks.append(f"{number!r} reads as {' and '.join(qualifiers)}; {qualifier} chosen")
    else:
        qualifier = qualifiers[0] if qualifiers else "exact"
    status = choose_status(p, rules, words, ctx)
    p.fact["status"] = status
    part = _part_of_total(spot, rules)
    total = _total_of(spot, unit, earlier) if part else None
    indicator, theme = choose_indicator(
        p,
        rules,
        ctx.vocab,
        total,
        lambda: learned_indicator(ctx.record.source_id, text[max(0, q_start - CONTEXT_BEFORE) : q_start], quote, unit),
    )
    east, west = choose_places(spot, theme, ctx, rules, p.checks)
    p.fact["east"], p.fact["west"] = east, west  # a running total starts with the pairing of these places
    scope, period, inferred = choose_scope_and_period(p, ctx, rules, words, indicator)
    flags = []
    if inferred:
        flags.append("period_inferred")
        if ctx.article_estimated and period != "unknown":
            p.checks.append(f"period worked out from an estimated article date ({ctx.article})")
    if part:
        flags.append("part_of_total")
        p.checks.append(f"a part of a total ({part}): write the part counted in breakdown")
    if "[garbled]" in spot.sentence:
        flags.append("garbled_nearby")
    if parsed.value == 0 and not re.search(r"[0〇零]", number):
        p.checks.append(f"the number parser cannot read {number!r}; fix number and value")

    slug = f"{ctx.record.fact_prefix}-{_slug(indicator)}"
    fact_id, n = slug, 2
    while fact_id in used_ids:
        fact_id, n = f"{slug}-{n}", n + 1
    used_ids.add(fact_id)
    label = ctx.vocab.indicators[indicator].label_en
    fact = {
        "id": fact_id,
        "quote": quote,
        "number": number,
        "value": _plain(parsed.value),
        "value_high": _plain(parsed.value_high),
        "unit": unit,
        "qualifier": qualifier,
        "status": status,
        "indicator": indicator,
        "breakdown": "",
        "description": f"{label} ({DRAFT_DESCRIPTION})",
        "theme": theme,
        "east": east,
        "west": west,
        "period": period,
        "scope": scope,
        "flags": flags,
    }
    if p.checks:
        fact[CHECK] = "; ".join(dict.fromkeys(p.checks))
    return fact


def _part_of_total(spot: Spot, rules: Rules) -> str:
    """The cue (其中, 含, 包括, 分别, 另有…) saying the number is a part of a total: in its clause
    before it, or alone as the clause before; '' if none."""
    clauses = re.split(r"[，,；;：:]", spot.before)
    for clause in (clauses[-1], clauses[-2] if len(clauses) > 1 else ""):
        if m := rules.part_of_total.search(clause.strip()):
            return m[0]
    if m := rules.breakdown_opens.search(spot.before):
        return m[0]
    return ""


def _total_of(spot: Spot, unit: str | None, earlier: list[tuple[Spot, dict]]) -> tuple[str, str] | None:
    """The indicator and theme of the total a part belongs to: the last fact before it in its
    sentence (else its paragraph) with the same unit that is not itself a part."""
    same_para = [
        (s, f) for s, f in earlier if s.para_start == spot.para_start and f["unit"] == unit and "part_of_total" not in f["flags"]
    ]
    if not same_para:
        return None
    _, fact = same_para[-1]
    return fact["indicator"], fact["theme"]


def _plain(value: Decimal | None):
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


HEADER = """\
# DRAFT annotations proposed by `make draft ID={source_id}`: review every entry.
# The build never reads this file. To use it: copy it to {source_id}.yml (keep this draft beside
# it while you review: `make check ID={source_id}` then also lists what review changed),
# fix or delete each fact, resolve and delete every `check:` note, write each `description`, set
# `breakdown` where a fact counts a part or a side, and list what the build still reports as
# unaccounted. Rules: data/annotations/README.md; drafting rules: data/reference/draft_rules.yml.
"""


def dump_draft(document: dict) -> str:
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)
    return HEADER.format(source_id=document["source_id"]) + body


def _load_context(paths: ProjectPaths, source_id: str) -> tuple[SourceRecord, Vocabulary]:
    records = {r.source_id: r for r in load_records(paths)}
    if source_id not in records:
        raise DataError(f"unknown source id {source_id!r}: add its provenance record to {paths.provenance} first")
    vocab = load_vocabulary(paths)
    return records[source_id], vocab


def draft_source(source_id: str, paths: ProjectPaths = PROJECT) -> dict:
    """The draft document for one source with a provenance record, in memory (nothing written)."""
    record, vocab = _load_context(paths, source_id)
    return draft_document(record, clean_source(record, paths), vocab, load_rules(paths, vocab), Words(paths.root), paths)


def write_draft(source_id: str, paths: ProjectPaths = PROJECT, force: bool = False, out: Path | None = None) -> tuple[Path, dict]:
    """Clean the seed, write data/clean/<id>.txt and the draft; return the draft's path and document."""
    from eastwest.core.files import write_text
    from eastwest.dataset.builder import SourceBuild, write_new_clean_text

    record, vocab = _load_context(paths, source_id)
    target = out or paths.annotation_draft(source_id)
    if target.exists() and not force:
        raise DataError(f"{target} exists; pass --force to overwrite it (the curated {source_id}.yml is never touched)")
    if target.resolve() == paths.annotation_file(source_id).resolve():
        raise DataError(f"refusing to write a draft over the curated {target}")
    clean = clean_source(record, paths)
    write_new_clean_text(SourceBuild(record, clean, [], [], []), paths)  # like `check`: a new source's text only
    document = draft_document(record, clean, vocab, load_rules(paths, vocab), Words(paths.root), paths)
    write_text(target, dump_draft(document))
    return target, document
