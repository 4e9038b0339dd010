"""The cleaning's line rules (`data/reference/cleaning_rules.yml`), read and checked.

A rule removes a whole raw line, so every rule is written to match furniture only: anchored at
the start of the line, limited in length (`max_chars`) or both. A bad rule file is a DataError
naming the file and the rule, never a traceback from `re`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eastwest.core.errors import DataError
from eastwest.core.paths import CLEANING_RULES
from eastwest.core.yamlio import load_yaml

_FIELDS = {"id", "reason", "reason_zh", "pattern", "words", "starts_block", "max_chars", "marks_next_line", "keep_if_new_figures", "keep_text", "only_before_body"}
# what may follow a marker that stands alone on its line ("【内容提要】", "索引号：")
_MARKER_TAIL = re.compile(r"[\s:：【】\[\]［］()（）丨|｜]*")
# what may stand between the words of a toolbar line (`words`): spaces, brackets, bars, colons
_WORD_SEPARATORS = r"[\s:：|｜/、，,·【】\[\]［］()（）]*"
# a figure as written in the text with the character after it, its unit or counter: 3200万,
# 1.25%, 46个 (thousands separators dropped), so that 46个 in a caption is not taken for 46人
_FIGURE = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*([^\s\d.,，。；;、：:)）]?)")


@dataclass(frozen=True)
class LineRule:
    id: str
    reason: str
    pattern: re.Pattern
    reason_zh: str = ""  # what it removes, in Chinese (the Chinese edition's pages)
    starts_block: bool = False  # the short headline lines after it go too (a related-article list)
    max_chars: int | None = None  # longer lines are never furniture for this rule
    marks_next_line: bool = False  # a marker alone on its line marks the next line (label and value)
    keep_if_new_figures: bool = False  # removed only when every figure in it is found in the article
    keep_text: bool = True  # false: the explain command does not print what it removed (spam)
    only_before_body: bool = False  # applies only above the first kept paragraph (the page header)

    def match(self, line: str) -> re.Match | None:
        if self.max_chars is not None and len(line) > self.max_chars:
            return None
        return self.pattern.search(line)

    def is_bare_marker(self, line: str, match: re.Match) -> bool:
        """Whether the match is all the line holds: a label or marker whose content is on the next line."""
        return self.marks_next_line and _MARKER_TAIL.fullmatch(line, match.end()) is not None


def words_pattern(words: list[str]) -> str:
    """A line made only of these words (a toolbar, a row of buttons), in any order and number."""
    word = "(?:" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"
    return f"^{_WORD_SEPARATORS}{word}(?:{_WORD_SEPARATORS}{word})*{_WORD_SEPARATORS}$"


def figures(text: str) -> set[str]:
    """The figures written in a text, each with its unit (full-width digits read as ASCII)."""
    return {m[1].replace(",", "") + m[2] for m in _FIGURE.finditer(unicodedata.normalize("NFKC", text))}


@lru_cache(maxsize=4)
def load_rules(path: Path = CLEANING_RULES) -> tuple[tuple[LineRule, ...], int]:
    """The line rules in file order (the first that matches names the removal) and the longest headline."""
    raw = load_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("line_rules"), list):
        raise DataError(f"{path}: expected a mapping with a `line_rules` list")
    rules = tuple(_rule(path, number, entry) for number, entry in enumerate(raw["line_rules"], start=1))
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise DataError(f"{path}: rule ids repeat: {sorted({i for i in ids if ids.count(i) > 1})}")
    if not any(r.starts_block for r in rules):
        raise DataError(f"{path}: no rule has `starts_block: true` (the related-article list needs one)")
    return rules, int(raw["headline_max_chars"])


def _rule(path: Path, number: int, entry: object) -> LineRule:
    if not isinstance(entry, dict) or not {"id", "reason"} <= set(entry) or not {"pattern", "words"} & set(entry):
        raise DataError(f"{path}: rule {number} needs `id`, `reason` and a `pattern` or a list of `words`")
    unknown = set(entry) - _FIELDS
    if unknown:
        raise DataError(f"{path}: rule {entry['id']!r} has unknown field(s) {sorted(unknown)}; known: {sorted(_FIELDS)}")
    if not isinstance(entry["id"], str) or not re.fullmatch(r"[a-z][a-z0-9_]*", entry["id"]):
        raise DataError(f"{path}: rule {number}: id {entry['id']!r} must be snake_case (it names the rule in tables)")
    if not isinstance(entry["reason"], str) or "\n" in entry["reason"].strip():
        # shown, escaped, on the data page and each source's page: it may quote a page's own text (首页>>新闻中心)
        raise DataError(f"{path}: rule {entry['id']!r}: reason must be a text on one line")
    reason_zh = entry.get("reason_zh", "")
    if not isinstance(reason_zh, str) or "\n" in reason_zh.strip():
        raise DataError(f"{path}: rule {entry['id']!r}: reason_zh must be a Chinese text on one line")
    words = entry.get("words")
    if words is not None and (not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words)):
        raise DataError(f"{path}: rule {entry['id']!r}: words must be a list of non-empty strings")
    alternatives = [entry["pattern"]] if "pattern" in entry else []
    alternatives += [words_pattern(words)] if words else []
    try:
        pattern = re.compile("|".join(f"(?:{a})" for a in alternatives) if len(alternatives) > 1 else alternatives[0])
    except (re.error, TypeError) as exc:
        raise DataError(f"{path}: rule {entry['id']!r}: pattern is not a valid regular expression ({exc})") from exc
    max_chars = entry.get("max_chars")
    if max_chars is not None and (not isinstance(max_chars, int) or max_chars < 1):
        raise DataError(f"{path}: rule {entry['id']!r}: max_chars must be a positive whole number")
    return LineRule(
        id=str(entry["id"]),
        reason=str(entry["reason"]),
        pattern=pattern,
        reason_zh=reason_zh.strip(),
        starts_block=bool(entry.get("starts_block", False)),
        max_chars=max_chars,
        marks_next_line=bool(entry.get("marks_next_line", False)),
        keep_if_new_figures=bool(entry.get("keep_if_new_figures", False)),
        keep_text=bool(entry.get("keep_text", True)),
        only_before_body=bool(entry.get("only_before_body", False)),
    )
