"""Build the dataset in data/ from seeds, provenance, annotations and reference files."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pandera.errors as pa_errors

from eastwest.annotate.annotations import (
    Annotations,
    claimed_span,
    exclusion_spans,
    load_annotations,
    locate_once,
    period_problem,
    validate_fact,
)
from eastwest.annotate.mentions import Mention, audit
from eastwest.core import plaintext
from eastwest.core.errors import DataError
from eastwest.core.files import build_lock, csv_text, json_text, publish, write_text
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.yamlio import load_yaml
from eastwest.dataset.schema import FACT_COLUMNS, facts_schema
from eastwest.reader.spreadsheet import plain_numbers
from eastwest.reader.wording import label_suffixes
from eastwest.reference.context import check_context
from eastwest.reference.indicators import OTHER_PREFIX
from eastwest.reference.vocabulary import Vocabulary, load_vocabulary
from eastwest.sources.cleaning import GARBLED_MARK, CleanResult
from eastwest.sources.corpus import clean_corpus, clean_text_outputs, quality_log_text
from eastwest.sources.provenance import SourceRecord, check_pairings_defined

_SENTENCE_END = re.compile(r"[。！？!?;；\n]")


@dataclass
class SourceBuild:
    record: SourceRecord
    clean: CleanResult
    facts: list[dict]
    mentions: list[Mention]
    errors: list[str]


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return left, (right.end() if right else len(text))


def build_source(record: SourceRecord, clean: CleanResult, vocab: Vocabulary, paths: ProjectPaths) -> SourceBuild:
    """Validate one source's annotations, collecting every problem rather than the first."""
    errors: list[str] = []
    path = paths.annotation_file(record.source_id)
    if not path.exists():
        raise DataError(f"{path}: no annotation file for source {record.source_id} (add one, even with no facts)")
    annotations: Annotations = load_annotations(path, record.source_id)
    facts = []
    rejected: list[tuple[int, int]] = []  # spans claimed by rejected entries: no follow-on errors there
    for fact in annotations.facts:
        try:
            row = validate_fact(fact, clean.text, vocab, record.fact_prefix, path)
        except DataError as exc:
            errors.append(str(exc))
            rejected += claimed_span(clean.text, fact.get("quote"), fact.get("number"))
            continue
        left, right = _sentence_around(clean.text, row["quote_start"], row["quote_end"])
        if GARBLED_MARK in clean.text[left:right] and "garbled_nearby" not in row["flags"].split(";"):
            errors.append(f"{path}: fact {row['fact_id']!r}: its sentence contains {GARBLED_MARK}; add the flag garbled_nearby")
        facts.append({"source_id": record.source_id, **row})
    exclusions = exclusion_spans(annotations, clean.text, vocab, errors)
    rejected += [(start, end) for start, end, reason in exclusions if reason == "rejected"]
    exclusions = [span for span in exclusions if span[2] != "rejected"]
    mentions = audit(clean.text, facts, exclusions)
    for m in mentions:
        if m.status == "unaccounted" and not any(start <= m.start and m.end <= end for start, end in rejected):
            context = clean.text[max(0, m.start - 12) : m.end + 8].replace("\n", " ")
            errors.append(
                f"{path}: mention {m.text!r} at offset {m.start} is neither in a fact nor excluded (context: {context!r})"
            )
    return SourceBuild(record, clean, facts, mentions, errors)


