"""Figures that belong to several pairings, and a city's figures beside its district's pairing, on a
small synthetic project (one made-up article, written here, about a district paired with four
counties; not a real report): a figure given for the four counties together is one number for the
group on each member's page, in the landing table and in the charts, never divided and never
background; a figure the sentence gives for the city stays the city's; bad group values are refused
naming file and fact."""

from __future__ import annotations

import hashlib
import shutil

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup

from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.dataset import builder, load
from eastwest.dataset.attribution import Attributor
from eastwest.pages import landing, profiles

pytestmark = pytest.mark.fast

SOURCE_ID = "000_5e1f0c0ffee0a11d"
ARTICLE = (
    "合力奔小康\n"
    "本报讯 西青区持续深化东西部扶贫协作。2020年,西青区向玉田县、麦积区、景泰县和平泉市投入财政帮扶资金8000万元。"
    "天津市另向玉田县安排帮扶资金500万元。\n"
    "西青区选派20名干部到麦积区挂职。\n"
)
PLACES = [
    {"id": "tianjin", "name_zh": "天津市", "name_en": "Tianjin", "level": "province", "province": "Tianjin", "role": "east"},
    {
        "id": "xiqing",
        "name_zh": "西青区",
        "name_en": "Xiqing (Tianjin)",
        "level": "county",
        "province": "Tianjin",
        "role": "east",
        "within": "tianjin",
    },
    {"id": "yutian", "name_zh": "玉田县", "name_en": "Yutian county", "level": "county", "province": "Hebei", "role": "west"},
    {"id": "maiji", "name_zh": "麦积区", "name_en": "Maiji (Tianshui)", "level": "county", "province": "Gansu", "role": "west"},
    {"id": "jingtai", "name_zh": "景泰县", "name_en": "Jingtai county", "level": "county", "province": "Gansu", "role": "west"},
    {"id": "pingquan", "name_zh": "平泉市", "name_en": "Pingquan", "level": "county", "province": "Hebei", "role": "west"},
]
MEMBERS = ["yutian", "maiji", "jingtai", "pingquan"]
PAIRINGS = [f"xiqing-{w}" for w in MEMBERS]


def _fact(fact_id: str, quote: str, number: str, value: int, unit: str, indicator: str, theme: str, east, west) -> dict:
    return {
        "id": fact_id,
        "quote": quote,
        "number": number,
        "value": value,
        "unit": unit,
        "qualifier": "exact",
        "status": "achieved",
        "indicator": indicator,
        "description": f"Synthetic test figure {fact_id}",
        "theme": theme,
        "east": east,
        "west": west,
        "period": "2020",
        "scope": "annual",
        "flags": [],
    }


GROUP = _fact(
    "000-group-funds",
    "投入财政帮扶资金8000万元",
    "8000万元",
    80_000_000,
    "yuan",
    "fiscal_aid_funds",
    "industry",
    "xiqing",
    MEMBERS,
)
CITY = _fact(
    "000-city-funds",
    "天津市另向玉田县安排帮扶资金500万元",
    "500万元",
    5_000_000,
    "yuan",
    "fiscal_aid_funds",
    "industry",
    "tianjin",
    "yutian",
)
OWN = _fact("000-own-cadres", "西青区选派20名干部", "20名", 20, "person", "cadres_seconded_west", "talent", "xiqing", "maiji")


