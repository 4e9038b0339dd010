"""Figures: every chart the chapters show is redrawn here; bytes must equal the committed files
(reproducible builds) and no glyph may be missing from the font. Each chart is drawn wide and
narrow with no text under 11 pt (read back from the SVG), and stays light as sources grow."""

import re
import warnings

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest

from eastwest.analysis import comparisons
from eastwest.charts import base, gallery, labour, overview, style
from eastwest.charts import profile as profile_chart
from eastwest.core.paths import PROJECT
from eastwest.dataset import load
from eastwest.pages import profiles


@pytest.fixture(scope="module")
def redrawn(tmp_path_factory):
    directory = tmp_path_factory.mktemp("figures")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")  # a tofu box fails the test
        drawn = gallery.draw_all(directory)
    return directory, drawn


@pytest.mark.fast
def test_every_chart_the_book_shows_is_drawn(redrawn):
    """The chapters, the landing page and the method page (which shows the charts about the corpus)."""
    _, drawn = redrawn
    shown = set()
    for path in PROJECT.chapters.glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            shown |= set(re.findall(r"\{figure\} \.\./figures/([a-z0-9_]+)\.svg", cell.source))
    for page in ("index.md", "method.md"):
        shown |= set(re.findall(r"\{figure\} figures/([a-z0-9_]+)\.svg", (PROJECT.root / page).read_text(encoding="utf-8")))
    assert shown == {c.name for c in drawn}


@pytest.mark.fast
def test_redrawn_figures_match_the_committed_bytes(redrawn):
    directory, drawn = redrawn
    for chart in drawn:
        for suffix in (".svg", ".narrow.svg", ".csv"):
            if suffix == ".csv" and not (directory / f"{chart.name}.csv").exists():
                continue
            fresh = (directory / f"{chart.name}{suffix}").read_bytes()
            assert fresh == (PROJECT.figures / f"{chart.name}{suffix}").read_bytes(), f"{chart.name}{suffix} is not reproducible"


@pytest.mark.fast
def test_no_figure_is_left_over_from_an_old_chart(redrawn):
    _, drawn = redrawn
    names = {c.name for c in drawn}
    on_disk = {p.name.split(".")[0] for p in PROJECT.figures.glob("*.*")}
    assert on_disk == names


@pytest.mark.fast
def test_charts_name_the_facts_they_draw(redrawn):
    _, drawn = redrawn
    for chart in drawn:
        if chart.name not in ("overview_timeline", "overview_pairings"):  # source dates and pairings, not facts
            assert len(chart.facts) > 0 and "fact_id" in chart.facts, chart.name


# --- Readable at the width shown -----------------------------------------------------------------

# Chart text is real SVG text (svg.fonttype "none"): each <text> states its font size in the units
# of the SVG's viewBox (points). Text drawn as glyph outlines would have no <text> and fail here.
TEXT_SIZE = re.compile(r"<text [^>]*font-size: ([0-9.]+)px")
VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')


def svg_text_sizes(path) -> tuple[float, float]:
    """The SVG's width (pt) and the smallest font size of its text elements (pt)."""
    text = path.read_text(encoding="utf-8")
    sizes = [float(s) for s in TEXT_SIZE.findall(text)]
    assert sizes, f"{path.name}: no text element found"
    return float(VIEWBOX.search(text).group(1)), min(sizes)


@pytest.mark.fast
def test_chart_text_is_text_in_the_page_fonts(redrawn):
    """Titles, labels and values are <text> elements, not glyph outlines, and name the font stack
    (Latin and CJK families) once, so a reader can select, search and translate them."""
    directory, drawn = redrawn
    for chart in drawn:
        for layout in style.LAYOUTS:
            svg = (directory / f"{chart.name}{layout.suffix}.svg").read_text(encoding="utf-8")
            assert "<text " in svg and '<use xlink:href="#DejaVu' not in svg, (
                f"{chart.name}{layout.suffix}: text drawn as outlines"
            )
            assert svg.count(style.FONT_STACK) == 1 and style.DRAWN_FONT not in svg, chart.name


