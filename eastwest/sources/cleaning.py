"""Turn a raw seed into its article body, logging every change.

Steps, in order, for each raw line:
1. strip pinyin glosses such as 堅(jiān) without touching real parentheses;
2. detect garbled runs (mis-decoded characters) and replace them with a visible marker;
3. convert traditional characters to simplified with OpenCC when the provenance says so;
4. normalise whitespace;
5. drop the line if a furniture rule (eastwest.sources.line_rules) matches, or if it is the
   title, a byline, a related-article headline or the value after a bare label such as 索引号;
6. keep one paragraph per remaining line. A line marked as a summary or a photo caption is
   decided once the whole article is read: removed when every figure in it appears elsewhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import opencc

from eastwest.core.errors import DataError
from eastwest.sources.line_rules import LineRule, figures, load_rules
from eastwest.sources.provenance import SourceRecord

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
    text: str = ""  # the line as the rule saw it; shown by `clean --explain`, never logged


@dataclass
class KeptLine:
    """A line a rule marked (a summary, a caption) but kept: it holds figures found nowhere else."""

    line: int
    rule: str
    new_figures: list[str]
    text: str


@dataclass
class CleanResult:
    source_id: str
    text: str
    paragraphs: list[tuple[int, str]]  # (raw line number, paragraph text)
    removed: list[RemovedLine] = field(default_factory=list)
    kept_marked: list[KeptLine] = field(default_factory=list)
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
            "lines_removed": [{"line": r.line, "rule": r.rule, "reason": r.reason, "chars": r.chars} for r in self.removed],
            "lines_removed_by_rule": dict(sorted(by_rule.items())),
            "pinyin_glosses_stripped": self.glosses_stripped,
            "script_conversion": self.conversion,
            "characters_converted": self.converted_chars,
            "garbled_runs": [g.__dict__ for g in self.garbled],
            "byte_order_mark_stripped": self.bom_stripped,
        }


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


_TITLE = LineRule("title", "title or breadcrumb repeating the title (kept in provenance)", re.compile(""), "重复标题的标题行或导航")
_BYLINE = LineRule("byline", "author name on its own line (kept in provenance)", re.compile(""), "单独成行的作者姓名")


def rule_reason_zh(rule_id: str) -> str:
    """What a rule removes, in Chinese (its `reason_zh`); a rule not yet given one is named by its
    English reason, and a rule the file no longer has by its id."""
    rules = {r.id: r for r in (*load_rules()[0], _TITLE, _BYLINE)}
    return (rules[rule_id].reason_zh or rules[rule_id].reason) if rule_id in rules else rule_id


def clean_seed(raw: str, record: SourceRecord, seed_path: Path) -> CleanResult:
    return clean_raw(raw, record.source_id, seed_path, script=record.script, title_zh=record.title_zh, author=record.author)


def clean_raw(
    raw: str,
    source_id: str,
    path: Path,
    *,
    script: str = "simplified",
    title_zh: str | None = None,
    author: str | None = None,
    require_body: bool = True,
) -> CleanResult:
    """Clean one raw article; `path` only names it in errors (a seed or a file not yet registered).
    `require_body=False` lets `clean --explain` show what removed every line instead of failing."""
    rules, headline_max = load_rules()
    conversion = "t2s" if script == "traditional" else None
    result = CleanResult(source_id, "", [], conversion=conversion)
    if raw.startswith("\ufeff"):  # a BOM kept would shift every offset by one
        raw, result.bom_stripped = raw[1:], True
    # a traditional-script headline recorded as printed is compared after the same conversion
    title = _converter(conversion).convert(title_zh) if title_zh and conversion else title_zh
    title_key = _title_key(title) if title else None
    author_name = author.split(" ")[0] if author else None
    block_rule: LineRule | None = None  # the rule whose list of headlines is being removed
    marked_by: LineRule | None = None  # the rule whose marker stood alone on the previous line
    candidates: list[tuple[int, int, LineRule, str]] = []  # kept for now, decided by their figures

    def looks_like_headline(line: str) -> bool:
        return len(line) < headline_max and "。" not in line

    for number, raw_line in enumerate(raw.splitlines(), start=1):
        line = _prepare(raw_line, number, result)
        if not line:
            block_rule = None
            continue

        in_header = not result.paragraphs
        rule, match = next(((r, m) for r in rules if (in_header or not r.only_before_body) and (m := r.match(line))), (None, None))
        if rule is None and marked_by is not None and (marked_by.keep_if_new_figures or looks_like_headline(line)):
            rule = marked_by
        elif rule is None and block_rule is not None and looks_like_headline(line):
            rule = block_rule
        if rule is None and title_key and title_key in _title_key(line) and len(_title_key(line)) <= len(title_key) + 12:
            rule = _TITLE
        if rule is None and author_name and line == author_name:
            rule = _BYLINE
        bare_marker = rule is not None and match is not None and rule.is_bare_marker(line, match)
        marked_by = rule if bare_marker else None
        if rule is not None and rule.keep_if_new_figures and not bare_marker:
            candidates.append((len(result.paragraphs), number, rule, raw_line))
        elif rule is not None:
            result.removed.append(RemovedLine(number, rule.id, rule.reason, len(raw_line.strip()), line))
            # furniture inside a related-article list (a date line) does not end the list
            block_rule = rule if rule.starts_block else block_rule
            continue
        block_rule = None
        result.paragraphs.append((number, line))

    if candidates:
        _decide_by_figures(result, candidates)
    if not result.paragraphs and require_body:
        raise DataError(f"{path}: no article body left after cleaning ({len(result.removed)} lines removed)")
    result.text = "\n\n".join(p for _, p in result.paragraphs) + "\n" if result.paragraphs else ""
    return result


def _prepare(raw_line: str, number: int, result: CleanResult) -> str:
    """The line as the rules read it: glosses stripped, garbled runs marked, script simplified."""
    line, glosses = PINYIN_GLOSS.subn("", raw_line)
    result.glosses_stripped += glosses
    for start, end in reversed(find_garbled(line)):
        result.garbled.append(GarbledRun(number, line[start:end], line[max(0, start - 8) : start], line[end : end + 8]))
        line = line[:start] + GARBLED_MARK + line[end:]
    if result.conversion:
        converted = _converter(result.conversion).convert(line)
        result.converted_chars += sum(a != b for a, b in zip(line, converted))
        line = converted
    return _normalise_space(line)


def _decide_by_figures(result: CleanResult, candidates: list[tuple[int, int, LineRule, str]]) -> None:
    """Remove a marked summary or caption when the rest of the article gives every figure in it:
    kept, its figures would be read twice; a figure found only there keeps the line."""
    marked = {index for index, *_ in candidates}
    body: set[str] = set()
    for index, (_, text) in enumerate(result.paragraphs):
        if index not in marked:
            body |= figures(text)
    dropped = set()
    for index, number, rule, raw_line in candidates:
        text = result.paragraphs[index][1]
        new = sorted(figures(text) - body)
        if new:
            result.kept_marked.append(KeptLine(number, rule.id, new, text))
        else:
            result.removed.append(RemovedLine(number, rule.id, rule.reason, len(raw_line.strip()), text))
            dropped.add(index)
    result.paragraphs = [p for index, p in enumerate(result.paragraphs) if index not in dropped]
    result.removed.sort(key=lambda r: r.line)
