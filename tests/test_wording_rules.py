"""The report's wording rules, wherever a rule can be checked (issue 11, "Every sentence true to
its source"):

- 近 ("nearly": just under) is kept apart from 约/左右 ("about": either side) when parsed and
  wherever a value is shown, and a qualifier that contradicts its number text fails the build;
- every unit has an English singular and plural in the vocabulary, and no label is a naive plural;
- a period inferred from the article's date, or a date whose year the source lost, is marked
  wherever it is shown (tables, facts-behind lists, chart labels, hover labels, the built site);
- people counted both ways are drawn both ways in the talent chart.

Nothing here assumes how many sources or facts there are: checks over the data run on whatever
the data hold, and each rule is also checked on made-up rows so that it can fail.
"""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import matplotlib.text
import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup

from eastwest.analysis import comparisons
from eastwest.annotate.annotations import validate_fact
from eastwest.annotate.numerals import parse_number
from eastwest.charts import gallery, industry, style, talent
from eastwest.charts import profile as profile_chart
from eastwest.charts.base import read_chart_data
from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT
from eastwest.dataset import builder, load
from eastwest.pages import profiles, source_pages, tables
from eastwest.reader import languages, wording
from eastwest.reader.links import fact_anchor
from eastwest.reader.wording import mark_period, span_text
from eastwest.reference.vocabulary import load_units, load_vocabulary

# What a displayed period must say for each flag (written out here, not read from the package).
MARKS = {"period_inferred": "estimated", "year_missing_in_source": "year lost in the source"}
MARKED_FLAGS = tuple(MARKS)
# Plurals a "+s" rule would write, and other wrong forms seen in labels.
BAD_ENDINGS = (
    "classs",
    "technologys",
    "batchs",
    "persons",
    "person_times",
    "categorys",
    "countys",
    "citys",
    "km2s",
    "km²s",
    "mus",
    "yuans",
    "percents",
    "timess",
    "rooms s",
    "editions s",
    "tops",
    "years s",
)


@pytest.fixture(scope="module")
def facts():
    return load.facts()


def flagged(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["flag_list"].map(lambda flags: any(f in flags for f in MARKED_FLAGS))]


def marks_of(flags) -> list[str]:
    """The words a period with these flags must show."""
    return [MARKS[f] for f in MARKED_FLAGS if f in flags]


def assert_marked(text: str, flags, where: str) -> None:
    for mark in marks_of(flags):
        assert f"{mark}" in text, f"{where}: period shown without '{mark}': {text!r}"
    if "period_inferred" in flags:  # the estimate is said of the date, not put in front of the figure
        assert not text.startswith(("c. ", "est.")), f"{where}: inferred period reads as an approximate figure: {text!r}"
        assert "date estimated" in text or "period estimated" in text, f"{where}: {text!r}"


def made_up_fact(**changes) -> pd.Series:
    row = {
        "fact_id": "999-made-up",
        "source_id": "999_made_up",
        "source_label": "Made-up Daily, 2019-11-30",
        "value": 30.0,
        "value_high": float("nan"),
        "unit": "person",
        "qualifier": "exact",
        "status": "achieved",
        "period": "2019-11",
        "scope": "stock",
        "flags": "",
        "flag_list": [],
        "description": "A made-up fact",
        "quote": "近30名",
        "pairing": "A → B",
        "breakdown": "",
        "indicator_label": "Made up",
        "theme": "context",
        "chapter": "00_overview",
    }
    row.update(changes)
    if "flags" in changes:
        row["flag_list"] = [f for f in changes["flags"].split(";") if f]
    return pd.Series(row)


# --- 近 is "nearly", 约 and 左右 are "about" -----------------------------------------------------


@pytest.mark.fast
@pytest.mark.parametrize("text", ["近45亿元", "将近3000元", "接近50%", "近千亩", "近10家", "近十分之一"])
def test_jin_parses_as_nearly(text):
    assert parse_number(text).qualifiers == {"nearly"}


@pytest.mark.fast
@pytest.mark.parametrize("text", ["约3000元", "大约20人", "大概5个", "1.2亿元左右", "300人左右", "十来个"])
def test_yue_and_zuoyou_parse_as_about(text):
    assert parse_number(text).qualifiers == {"about"}