@pytest.mark.fast
def test_every_chart_is_drawn_wide_and_narrow_with_no_text_under_11_pt(redrawn):
    directory, drawn = redrawn
    for chart in drawn:
        for layout in style.LAYOUTS:
            width, smallest = svg_text_sizes(directory / f"{chart.name}{layout.suffix}.svg")
            assert width == pytest.approx(layout.width * 72), f"{chart.name}{layout.suffix}: drawn {width} pt wide"
            assert smallest >= style.MIN_FONT_PT - 1e-6, f"{chart.name}{layout.suffix}: text of {smallest:g} pt"


@pytest.mark.fast
def test_every_profile_chart_is_drawn_wide_and_narrow_with_no_text_under_11_pt(tmp_path):
    facts, sources, indicators = load.facts(), load.sources(), load.indicators()
    drawn = 0
    for _, pairing in load.pairings().iterrows():
        own = facts[facts.programme == pairing["pairing_id"]]
        chosen, unit = profile_chart.chart_facts(profiles.in_report_order(own, sources, indicators)) if len(own) else (own, None)
        if unit is None:
            continue
        profile_chart.draw_chart(pairing, chosen, unit, tmp_path)
        for layout in style.LAYOUTS:
            width, smallest = svg_text_sizes(tmp_path / f"{pairing['pairing_id']}{layout.suffix}.svg")
            assert width == pytest.approx(layout.width * 72) and smallest >= style.MIN_FONT_PT - 1e-6, pairing["pairing_id"]
        drawn += 1
    assert drawn, "no pairing has a chart"


def _figure_with(size: float, x: float = 0.5, texts=("A label",)):
    style.apply()
    fig = plt.figure(figsize=(style.WIDE.width, 2))
    for i, text in enumerate(texts):
        fig.text(x, 0.5 + 0.02 * i, text, fontsize=size)
    return fig


@pytest.mark.fast
def test_text_a_reader_cannot_read_is_refused(tmp_path):
    with pytest.raises(style.FigureTextError, match="below 11 pt"):
        style.save(_figure_with(9), "small", tmp_path)
    with pytest.raises(style.FigureTextError, match="cut off"):
        style.save(_figure_with(11, x=0.97, texts=("a label running off the edge",)), "clipped", tmp_path)
    with pytest.raises(style.FigureTextError, match="overlap"):
        style.save(_figure_with(11, texts=("one label", "another label")), "overlapping", tmp_path)
    assert not list(tmp_path.glob("*.svg")), "a refused figure was written"
    style.save(_figure_with(11), "readable", tmp_path)
    assert svg_text_sizes(tmp_path / "readable.svg")[1] == pytest.approx(11)


# --- Bounded as sources grow ---------------------------------------------------------------------

COPIES = 40  # 5 sources -> 200, 252 facts -> about 10,000


def grown(copies: int = COPIES) -> tuple[pd.DataFrame, ...]:
    """The dataset as if every source, pairing and place came `copies` times (new ids, names and
    pairing labels), as a much larger corpus would."""
    facts, sources, pairings, places = load.facts(), load.sources(), load.pairings(), load.places()
    frames: list[list[pd.DataFrame]] = [[], [], [], []]
    for k in range(copies):
        tag = f"-copy{k}" if k else ""
        f, s, p, pl = facts.copy(), sources.copy(), pairings.copy(), places.copy()
        f["fact_id"] += tag
        f["source_id"] += tag
        paired = f.programme != ""
        f.loc[paired, "programme"] += tag
        s["source_id"] += tag
        s["pairings"] = s.pairings.map(lambda v, tag=tag: ";".join(x + tag for x in v.split(";") if x))
        for column in ("pairing_id", "east", "west"):
            p[column] += tag
        pl["id"] += tag
        if k:
            f.loc[paired, "programme_label"] += f" ({k})"
            pl["name_en"] += f" {k}"
        for frame, part in zip(frames, (f, s, p, pl)):
            frame.append(part)
    return tuple(pd.concat(parts, ignore_index=True) for parts in frames)


