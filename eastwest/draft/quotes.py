"""Verbatim quotes: the shortest run of clauses around a number that occurs once in the text."""

from __future__ import annotations

import itertools
import re

from eastwest.draft.rules import Rules
from eastwest.draft.spots import CLOSING, OPENING, QUOTES, paragraph_bounds

_CJK = re.compile(r"[\u4e00-\u9fff]")


def unique_quote(text: str, start: int, end: int, rules: Rules, exact_once: bool = True) -> str | None:
    """The shortest run of clauses around [start, end) that occurs once in text."""
    para_start, para_end = paragraph_bounds(text, start)
    cuts, depth = [para_start], 0
    for i in range(para_start, para_end):
        ch = text[i]
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(0, depth - 1)
        elif ch in rules.delimiters and depth == 0:
            cuts.append(i)
    cuts.append(para_end)
    pieces = []  # (start, end) of each clause's text, delimiters excluded
    for a, b in itertools.pairwise(cuts):
        a = a if a == para_start else a + 1
        pieces.append((a, b))
    index = next(i for i, (a, b) in enumerate(pieces) if a <= start < b or (a <= start and end <= b))
    lo = hi = index

    def span() -> tuple[int, int]:
        a, b = pieces[lo][0], pieces[hi][1]
        while a < start and text[a] in " \u3000" + QUOTES:
            a += 1
        while b > end and text[b - 1] in " \u3000":
            b -= 1
        return a, b

    def says_what(a: int, b: int) -> bool:
        other = text[a:start] + text[end:b]
        return len(_CJK.findall(other)) >= rules.min_other_chars

    step = 0
    while True:
        a, b = span()
        if says_what(a, b) and text.count(text[a:b]) == 1:
            return text[a:b]
        if lo == 0 and hi == len(pieces) - 1:
            return text[a:b] if not exact_once else None
        if (not says_what(a, b) and lo > 0) or (step % 2 == 0 and lo > 0):
            lo -= 1
        elif hi < len(pieces) - 1:
            hi += 1
        else:
            lo -= 1
        step += 1


def exclusion_context(text: str, start: int, end: int, rules: Rules) -> str | None:
    """A unique context for an exclusion whose first occurrence of the mention is this one."""
    mention = text[start:end]
    quote = unique_quote(text, start, end, rules)
    if quote is None:
        return None
    q_start = text.find(quote)
    if quote.find(mention) == start - q_start:
        return quote
    # the mention also occurs earlier in the quote: start the context at the mention
    for right in range(end, paragraph_bounds(text, start)[1] + 1):
        candidate = text[start:right]
        if text.count(candidate) == 1:
            return candidate
    return None
