"""One numeric mention in the clean text: its sentence, part and clause, and the number's text.

`exclusion_reason` says by the rules' exclusions why a mention is not a fact; `number_text` widens
the mention to the number a fact quotes (with its qualifier words and a counter after a space).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from eastwest.annotate.numerals import PREFIX_QUALIFIERS
from eastwest.draft.rules import Rules

SENTENCE_END = "。！？!?"
PART_END = SENTENCE_END + "；;"
CLAUSE_END = PART_END + "，,"
ITEM_END = CLAUSE_END + "、"
_DIGIT = re.compile(r"\d")  # an item of a list of figures holds a number of its own
# a line of a list: short, one sentence at most, often a label and a colon (恩施市：资金…；)
_LIST_ITEM = re.compile(r"^[^。！？!?]{1,80}[。；;，,]?$")
_LIST_MAX_ITEMS = 40
OPENING, CLOSING = "(（《【「", ")）》】」"
QUOTES = '“”"「」‘’'
_SUFFIX_QUALIFIER_WORDS = ("左右", "以上", "以内")  # after a mention; 余/多 are inside it already


@dataclass
class Spot:
    """One numeric mention and the text around it."""

    start: int
    end: int
    text: str  # the clean text
    para_start: int
    para_end: int

    @property
    def mention(self) -> str:
        return self.text[self.start : self.end]

    def _bounds(self, ends: str) -> tuple[int, int]:
        left = self.para_start
        for i in range(self.start - 1, self.para_start - 1, -1):
            if self.text[i] in ends:
                left = i + 1
                break
        right = self.para_end
        for i in range(self.end, self.para_end):
            if self.text[i] in ends:
                right = i
                break
        return left, right

    @cached_property
    def sentence_bounds(self) -> tuple[int, int]:
        return self._bounds(SENTENCE_END)

    @property
    def part_bounds(self) -> tuple[int, int]:
        return self._bounds(PART_END)

    @property
    def clause_bounds(self) -> tuple[int, int]:
        return self._bounds(CLAUSE_END)

    @property
    def item(self) -> str:
        """The list item holding the number, between the 、 that part it from other numbers' items
        (专业技术人才326名 in 选派干部41名、专业技术人才326名; 到山东就业315人 in 到山东就业315人、就近就业1420人);
        a 、 between nouns of one count (培训干部、医生和农牧民1900人次) parts nothing."""
        a, b = self.clause_bounds
        left = next(
            (i + 1 for i in range(self.start - 1, a - 1, -1) if self.text[i] == "、" and _DIGIT.search(self.text, a, i)),
            a,
        )
        right = next(
            (i for i in range(self.end, b) if self.text[i] == "、" and _DIGIT.search(self.text, i, b)),
            b,
        )
        return self.text[left:right]

    @property
    def sentence(self) -> str:
        a, b = self.sentence_bounds
        return self.text[a:b]

    @property
    def part(self) -> str:
        a, b = self._bounds(PART_END)
        return self.text[a:b]

    @property
    def clause(self) -> str:
        a, b = self._bounds(CLAUSE_END)
        return self.text[a:b]

    @property
    def before(self) -> str:
        """The sentence before the mention."""
        return self.text[self.sentence_bounds[0] : self.start]

    @property
    def clause_subject(self) -> str:
        """The sentence before the number's clause up to its first verb-led clause: where the one
        who acts is named (申和集团先后6次…，投入帮扶资金52万元: the firm gives the money)."""
        return self.text[self.sentence_bounds[0] : self._bounds(CLAUSE_END)[0]] or self.clause_before

    @property
    def clause_before(self) -> str:
        return self.text[self._bounds(CLAUSE_END)[0] : self.start]

    @property
    def after(self) -> str:
        return self.text[self.end : self.para_end]

    def windows(self) -> list[str]:
        return [self.clause, self.part, self.sentence]

    @cached_property
    def list_intro(self) -> str:
        """The line that introduces the list this number's line is an item of (…情况列示如下：
        above 恩施市：资金1850万元，项目21个；), or '': an item line says only what is counted, the
        intro says whose, when and of what."""
        if not _LIST_ITEM.match(self.text[self.para_start : self.para_end].strip()):
            return ""
        start = self.para_start
        for _ in range(_LIST_MAX_ITEMS):
            if start == 0:
                return ""
            prev_end = start - 1
            prev_start = self.text.rfind("\n", 0, prev_end) + 1
            line = self.text[prev_start:prev_end].strip()
            start = prev_start
            if not line:
                continue
            if line.endswith(("：", ":")):
                return line
            if not _LIST_ITEM.match(line):
                return ""
        return ""


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def spot_at(text: str, start: int, end: int) -> Spot:
    return Spot(start, end, text, *paragraph_bounds(text, start))


def exclusion_reason(spot: Spot, rules: Rules) -> str | None:
    """The reason a mention is not a fact, by the rules' exclusions; None if it may be one."""
    mention, after = spot.mention, spot.after
    before = spot.text[spot.para_start : spot.start]
    for rule in rules.exclusions:
        if "quoted_max" in rule:
            if _inside_short_quote(spot, int(rule["quoted_max"])):
                return rule["reason"]
            continue
        if "phrase" in rule:
            if any(
                m.start() < spot.end and spot.start < m.end()
                for m in rule["phrase"].finditer(spot.text, spot.para_start, spot.para_end)
            ):
                return rule["reason"]
            continue
        if "mention" in rule and not rule["mention"].search(mention):
            continue
        if "after" in rule and not rule["after"].search(after):
            continue
        if "not_after" in rule and rule["not_after"].search(after):
            continue
        if "before" in rule and not rule["before"].search(before):
            continue
        return rule["reason"]
    return None


def one_counts(spot: Spot, rules: Rules) -> bool:
    """一 + counter that counts (派驻一名医生, 近一倍, 工作站一个) rather than meaning "a"."""
    before = spot.text[spot.para_start : spot.start]
    return bool(rules.one_counts_before.search(before) or rules.one_counts_after.match(spot.after))


def _inside_short_quote(spot: Spot, max_chars: int) -> bool:
    text = spot.text
    left = max(text.rfind(q, spot.para_start, spot.start) for q in '“"「')
    if left < 0:
        return False
    closing = [i for i in (text.find(q, spot.end, spot.para_end) for q in '”"」') if i >= 0]
    if not closing:
        return False
    right = min(closing)
    inner = text[left + 1 : right]
    return len(inner) <= max_chars and not any(q in inner for q in QUOTES)


def number_text(spot: Spot) -> tuple[str, int]:
    """The mention with its qualifier words (近…, …左右) and a counter after a space; its start."""
    text, start, end = spot.text, spot.start, spot.end
    for word in sorted(PREFIX_QUALIFIERS, key=len, reverse=True):
        if text[max(spot.para_start, start - len(word)) : start] == word:
            start -= len(word)
            break
    counter = re.match(r"\s+(?:个|名|人|户|项|家|所|村)", text[end : spot.para_end])
    if counter and re.fullmatch(r"[\d.]+", spot.mention):  # "14 个": the counter after a space
        end += counter.end()
    fraction = (
        re.match(r"[一二三四五六七八九十百\d]+(?:多|强|左右)?", text[end : spot.para_end])
        if text[start:end].endswith("分之")
        else None
    )
    if fraction:
        end += fraction.end()
    for word in _SUFFIX_QUALIFIER_WORDS:
        if text.startswith(word, end):
            end += len(word)
            break
    return text[start:end], start