@pytest.mark.slow
def test_charts_stay_light_as_sources_grow(redrawn, tmp_path, monkeypatch):
    directory, drawn = redrawn
    facts, sources, pairings, places = grown()
    assert len(sources) == COPIES * len(load.sources())
    texts = []
    original = style.save

    def recording_save(fig, *args, **kwargs):
        texts.extend(" ".join(t.get_text().split()) for t in style.drawn_texts(fig))
        return original(fig, *args, **kwargs)

    monkeypatch.setattr(style, "save", recording_save)
    many = {c.name: c for c in gallery.draw_all(tmp_path, facts, sources, pairings, places)}
    many.update({c.name: c for c in (labour.jobs(facts, tmp_path), overview.pairing_map(pairings, places, sources, tmp_path))})
    recorded_texts = "\n".join(texts)
    assert set(many) == {c.name for c in drawn if c.name in many}
    for chart in drawn:
        if chart.name not in many:
            continue
        for layout in style.LAYOUTS:
            now = (directory / f"{chart.name}{layout.suffix}.svg").stat().st_size
            then = (tmp_path / f"{chart.name}{layout.suffix}.svg").stat().st_size
            assert then <= max(3 * now, 200_000) and then <= 300_000, (
                f"{chart.name}{layout.suffix}: {now:,} bytes now, {then:,} bytes with {COPIES} times the sources"
            )
        rows = many[chart.name].facts
        if "fact_id" in rows and len(rows) > 2 * base.MAX_BARS:  # a chart of counts cites every fact it counted
            assert chart.name in CHARTS_OF_COUNTS, f"{chart.name} draws {len(rows)} facts"
    # the chart says what it left out, from the data
    aid = many["industry_aid_funds"].facts
    assert (aid.indicator != "aid_projects").sum() == base.MAX_BARS
    assert f"The {base.MAX_BARS} largest of {len(comparisons.aid_funds(facts)):,} figures are drawn." in recorded_texts


# Charts whose cells count facts: they cite all the facts counted, but draw at most MAX_BARS rows.
CHARTS_OF_COUNTS = {
    "overview_pairing_network",
    "overview_evidence_map",
    "labour_share",
    "consumption_status",
    "synthesis_theme_mix",
    "synthesis_caveats",
}


