"""A real long county name (积石山保安族东乡族撒拉族自治县, Jishishan Bonan, Dongxiang and Salar
Autonomous County) and a name no rule can shorten are laid out, never crashed on: every chart of
the book and every page is drawn for a copy of the project whose places carry them, a label too
long for its room wraps or is shortened, and the full name stays on the page and in the chart's
box and table."""

from __future__ import annotations

import warnings

import pytest
import yaml
from conftest import copy_inputs

from eastwest.charts import gallery, style
from eastwest.dataset import builder, load
from eastwest.pages import generate, profiles
from eastwest.reader.wording import short_name

pytestmark = pytest.mark.fast

JISHISHAN_ZH = "积石山保安族东乡族撒拉族自治县"
JISHISHAN_EN = "Jishishan Bonan, Dongxiang and Salar Autonomous County"
# made up: one word too wide for a narrow chart's line, then words no rule shortens
UNBROKEN = "Jishishanbonandongxiangsalarlinxiahuizizhizhou Mountain Counties Cooperation Pilot Zone of Gansu"


def test_a_name_of_several_peoples_is_shortened_to_its_place():
    assert short_name(JISHISHAN_EN) == "Jishishan"
    assert short_name("Xiushan Tujia and Miao Autonomous County") == "Xiushan"
    assert short_name("Yanhe Tujia Autonomous County") == "Yanhe"


@pytest.fixture(scope="module")
def long_named(tmp_path_factory):
    """A copy of the project whose two ends of the first pairing with facts carry the long names,
    built, its pages written and every chart drawn."""
    paths = copy_inputs(tmp_path_factory.mktemp("long") / "project")
    builder.build(paths)
    facts = load.facts(paths)
    pairings = load.pairings(paths).set_index("pairing_id")
    with_facts = pairings.loc[sorted({p for p in facts.programme if p in pairings.index})[0]]
    renamed = {with_facts.west: (JISHISHAN_ZH, JISHISHAN_EN), with_facts.east: ("长名称测试区", UNBROKEN)}
    doc = yaml.safe_load(paths.places_input.read_text(encoding="utf-8"))
    for place in doc["places"]:
        if place["id"] in renamed:
            place["name_zh"], place["name_en"] = renamed[place["id"]]
    paths.places_input.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    builder.build(paths)
    for cached in (load._facts, load._places, load._indicators):  # the loader caches by project root
        cached.cache_clear()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")
        generate.write_pages(paths)  # the pairing pages draw their charts and maps (style.save checks the text)
        drawn = gallery.draw_all(
            paths.root / "figs", load.facts(paths), load.sources(paths), load.pairings(paths), load.places(paths)
        )
    return paths, with_facts.name, drawn


def test_every_chart_and_page_is_drawn_with_the_long_names(long_named):
    paths, pairing_id, drawn = long_named
    assert drawn and (profiles.profile_dir(paths) / f"{pairing_id}.md").exists()
    assert (profiles.figure_dir(paths) / f"{pairing_id}.svg").exists()


def test_the_pairing_page_gives_both_full_names(long_named):
    paths, pairing_id, _ = long_named
    page = (profiles.profile_dir(paths) / f"{pairing_id}.md").read_text(encoding="utf-8")
    assert JISHISHAN_ZH in page and JISHISHAN_EN in page and UNBROKEN in page


def test_a_label_too_long_for_its_line_wraps_or_is_shortened_and_its_box_keeps_the_full_name(long_named):
    paths, _, _ = long_named
    svgs = [
        p.read_text(encoding="utf-8") for p in [*(paths.root / "figs").glob("*.svg"), *profiles.figure_dir(paths).glob("*.svg")]
    ]
    drawn = "\n".join(svgs)
    assert "Jishishan" in drawn and "Dongxiang and" not in drawn  # the place's own name, not a cut-off list of peoples
    narrow = "\n".join(p.read_text(encoding="utf-8") for p in profiles.figure_dir(paths).glob("*.narrow.svg"))
    assert UNBROKEN.split()[0] not in narrow  # too wide for a phone's line: broken with a hyphen, or shortened
    assert "…" in narrow  # the map's label of the place, shortened to its room
    marks = "\n".join(p.read_text(encoding="utf-8-sig") for p in profiles.figure_dir(paths).glob("*.marks.csv"))
    assert JISHISHAN_ZH in marks and short_name(UNBROKEN) in marks  # the map's box names each place in full


def test_wrap_breaks_a_word_wider_than_its_line_and_fit_shortens_a_label():
    style.apply()
    canvas = style.Canvas(style.NARROW)
    width = canvas.width / 2
    lines = canvas.wrap(UNBROKEN, width)
    assert all(canvas.measure(line) <= width + 1e-9 for line in lines)
    assert "".join(lines).replace("-", "").replace(" ", "") == UNBROKEN.replace(" ", "")
    short = canvas.fit(UNBROKEN, width, weight="bold")
    assert short.endswith("…") and canvas.measure(short, weight="bold") <= width
    assert canvas.fit("Yanhe", width) == "Yanhe"


@pytest.mark.parametrize(
    "name, short",
    [
        ("Qiandongnan Miao and Dong Autonomous Prefecture", "Qiandongnan"),
        ("Datong Hui and Tu Autonomous County (Xining)", "Datong"),
        ("Xinjiang Uygur Autonomous Region", "Xinjiang"),
        ("Inner Mongolia Autonomous Region", "Inner Mongolia"),  # 'Mongolia' names the place, not a people
        ("Tibet Autonomous Region", "Tibet"),
    ],
)
def test_an_autonomous_unit_is_shown_by_its_place_name_and_only_peoples_are_dropped(name, short):
    assert short_name(name) == short