def _dump(doc, path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def make_project(root, facts: list[dict]) -> ProjectPaths:
    """A project of one synthetic article with `facts`, the project's vocabularies and rules, and
    only this test's places and pairings."""
    shutil.copytree(PROJECT.reference, root / "data" / "reference")
    paths = ProjectPaths(root)
    seed = ARTICLE.encode("utf-8")
    paths.seeds.mkdir(parents=True)
    paths.seed_file(SOURCE_ID).write_bytes(seed)
    record = {
        "source_id": SOURCE_ID,
        "sha256": hashlib.sha256(seed).hexdigest(),
        "title_zh": "合力奔小康",
        "title_en": "Synthetic test article, not a real report",
        "outlet": "测试用例 (test fixture)",
        "author": None,
        "published": "2020-12-01",
        "date_status": "as_given",
        "date_evidence": "Written for the test.",
        "date_estimate": "2020-12-01",
        "url": None,
        "url_kind": "none",
        "genre": "news_report",
        "script": "simplified",
        "language": "zh",
        "pairings": PAIRINGS,
        "reliability": "Written for the test suite; not a real article.",
    }
    _dump({"sources": [record]}, paths.provenance)
    _dump({"places": PLACES}, paths.places_input)
    pairings = [
        {
            "id": p,
            "east": "xiqing",
            "west": w,
            "relationship": "east_west_cooperation",
            "start_date": None,
            "start_source": None,
            "start_quote": None,
            "note": "Test pairing.",
        }
        for p, w in zip(PAIRINGS, MEMBERS)
    ]
    _dump({"pairings": pairings}, paths.pairings_input)
    _dump({"source_id": SOURCE_ID, "facts": facts, "exclusions": []}, paths.annotation_file(SOURCE_ID))
    return paths


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    paths = make_project(tmp_path_factory.mktemp("groups") / "project", [GROUP, CITY, OWN])
    builder.build(paths)
    return paths


def test_a_group_is_stored_in_the_order_written_and_belongs_to_its_pairings_together(built):
    facts = load.facts(built).set_index("fact_id")
    group = facts.loc[GROUP["id"]]
    assert group["west"] == ";".join(MEMBERS)
    assert group["programme"] == "+".join(PAIRINGS)  # one unit, in data/pairings.csv order
    assert group["shown_on"].split(";") == PAIRINGS
    assert group["programme_label"] == "Xiqing → Yutian, Maiji, Jingtai and Pingquan, together"
    assert group["pairing"] == "Xiqing → Yutian, Maiji, Jingtai and Pingquan, together"  # the fact tables' column
    assert (facts.programme != "").all(), "a group or city figure fell to background"
    assert facts.loc[OWN["id"], "programme"] == "xiqing-maiji"


def test_each_member_page_shows_the_group_figure_as_the_groups(built):
    facts, pairings = load.facts(built), load.pairings(built)
    written = {page.stem for page in profiles.write_profiles(built)}
    assert written == set(PAIRINGS), "every member pairing gets a page, even with no figure of its own"
    for pairing_id in PAIRINGS:
        page = (profiles.profile_dir(built) / f"{pairing_id}.md").read_text(encoding="utf-8")
        section = page.split("## Reported for Xiqing → Yutian, Maiji, Jingtai and Pingquan, together", 1)
        assert len(section) == 2, f"{pairing_id}: no section for the group's figure"
        assert "not this pairing's own" in section[1].split("## ")[0]
        assert f"#fact-{GROUP['id']}" in section[1].split("## ")[0]
    # the member's own figure stays in its own sections, before the group's
    maiji = (profiles.profile_dir(built) / "xiqing-maiji.md").read_text(encoding="utf-8")
    own_part = maiji.split("## Reported for", 1)[0]
    assert f"#fact-{OWN['id']}" in own_part and f"#fact-{GROUP['id']}" not in own_part
    assert set(profiles.shown_beside("xiqing-jingtai", facts).fact_id) == {GROUP["id"]}
    assert len(pairings) == len(PAIRINGS)


def test_the_landing_table_shows_one_group_number_and_the_citys_own_row(built):
    facts, pairings = load.facts(built), load.pairings(built)
    table = BeautifulSoup(landing.summary_table(facts, pairings), "html.parser")
    rows = {tr.th.get_text(" ", strip=True): tr for tr in table.select("tbody tr")}
    group_rows = [r for head, r in rows.items() if head.startswith("Xiqing → Yutian, Maiji, Jingtai and Pingquan, together")]
    assert len(group_rows) == 1, list(rows)
    links = group_rows[0].select("a.fact-link")
    assert [a["data-fact"] for a in links] == [GROUP["id"]]
    assert float(links[0]["data-value"]) == GROUP["value"], "the group figure is shown whole, never divided"
    city = [r for head, r in rows.items() if head.startswith("Tianjin (city) → Yutian")]
    assert len(city) == 1, list(rows)
    assert "allocated by Tianjin (city)" in city[0].get_text(" ", strip=True)
    assert not any(
        CITY["id"] in str(r) for head, r in rows.items() if head.startswith("Xiqing → Yutian") and "together" not in head
    )
    # no member row adds the group's money to its own
    maiji = [r for head, r in rows.items() if head.startswith("Xiqing → Maiji")]
    assert [a["data-fact"] for r in maiji for a in r.select("a.fact-link")] == [OWN["id"]]


def test_no_pairing_with_group_figures_is_said_to_have_no_numbers(built):
    facts, pairings = load.facts(built), load.pairings(built)
    sentence = landing.unreported_sentence(facts, pairings)
    assert "no numbers of their own" not in sentence and "no figure at all" not in sentence, sentence
    assert "reported together" in sentence, sentence


def test_the_city_figure_is_credited_to_the_city_on_the_district_pairings_page(built):
    facts = load.facts(built).set_index("fact_id")
    city = facts.loc[CITY["id"]]
    assert city["programme"] == "tianjin>xiqing-yutian" and city["shown_on"] == "xiqing-yutian"
    assert city["programme_label"] == "Tianjin (city) → Yutian"
    profiles.write_profiles(built)
    page = (profiles.profile_dir(built) / "xiqing-yutian.md").read_text(encoding="utf-8")
    section = page.split("## Reported for Tianjin (city) → Yutian", 1)[1].split("## ")[0]
    assert f"#fact-{CITY['id']}" in section and "Credited to Tianjin (city)" in section


@pytest.mark.parametrize(
    ("west", "message"),
    [
        (["yutian", "nowhere"], "unknown place id 'nowhere'"),
        (["yutian"], "at least two distinct place ids"),
        (["yutian", "maiji", "yutian"], "'yutian' listed twice"),
        ([], "at least two distinct place ids"),
    ],
)
def test_a_bad_group_is_refused_naming_file_and_fact(tmp_path, west, message):
    paths = make_project(tmp_path / "project", [{**GROUP, "west": west}])
    with pytest.raises(DataError) as caught:
        builder.build(paths)
    text = str(caught.value)
    assert message in text and GROUP["id"] in text and SOURCE_ID in text, text


def _attributor(source_pairings: dict[str, list[str]]):

    places = pd.DataFrame(
        [
            ("suzhou", "Suzhou", "", ""),
            ("zhangjiagang", "Zhangjiagang", "", "suzhou"),
            ("shangang", "Shangang village (Zhangjiagang)", "zhangjiagang", ""),
            ("tongren", "Tongren", "", ""),
            ("yanhe", "Yanhe", "", "tongren"),
            ("gongliu", "Gongliu", "", ""),
        ],
        columns=["id", "name_en", "parent", "within"],
    )
    pairings = pd.DataFrame(
        [
            ("suzhou-tongren", "suzhou", "tongren"),
            ("zhangjiagang-yanhe", "zhangjiagang", "yanhe"),
            ("zhangjiagang-gongliu", "zhangjiagang", "gongliu"),
        ],
        columns=["pairing_id", "east", "west"],
    )
    return Attributor(places, pairings, source_pairings)


def test_a_city_figure_for_a_districts_county_is_the_city_pairings_and_shown_on_the_districts():
    attributor = _attributor({"s": ["zhangjiagang-yanhe", "zhangjiagang-gongliu"]})
    city = attributor.attribute("s", "suzhou", "yanhe")
    assert (city.programme, city.label, city.shown_on) == ("suzhou-tongren", "Suzhou → Tongren", ("zhangjiagang-yanhe",))
    district = attributor.attribute("s", "zhangjiagang", "tongren")  # the level below the city pairing
    assert (district.programme, district.label, district.shown_on) == (
        "zhangjiagang>suzhou-tongren",
        "Zhangjiagang → Tongren",
        ("suzhou-tongren",),
    )
    assert attributor.attribute("s", "shangang", "yanhe").programme == "zhangjiagang-yanhe"  # a village counts for its county
    assert attributor.nested("zhangjiagang-yanhe", "suzhou-tongren") and not attributor.nested(
        "zhangjiagang-gongliu", "suzhou-tongren"
    )


def test_a_helper_alone_in_a_source_on_several_of_its_pairings_is_labelled_background():
    attributor = _attributor({"s": ["zhangjiagang-yanhe", "zhangjiagang-gongliu"], "t": ["zhangjiagang-yanhe"]})
    several = attributor.attribute("s", "zhangjiagang", "")
    assert (several.programme, several.label) == ("", "Background: Zhangjiagang (no single pairing)")
    assert attributor.attribute("t", "zhangjiagang", "").programme == "zhangjiagang-yanhe"  # the source's one pairing with it
    together = attributor.attribute("s", "zhangjiagang", "yanhe;gongliu")
    assert together.programme == "zhangjiagang-yanhe+zhangjiagang-gongliu" and together.shown_on == (
        "zhangjiagang-yanhe",
        "zhangjiagang-gongliu",
    )


def test_the_aid_chart_draws_one_bar_for_the_group_and_credits_the_city(built, tmp_path):
    from eastwest.charts import industry

    chart = industry.aid_funds(load.facts(built), directory=tmp_path)
    drawn = chart.facts.set_index("fact_id")
    assert list(chart.facts.fact_id).count(GROUP["id"]) == 1
    assert drawn.loc[GROUP["id"], "value"] == GROUP["value"]
    assert drawn.loc[GROUP["id"], "programme_label"].endswith(", together")
    assert drawn.loc[CITY["id"], "programme_label"] == "Tianjin (city) → Yutian"
    svg = chart.path.read_text(encoding="utf-8")
    assert "Pingquan, together" in svg and "Tianjin (city) → Yutian" in svg


def test_a_province_and_its_city_together_for_the_citys_pairing_are_that_pairings_figure():
    # 福建省、福州市两级投入…: both helpers credited together, one pairing's figure (not a group of the
    # pairing with itself, which no page or chart can place)
    places = pd.DataFrame(
        [("fujian", "Fujian", "", ""), ("fuzhou", "Fuzhou", "", "fujian"), ("dingxi", "Dingxi", "", "")],
        columns=["id", "name_en", "parent", "within"],
    )
    pairings = pd.DataFrame([("fuzhou-dingxi", "fuzhou", "dingxi")], columns=["pairing_id", "east", "west"])
    both = Attributor(places, pairings, {"s": ["fuzhou-dingxi"]}).attribute("s", "fujian;fuzhou", "dingxi")
    assert both.programme == "fuzhou-dingxi" and "Fujian" in both.label and "Fuzhou" in both.label
