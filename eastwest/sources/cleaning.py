"""Turn a raw seed into its article body, logging every change.

Steps, in order, for each raw line:
1. strip pinyin glosses such as 堅(jiān) without touching real parentheses;
2. detect garbled runs (mis-decoded characters) and replace them with a visible marker;
3. convert traditional characters to simplified with OpenCC when the provenance says so;
4. drop the line if a furniture rule matches, or if it is the title, a byline or a
   related-article headline;
5. normalise whitespace and keep one paragraph per remaining line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import opencc

from eastwest.core.errors import DataError
from eastwest.core.paths import CLEANING_RULES
from eastwest.sources.provenance import SourceRecord
from eastwest.core.yamlio import load_yaml

GARBLED_MARK = "[garbled]"

_CJK = r"\u3400-\u9fff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A gloss is one pinyin syllable with a tone mark in half-width parentheses right after a
# Chinese character. Real parentheses hold Chinese text, several words or no tone mark.
PINYIN_GLOSS = re.compile(rf"(?<=[{_CJK}])\((?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\)")

# Signs of mis-decoded text inside Chinese prose: a half-width "?" wedged between characters,
# private-use code points, replacement characters, Cyrillic or Greek letters, and Latin letters
# or brackets glued to Chinese characters.
_IMPOSSIBLE = re.compile(r"[?\ue000-\uf8ff\ufffd\u0370-\u03ff\u0400-\u04ff]")
_SUSPECT = re.compile(rf"[?!()\ue000-\uf8ff\ufffd\u0370-\u03ff\u0400-\u04ffA-Za-z{_TONED}]")
_RUN_REACH = 7  # a run continues while another suspect character follows within this many chars


@dataclass
class GarbledRun:
    line: int
    text: str
    before: str
    after: str


@dataclass
class RemovedLine:
    line: int
    rule: str
    reason: str
    chars: int


@dataclass
class CleanResult:
    source_id: str
    text: str
    paragraphs: list[tuple[int, str]]  # (raw line number, paragraph text)
    removed: list[RemovedLine] = field(default_factory=list)
    garbled: list[GarbledRun] = field(default_factory=list)
    glosses_stripped: int = 0
    converted_chars: int = 0
    conversion: str | None = None
    bom_stripped: bool = False

    def log(self) -> dict:
        by_rule: dict[str, int] = {}
        for r in self.removed:
            by_rule[r.rule] = by_rule.get(r.rule, 0) + 1
        return {
            "source_id": self.source_id,
            "paragraphs_kept": len(self.paragraphs),
            "clean_chars": len(self.text),
            "lines_removed": [r.__dict__ for r in self.removed],
            "lines_removed_by_rule": dict(sorted(by_rule.items())),
            "pinyin_glosses_stripped": self.glosses_stripped,
            "script_conversion": self.conversion,
            "characters_converted": self.converted_chars,
            "garbled_runs": [g.__dict__ for g in self.garbled],
            "byte_order_mark_stripped": self.bom_stripped,
        }


@dataclass(frozen=True)
class LineRule:
    id: str
    reason: str
    pattern: re.Pattern
    starts_block: bool = False


@lru_cache(maxsize=1)
def load_rules(path: Path = CLEANING_RULES) -> tuple[tuple[LineRule, ...], int]:
    raw = load_yaml(path)
    rules = tuple(
        LineRule(r["id"], r["reason"], re.compile(r["pattern"]), bool(r.get("starts_block", False)))
        for r in raw["line_rules"]
    )
    return rules, int(raw["headline_max_chars"])


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Text converted from traditional to simplified script (OpenCC t2s), as cleaning does."""
    return _converter("t2s").convert(text)


def find_garbled(line: str) -> list[tuple[int, int]]:
    """Spans of mis-decoded text: from an impossible character to the last suspect one in reach."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _IMPOSSIBLE.search(line, pos)
        if not m:
            return spans
        start = m.start()
        if line[start] == "?" and not _inside_chinese(line, start):
            pos = start + 1
            continue
        end = start + 1
        while True:
            nxt = _SUSPECT.search(line, end, min(len(line), end + _RUN_REACH))
            if not nxt:
                break
            end = nxt.end()
        spans.append((start, end))
        pos = end


def _inside_chinese(line: str, index: int) -> bool:
    before = line[:index].rstrip()
    after = line[index + 1 :].lstrip()
    is_cjk = lambda ch: bool(re.match(rf"[{_CJK}，。、；：“”]", ch))  # noqa: E731
    return bool(before) and bool(after) and is_cjk(before[-1])


def _normalise_space(line: str) -> str:
    return re.sub(r"[ \t\u3000\u00a0]+", " ", line).strip()


def _title_key(text: str) -> str:
    return re.sub(rf"[^{_CJK}A-Za-z0-9]", "", text)


def clean_seed(raw: str, record: SourceRecord, seed_path: Path) -> CleanResult:
    rules, headline_max = load_rules()
    conversion = "t2s" if record.script == "traditional" else None
    result = CleanResult(record.source_id, "", [], conversion=conversion)
    if raw.startswith("\ufeff"):  # a BOM kept would shift every offset by one
        raw, result.bom_stripped = raw[1:], True
    # a traditional-script headline recorded as printed is compared after the same conversion
    title = _converter(conversion).convert(record.title_zh) if record.title_zh and conversion else record.title_zh
    title_key = _title_key(title) if title else None
    author_name = record.author.split(" ")[0] if record.author else None
    in_block = False

    for number, raw_line in enumerate(raw.splitlines(), start=1):
        line = raw_line
        line, glosses = PINYIN_GLOSS.subn("", line)
        result.glosses_stripped += glosses
        for start, end in reversed(find_garbled(line)):
            result.garbled.append(GarbledRun(number, line[start:end], line[max(0, start - 8) : start], line[end : end + 8]))
            line = line[:start] + GARBLED_MARK + line[end:]
        if conversion:
            converted = _converter(conversion).convert(line)
            result.converted_chars += sum(a != b for a, b in zip(line, converted))
            line = converted
        line = _normalise_space(line)
        if not line:
            in_block = False
            continue

        rule = next((r for r in rules if r.pattern.search(line)), None)
        if rule is None and in_block and len(line) < headline_max and "。" not in line:
            rule = next(r for r in rules if r.starts_block)
        if rule is None and title_key and title_key in _title_key(line) and len(_title_key(line)) <= len(title_key) + 12:
            rule = LineRule("title", "title or breadcrumb repeating the title (kept in provenance)", re.compile(""))
        if rule is None and author_name and line == author_name:
            rule = LineRule("byline", "author name on its own line (kept in provenance)", re.compile(""))
        if rule is not None:
            result.removed.append(RemovedLine(number, rule.id, rule.reason, len(raw_line.strip())))
            in_block = rule.starts_block or (in_block and rule.id == "related_heading")
            continue
        in_block = False
        result.paragraphs.append((number, line))

    if not result.paragraphs:
        raise DataError(f"{seed_path}: no article body left after cleaning ({len(result.removed)} lines removed)")
    result.text = "\n\n".join(p for _, p in result.paragraphs) + "\n"
    return result
