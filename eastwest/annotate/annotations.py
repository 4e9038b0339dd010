"""Curated annotations -> validated fact rows with offsets into the clean text."""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from eastwest.annotate.numerals import NumberFormatError, format_decimal, parse_number
from eastwest.core import plaintext
from eastwest.core.errors import DataError
from eastwest.core.paths import DRAFT_SUFFIX
from eastwest.core.yamlio import load_yaml
from eastwest.reference.indicators import check_fact
from eastwest.reference.vocabulary import Vocabulary
from eastwest.sources.cleaning import to_simplified

FACT_FIELDS = (
    "id",
    "quote",
    "number",
    "value",
    "value_high",
    "unit",
    "qualifier",
    "status",
    "indicator",
    "breakdown",
    "description",
    "description_zh",
    "theme",
    "east",
    "west",
    "period",
    "scope",
    "flags",
)
REQUIRED = ("id", "quote", "unit", "qualifier", "status", "indicator", "description", "theme", "period", "scope")
_PERIOD_PART = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
PERIOD = re.compile(rf"^(?:unknown|{_PERIOD_PART}|(?:{_PERIOD_PART})?/(?:{_PERIOD_PART})?)$")
NOT_ACHIEVED = ("planned", "expected", "target")
# The YAML types a fact's fields may have: words are texts (a number a quote gives may be read as one)
TEXT_FIELDS = (
    "id",
    "quote",
    "unit",
    "qualifier",
    "status",
    "indicator",
    "breakdown",
    "description",
    "description_zh",
    "theme",
    "scope",
)
FIELD_TYPES: dict[str, tuple[type, ...]] = {
    **{field: (str,) for field in TEXT_FIELDS},
    "number": (str, int, float),
    "period": (str, int, date),  # 2020-05-12 unquoted is a YAML date
    "east": (str, list),
    "west": (str, list),
    "flags": (list,),
}
_TYPE_WORDS = {str: "a text", int: "a whole number", float: "a number", list: "a list", date: "a date", dict: "a mapping"}


EXCLUSION_TYPES: dict[str, tuple[type, ...]] = {"mention": (str, int, float), "context": (str,), "reason": (str,)}


def type_problem(entry: dict, types: dict[str, tuple[type, ...]] = FIELD_TYPES) -> str:
    """The first field of a fact (or, with EXCLUSION_TYPES, an exclusion) whose YAML type is
    wrong, said with what to write, or ''."""
    for field, allowed in types.items():
        value = entry.get(field)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, allowed):
            written = "true/false" if isinstance(value, bool) else _TYPE_WORDS.get(type(value), type(value).__name__)
            wanted = " or ".join(_TYPE_WORDS[t] for t in allowed)
            hint = (
                " (in quotes: YAML reads 7 or 2020-05-12 as a number or date)"
                if str in allowed and isinstance(value, (int, float, date))
                else ""
            )
            return f"{field} is {written}; write {wanted}{hint}"
        if isinstance(value, list) and not all(isinstance(item, str) for item in value):
            return f"{field} must list texts (ids), one per item"
    return ""


@dataclass
class Annotations:
    source_id: str
    path: Path
    facts: list[dict]
    exclusions: list[dict]


def load_annotations(path: Path, expected_source_id: str) -> Annotations:
    if path.name.endswith(DRAFT_SUFFIX):
        raise DataError(f"{path}: a draft is never read by the build; review it and save it as {expected_source_id}.yml")
    raw = load_yaml(path)
    if not isinstance(raw, dict):
        raise DataError(f"{path}: expected a mapping with 'source_id', 'facts' and 'exclusions'")
    if raw.get("source_id") != expected_source_id:
        raise DataError(f"{path}: source_id {raw.get('source_id')!r} does not match the file name ({expected_source_id})")
    facts = raw.get("facts") or []
    exclusions = raw.get("exclusions") or []
    if not isinstance(facts, list) or not all(isinstance(f, dict) for f in facts):
        raise DataError(f"{path}: 'facts' must be a list of mappings")
    if not isinstance(exclusions, list) or not all(isinstance(e, dict) for e in exclusions):
        raise DataError(f"{path}: 'exclusions' must be a list of mappings")
    return Annotations(expected_source_id, path, facts, exclusions)


