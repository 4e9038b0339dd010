"""The book's two languages, English and Chinese, drawn from one execution of each notebook.

A notebook's code runs once (the Chinese notebooks have the English notebooks' code cells, so
jupyter-cache hands them the English execution). Whatever that run puts on a page therefore
carries both languages: `both(en, zh)` wraps each language's HTML in markers, and each book's
Sphinx pass keeps only its own language's part (`only`, called by eastwest.sphinx_ext.languages).
Charts are drawn once per language: `in_language(language)` sets the language the chart code words
its text in, read with `current()`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

ENGLISH = "en"
CHINESE = "zh"
LANGUAGES = (ENGLISH, CHINESE)
# The value of <html lang> and hreflang for each language.
HTML_LANG = {ENGLISH: "en", CHINESE: "zh-CN"}
# Where each language's book lies (its sources, and its site under _build/html); English at the root.
FOLDER = {ENGLISH: "", CHINESE: "zh"}

_OPEN = "<!--language:{}-->"
_CLOSE = "<!--/language:{}-->"
_SEGMENT = re.compile(r"<!--language:(en|zh)-->(.*?)<!--/language:\1-->", re.S)

_current: ContextVar[str] = ContextVar("language", default=ENGLISH)


def both(en: str, zh: str) -> str:
    """HTML holding each language's version; a book shows only its own (see `only`)."""
    if en == zh:
        return en
    return f"{_OPEN.format(ENGLISH)}{en}{_CLOSE.format(ENGLISH)}{_OPEN.format(CHINESE)}{zh}{_CLOSE.format(CHINESE)}"


def only(html: str, language: str) -> str:
    """`html` with the other languages' parts removed and this language's markers dropped."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: expected one of {', '.join(LANGUAGES)}")
    if "<!--language:" not in html:
        return html
    return _SEGMENT.sub(lambda m: m.group(2) if m.group(1) == language else "", html)


def of_sphinx(language: str | None) -> str:
    """The book language a Sphinx `language` setting builds: zh, zh_CN, zh-CN → zh; anything else → en."""
    return CHINESE if (language or "").lower().replace("-", "_").split("_")[0] == "zh" else ENGLISH


def current() -> str:
    """The language chart and page code is wording its text in (English unless `in_language` says)."""
    return _current.get()


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """Word everything drawn inside the block in `language`."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: expected one of {', '.join(LANGUAGES)}")
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


def pick(en: str, zh: str) -> str:
    """The current language's wording of a piece of text."""
    return zh if current() == CHINESE else en