@pytest.mark.fast
@pytest.mark.parametrize("text", ["近30余名", "近300多人", "近100人以上"])
def test_nearly_with_an_over_word_reads_as_about(text):
    # "nearly 30-odd" contradicts itself: near 30, on a side the source does not give.
    assert parse_number(text).qualifiers == {"about"}


@pytest.mark.fast
def test_nearly_and_about_are_shown_with_their_own_words():
    assert wording.value_text(made_up_fact(qualifier="nearly")) == "nearly 30 people"
    assert wording.value_text(made_up_fact(qualifier="about")) == "about 30 people"
    assert wording.value_text(made_up_fact(qualifier="nearly", unit="yuan", value=3000.0), with_unit=False) == "nearly ¥3,000"


@pytest.mark.fast
def test_every_qualifier_in_the_vocabulary_has_its_own_word():
    qualifiers = load_vocabulary().terms["qualifiers"]
    assert "nearly" in qualifiers and "about" in qualifiers
    assert set(qualifiers) == set(wording.QUALIFIER_WORDS), "a qualifier without an English word (or a word without a qualifier)"
    shown = [w for w in wording.QUALIFIER_WORDS.values() if w]
    assert len(shown) == len(set(shown)), "two qualifiers are shown with the same word"
    assert wording.QUALIFIER_WORDS["nearly"].strip() == "nearly"


@pytest.mark.fast
def test_every_fact_with_jin_is_nearly_and_shown_so(facts):
    for _, row in facts[facts.number_text != ""].iterrows():
        quals = parse_number(row["number_text"]).qualifiers
        assert row["qualifier"] in (quals or {"exact"}), row["fact_id"]
        if row["qualifier"] not in ("exact", "range") and pd.notna(row["value"]):  # a range shows both ends
            word = wording.QUALIFIER_WORDS[row["qualifier"]].strip()
            assert word and wording.value_text(row).startswith(word + " "), row["fact_id"]
        if quals == {"nearly"}:
            assert row["qualifier"] == "nearly" and "about" not in wording.value_text(row), row["fact_id"]
        if row["number_text"].startswith(("近", "将近", "接近")):
            assert quals in ({"nearly"}, {"about"}), f"{row['fact_id']}: {row['number_text']} reads as {quals}"


@pytest.mark.fast
def test_a_qualifier_contradicting_its_number_text_is_rejected():
    vocab = load_vocabulary()
    text = "全县干部近30名参加培训，约20名留下。"
    base = {
        "id": "999-made-up",
        "quote": "全县干部近30名参加培训",
        "number": "近30名",
        "value": 30,
        "value_high": None,
        "unit": "person",
        "status": "achieved",
        "indicator": "other_context",
        "description": "Made up",
        "theme": "context",
        "east": None,
        "west": None,
        "period": "2019",
        "scope": "stock",
        "flags": [],
    }
    assert validate_fact(dict(base, qualifier="nearly"), text, vocab, "999", Path("made-up.yml"))["qualifier"] == "nearly"
    for wrong in ("about", "exact", "over"):
        with pytest.raises(DataError, match=f"qualifier '{wrong}' disagrees with '近30名', which reads as nearly"):
            validate_fact(dict(base, qualifier=wrong), text, vocab, "999", Path("made-up.yml"))
    about = dict(base, quote="约20名留下", number="约20名", value=20)
    with pytest.raises(DataError, match="which reads as about"):
        validate_fact(dict(about, qualifier="nearly"), text, vocab, "999", Path("made-up.yml"))


@pytest.mark.fast
def test_the_build_fails_on_a_curated_fact_whose_qualifier_contradicts_its_number(project_copy):
    """Flip one curated fact's qualifier (近 -> about where there is one, else exact -> nearly)."""
    chosen = None
    for path in sorted(project_copy.annotations.glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for fact in doc.get("facts") or []:
            number = str(fact.get("number") or "")
            if fact.get("qualifier") == "nearly" or (chosen is None and fact.get("qualifier") == "exact" and number):
                chosen = (path, doc, fact, "about" if fact["qualifier"] == "nearly" else "nearly")
                if fact["qualifier"] == "nearly":
                    break
        if chosen and chosen[2]["qualifier"] == "nearly":
            break
    assert chosen, "no curated fact with a number to flip"
    path, doc, fact, wrong = chosen
    fact["qualifier"] = wrong
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match=rf"{re.escape(fact['id'])}'?: qualifier '{wrong}' disagrees"):
        builder.build(project_copy)


