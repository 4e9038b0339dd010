"""Sphinx extension: teach the Chinese word splitter (jieba) the programme's terms and place names,
so the search index holds 消费扶贫 or 东西部扶贫协作 as whole words as well as their parts; the
browser-side search looks a Chinese query up as one term.

Pages are also found by the Chinese names of the places they discuss, though their prose names
them in pinyin (the industry chapter is mostly about Yanhe, written "Yanhe", and must be found by
沿河): every page that links to facts (a chapter, the landing page, a pairing's profile) gets the
Chinese names of those facts' places, and of the counties their towns and villages belong to, as
meta keywords, which Sphinx indexes with the page's words. Data-driven: from data/facts.csv and
data/places.csv, whatever sources there are.

It also makes Sphinx 7's Chinese indexer linear instead of quadratic: `SearchChinese` keeps every
Latin word of every page in one class-level *list* and tests each word against it
(`word in self.latin_terms`), so indexing the whole book took seconds per page; a set with the
same members gives the same index (later Sphinx releases made the same change). Stemming is
memoised across pages too (the English stemmer is pure Python and the same words recur)."""

from __future__ import annotations

import re
from pathlib import Path

from eastwest.reference.terms import place_names, programme_terms
from eastwest.sphinx_ext import project_root

# A fact named in a page's HTML: a glued number (data-fact="…") or a link to its sentence (#fact-…).
FACT_REFERENCE = re.compile(r'data-fact="([^"]+)"|#fact-([0-9A-Za-z][0-9A-Za-z_-]*)')


def fact_place_names(srcdir: Path) -> dict[str, list[str]]:
    """Each fact's places' Chinese names, with the county (or city) a town or village belongs to."""
    import csv

    facts_csv, places_csv = srcdir / "data" / "facts.csv", srcdir / "data" / "places.csv"
    if not facts_csv.exists() or not places_csv.exists():
        return {}
    with places_csv.open(encoding="utf-8", newline="") as f:
        places = {row["id"]: row for row in csv.DictReader(f)}

    def names(place_id: str) -> list[str]:
        out, seen = [], set()
        while place_id in places and place_id not in seen:  # the place, then its parents
            seen.add(place_id)
            out += place_names(places[place_id]["name_zh"])
            if places[place_id].get("level") in ("province", "prefecture", "county", "district", "city"):
                break  # a county-level place is what a reader searches for; no need to climb further
            place_id = places[place_id].get("parent") or ""
        return out

    with facts_csv.open(encoding="utf-8", newline="") as f:
        return {
            row["fact_id"]: list(dict.fromkeys(n for side in ("east", "west") for p in row[side].split(";") for n in names(p)))
            for row in csv.DictReader(f)
        }


def _place_keywords(app, doctree, docname) -> None:
    from docutils import nodes

    by_fact = getattr(app, "_eastwest_fact_places", None)
    if by_fact is None:
        by_fact = app._eastwest_fact_places = fact_place_names(project_root(app.srcdir))
    found: list[str] = []
    for raw in doctree.findall(nodes.raw):
        for glued, linked in FACT_REFERENCE.findall(raw.astext()):
            found += by_fact.get(glued or linked, [])
    if found:
        doctree.insert(0, nodes.meta("", name="keywords", content=", ".join(dict.fromkeys(found))))


def _add_terms(app) -> None:
    import jieba

    for term in programme_terms(project_root(app.srcdir)):
        jieba.add_word(term, freq=100_000)


class _LatinTerms(set):
    """The set `SearchChinese.latin_terms` becomes: `extend` as on the list it replaces."""

    def extend(self, terms) -> None:
        self.update(terms)


class _MemoStemmer:
    def __init__(self, stemmer):
        self._stemmer, self._memo = stemmer, {}

    def stemWord(self, word: str) -> str:
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
    cls.latin_terms = _LatinTerms(  # type: ignore[assignment]  # a list subclass: same members, set lookups
        cls.__dict__.get("latin_terms") or ()
    )
    init = cls.init

    def memo_init(self, options):
        init(self, options)
        self.stemmer = _MemoStemmer(self.stemmer)

    cls.init = memo_init  # type: ignore[method-assign]  # wraps Sphinx's own init


def setup(app):
    _linear_chinese_indexer()
    app.connect("builder-inited", _add_terms)
    app.connect("doctree-resolved", _place_keywords)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
