"""Sphinx extension: teach the Chinese word splitter (jieba) the programme's terms and place names,
so the search index holds 消费扶贫 or 东西部扶贫协作 as whole words as well as their parts; the
browser-side search looks a Chinese query up as one term.

It also makes Sphinx 7's Chinese indexer linear instead of quadratic: `SearchChinese` keeps every
Latin word of every page in one class-level *list* and tests each word against it
(`word in self.latin_terms`), so indexing the whole book took seconds per page; a set with the
same members gives the same index (later Sphinx releases made the same change). Stemming is
memoised across pages too (the English stemmer is pure Python and the same words recur)."""
from __future__ import annotations

import re
from pathlib import Path

from .yamlio import load_yaml

GLOSSARY_TERM = re.compile(r"^([\u4e00-\u9fff]{2,})\s*$", re.M)


def programme_terms(srcdir: Path) -> list[str]:
    glossary = srcdir / "glossary.md"
    terms = GLOSSARY_TERM.findall(glossary.read_text(encoding="utf-8")) if glossary.exists() else []
    places = load_yaml(srcdir / "data" / "reference" / "places.yml") or {}
    entries = places.get("places", places) if isinstance(places, dict) else places
    for place in entries if isinstance(entries, list) else []:
        name = str(place.get("name_zh") or "")
        short = re.sub(r"(土家族自治县|自治县|市|县|区|省|镇|乡|村)$", "", name)
        terms += [name] + ([] if short.endswith("自治") else [short])
    return sorted({t for t in terms if len(t) >= 2})


def _add_terms(app) -> None:
    import jieba

    for term in programme_terms(Path(app.srcdir)):
        jieba.add_word(term, freq=100_000)


class _LatinTerms(set):
    """The set `SearchChinese.latin_terms` becomes: `extend` as on the list it replaces."""

    def extend(self, terms) -> None:
        self.update(terms)


class _MemoStemmer:
    def __init__(self, stemmer):
        self._stemmer, self._memo = stemmer, {}

    def stemWord(self, word: str) -> str:  # noqa: N802 (snowballstemmer's name)
        try:
            return self._memo[word]
        except KeyError:
            stemmed = self._memo[word] = self._stemmer.stemWord(word)
            return stemmed


def _linear_chinese_indexer() -> None:
    from sphinx.search import zh

    cls = zh.SearchChinese
    if isinstance(cls.__dict__.get("latin_terms"), _LatinTerms):
        return
    cls.latin_terms = _LatinTerms(cls.__dict__.get("latin_terms") or ())
    init = cls.init

    def memo_init(self, options):
        init(self, options)
        self.stemmer = _MemoStemmer(self.stemmer)

    cls.init = memo_init


def setup(app):
    _linear_chinese_indexer()
    app.connect("builder-inited", _add_terms)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