# --- Units: one vocabulary, proper English plurals --------------------------------------------


def naive_plural(singular: str, plural: str) -> bool:
    """A plural made by adding s where English does otherwise (class -> classs, city -> citys)."""
    if plural != singular + "s":
        return False
    return bool(re.search(r"(?:s|x|z|ch|sh|[^aeiou]y)$", singular))


@pytest.mark.fast
def test_every_unit_has_a_singular_and_a_plural():
    units = load_units()
    assert set(units) == set(load_vocabulary().terms["units"])
    for unit in units.values():
        assert unit.singular.strip() and unit.plural.strip(), unit.id
        assert not naive_plural(unit.singular, unit.plural), f"{unit.id}: {unit.plural!r} is a naive plural"
        assert not unit.plural.endswith(BAD_ENDINGS), unit.id


@pytest.mark.fast
def test_every_unit_used_by_a_fact_has_its_forms(facts):
    units = load_units()
    for unit in facts["unit"].unique():
        assert unit in units and units[unit].singular and units[unit].plural, unit


@pytest.mark.fast
def test_value_text_never_writes_a_naive_plural(facts):
    shown = [wording.value_text(row) for _, row in facts.iterrows()]
    for unit in load_units():  # every unit at one, several and a fraction, used or not
        shown += [wording.value_text(made_up_fact(unit=unit, value=v)) for v in (1.0, 3.0, 2.5)]
    for text in shown:
        assert not text.endswith(BAD_ENDINGS), text
        assert not re.search(r"\b(?:classs|technologys|batchs|persons|categorys|countys|citys)\b", text), text


@pytest.mark.fast
def test_unit_words_come_from_the_vocabulary():
    for unit in load_units().values():
        if unit.sign:
            assert wording.unit_text(unit.id, 3) == "" and wording.unit_text(unit.id, 1) == ""
        else:
            assert wording.unit_text(unit.id, 1) == unit.singular
            assert wording.unit_text(unit.id, 3) == unit.plural
    assert wording.value_text(made_up_fact(unit="class", value=1.0)) == "1 class"
    assert wording.value_text(made_up_fact(unit="class", value=35.0)) == "35 classes"
    assert wording.value_text(made_up_fact(unit="technology", value=61.0)) == "61 technologies"
    assert wording.value_text(made_up_fact(unit="batch", value=18.0)) == "18 batches"
    assert wording.value_text(made_up_fact(unit="room", value=17.0)) == "17 rooms"
    with pytest.raises(KeyError, match=r"not in data/reference/vocabulary\.yml"):
        wording.unit_text("no_such_unit", 2)


@pytest.mark.fast
def test_a_unit_without_a_plural_is_rejected(project_copy):
    path = project_copy.vocabulary
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    del doc["units"]["class"]["plural"]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match="unit 'class': 'plural' must be a non-empty text"):
        load_vocabulary(project_copy)


@pytest.mark.fast
@pytest.mark.parametrize(
    "text, unit", [("17间", "room"), ("7栋", "building"), ("六届", "edition"), ("146批次", "batch"), ("18批", "batch")]
)
def test_counters_that_fix_the_unit(text, unit):
    assert parse_number(text).allowed_units == {unit}


@pytest.mark.fast
def test_every_fact_unit_agrees_with_its_counter(facts):
    for _, row in facts[facts.number_text != ""].iterrows():
        allowed = parse_number(row["number_text"]).allowed_units
        assert not allowed or row["unit"] in allowed, row["fact_id"]


# --- Inferred and stripped-year periods are marked --------------------------------------------


