"""Displayed text from provenance and annotations is data, never markup.

Titles, outlets, place names, notes and descriptions end up in Markdown headings (parsed as
MyST), HTML tables, the theme's print header and the search page. Rather than trusting every
one of those to escape, such text may not hold what any of them would read as markup: HTML tags,
MyST roles, directives or substitutions, Markdown links, images or link definitions (the page
would send its reader elsewhere, or fetch an address when it is opened), or control characters
and line breaks. Where text lands in a Markdown table, `markdown_text` escapes what is left.
"""

from __future__ import annotations

import re

# markup, control characters, line separators, and the bidirectional embeddings, overrides and
# isolates that can make a text display in an order other than the one it is stored in
_FORBIDDEN = re.compile(r"[<>{}`\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMES = {"<": "'<'", ">": "'>'", "{": "'{'", "}": "'}'", "`": "a backtick", "\n": "a line break", "\r": "a line break"}
# a Markdown link or image ("[words](address)", "![alt](address)") or link definition ("[x]: address")
_LINK = re.compile(r"!\[|\]\(|^\s*\[[^\]]*\]:")
# what Markdown, MyST or a table could read in a line of text: escaped with a backslash
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>|~&$])")


def problem(text) -> str | None:
    """Why `text` cannot be shown as plain text, or None if it can."""
    if text is None:
        return None
    text = str(text)
    match = _FORBIDDEN.search(text)
    if match:
        char = match.group(0)
        what = _NAMES.get(char, f"the {'direction-changing' if ord(char) >= 0x202A else 'control'} character U+{ord(char):04X}")
        return (
            f"contains {what} at position {match.start() + 1}; displayed text may not hold HTML, MyST roles or "
            "directives, or control characters (write it as plain text on one line)"
        )
    match = _LINK.search(text)
    if match:
        return (
            f"contains a Markdown link or image ({match.group(0).strip()!r} at position {match.start() + 1}); displayed "
            "text never links or loads an address: write the words alone (a source's address goes in its record's url)"
        )
    return None


def markdown_text(text) -> str:
    """`text` in Markdown (a heading, a table cell): every character Markdown or MyST could read as
    markup escaped with a backslash, so it shows as written."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", str(text))