def locate_once(text: str, needle: str, where: str, what: str = "quote") -> int:
    start = text.find(needle)
    if start < 0:
        raise DataError(f"{where}: {what} not found verbatim in the clean text: {needle!r}{not_found_hint(text, needle)}")
    if text.find(needle, start + 1) >= 0:
        raise DataError(f"{where}: {what} occurs more than once in the clean text; lengthen it: {needle!r}")
    return start


def nearest_passage(text: str, needle: str) -> str:
    """The passage of text most like needle (as long as needle, within one paragraph), by difflib."""
    if not needle or not text:
        return ""
    matcher = difflib.SequenceMatcher(None, text, needle, autojunk=False)
    anchors = [b for b in matcher.get_matching_blocks() if b.size] or [difflib.Match(0, 0, 0)]
    best, best_ratio = "", -1.0
    scorer = difflib.SequenceMatcher(None, b=needle, autojunk=False)
    for anchor in sorted(anchors, key=lambda m: -m.size)[:5]:
        centre = anchor.a - anchor.b
        for start in range(max(0, centre - len(needle) // 2), min(len(text), centre + len(needle) // 2 + 1)):
            window = text[start : start + len(needle)].split("\n")[0]
            scorer.set_seq1(window)
            ratio = scorer.ratio()
            if ratio > best_ratio:
                best, best_ratio = window, ratio
    return best


def not_found_hint(text: str, needle: str) -> str:
    """What to tell a person whose quote is not in the clean text: the script, the nearest passage."""
    hints = []
    simplified = to_simplified(needle)
    if simplified != needle:
        found = " (and that converted quote is in the text)" if simplified in text else ""
        hints.append(f"it contains traditional characters, but the clean text is in simplified script: {simplified!r}{found}")
    nearest = nearest_passage(text, simplified)
    if nearest and nearest != simplified:
        hints.append(f"nearest passage in the clean text: {nearest!r}")
    return "".join(f"; {h}" for h in hints)


def _decimal(value, where: str, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation as exc:
        raise DataError(f"{where}: {field} {value!r} is not a number") from exc
    if not number.is_finite():
        raise DataError(f"{where}: {field} {value!r} is not a finite number (write the number, or null if the source lost it)")
    return number


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= Decimal("1e-9") * max(Decimal(1), abs(a))


# A total is a total over some period: its period and scope cells must tell one story. A fact whose
# year the source lost takes the year its article implies, marked period_inferred and
# year_missing_in_source (never 'unknown' beside "total over the period").
TOTAL_SCOPES = ("cumulative", "annual", "period_total")


def period_scope_problem(period: str, scope: str) -> str:
    """Why a fact's period and scope disagree ('' when they agree): a total needs a period, and a
    one-year figure one year."""
    if scope in TOTAL_SCOPES and period == "unknown":
        return f"scope {scope!r} is a total over a period, but the period is 'unknown': give the period (flag period_inferred if estimated)"
    if scope == "annual" and not re.fullmatch(r"\d{4}", period):
        return f"scope 'annual' is one year, but the period is {period!r}: give the year (YYYY)"
    return ""


def period_problem(period: str) -> str:
    """Why a well-formed period is impossible ('' when it is not): a month or day that does not
    exist (2020-13-45), or a range that ends before it starts (2021-02/2012)."""
    if period == "unknown":
        return ""
    bounds: list[tuple[date, date] | None] = []
    for part in period.split("/"):
        if not part:
            bounds.append(None)
            continue
        pieces = [int(x) for x in part.split("-")]
        try:
            first = date(pieces[0], pieces[1] if len(pieces) > 1 else 1, pieces[2] if len(pieces) > 2 else 1)
        except ValueError:
            return f"period {period!r}: {part} is not a real date"
        last_month = pieces[1] if len(pieces) > 1 else 12
        last_day = pieces[2] if len(pieces) > 2 else calendar.monthrange(pieces[0], last_month)[1]
        bounds.append((first, date(pieces[0], last_month, last_day)))
    if len(bounds) == 2 and bounds[0] and bounds[1] and bounds[0][0] > bounds[1][1]:
        return f"period {period!r} ends before it starts: write START/END with the earlier date first"
    return ""


def validate_fact(fact: dict, text: str, vocab: Vocabulary, prefix: str, where_file: Path) -> dict:
    """Check one annotated fact against its clean text and vocabularies; return its row."""
    fact_id = fact.get("id")
    where = f"{where_file}: fact {fact_id!r}" if fact_id else f"{where_file}: fact without id"
    unknown = sorted(set(fact) - set(FACT_FIELDS))
    if unknown:
        note = "; `check` is a draft's review note: resolve it, then delete the line" if "check" in unknown else ""
        raise DataError(f"{where}: unknown field(s) {', '.join(unknown)}{note}")
    wrong_type = type_problem(fact)
    if wrong_type:
        raise DataError(f"{where}: {wrong_type}")
    for field in REQUIRED:
        if fact.get(field) in (None, ""):
            raise DataError(f"{where}: required field {field!r} is empty")
    if not re.fullmatch(rf"{re.escape(prefix)}-[a-z0-9]+(?:-[a-z0-9]+)*", str(fact_id)):
        raise DataError(f"{where}: id must look like '{prefix}-some-slug' (lowercase letters, digits, '-')")
    flags = list(fact.get("flags") or [])
    for flag in flags:
        vocab.check("flags", flag, where)
    for section, field in (
        ("themes", "theme"),
        ("units", "unit"),
        ("qualifiers", "qualifier"),
        ("statuses", "status"),
        ("scopes", "scope"),
    ):
        vocab.check(section, fact[field], where)
    east = vocab.check_side(fact.get("east"), f"{where} (east)")
    west = vocab.check_side(fact.get("west"), f"{where} (west)")
    if not PERIOD.fullmatch(str(fact["period"])):
        raise DataError(
            f"{where}: period {fact['period']!r} must be YYYY[-MM[-DD]], a START/END range (either end may be empty) or 'unknown'"
        )
    scope_trouble = period_problem(str(fact["period"])) or period_scope_problem(str(fact["period"]), fact["scope"])
    if scope_trouble:
        raise DataError(f"{where}: {scope_trouble}")

    quote = str(fact["quote"])
    if "\n" in quote:
        raise DataError(f"{where}: quote spans paragraphs; quote within one paragraph")
    quote_start = locate_once(text, quote, where)
    number = fact.get("number")
    value = _decimal(fact.get("value"), where, "value")
    value_high = _decimal(fact.get("value_high"), where, "value_high")
    number_start = number_end = None
    if number in (None, ""):
        if "number_missing_in_source" not in flags:
            raise DataError(f"{where}: 'number' is empty; flag number_missing_in_source if the source lost it")
        if value is not None:
            raise DataError(f"{where}: value {fact['value']!r} given for a number missing in the source (never guess)")
    else:
        number = str(number)
        offset = quote.find(number)
        if offset < 0:
            raise DataError(f"{where}: number {number!r} is not part of its quote")
        if quote.find(number, offset + 1) >= 0:
            raise DataError(f"{where}: number {number!r} occurs twice in its quote; choose a longer number text")
        number_start = quote_start + offset
        number_end = number_start + len(number)
        try:
            parsed = parse_number(number)
        except NumberFormatError as exc:
            raise DataError(f"{where}: {exc}") from exc
        if value is None:
            raise DataError(f"{where}: value is empty but the quote has the number {number!r}")
        if not _same(parsed.value, value) or not _same(parsed.value_high, value_high):
            stated = format_decimal(value) + (f"-{format_decimal(value_high)}" if value_high is not None else "")
            read = format_decimal(parsed.value) + (
                f"-{format_decimal(parsed.value_high)}" if parsed.value_high is not None else ""
            )
            raise DataError(f"{where}: value {stated} disagrees with the number in the quote {number!r}, which reads {read}")
        expected_qualifiers = parsed.qualifiers or frozenset({"exact"})
        if fact["qualifier"] not in expected_qualifiers:
            raise DataError(
                f"{where}: qualifier {fact['qualifier']!r} disagrees with {number!r}, which reads as "
                + " or ".join(sorted(expected_qualifiers))
            )
        allowed_units = parsed.allowed_units
        if allowed_units and fact["unit"] not in allowed_units:
            raise DataError(
                f"{where}: unit {fact['unit']!r} disagrees with the counter in {number!r} ({', '.join(sorted(allowed_units))})"
            )
    # after the quote checks: a unit that contradicts the quote is the more useful message
    for field in ("description", "description_zh", "breakdown"):
        trouble = plaintext.problem(fact.get(field))
        if trouble:
            raise DataError(f"{where}: {field} {trouble}")
    check_fact(vocab.indicators, fact, where)
    breakdown = fact.get("breakdown") or ""
    if not isinstance(breakdown, str) or "\n" in breakdown:
        raise DataError(f"{where}: breakdown must be a short one-line text (the part or side of the indicator the fact counts)")
    if fact["status"] in NOT_ACHIEVED and "planned" not in flags:
        flags.append("planned")
    return {
        "fact_id": fact_id,
        "theme": fact["theme"],
        "indicator": fact["indicator"],
        "breakdown": breakdown.strip(),
        "description": str(fact["description"]).strip(),
        "description_zh": str(fact.get("description_zh") or "").strip(),
        "east": east,
        "west": west,
        "value": format_decimal(value),
        "value_high": format_decimal(value_high),
        "unit": fact["unit"],
        "qualifier": fact["qualifier"],
        "status": fact["status"],
        "period": str(fact["period"]),
        "scope": fact["scope"],
        "quote": quote,
        "number_text": number or "",
        "quote_start": quote_start,
        "quote_end": quote_start + len(quote),
        "number_start": number_start,
        "number_end": number_end,
        "flags": ";".join(sorted(set(flags))),
    }


def exclusion_spans(
    annotations: Annotations, text: str, vocab: Vocabulary, errors: list[str] | None = None
) -> list[tuple[int, int, str]]:
    """Spans of the excluded mentions. With `errors`, a bad entry is reported there (and its
    mention still counted as claimed where it can be found) instead of stopping at the first."""
    spans = []
    for index, entry in enumerate(annotations.exclusions):
        where = f"{annotations.path}: exclusion #{index + 1} ({entry.get('mention')!r})"
        try:
            trouble = type_problem(entry, EXCLUSION_TYPES)
            if trouble:
                raise DataError(f"{where}: {trouble}")
            for key in ("mention", "context", "reason"):
                if entry.get(key) in (None, ""):
                    raise DataError(f"{where}: required field {key!r} is empty")
            vocab.check("exclusion_reasons", entry["reason"], where)
            context = str(entry["context"])
            start = locate_once(text, context, where, what="context")
            offset = context.find(str(entry["mention"]))
            if offset < 0:
                raise DataError(f"{where}: mention is not part of its context {context!r}")
            spans.append((start + offset, start + offset + len(str(entry["mention"])), entry["reason"]))
        except DataError as exc:
            if errors is None:
                raise
            errors.append(str(exc))
            spans += [(start, end, "rejected") for start, end in claimed_span(text, entry.get("context"), entry.get("mention"))]
    return spans


def claimed_span(text: str, quote, number) -> list[tuple[int, int]]:
    """Where a rejected fact or exclusion meant its number to be, if that can still be told
    (its quote found once, or its number text found once), so its mention is not reported twice."""
    quote, number = str(quote or ""), str(number or "")
    if quote and text.count(quote) == 1:
        start = text.find(quote)
        offset = quote.find(number) if number else -1
        return [(start + offset, start + offset + len(number))] if offset >= 0 else [(start, start + len(quote))]
    if number and text.count(number) == 1:
        start = text.find(number)
        return [(start, start + len(number))]
    return []