@pytest.mark.fast
def test_period_label_marks_inferred_and_stripped_years():
    assert wording.period_label("2019-11", "stock", []) == "2019-11"
    assert wording.period_label("2019-11", "stock", ["period_inferred"]) == "2019-11 (date estimated)"
    assert wording.period_label("2019-11-20", "event", ["year_missing_in_source"]) == "2019-11-20 (year lost in the source)"
    assert (
        wording.period_label("2017-03/2021-02", "cumulative", ["period_inferred", "year_missing_in_source"])
        == "cumulative 2017-03 to 2021-02 (period estimated; year lost in the source)"
    )
    assert mark_period("to 2019-03", "part_of_total;period_inferred") == "to 2019-03 (date estimated)"
    with pytest.raises(TypeError):
        wording.period_label("2019-11", "stock")  # flags are required: no chart can forget them


@pytest.mark.fast
def test_a_start_whose_year_the_source_lost_says_so():
    """The map and the pairings table: a dated start sentence whose year the repost stripped is not
    'not dated' (data/reference/pairings.yml start_flags)."""
    assert wording.start_text({"start_date": "2017-03", "start_flags": ""}) == "since 2017-03"
    assert (
        wording.start_text({"start_date": "", "start_flags": "year_missing_in_source"}) == "start dated, year lost in the source"
    )
    assert wording.start_text({"start_date": "", "start_flags": ""}) == "start not dated in the sources"
    assert (
        wording.start_text({"start_date": "", "start_flags": "year_missing_in_source"}, since="")
        == "dated, year lost in the source"
    )
    pairings = load.pairings()
    lost = pairings[pairings.start_flags.str.contains("year_missing_in_source")]
    assert (lost.start_quote != "").all() and (lost.start_date == "").all()
    html = tables.pairings_table(pairings, wording.RELATIONSHIP_SHORT, profiled=set())
    assert html.count("year lost in the source") == len(lost)


@pytest.mark.fast
def test_funds_per_project_is_an_upper_bound_where_the_funds_went_mainly_to_the_projects(facts):
    """主要用于 / 重点支持: the funds may have paid for other projects, so funds per project is 'at most'."""
    funds = facts[(facts.indicator == "fiscal_aid_funds") & (facts.scope == "cumulative")].iloc[0]
    projects = facts[facts.indicator == "aid_projects"].iloc[0]
    key = dict(
        source_id="made-up",
        programme="made-up-pair",
        programme_label="Made → Up",
        period="2017/2019",
        scope="cumulative",
        status="achieved",
        breakdown="",
        flags="",
        flag_list=[],
    )
    frame = pd.DataFrame(
        [
            {**funds.to_dict(), **key, "fact_id": "x-funds", "value": 6e7, "quote": "累计落实帮扶资金6000万元"},
            {**projects.to_dict(), **key, "fact_id": "x-projects", "value": 60.0, "quote": "重点支持60个项目"},
        ]
    )
    row = comparisons.aid_funds(frame).iloc[0]
    assert row.per_project_at_most and industry.per_project_text(row) == "at most ¥1 m"
    frame.loc[1, "quote"] = "实施60个产业项目"
    row = comparisons.aid_funds(frame).iloc[0]
    assert not row.per_project_at_most and industry.per_project_text(row) == "¥1 m"


@pytest.mark.fast
def test_every_flagged_fact_is_marked_in_labels_and_tables(facts):
    marked = flagged(facts)
    frame = pd.concat(
        [
            marked,
            pd.DataFrame(
                [made_up_fact(flags="period_inferred"), made_up_fact(fact_id="999-made-up-2", flags="year_missing_in_source")]
            ),
        ],
        ignore_index=True,
    )
    for _, row in frame.iterrows():
        assert_marked(wording.period_label(row["period"], row["scope"], row["flag_list"]), row["flag_list"], row["fact_id"])
        assert_marked(wording.period_text(row), row["flag_list"], row["fact_id"])
    every = len(frame)  # listings count facts past their cap by source; here every row is shown and checked
    for kind, html in (
        ("fact_table", tables.fact_table(frame, max_rows=every)),
        ("facts_behind", tables.facts_behind(frame, max_listed=every)),
    ):
        items = BeautifulSoup(html, "html.parser").select("tbody tr" if kind == "fact_table" else "li")
        assert len(items) == len(frame)
        for item, (_, row) in zip(items, frame.iterrows()):
            assert_marked(item.get_text(" "), row["flag_list"], f"{kind} {row['fact_id']}")