def _pairings_table(vocab: Vocabulary, texts: dict[str, str], paths: ProjectPaths) -> pd.DataFrame:
    raw = load_yaml(paths.pairings_input)
    if not isinstance(raw, dict) or not isinstance(raw.get("pairings"), list):
        raise DataError(f"{paths.pairings_input}: expected a mapping with a 'pairings' list")
    rows = []
    seen: set[str] = set()
    for index, entry in enumerate(raw["pairings"]):
        if not isinstance(entry, dict):
            raise DataError(
                f"{paths.pairings_input}: pairing #{index + 1} is not a mapping (write id:, east:, west:, ... under it)"
            )
        where = f"{paths.pairings_input}: pairing {entry.get('id')!r}"
        if not entry.get("id"):
            raise DataError(
                f"{paths.pairings_input}: a pairing without an id (east {entry.get('east')!r}, west {entry.get('west')!r}): give it one"
            )
        if not isinstance(entry["id"], str) or not PAIRING_ID.fullmatch(entry["id"]):
            raise DataError(f"{where}: an id is lowercase letters and digits joined by '-' (east-west, e.g. suzhou-tongren)")
        if entry["id"] in seen:
            raise DataError(f"{where} is defined twice: keep one entry per id")
        seen.add(entry["id"])
        vocab.check_place(entry.get("east"), where)
        vocab.check_place(entry.get("west"), where)
        for key in ("note", "start_quote", "start_source"):
            if entry.get(key) is not None and not isinstance(entry[key], str):
                raise DataError(f"{where}: {key} must be a text on one line, not {entry[key]!r}")
            trouble = plaintext.problem(entry.get(key))
            if trouble:
                raise DataError(f"{where}: {key} {trouble}")
        entry["start_date"] = _start_date(entry.get("start_date"), where)
        if not isinstance(entry.get("relationship"), str) or entry["relationship"] not in RELATIONSHIPS:
            raise DataError(f"{where}: unknown relationship {entry.get('relationship')!r} (allowed: {', '.join(RELATIONSHIPS)})")
        start_flags = entry.get("start_flags") or []
        if not isinstance(start_flags, list):
            raise DataError(f"{where}: start_flags must be a list, e.g. [year_missing_in_source]")
        for flag in start_flags:
            vocab.check("flags", flag, where)
        if start_flags and not entry.get("start_quote"):
            raise DataError(f"{where}: start_flags describe the start sentence; give its start_quote")
        quote_start: int | str = ""  # an offset, or empty when there is no start sentence
        if entry.get("start_quote"):
            source = entry.get("start_source")
            if source not in texts:
                raise DataError(f"{where}: start_source {source!r} is not a known source id")
            try:
                quote_start = locate_once(texts[source], entry["start_quote"], where, "start_quote")
            except DataError as exc:  # the clean text differs from the raw seed: point at the one to copy from
                raise DataError(f"{exc}; copy the start sentence from {paths.clean_text(source)}") from None
        rows.append(
            {
                "pairing_id": entry["id"],
                "east": entry["east"],
                "west": entry["west"],
                "relationship": entry["relationship"],
                "relationship_zh": RELATIONSHIPS[entry["relationship"]],
                "start_date": entry["start_date"],
                "start_source": entry.get("start_source") or "",
                "start_quote": entry.get("start_quote") or "",
                "start_quote_start": quote_start,
                "start_flags": ";".join(start_flags),
                "note": entry.get("note") or "",
            }
        )
    return pd.DataFrame(rows)


PAIRING_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # its page is pairings/<id>.html
_START_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _start_date(value, where: str) -> str:
    """A pairing's start_date as YYYY, YYYY-MM or YYYY-MM-DD ('' when the sources do not date it)."""
    if value in (None, ""):
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)  # 2017-03-01 unquoted is a YAML date
    if isinstance(value, bool) or not _START_DATE.fullmatch(text):
        raise DataError(
            f"{where}: start_date {value!r} must be written YYYY, YYYY-MM or YYYY-MM-DD "
            "(2017年3月 is written 2017-03); leave it empty if the sources do not date the start"
        )
    trouble = period_problem(text)
    if trouble:
        raise DataError(f"{where}: start_date {trouble.removeprefix('period ')}")
    return text


RELATIONSHIPS = {
    "east_west_cooperation": "东西部扶贫协作",
    "north_south_linkage": "南北挂钩",
    "xinjiang_aid": "援疆",
    "tibet_aid": "援藏",
    "counterpart_assistance": "对口帮扶",
}


def _sources_table(records: list[SourceRecord], builds: dict[str, SourceBuild]) -> pd.DataFrame:
    rows = []
    suffixes = label_suffixes([r.model_dump() for r in records])
    for r in records:
        row = r.model_dump()
        row["label_suffix"] = suffixes[r.source_id]
        row["pairings"] = ";".join(r.pairings)
        row["facts"] = len(builds[r.source_id].facts)
        row["clean_chars"] = len(builds[r.source_id].clean.text)
        rows.append(row)
    return pd.DataFrame(rows)