@pytest.mark.fast
def test_png_copies_are_written_only_when_asked_for(tmp_path, monkeypatch):
    style.apply()

    def draw(directory):
        canvas = style.Canvas(style.WIDE)
        canvas.header("How many?", "A test chart.")
        return style.save(canvas.finish(), "probe", directory)

    monkeypatch.delenv("EASTWEST_PNG", raising=False)
    draw(tmp_path / "plain")
    assert sorted(p.name for p in (tmp_path / "plain").iterdir()) == ["probe.svg"]
    monkeypatch.setenv("EASTWEST_PNG", "1")
    draw(tmp_path / "with-png")
    assert sorted(p.name for p in (tmp_path / "with-png").iterdir()) == ["probe.png", "probe.svg"]
    assert (tmp_path / "with-png" / "probe.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.fast
def test_chart_data_opens_in_a_spreadsheet_with_chinese_intact_and_plain_numbers():
    """Every chart's download starts with a UTF-8 byte-order mark (Excel on Windows then reads the
    Chinese quotes right) and the licence line; values are plain numbers (120000000, not
    120000000.0) and a period has its words beside the ISO interval."""
    from eastwest.charts.base import read_chart_data
    from eastwest.reader.spreadsheet import BYTE_ORDER_MARK
    from eastwest.reader.wording import DOWNLOAD_LICENCE, PERIOD_WORDS_COLUMN

    downloads = sorted(PROJECT.figures.glob("*.csv"))
    assert downloads, "no chart data in figures/: run `make book`"
    for path in downloads:
        text = path.read_text(encoding="utf-8")
        assert text.startswith(BYTE_ORDER_MARK + DOWNLOAD_LICENCE + "\n"), f"{path.name}: no byte-order mark or licence line"
        table = read_chart_data(path, dtype=str, keep_default_na=False)
        for column in ("value", "value_high"):
            if column in table:
                assert not table[column].str.endswith(".0").any(), f"{path.name}: {column} printed as a float"
        if "period" in table:
            assert PERIOD_WORDS_COLUMN in table and table[PERIOD_WORDS_COLUMN].str.len().gt(0).all(), path.name


@pytest.mark.fast
def test_the_timeline_names_the_pairing_whose_start_it_marks(tmp_path):
    style.apply()
    sources, pairings = load.sources(), load.pairings()
    overview.source_timeline(sources, pairings, tmp_path)
    svg = (tmp_path / "overview_timeline.svg").read_text(encoding="utf-8")
    dated = pairings[pairings.start_date.astype(str).str.len() > 0]
    named = [p for p in dated.itertuples() if any(p.pairing_id in str(s).split(";") for s in sources.pairings)]
    assert named, "no source dates a pairing's start"
    for pairing in named:
        assert f"{pairing.label} began {pairing.start_date}" in svg, pairing.pairing_id
    assert "pairing began" not in svg


FACT_GID = re.compile(r'<g id="fact:([^:"]+):([^:"]+)(:value)?"')


@pytest.mark.fast
def test_bars_drawn_from_a_fact_carry_its_id_for_the_page_to_link(redrawn):
    """A bar drawn from one fact is a group with id "fact:<source>:<fact>" (its value label
    "…:value"), naming a row of the chart's CSV, so the page links the bar to its sentence."""
    directory, drawn = redrawn
    marked = 0
    for chart in drawn:
        if not len(chart.facts) or "fact_id" not in chart.facts:
            continue
        known = set(zip(chart.facts.source_id, chart.facts.fact_id))
        for layout in style.LAYOUTS:
            ids = FACT_GID.findall((directory / f"{chart.name}{layout.suffix}.svg").read_text(encoding="utf-8"))
            assert {(s, f) for s, f, _ in ids} <= known, f"{chart.name}: a bar names a fact the chart did not draw"
            bars = [(s, f) for s, f, part in ids if not part]
            assert len(bars) == len(set(bars)), f"{chart.name}: one fact marked on two bars"
            assert sorted(bars) == sorted((s, f) for s, f, part in ids if part), f"{chart.name}: a bar without its value label"
        marked += bool(ids)
    assert marked >= 5, f"only {marked} charts mark their bars with facts"


@pytest.mark.fast
def test_a_chart_table_lists_the_charts_rows_and_links_each_value(redrawn):
    from eastwest.pages.downloads import MAX_TABLE_ROWS, chart_table

    directory, drawn = redrawn
    for chart in drawn:
        path = directory / f"{chart.name}.csv"
        if not path.exists():
            continue
        html = chart_table(path)
        table = base.read_chart_data(path, dtype=str, keep_default_na=False)
        rows = min(len(table), MAX_TABLE_ROWS)
        assert html.startswith('<details class="chart-table">') and html.count("<tr>") == rows + 1, chart.name
        if "fact_id" in table:
            assert html.count("#fact-") == rows, chart.name


MAX_CAPTION_WORDS = 60
FIGURE_BLOCK = re.compile(r"```\{figure\} ([^\n]+)\n(.*?)```", re.S)


@pytest.mark.fast
def test_chapter_captions_say_only_what_the_chart_does_not_in_60_words_or_fewer():
    """A caption gives sources, definitions and what was left out; the chart's own title and
    subtitle say the rest, so a caption runs to MAX_CAPTION_WORDS words at most."""
    checked = 0
    for path in sorted(PROJECT.chapters.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for figure, body in FIGURE_BLOCK.findall(cell.source):
                caption = " ".join(line for line in body.splitlines() if not line.startswith(":")).strip()
                assert len(caption.split()) <= MAX_CAPTION_WORDS, f"{path.name} {figure}: {len(caption.split())} words"
                checked += 1
    assert checked, "no chapter figure found"