@pytest.mark.fast
def test_profile_tables_mark_flagged_periods(facts):
    sources = load.sources()
    for _, row in flagged(facts).iterrows():
        html = profiles.indicator_table(pd.DataFrame([row]), sources, {})
        cells = BeautifulSoup(html, "html.parser").select("tbody tr td")
        assert_marked(cells[2].get_text(" "), row["flag_list"], row["fact_id"])


@pytest.mark.fast
def test_source_page_hover_labels_mark_flagged_periods(facts):
    for sid, group in facts.groupby("source_id"):
        html = source_pages.highlighted_text(load.clean_text(sid), group)
        soup = BeautifulSoup(html, "html.parser")
        for _, row in flagged(group).iterrows():
            anchor = soup.find(id=fact_anchor(row["fact_id"]))
            assert anchor is not None, row["fact_id"]
            assert_marked(anchor["title"], row["flag_list"], f"hover of {row['fact_id']}")


@pytest.mark.fast
@pytest.mark.parametrize("status", sorted(set(load_vocabulary().terms["statuses"]) - {"achieved"}))
def test_a_source_page_highlight_says_a_fact_is_not_a_result(status):
    """A plan, forecast, target or quota is labelled as one on its source's page, in the hover text
    and in the value beside the highlight (the fifth reading found plans labelled as results)."""
    text = "今年预计将实现789户脱贫。"
    row = made_up_fact(status=status, value=789.0, unit="household", number_start=6, number_end=10, quote_start=0, quote_end=12)
    soup = BeautifulSoup(source_pages.highlighted_text(text, pd.DataFrame([row])), "html.parser")
    words = wording.status_text(row)
    assert words, status
    assert soup.find("mark")["title"].startswith(f"{words}: 789 households"), soup
    assert f"({words})" in soup.find("sup", class_="fact-label").get_text()


@pytest.mark.fast
def test_every_fact_that_is_not_a_result_is_labelled_so_on_its_source_page(facts):
    for sid, group in facts[facts.status != "achieved"].groupby("source_id"):
        soup = BeautifulSoup(source_pages.highlighted_text(load.clean_text(sid), group), "html.parser")
        for _, row in group.iterrows():
            anchor = soup.find(id=fact_anchor(row["fact_id"]))
            assert anchor["title"].startswith(wording.status_text(row) + ": "), (row["fact_id"], anchor["title"])


@pytest.mark.fast
def test_an_achieved_fact_carries_no_status_word():
    row = made_up_fact(number_start=0, number_end=3, quote_start=0, quote_end=3)
    assert wording.status_text(row) == ""
    assert wording.fact_label(row).startswith("30 people · ")


@pytest.fixture(scope="module")
def chart_texts(tmp_path_factory):
    """Every chart of the chapters and of the pairing profiles, with every text drawn on it."""
    directory = tmp_path_factory.mktemp("figures")
    drawn_texts: dict[str, list[str]] = {}
    original = style.save

    def recording_save(fig, name, *args, **kwargs):
        if languages.current() == languages.ENGLISH:  # the Chinese drawing: tests/test_figures_zh.py
            drawn_texts[name] = [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]
        return original(fig, name, *args, **kwargs)

    monkey = pytest.MonkeyPatch()
    monkey.setattr(style, "save", recording_save)
    try:
        drawn = {c.name: c.facts for c in gallery.draw_all(directory)}
        facts, pairings = load.facts(), load.pairings()
        indicators, sources = load.indicators(), load.sources()
        for _, pairing in pairings.iterrows():
            own = facts[facts.programme == pairing["pairing_id"]]
            chosen, unit = (
                profile_chart.chart_facts(profiles.in_report_order(own, sources, indicators)) if len(own) else (own, None)
            )
            if unit is not None:
                profile_chart.draw_chart(pairing, chosen, unit, directory / "pairings")
                drawn[pairing["pairing_id"]] = chosen
    finally:
        monkey.undo()
    return {name: (frame, drawn_texts[name]) for name, frame in drawn.items()}