INDICATOR_COLUMNS = [
    "indicator",
    "label_en",
    "label_zh",
    "definition",
    "unit",
    "theme",
    "area",
    "direction",
    "comparability",
    "facts",
    "sources",
]


def _indicators_table(vocab: Vocabulary, facts: pd.DataFrame) -> pd.DataFrame:
    """The indicator vocabulary in file order, with how many facts and sources use each."""
    used = facts.groupby("indicator").agg(facts=("fact_id", "count"), sources=("source_id", "nunique"))
    rows = [
        {
            "indicator": i.id,
            **i.model_dump(exclude={"id"}),
            "facts": int(used["facts"].get(i.id, 0)),
            "sources": int(used["sources"].get(i.id, 0)),
        }
        for i in vocab.indicators.values()
    ]
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS)


def _facts_frame(facts: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(facts, columns=list(FACT_COLUMNS))
    for column in ("value", "value_high", "number_start", "number_end"):
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="raise").astype(float)
    frame["quote_start"] = frame["quote_start"].astype(int)
    frame["quote_end"] = frame["quote_end"].astype(int)
    for column in FACT_COLUMNS:
        if frame[column].dtype == object:
            frame[column] = frame[column].astype(str)
    return frame.sort_values(["source_id", "quote_start", "number_start", "fact_id"], kind="stable").reset_index(drop=True)


def collect(paths: ProjectPaths = PROJECT, only: str | None = None):
    records, cleaned = clean_corpus(paths)
    vocab = load_vocabulary(paths)
    builds = {}
    for record in records:
        if only and record.source_id != only:
            continue
        builds[record.source_id] = build_source(record, cleaned[record.source_id], vocab, paths)
    return records, cleaned, vocab, builds


MAX_ERRORS_SHOWN = 50


def _error_report(errors: list[str], paths: ProjectPaths) -> str:
    """The first problems in the message; all of them in data/.build-errors.txt when there are many."""
    head = f"{len(errors)} problem(s) in the annotations:\n" + "\n".join(f"  - {e}" for e in errors[:MAX_ERRORS_SHOWN])
    if len(errors) <= MAX_ERRORS_SHOWN:
        return head
    log = paths.data / ".build-errors.txt"
    write_text(log, "\n".join(errors) + "\n")
    return head + f"\n  … and {len(errors) - MAX_ERRORS_SHOWN} more; all {len(errors)} are listed in {log}"


def _id_lines(fact_id: str, source_ids, paths: ProjectPaths) -> list[str]:
    """file:line of every `id: <fact_id>` in the annotation files of these sources."""
    places = []
    for sid in sorted(source_ids):
        path = paths.annotation_file(sid)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.fullmatch(rf"\s*-?\s*id:\s*['\"]?{re.escape(fact_id)}['\"]?\s*", line):
                places.append(f"{path}:{number}")
    return places or [str(paths.annotation_file(s)) for s in sorted(source_ids)]


def write_new_clean_text(source: SourceBuild, paths: ProjectPaths = PROJECT):
    """For `check`: write the clean text of a source that has no published facts yet, so its
    contributor can annotate from it; a published source's text changes only with `build`."""
    target = paths.clean_text(source.record.source_id)
    published = paths.facts_csv.exists() and source.record.source_id in set(
        pd.read_csv(paths.facts_csv, usecols=["source_id"], dtype=str)["source_id"]
    )
    if published or (target.exists() and target.read_text(encoding="utf-8") == source.clean.text):
        return None
    write_text(target, source.clean.text)
    return target


def build(paths: ProjectPaths = PROJECT) -> dict:
    """Validate everything, then publish every table and clean text at once (see eastwest.core.files):
    a failed or interrupted build leaves the previous dataset as it was."""
    with build_lock(paths.data):
        outputs, stale, report = _render(paths)
        publish(paths.data, outputs, stale)
    return report


