"""The pieces behind following a fact (no book, no browser): the explorer's place names in both
scripts, and the anchors eastwest.sphinx_ext.fact_uses puts at each use of a fact and the use a
source page's ↩ link goes to."""

from __future__ import annotations

import re

import pytest

from eastwest.dataset import load
from eastwest.pages.explorer import explorer_data, place_name_groups
from eastwest.sphinx_ext.fact_uses import BACK_LINK, anchor_uses, best_use

pytestmark = pytest.mark.fast

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_place_is_named_in_both_scripts():
    groups = place_name_groups(load.places().fillna(""))
    assert groups
    assert all(any(CJK.search(n) for n in names) and any(re.search(r"[a-z]", n) for n in names) for names in groups.values())


def test_each_fact_carries_its_places_names_in_both_scripts():
    index, _ = explorer_data()
    places = index["lookups"]["places"]
    column = index["columns"].index("places")
    facts = load.facts()
    with_place = [i for i, (e, w) in enumerate(zip(facts.east.fillna(""), facts.west.fillna(""))) if e or w]
    assert with_place
    for i in with_place:
        text = places[index["rows"][i][column]]
        assert CJK.search(text) and re.search(r"[a-z]", text), (facts.fact_id.iloc[i], text)


def test_each_use_of_a_fact_gets_its_own_anchor():
    html = (
        '<p><a class="fact-link glued" data-fact="f-1" href="../sources/s.html#fact-f-1">6</a> and '
        '<a href="../sources/s.html#fact-f-2">7</a>, again <a class="fact-link" href="s.html#fact-f-1">6</a>; '
        '<a href="https://example.org/">no fact</a> <a id="kept" href="s.html#fact-f-3">8</a></p>'
    )
    marked, added = anchor_uses(html, {})
    assert added == [("f-1", 1, "use-f-1"), ("f-2", 1, "use-f-2"), ("f-1", 2, "use-f-1-2")]
    assert marked.count('<a id="use-') == 3
    assert '<a href="https://example.org/">' in marked and '<a id="kept" href="s.html#fact-f-3">' in marked


def test_a_back_link_prefers_the_facts_own_chapter_then_any_chapter():
    uses = [("index", 1, "use-x"), ("chapters/02_b", 1, "use-x"), ("chapters/01_a", 2, "use-x-2"), ("chapters/01_a", 1, "use-x")]
    assert best_use(uses, "chapters/02_b") == ("chapters/02_b", "use-x")
    assert best_use(uses, "chapters/09_none") == ("chapters/01_a", "use-x")
    assert best_use([("index", 1, "use-x")], "chapters/01_a") == ("index", "use-x")
    assert best_use([], "chapters/01_a") is None


def test_the_source_pages_back_links_are_the_form_the_extension_rewrites():
    from eastwest.pages.source_pages import highlighted_text

    facts = load.facts()
    source_id = facts.source_id.iloc[0]
    html = highlighted_text(load.clean_text(source_id), facts[facts.source_id == source_id])
    found = BACK_LINK.findall(html)
    assert found and all(href.startswith("../chapters/") for _, _, href, _ in found)