# A marked period: its dates up to the mark that follows them ('2017-03 to 2021-02 (period estimated)').
MARKED_SPAN = re.compile(
    r"\d{4}[^\n()]*?(?:\(one year\)[^\n()]*?)?\((?:(?:date|period) estimated|year lost in the source)[^)]*\)"
)


def bare_forms(row) -> set[str]:
    """How a fact's period reads in a label when its marks are left off."""
    forms = {wording.period_label(row["period"], row["scope"], []), span_text(row["period"])}
    forms.add(f"to {comparisons.report_date(row['period'])}")
    return {f for f in forms if f and f not in ("to ", "date not given")}


@pytest.mark.fast
def test_chart_labels_never_show_a_flagged_period_bare(chart_texts):
    source_labels = sorted(load.sources().apply(wording.source_label, axis=1), key=len, reverse=True)
    for name, (frame, texts) in chart_texts.items():
        if "flag_list" not in frame:
            continue
        unmarked = []
        for text in texts:
            for label in source_labels:  # a source's own date ('Qunzhong, c. 2019-03') is not a fact's period
                text = text.replace(label, "")
            text = re.sub(r"\s+", " ", text)  # a wrapped label is one label
            for description in frame.get("description", []):  # a description's own years are not a period
                text = text.replace(profile_chart._latin(description), "")
            unmarked.append(MARKED_SPAN.sub("", text))
        plain = set().union(*[bare_forms(r) for _, r in frame.iterrows() if not marks_of(r["flag_list"])] or [set()])
        for _, row in flagged(frame).iterrows():
            for form in bare_forms(row) - plain:
                hits = [t for t in unmarked if re.search(rf"(?<![\w\-–/]){re.escape(form)}(?![\w\-–/])", t)]
                assert not hits, f"{name}: {row['fact_id']} shown as {form!r} without its mark: {hits}"


@pytest.mark.fast
def test_chart_rows_labelled_with_a_period_carry_the_mark(chart_texts):
    """The charts that label each row with its period (charts._when, profile_chart._bar_label) show
    the marked label of every flagged fact they draw as a row."""
    labelled = {"industry_aid_funds", "industry_investment_vs_aid", "talent_flows", "consumption_sales"}
    labelled |= {name for name in chart_texts if "-" in name}  # the pairing profiles
    checked = 0
    for name in labelled & set(chart_texts):
        frame, texts = chart_texts[name]
        joined = re.sub(r"\s+", " ", " ".join(texts))  # labels are wrapped to fit
        for _, row in flagged(frame).iterrows():
            if name == "industry_aid_funds" and row["indicator"] == "aid_projects":
                continue  # a partner fact (its project count), written on its funds' bar
            label = wording.period_label(row["period"], row["scope"], row["flag_list"])
            assert label in joined, f"{name}: {row['fact_id']} drawn without {label!r}"
            checked += 1
    if not checked:
        pytest.skip("no flagged fact is drawn as a labelled row in the current data")


# --- The built site ----------------------------------------------------------------------------


HTML = PROJECT.html


def site_pages(pattern: str) -> list[Path]:
    if not (HTML / "index.html").exists():
        pytest.fail("the site is not built: run `make book` first (`make test` does)")
    return sorted(HTML.glob(pattern))


def fact_of_href(href: str, by_anchor: dict) -> str | None:
    return by_anchor.get(unquote(urlsplit(href).fragment))


