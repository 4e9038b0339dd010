"""Pairing profile pages (eastwest.pages.profiles, written by `python -m eastwest pages`): one page per
pairing with facts, every fact on it linked to its sentence, statuses and qualifiers kept, no page
for a pairing without facts, data text escaped. Tests that only read the pages share one built copy
of the project; a test that edits the data builds its own."""

import re
from functools import cache
from html import escape

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup

from eastwest.analysis import headline
from eastwest.charts import profile as profile_chart
from eastwest.core.errors import DataError
from eastwest.core.plaintext import markdown_text
from eastwest.dataset import builder, load
from eastwest.dataset.attribution import unit_kind
from eastwest.pages import generate, profiles
from eastwest.reader import wording
from eastwest.reader.links import fact_href

HOSTILE = "<script>alert('x')</script>"


def build(paths):
    builder.build(paths)
    for cached in (load._facts, load._places, load._indicators):  # the loader caches by project root
        cached.cache_clear()
    generate.write_pages(paths)
    return load.facts(paths)


@pytest.fixture(scope="module")
def built(shared_project_copy):
    """The project copy built once (data and pages) and its facts, for the tests that only read."""
    return shared_project_copy, build(shared_project_copy)


def profile(paths, pairing_id: str) -> str:
    return (profiles.profile_dir(paths) / f"{pairing_id}.md").read_text(encoding="utf-8")


@cache
def fact_links(page: str) -> list:
    """The fact links of a page, parsed once per page text (a page is checked fact by fact)."""
    return BeautifulSoup(page, "html.parser").select("a.fact-link")


def fact_row(page: str, fact: pd.Series):
    """The table row on a profile page whose value links to the fact's highlighted sentence."""
    href = fact_href(fact["fact_id"], fact["source_id"], profiles.FROM_DIR)
    links = [a for a in fact_links(page) if a["href"] == href]
    assert len(links) == 1, f"{fact['fact_id']}: expected one linked value, found {len(links)}"
    return links[0], links[0].find_parent("tr")


def pages_of(fact: pd.Series) -> list[str]:
    """The pairing pages that list a fact: its own pairing's, or for a group's figure or a credited
    helper's (programme with '+' or '>') the pairings that show it (`shown_on`)."""
    programme = fact["programme"]
    if not programme:
        return []
    if "+" in programme or ">" in programme:
        return [p for p in str(fact["shown_on"]).split(";") if p]
    return [programme]


