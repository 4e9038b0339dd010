"""Displayed text from provenance and annotations is data, never markup.

Titles, outlets, place names, notes and descriptions end up in Markdown headings (parsed as
MyST), HTML tables, the theme's print header and the search page. Rather than trusting every
one of those to escape, such text may not hold what any of them would read as markup: HTML tags,
MyST roles, directives or substitutions, or control characters and line breaks.
"""

from __future__ import annotations

import re

# markup, control characters, line separators, and the bidirectional embeddings, overrides and
# isolates that can make a text display in an order other than the one it is stored in
_FORBIDDEN = re.compile(r"[<>{}`\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMES = {"<": "'<'", ">": "'>'", "{": "'{'", "}": "'}'", "`": "a backtick", "\n": "a line break", "\r": "a line break"}


def problem(text) -> str | None:
    """Why `text` cannot be shown as plain text, or None if it can."""
    if text is None:
        return None
    match = _FORBIDDEN.search(str(text))
    if not match:
        return None
    char = match.group(0)
    what = _NAMES.get(char, f"the {'direction-changing' if ord(char) >= 0x202A else 'control'} character U+{ord(char):04X}")
    return (
        f"contains {what} at position {match.start() + 1}; displayed text may not hold HTML, MyST roles or "
        "directives, or control characters (write it as plain text on one line)"
    )