@pytest.mark.book
def test_built_pages_mark_every_displayed_period_of_a_flagged_fact(facts):
    by_anchor = {fact_anchor(f): f for f in facts.fact_id}
    flags = facts.set_index("fact_id")["flag_list"].to_dict()
    rows = facts.set_index("fact_id")
    checked = 0
    for path in site_pages("chapters/*.html") + site_pages("pairings/*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tr in soup.select("table.fact-table tbody tr"):
            link = tr.select_one("a.fact-link")
            fact_id = fact_of_href(link["href"], by_anchor) if link else None
            if fact_id and marks_of(flags[fact_id]):
                period_cell = tr.find_all("td")[2]  # value, what it counts, period, ...
                assert_marked(period_cell.get_text(" "), flags[fact_id], f"{path.name}: {fact_id}")
                assert wording.period_text(rows.loc[fact_id]) in period_cell.get_text(), f"{path.name}: {fact_id}"
                checked += 1
        for li in soup.select("details.facts-behind li"):
            fact_id = fact_of_href(li.a["href"], by_anchor)
            if fact_id and marks_of(flags[fact_id]):
                assert_marked(li.get_text(" "), flags[fact_id], f"{path.name} facts behind: {fact_id}")
                checked += 1
    assert checked or flagged(facts).empty, "flagged facts exist but no table or list on the site shows one"


@pytest.mark.book
def test_built_source_pages_mark_flagged_periods_in_their_hover_labels(facts):
    pages_found = site_pages("sources/src-*.html")
    assert pages_found, "no source pages in the built site"
    flags = facts.set_index("fact_id")["flag_list"].to_dict()
    for path in pages_found:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for fact_id in flagged(facts).fact_id:
            anchor = soup.find(id=fact_anchor(fact_id))
            if anchor is not None:
                assert_marked(anchor.get("title", ""), flags[fact_id], f"{path.name}: hover of {fact_id}")


# --- People counted both ways are drawn both ways ------------------------------------------------


@pytest.mark.fast
def test_both_way_flows_straddle_the_centre_line(facts, tmp_path):
    flows = comparisons.talent_flows(facts)
    assert len(flows), "no talent flows to draw"
    # Add a made-up 'both' row (from a real row) so that the rule is exercised whatever the data hold.
    extra = facts[facts.fact_id == flows.fact_id.iloc[0]].copy()
    extra["fact_id"], extra["direction"], extra["value"] = "999-made-up-both", "both", 40.0
    chart = talent.talent_flows(pd.concat([facts, extra], ignore_index=True), tmp_path)
    data = read_chart_data(tmp_path / "talent_flows.csv")
    assert {"direction", "drawn_as", "drawn_from", "drawn_to"} <= set(data.columns)
    assert set(data.fact_id) == set(chart.facts.fact_id)
    for _, row in data.iterrows():
        width = row["drawn_to"] - row["drawn_from"]
        assert width == pytest.approx(row["value"]), row["fact_id"]
        if row["direction"] == "both":
            assert row["drawn_from"] == pytest.approx(-row["value"] / 2) and row["drawn_to"] == pytest.approx(row["value"] / 2), (
                row["fact_id"]
            )
            assert row["drawn_as"].startswith("both ways"), row["fact_id"]
        elif row["direction"] == "east_to_west":
            assert row["drawn_from"] == 0 and row["drawn_to"] > 0, row["fact_id"]
        else:
            assert row["direction"] == "west_to_east" and row["drawn_to"] == 0 and row["drawn_from"] < 0, row["fact_id"]
    assert "999-made-up-both" in set(data.fact_id)


@pytest.mark.fast
def test_committed_talent_chart_data_draws_both_ways_across_the_line():
    path = PROJECT.figures / "talent_flows.csv"
    data = read_chart_data(path)
    assert "direction" in data.columns, f"{path} does not say which way each bar goes: run `make book`"
    both = data[data.direction == "both"]
    assert (both.drawn_from < 0).all() and (both.drawn_to > 0).all()
    assert ((both.drawn_to - both.drawn_from) - both.value).abs().max() < 1e-9 if len(both) else True


@pytest.mark.fast
def test_two_sources_of_one_outlet_and_day_get_names_told_apart():
    from eastwest.reader.wording import label_suffixes, source_label

    same = {"outlet": "荔枝新闻 (Litchi News)", "date_status": "as_given", "published": "2021-02-27"}
    rows = [
        {**same, "source_id": "009_b"},
        {**same, "source_id": "008_a"},
        {**same, "source_id": "010_c", "published": "2021-02-28"},
    ]
    suffixes = label_suffixes(rows)
    assert suffixes == {"008_a": " (1)", "009_b": " (2)", "010_c": ""}
    names = {r["source_id"]: source_label({**r, "label_suffix": suffixes[r["source_id"]]}) for r in rows}
    assert len(set(names.values())) == 3
    assert names["008_a"].endswith("2021-02-27 (1)") and names["010_c"].endswith("2021-02-28")