def facts_by_page(facts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Each pairing page with the facts it lists, own and shown, in the frame's order."""
    pages: dict[str, list[int]] = {}
    for index, fact in facts.iterrows():
        for page in pages_of(fact):
            pages.setdefault(page, []).append(index)
    return {page: facts.loc[rows] for page, rows in sorted(pages.items())}


def edit_yaml(path, change) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.fast
def test_each_pairing_with_facts_gets_a_page_listed_on_the_index(built):
    project_copy, facts = built
    expected = set(facts_by_page(facts))
    assert expected, "no fact belongs to a pairing: nothing to test"
    written = {p.stem for p in profiles.profile_dir(project_copy).glob("*.md")} - {"index"}
    assert written == expected
    index = (profiles.profile_dir(project_copy) / "index.md").read_text(encoding="utf-8")
    for pairing_id in expected:
        assert f'href="{pairing_id}.html"' in index, pairing_id
        assert (profiles.figure_dir(project_copy) / f"{pairing_id}.svg").exists() or "No chart:" in profile(
            project_copy, pairing_id
        )


@pytest.mark.fast
def test_every_fact_of_a_pairing_is_on_its_page_linked_to_its_anchor(built):
    project_copy, facts = built
    checked = 0
    for pairing_id, own in facts_by_page(facts).items():
        page = profile(project_copy, pairing_id)
        for _, fact in own.iterrows():
            link, _ = fact_row(page, fact)
            assert link["href"].endswith(f"#fact-{fact['fact_id']}")
            source_page = project_copy.source_pages / f"src-{fact['source_id']}.md"
            assert f'id="fact-{fact["fact_id"]}"' in source_page.read_text(encoding="utf-8"), fact["fact_id"]
            checked += 1
    assert checked == sum(len(pages_of(fact)) for _, fact in facts.iterrows()) > 0


# Values as the seed data state them (number text in the quote) and as a reader must see them on
# the profile page: the qualifier in words, the unit in English, a lost number said to be lost.
SHOWN_VALUES = {
    "000-industry-aid-funds": "¥240 m",  # 2.4亿元
    "000-industry-projects": "173 projects",  # 173个产业项目
    "000-suyu-park-high-tech-share": "over 40%",  # 超四成
    "000-gongliu-farm-products-purchased": "over ¥5 m",  # 500多万元
    "003-industry-projects-planned-funds": "about ¥120 m",  # 1.2亿元左右
    "000-suyu-fair-investment": "nearly ¥4,500 m",  # 近45亿元
    "001-transfer-projects": "nearly 10 projects",  # 近10个
    "003-households-driven-missing": "number missing in source",
}


@pytest.mark.fast
def test_values_keep_their_qualifiers(built):
    project_copy, facts = built
    by_id = facts.set_index("fact_id", drop=False)
    for fact_id, shown in SHOWN_VALUES.items():
        fact = by_id.loc[fact_id]
        link, _ = fact_row(profile(project_copy, fact["programme"]), fact)
        assert link.get_text() == shown, fact_id
    # Whatever the data hold, a fact qualified 'over' shows 'over' in the table and on its chart bar.
    row = facts[facts.programme != ""].iloc[0].copy()
    row["qualifier"], row["value"], row["unit"] = "over", 1800.0, "person"
    table = profiles.indicator_table(pd.DataFrame([row]), load.sources(project_copy), {})
    assert ">over 1,800 people</a>" in table
    assert profile_chart._value_label(row).startswith("over 1,800 people")


@pytest.mark.slow  # builds the copy twice
def test_facts_not_achieved_are_marked_on_the_page_and_the_chart(project_copy):
    facts = build(project_copy)
    # Make sure at least one fact on a profile page is planned, whatever the data hold.
    target = facts[(facts.programme != "") & (facts.status == "achieved")].iloc[0]

    def plan(doc):
        next(f for f in doc["facts"] if f["id"] == target["fact_id"])["status"] = "planned"

    edit_yaml(project_copy.annotation_file(target["source_id"]), plan)
    facts = build(project_copy)
    assert facts.set_index("fact_id").loc[target["fact_id"], "status"] == "planned"
    for pairing_id, own in facts_by_page(facts).items():
        page = profile(project_copy, pairing_id)
        for _, fact in own.iterrows():
            _, row = fact_row(page, fact)
            badge = row.select_one(".fact-status")
            if fact["status"] == "achieved":
                assert badge is None, fact["fact_id"]
            else:
                expected = (
                    "quota: a rule or recurring commitment; outcome not reported"
                    if fact["status"] == "quota"
                    else f"{wording.STATUS_WORDS.get(fact['status'], fact['status'])}, not achieved"  # 'expected' reads 'forecast'
                )
                assert badge is not None and badge.get_text() == expected, fact["fact_id"]
        chosen, _unit = profile_chart.chart_facts(own)
        for _, fact in chosen.iterrows():
            label = profile_chart._value_label(fact)
            assert label.endswith(f"({wording.STATUS_WORDS.get(fact['status'], fact['status'])})") == (
                fact["status"] != "achieved"
            ), fact["fact_id"]


@pytest.mark.fast
def test_the_chart_draws_whole_figures_in_one_unit(built):
    project_copy, facts = built
    # a pairing's own figures (a group's figures have no page or chart of their own: each member's page lists them)
    for pairing_id, own in facts[facts.programme.map(unit_kind) == "pairing"].groupby("programme"):
        chosen, unit = profile_chart.chart_facts(own)
        whole = ~own.flag_list.map(lambda flags: "part_of_total" in flags)  # not a component of another fact
        assert set(chosen.unit) <= {unit} and not chosen.flag_list.map(lambda f: "part_of_total" in f).any()
        assert chosen.value.notna().all()
        if unit == "person":
            assert not ((own.unit == "yuan") & whole & (own.theme != "context")).any(), pairing_id
        figure = profiles.figure_dir(project_copy) / f"{pairing_id}.svg"
        assert figure.exists() == (unit is not None), pairing_id
        if unit is not None:
            assert f"{{figure}} ../figures/pairings/{pairing_id}.svg" in profile(project_copy, pairing_id)


@pytest.mark.fast
def test_a_pairing_without_facts_gets_no_page(project_copy):
    def add(doc):
        doc["pairings"].append(
            {
                "id": "taixing-chunhua",
                "east": "taixing",
                "west": "chunhua",
                "relationship": "east_west_cooperation",
                "start_date": None,
                "start_source": None,
                "start_quote": None,
                "note": "Test pairing that no source reports on.",
            }
        )

    edit_yaml(project_copy.pairings_input, add)
    facts = build(project_copy)
    assert "taixing-chunhua" in set(load.pairings(project_copy).pairing_id)
    assert "taixing-chunhua" not in set(facts.programme)
    assert not (profiles.profile_dir(project_copy) / "taixing-chunhua.md").exists()
    assert not (profiles.figure_dir(project_copy) / "taixing-chunhua.svg").exists()
    index = (profiles.profile_dir(project_copy) / "index.md").read_text(encoding="utf-8")
    assert "Taixing → Chunhua" in index and 'href="taixing-chunhua.html"' not in index


@pytest.mark.fast
def test_html_in_titles_and_notes_is_rejected_by_the_build_and_escaped_by_the_page(project_copy):
    facts = build(project_copy)
    pairing_id = facts.loc[facts.programme != "", "programme"].iloc[0]
    source_id = facts.loc[facts.programme == pairing_id, "source_id"].iloc[0]

    # The build refuses markup in displayed text (eastwest.core.plaintext) ...
    def note(doc):
        next(p for p in doc["pairings"] if p["id"] == pairing_id)["note"] = "Note " + HOSTILE

    edit_yaml(project_copy.pairings_input, note)
    with pytest.raises(DataError, match="note contains '<'"):
        build(project_copy)

    # ... and the page escapes whatever text reaches it all the same.
    pairings = load.pairings(project_copy).set_index("pairing_id", drop=False)
    pairing = pairings.loc[pairing_id].copy()
    pairing["note"], pairing["label"] = "Note " + HOSTILE, "Label " + HOSTILE
    places = load.places(project_copy).set_index("id", drop=False)
    places.loc[pairing["west"], "name_en"] += " <b>West</b>"
    sources = load.sources(project_copy)
    sources.loc[sources.source_id == source_id, ["title_zh", "title_en"]] = ["标题" + HOSTILE, "Title " + HOSTILE]
    own = facts[facts.programme == pairing_id]
    page = profiles.profile_markdown(pairing, own, sources, places, load.indicators(project_copy), {}, "")
    assert "<script>" not in page and "<b>" not in page
    assert escape("Note " + HOSTILE) in page
    title = next(line for line in page.splitlines() if line.startswith("# "))  # Markdown: escaped with backslashes
    assert markdown_text("Label " + HOSTILE) in title


@pytest.mark.fast
def test_a_pairing_page_opens_with_the_headline_figures_of_the_landing_page(built):
    project_copy, facts = built
    chosen = headline.headline_facts(facts)
    checked = 0
    for pairing_id in {p for p in facts.programme if unit_kind(p) == "pairing"}:  # a group has no page of its own
        page = profile(project_copy, pairing_id)
        block = page[page.index("## Key numbers") : page.index("## Who helps whom")]
        shown = {a["href"] for a in BeautifulSoup(block, "html.parser").select("a.key-number-value")}
        own = chosen[chosen.programme == pairing_id]
        assert shown == {fact_href(f, s, profiles.FROM_DIR) for f, s in zip(own.fact_id, own.source_id)}, pairing_id
        checked += len(own)
    assert checked, "no pairing has a headline figure: nothing checked"


@pytest.mark.fast
def test_definitions_shown_to_readers_name_no_dataset_ids():
    indicators = load.indicators()
    labels = dict(zip(indicators.indicator, indicators.label_en))
    assert wording.reader_definition("Broader than fiscal_aid_funds.", labels) == f'Broader than "{labels["fiscal_aid_funds"]}".'
    for definition in indicators.definition:
        shown = wording.reader_definition(str(definition), labels)
        assert not re.search(r"\b[a-z]+(?:_[a-z]+)+\b|\bbreakdown\b|\bindicator", shown), shown


@pytest.mark.fast
def test_the_index_counts_the_sources_each_pairing_page_lists(built):
    """The pairings index's Sources cell and the page's list of sources are one list: a source that
    names the pairing, reports a fact on it or a fact its page shows beside its own."""
    project_copy, _ = built
    index = BeautifulSoup((profiles.profile_dir(project_copy) / "index.md").read_text(encoding="utf-8"), "html.parser")
    checked = 0
    for link in index.select("table.pairings-index a[href]"):
        pairing_id = link["href"].removesuffix(".html")
        counted = int(link.find_parent("tr").find_all("td")[3].contents[0].strip())
        listed = BeautifulSoup(profile(project_copy, pairing_id), "html.parser").select("ul.pairing-sources > li")
        assert counted == len(listed), f"{pairing_id}: the index counts {counted} sources, the page lists {len(listed)}"
        checked += 1
    assert checked, "no pairing page: nothing checked"


@pytest.mark.fast
def test_a_source_whose_figure_a_pairing_page_shows_is_one_of_its_sources():
    """A figure reported for a group of pairings is shown on each member's page; its source speaks
    about each of them even where its record names only the group's first pairing."""
    facts = pd.DataFrame(
        [
            {"fact_id": "x-own", "source_id": "s-own", "programme": "a-b", "shown_on": ""},
            {"fact_id": "x-group", "source_id": "s-group", "programme": "a-b+c-d", "shown_on": "a-b;c-d"},
        ]
    )
    sources = pd.DataFrame(
        [
            {"source_id": "s-own", "pairings": "a-b", "date_estimate": "2019", "published": "2019"},
            {"source_id": "s-group", "pairings": "a-b", "date_estimate": "2020", "published": "2020"},
            {"source_id": "s-naming", "pairings": "c-d", "date_estimate": "2018", "published": "2018"},
        ]
    )
    assert list(profiles.speaking_sources("c-d", facts, sources).source_id) == ["s-naming", "s-group"]
    assert list(profiles.speaking_sources("a-b", facts, sources).source_id) == ["s-own", "s-group"]
    own_only = facts[facts.programme == "c-d"]  # a page passes its own facts and the sources of those shown beside them
    assert list(profiles.speaking_sources("c-d", own_only, sources, ("s-group",)).source_id) == ["s-naming", "s-group"]