def _render(paths: ProjectPaths) -> tuple[dict, list, dict]:
    """Every output of the build, in memory: {path: text}, the files to delete, and the report."""
    records, cleaned, vocab, builds = collect(paths)  # collect refuses symbolic links first (clean_corpus)
    errors = [e for b in builds.values() for e in b.errors]
    known = {r.source_id for r in records}
    errors += [
        f"{p}: annotations for an unknown source id {p.stem!r} (no seed or provenance record)"
        for p in paths.annotation_files()
        if p.stem not in known
    ]
    all_facts = [f for b in builds.values() for f in b.facts]
    sources_of = defaultdict(set)
    for f in all_facts:
        sources_of[f["fact_id"]].add(f["source_id"])
    counts = Counter(f["fact_id"] for f in all_facts)
    errors += [
        f"duplicate fact_id {i!r} at " + ", ".join(_id_lines(i, sources_of[i], paths))
        for i in sorted(i for i, n in counts.items() if n > 1)
    ]
    if errors:
        raise DataError(_error_report(errors, paths))
    check_context(paths)  # read by the chapters, not published here, but refused before anything is

    facts = _facts_frame(all_facts)
    try:
        facts_schema(vocab).validate(facts, lazy=True)
    except pa_errors.SchemaErrors as exc:
        raise DataError(f"data/facts.csv failed its schema:\n{exc.failure_cases.to_string()}") from exc
    for column in ("number_start", "number_end"):
        facts[column] = facts[column].astype("Int64")
    outputs = {paths.facts_csv: csv_text(plain_numbers(facts))}  # 240000000, never 240000000.0

    mention_rows = [
        {
            "source_id": sid,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "status": m.status,
            "fact_id": m.fact_id,
            "reason": m.reason,
        }
        for sid, b in builds.items()
        for m in b.mentions
    ]
    mentions = pd.DataFrame(mention_rows, columns=["source_id", "start", "end", "text", "status", "fact_id", "reason"])
    outputs[paths.mentions_csv] = csv_text(plain_numbers(mentions))

    texts = {sid: c.text for sid, c in cleaned.items()}
    pairings = _pairings_table(vocab, texts, paths)
    outputs[paths.pairings_csv] = csv_text(plain_numbers(pairings))
    places = pd.DataFrame(
        list(vocab.places.values()),
        columns=["id", "name_zh", "name_en", "level", "province", "role", "parent", "within", "lat", "lon"],
    )
    outputs[paths.places_csv] = csv_text(plain_numbers(places))
    defined = set(pairings.pairing_id) if len(pairings) else set()
    for record in records:
        check_pairings_defined(record, defined, paths)
    outputs[paths.sources_csv] = csv_text(plain_numbers(_sources_table(records, builds)))
    indicators = _indicators_table(vocab, facts)
    outputs[paths.indicators_csv] = csv_text(plain_numbers(indicators))

    extra: dict[str, dict[str, list]] = {sid: {"numbers_missing_in_source": [], "years_missing_in_source": []} for sid in builds}
    for key, flag in (
        ("numbers_missing_in_source", "number_missing_in_source"),
        ("years_missing_in_source", "year_missing_in_source"),
    ):
        flagged = facts[facts["flags"].str.contains(flag)]
        for sid, group in flagged.groupby("source_id", sort=False):
            extra[str(sid)][key] = group[["fact_id", "quote"]].to_dict("records")
    outputs[paths.quality_log] = quality_log_text(cleaned, extra)

    by_status = mentions.groupby("status").size().to_dict()
    report = {
        "sources": len(records),
        "facts": len(facts),
        "facts_by_theme": {k: int(v) for k, v in facts.groupby("theme").size().items()},
        "facts_by_indicator": {i: int(n) for i, n in zip(indicators["indicator"], indicators["facts"])},
        "facts_in_other_indicators": int(facts["indicator"].str.startswith(OTHER_PREFIX).sum()),
        "facts_number_missing": int(facts["flags"].str.contains("number_missing_in_source").sum()),
        "mentions": len(mentions),
        "mentions_linked": int(by_status.get("linked", 0)),
        "mentions_excluded": int(by_status.get("excluded", 0)),
        "mentions_excluded_by_reason": {
            k: int(v) for k, v in mentions[mentions.status == "excluded"].groupby("reason").size().items()
        },
        "coverage_percent": round(100 * by_status.get("linked", 0) / max(1, len(mentions)), 1),
    }
    outputs[paths.build_report] = json_text(report)
    texts_out, stale = clean_text_outputs(cleaned, paths)
    outputs.update(texts_out)
    return outputs, stale, report
