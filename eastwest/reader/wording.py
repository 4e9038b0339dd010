"""Every phrase a reader sees about a value, a period, a source or a pairing, in one place: numbers
with their qualifiers and units, periods with their caveats, a source's outlet and date, a pairing's
arrangement, themes and directions. Charts, tables, pages and glued text all word things through
here, so a fact reads the same everywhere. Imports neither matplotlib nor the dataset (a notebook
that draws nothing starts faster, and every layer above may use it)."""

from __future__ import annotations

import re

import pandas as pd

from eastwest.reader.peoples import PEOPLES
from eastwest.reference.vocabulary import load_units


def human(value: float, unit: str = "") -> str:
    """Readable numbers for labels: 240000000 yuan -> '240 m yuan'; 22896 -> '22,896'."""
    if value is None or value != value:
        return "n/a"
    if unit == "yuan":
        if abs(value) >= 1e5:
            # as many decimals as the source gave (195.5万元 is ¥1.955 m, never a rounded ¥1.96 m)
            return f"¥{value / 1e6:,.4f}".rstrip("0").rstrip(".") + " m"
        return f"¥{value:,.0f}"
    if unit == "percent":
        return f"{value:g}%"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


THEME_LABELS = {
    "industry": "Industry projects",
    "talent": "Talent exchange",
    "labour": "Labour cooperation",
    "consumption": "Consumption-based help",
    "pairing": "Pairing structure",
    "social": "Social assistance",
    "outcome": "Poverty outcomes",
    "context": "Context",
}


# A pairing page's heading for a theme where the theme's name claims more than its figures: aid
# funds (an industry indicator) may pay for a care centre or a road, not only for industry.
PROFILE_THEME_HEADINGS = {"industry": "Industry projects and aid funds"}


BACKGROUND = "Background (no single pairing)"


def background_label(named: str) -> str:
    """A background fact that names a helper or a group: 'Background: Zhangjiagang (no single
    pairing)' — its figure is no one pairing's, and not the sum of its pairings' either."""
    return f"Background: {named} (no single pairing)" if named else BACKGROUND


def label_ends(label: str) -> tuple[str, str]:
    """The helping and receiving sides named in a pairing's or group's label, for sentences:
    'Xiqing → Yutian and Maiji, together' -> ('Xiqing', 'Yutian and Maiji')."""
    east, _, west = label.removesuffix(", together").partition(" → ")
    return east, west


# What a figure shown beside a pairing's own is, by the kind of its unit (eastwest.dataset.attribution).
SHARED_NOTE = {
    "group": "one figure for these pairings together, never divided between them; shown on",
    "credited": "credited to the helper the sentence names, not the pairing's own; shown on",
}


def city_name(name: str) -> str:
    """A helper credited at the city level above the pairing's district: 'Suzhou (city)'."""
    return f"{name} (city)"


def group_label(easts: list[str], wests: list[str]) -> str:
    """One figure for several places together: 'Xiqing → Yutian, Maiji, Jingtai and Pingquan, together'."""
    ends = [in_words(side) for side in (easts, wests) if side]
    return " → ".join(ends) + ", together"


_CJK = re.compile(r"[\u3400-\u9fff]")


def outlet_en(outlet: str) -> str:
    """A reader's name for an outlet: '荔枝网 (Litchi News, JSBC)' -> 'Litchi News';
    'WeChat-style post (outlet not named)' -> 'WeChat-style post'."""
    head, _, rest = outlet.partition(" (")
    if _CJK.search(head) and rest:
        return re.split(r"[;,)]", rest)[0].strip()
    return head.strip()


def span_text(period: str) -> str:
    """'2016/2017' -> '2016–2017'; '/2018-05' -> 'to 2018-05'; '2018-05/' -> 'from 2018-05'."""
    if not period or period == "unknown":
        return "date not given"
    if "/" not in period:
        return period
    start, end = period.split("/", 1)
    if start and end:
        return f"{start}–{end}"
    return f"to {end}" if end else f"from {start}"


# The marks a displayed period carries when it is not simply the sentence's own date. The mark
# names the date ("date estimated"), never a bare "c." or "est." in front of the text, which would
# read as if the number beside it were approximate.
PERIOD_MARKS = {"period_inferred": "estimated", "year_missing_in_source": "year lost in the source"}
_DATE = re.compile(r"\b\d{4}(?:-\d{2}){0,2}\b")


def mark_period(text: str, flags) -> str:
    """A displayed period with its caveats, said of its dates: a period inferred from the article's
    date reads '2019-11 (date estimated)' or 'cumulative, 2017-03 to 2021-02 (period estimated)', a
    date whose year the source lost '2019-11-20 (year lost in the source)', both '2019-11-20 (date
    estimated; year lost in the source)'. `flags` is a fact's flag list or its ';'-separated flags
    text. Every table, chart label and hover text shows periods this way."""
    if isinstance(flags, str):
        flags = flags.split(";")
    notes = []
    if "period_inferred" in flags:
        notes.append(f"{'period' if len(_DATE.findall(text)) > 1 else 'date'} {PERIOD_MARKS['period_inferred']}")
    if "year_missing_in_source" in flags:
        notes.append(PERIOD_MARKS["year_missing_in_source"])
    return f"{text} ({'; '.join(notes)})" if notes else text


def label_suffixes(sources: list) -> dict[str, str]:
    """What tells apart sources whose reader's names would be the same (two articles of one outlet
    on one day): ' (1)', ' (2)', … in source-id order, by source id; '' for a name no other source has."""
    by_name: dict[str, list[str]] = {}
    for source in sources:
        by_name.setdefault(source_label({**source, "label_suffix": ""}), []).append(str(source["source_id"]))
    return {sid: (f" ({n})" if len(ids) > 1 else "") for ids in by_name.values() for n, sid in enumerate(sorted(ids), start=1)}


def source_label(source: pd.Series | dict) -> str:
    """A reader's name for a source: outlet and date ('Litchi News, 2021-02-27'); an estimated
    date of writing is marked 'c.'; a name two sources would share ends with their number, ' (1)'
    (data/sources.csv `label_suffix`, eastwest.reader.wording.label_suffixes)."""
    suffix = str(source.get("label_suffix") or "")
    if source["date_status"] == "as_given" and source["published"]:
        date = source["published"]
    elif source.get("date_estimate"):
        date = f"c. {span_text(source['date_estimate'])}"
    else:
        date = "undated"
    return f"{outlet_en(source['outlet'])}, {date}{suffix}"


def source_date_text(published: str | None, date_status: str, date_estimate: str | None) -> str:
    """A source's date and how it was established, each said once: '2019-03-05'; 'undated;
    written 2017-08 (date estimated)'; '2018-06-01 (repost date; written 2017 (date estimated))'."""
    if date_status == "as_given" and published:
        return published
    written = (
        f"written {mark_period(span_text(date_estimate), ['period_inferred'])}" if date_estimate else "date of writing unknown"
    )
    if not published:
        return f"undated; {written}"
    return f"{published} ({date_status.replace('_', ' ')}; {written})"


# An ethnic autonomous unit's name is shown by its place name: 'Yanhe Tujia Autonomous County' -> 'Yanhe',
# 'Jishishan Bonan, Dongxiang and Salar Autonomous County' -> 'Jishishan' (one people or several, by
# their names in eastwest.reader.peoples; 'Inner Mongolia Autonomous Region' keeps 'Inner Mongolia').
_PEOPLE = "(?:" + "|".join(re.escape(p) for p in PEOPLES) + ")"
AUTONOMOUS_SUFFIX = re.compile(rf"( {_PEOPLE}(?:(?:,| and|, and) {_PEOPLE})*)? Autonomous (County|Prefecture|Region)$")


def without_autonomous_suffix(name: str) -> str:
    """'Yanbian Korean Autonomous Prefecture' -> 'Yanbian'; 'Bijiang (Tongren)' -> 'Bijiang'."""
    return AUTONOMOUS_SUFFIX.sub("", name.split(" (")[0])


def short_name(name: str) -> str:
    """'Yanhe Tujia Autonomous County' -> 'Yanhe'; 'Bijiang (Tongren)' -> 'Bijiang'; 'Xunyi county' -> 'Xunyi'."""
    if not name:
        return ""
    return without_autonomous_suffix(name).replace(" county", "")


# The English word each qualifier is shown with (data/reference/vocabulary.yml `qualifiers`).
# 近 is "nearly" (just under the number), never "about" (either side of it).
QUALIFIER_WORDS = {"exact": "", "over": "over ", "nearly": "nearly ", "about": "about ", "under": "under ", "range": ""}


def unit_text(unit: str, value: float) -> str:
    """The unit's English word for `value` from the vocabulary: 'person', 3 -> 'people';
    'project', 1 -> 'project'. Units the number carries as a sign (yuan ¥, percent %) give ''."""
    entry = load_units().get(unit)
    if entry is None:
        raise KeyError(f"unit {unit!r} is not in data/reference/vocabulary.yml `units`; add it with its singular and plural")
    if entry.sign:
        return ""
    return entry.singular if value == 1 else entry.plural


def period_text(row) -> str:
    """A fact's period for tables and labels ('2017-03–2021-02'), with the mark of an inferred
    period or a year lost in the source ('2019-11 (date estimated)')."""
    return mark_period(span_text(row["period"]), row["flag_list"])


def value_text(row, with_unit: bool = True) -> str:
    """'over ¥30 m', 'nearly 1,000 mu', 'top 3', 'number missing in source'; qualifiers are never dropped."""
    if pd.isna(row["value"]):
        return "number missing in source"
    text = human(row["value"], row["unit"])
    if row["qualifier"] == "range" and not pd.isna(row["value_high"]):
        text += "–" + human(row["value_high"], row["unit"])
    unit = unit_text(row["unit"], row["value"]) if with_unit else ""
    if unit and load_units()[row["unit"]].word_before:
        text, unit = f"{unit} {text}", ""
    return (QUALIFIER_WORDS[row["qualifier"]] + text + (" " + unit if unit else "")).strip()


# What a fact that is not a result is, said wherever a fact is labelled on its own (a source page's
# highlight, a table row, a chart's alt text): a plan, a forecast or a yearly quota never reads as
# something done. Keys are the vocabulary's statuses (data/reference/vocabulary.yml `statuses`).
STATUS_WORDS = {"planned": "planned", "expected": "forecast", "target": "target", "quota": "quota, each year"}


def status_text(row) -> str:
    """'planned', 'forecast', 'target', 'quota, each year' ('rule' for a share assigned by one); '' for an achieved fact. A status the
    vocabulary gains without a word here reads as itself, never as nothing."""
    if row["status"] == "achieved":
        return ""
    if row["status"] == "quota" and row.get("unit") == "percent":  # a share assigned by rule (622分红), not a yearly amount
        return "rule"
    return STATUS_WORDS.get(row["status"], str(row["status"]))


def fact_label(row) -> str:
    """A fact labelled on its own, as a source page's highlight shows it: 'planned: about ¥120 m ·
    Fiscal aid funds · 2016–2020'; an achieved fact has no status word. The fact's id is the
    highlight's anchor, never part of what a reader is shown."""
    status = status_text(row)
    breakdown = f" ({row['breakdown']})" if row["breakdown"] else ""
    return (f"{status}: " if status else "") + f"{value_text(row)} · {row['indicator_label']}{breakdown} · {period_text(row)}"


def value_with_status(row) -> str:
    """The value beside a highlight: 'about ¥120 m (planned)', 'over ¥30 m (forecast)', '240 m'."""
    status = status_text(row)
    return value_text(row) + (f" ({status})" if status else "")


def start_text(pairing, since: str = "since ") -> str:
    """When a pairing began, as the sources date it: 'since 2017-03'; a start sentence whose year
    the surviving copy lost (start_flags) says so; no start sentence dated at all says that."""
    flags = [f for f in str(pairing.get("start_flags", "") or "").split(";") if f]
    if pairing["start_date"]:
        return mark_period(f"{since}{pairing['start_date']}", flags)
    named = "start " if since else ""  # a table's Start column names it already
    if "year_missing_in_source" in flags:
        return f"{named}dated, year lost in the source"
    return f"{named}not dated in the sources"


RELATIONSHIP_SHORT = {
    "east_west_cooperation": "East–West cooperation",
    "north_south_linkage": "South–north linkage (Jiangsu)",
    "xinjiang_aid": "Aid to Xinjiang",
    "tibet_aid": "Aid to a Tibetan-area county",
    "counterpart_assistance": "Counterpart assistance",
}


THEME_SHORT = {
    "industry": "Industry",
    "talent": "Talent",
    "labour": "Labour",
    "consumption": "Consumption",
    "pairing": "Pairing",
    "social": "Social help",
    "outcome": "Outcomes",
    "context": "Context",
}


def period_label(period: str, scope: str, flags) -> str:
    """A reader's period: 'cumulative 2017-03 to 2021-02', 'year 2018', 'per year, from 2018-05';
    a period inferred from the article's date is marked '… (date estimated)', a date whose year the
    source lost '… (year lost in the source)' (wording.mark_period). `flags` is required: pass the
    fact's flag_list, so that no chart shows a guessed date bare."""
    start, _, end = period.partition("/")
    if period == "unknown":
        text = "date not given"
    elif scope == "cumulative":
        text = f"cumulative {start} to {end}" if start else f"cumulative to {end}"
    elif scope == "period_total":
        text = f"total {start}–{end}" if end else f"total from {start}"
    elif scope == "annual":
        text = f"year {period}"
    elif scope == "recurring":
        text = "per year" + (f", from {start}" if start else f", up to {end}" if end else "")
    else:
        text = span_text(period)
    return mark_period(text, flags)


# A fact's scope as a reader reads it (data/reference/vocabulary.yml `scopes`): never the bare id.
SCOPE_WORDS = {
    "cumulative": "cumulative",
    "annual": "one year",
    "event": "one event",
    "stock": "at that date",
    "period_total": "total over the period",
    "recurring": "per year",
}


# Which way people or money move (an indicator's `direction`); "none" is shown as "—" in tables.
DIRECTION_WORDS = {"east_to_west": "east → west", "west_to_east": "west → east", "both": "both ways", "none": ""}


def when_text(row) -> str:
    """'cumulative, 2017-03 to 2021-02', 'in 2018 (one year)', '2016–2017 in total', '2017-09
    (date estimated), one group'; an inferred period or a year the source lost is marked (wording.mark_period)."""
    start, _, end = row["period"].partition("/")
    if row["scope"] == "event":  # only groups of people sent are shown at one date (ONE_GROUP_QUESTIONS)
        return f"{mark_period(span_text(row['period']), row['flag_list'])}, one group"
    if row["scope"] == "stock":  # and the people in post at a date
        return f"{mark_period(span_text(row['period']), row['flag_list'])}, in post"
    if row["scope"] == "cumulative":
        text = f"cumulative, {start} to {end}" if start else f"cumulative to {end}"
    elif row["scope"] == "annual":
        text = f"in {row['period']} (one year)"
    else:
        text = f"{span_text(row['period'])} in total"
    return mark_period(text, row["flag_list"])


# How each headline indicator reads after its number, with the pairing's place names ("¥240 m of
# aid funds allocated by Zhangjiagang", "304 cadres seconded to Yanhe"); faithful to the indicator's
# definition (data/reference/indicators.yml), so true of every fact it selects. A count of people
# is named by its noun ("304 cadres"), other units by their unit ("157 person-times of ...").
WHAT = {
    "fiscal_aid_funds": "of aid funds allocated by {east}",
    "aid_funds_all_kinds": "of aid funds of all kinds secured for {west}",
    "cadres_seconded_west": "cadres seconded to {west}",
    "professionals_sent_west": "professionals sent to {west}",
    "professionals_sent_west_times": "of professionals sent to {west}",
    "cadres_seconded_east": "cadres from {west} seconded to {east}",
    "workers_placed_east": "people from {west} placed in jobs away from home",
    "local_employment": "people in {west} helped into local work or business",
    "business_started": "trainees from {west} who started a business",
    "products_sold": "of {west} products {east} helped sell",
    "products_purchased": "of {west} products bought by {east}",
}


# A key number's heading where its indicator answers the question in its own way (a purchase is not a sale).
# What a kind of key number counts, where its one word says less than it keeps (eastwest.analysis.headline.HEADLINE)
HEADLINE_KIND_WORDS = {"People": "people (cadres seconded either way, professionals sent to the receiving side)"}
KEY_NUMBER_QUESTIONS = {"products_purchased": "Purchases", "business_started": "Businesses started"}


NAMED_BY_NOUN = {"person"}
# The noun a count of one takes where WHAT names the count by its noun ("1 professional sent").
SINGULAR_NOUNS = {"cadres": "cadre", "professionals": "professional", "people": "person", "trainees": "trainee"}


# A least duration a fact's description sets for whom it counts ('for a month or more', 'for at
# least six months'): a label that names the people counted carries it too, since without it the
# count reads as everyone sent.
_THRESHOLD = re.compile(
    r"\bfor (?:at least )?(?:a|an|one|two|three|four|six|twelve|\d+) (?:day|week|month|year)s?(?: or (?:more|longer))?\b"
)


def threshold_text(description: str) -> str:
    """'for a month or more' where the description carries a least duration ('for at least six
    months'); '' otherwise. Only a duration with 'at least' or 'or more/longer' is a threshold."""
    match = _THRESHOLD.search(str(description))
    if not match or not re.search(r"at least|or (?:more|longer)", match.group(0)):
        return ""
    return match.group(0)


def earlier_text(row, newer) -> str:
    """Said after a headline figure older than another of its kind of help beside it (analysis.headline
    newer_fact_id), so that no figure reads as the latest of its question when it is not: 'earlier
    than the 157 person-times beside it, counted to 2021-02'. `newer` is the newer figure's row."""
    return f"earlier than the {value_text(newer)} beside it, counted to {newer['report_date']}"


def what_text(row, east: str, west: str) -> str:
    """What a headline fact counts, in words: 'cadres seconded to Yanhe', 'professionals sent to
    Yanhe (teachers)', '1 professional sent' for a count of one."""
    text = WHAT[row["indicator"]].format(east=east, west=west)
    noun, _, rest = text.partition(" ")
    if row["unit"] in NAMED_BY_NOUN and row["value"] == 1 and row["qualifier"] == "exact" and noun in SINGULAR_NOUNS:
        text = f"{SINGULAR_NOUNS[noun]} {rest}"
    return text + (f" ({row['breakdown']})" if row["breakdown"] else "")


def in_words(labels: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return " and ".join(labels) if len(labels) < 3 else ", ".join(labels[:-1]) + " and " + labels[-1]


# Words of the indicator vocabulary's definitions that are the dataset's, not a reader's.
_DEFINITION_WORDS = (
    (re.compile(r"\(breakdown: "), "(such as "),
    (re.compile(r"\b(?:named |shown )?in breakdown\b"), "named in the table"),
    (re.compile(r" \(breakdown\)"), ""),
    (re.compile(r"\bas the breakdown or description says\b"), "as the table says"),
    (re.compile(r"\(breakdown says which\)|\(status says which\)"), "(the table says which)"),
    (re.compile(r"\bbreakdown names\b"), "the table names"),
    (re.compile(r"\bcarry status quota\b"), "are marked as quotas"),
    (re.compile(r"\bno indicator above\b"), "none of the kinds above"),
    (re.compile(r"\bindicators?\b"), "kind of figure"),
)


def reader_definition(text: str, labels: dict[str, str]) -> str:
    """An indicator's definition (data/reference/indicators.yml) as a reader reads it: another
    indicator's id becomes its English label in quotes ('see aid_funds_all_kinds' -> 'see "Aid funds
    of all kinds"'), and the dataset's field names become plain words."""
    for pattern, words in _DEFINITION_WORDS:
        text = pattern.sub(words, text)
    return re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", lambda m: f'"{labels[m.group(0)]}"' if m.group(0) in labels else m.group(0), text)


def highlighted_count(facts: int, nested: int) -> str:
    """A source page's count of its facts: '13 facts are highlighted below' or, where some start
    inside another fact's highlight (a number the source lost within a quote), '13 facts, 12
    highlighted below and 1 marked inside another's highlight'."""
    noun = "fact" if facts == 1 else "facts"
    if not nested:
        return f"{facts} {noun} {'is' if facts == 1 else 'are'} highlighted below"
    return f"{facts} {noun}, {facts - nested} highlighted below and {nested} marked inside another's highlight"


# A chart's facts past the cap of a facts-behind list (eastwest.pages.tables.facts_behind): counted by
# source instead of listed, so a page whose charts draw on most of the dataset stays light.
FACTS_BEHIND_BY_SOURCE = "Too many to list here; each is highlighted on its source's page: {sources}."
FACTS_BEHIND_EXPLORER = "The fact explorer lists every fact in the dataset, to filter, cite and download"


# The accessible name of a source page's ↩ link (eastwest.pages.source_pages).
BACK_TO_USE = "Back to where this number is used: {chapter}"


# --- Downloads ------------------------------------------------------------------------------------

# What an input file on the data page holds, where its name does not say (by its path under data/, or its folder's, "editions/").
INPUT_FILE_NOTES = {
    "reference/national_context.csv": (
        "national and regional figures from outside the source articles, used only to frame the chapters "
        "(each with its outlet, date and reliability)"
    ),
    "editions/": "the facts an edition of the report published, kept so that the next edition's changelog can say what changed",
}

# The first line of every download a reader opens in a spreadsheet (a chart's data, the spreadsheet
# copies of the dataset's tables, the explorer's rows; eastwest.reader.spreadsheet): row 1 there.
DOWNLOAD_LICENCE = (
    "# Data: CC BY 4.0 - The East-West report contributors. Quotes: from the articles each row names"
    " - their publishers' - for research and verification. Table header on the next line."
)
# The column a download adds beside the ISO `period`: the period as the book names it.
PERIOD_WORDS_COLUMN = "period_in_words"


def chart_data_link_text(rows: int) -> str:
    """The link under a chart to the data it drew."""
    return f"Download the data behind this chart (CSV for Excel and other tools, {rows} row{'s' if rows != 1 else ''}, licence on the first line)"


# The line under every page's footer (eastwest.sphinx_ext.site_furniture): the PDF edition, how to
# cite, and the licences and citation file, as links.
SITE_FURNITURE = (
    ("report.pdf", "The whole report as a PDF (A4)"),
    ("index.html#cite-this-report", "How to cite"),
    ("CITATION.cff", "CITATION.cff"),
    ("LICENSE", "Code licence (MIT)"),
    ("LICENSE.md", "Data licence (CC BY 4.0)"),
    ("CHANGELOG.html", "What changed in each edition"),
)
CHANGELOG_LINK_TEXT = "what changed in this edition and in earlier ones"  # the landing page's citation block

# The page a server shows for an address the site lacks (eastwest.sphinx_ext.published); {home}: the first page.
NOT_FOUND_TITLE = "Page not found"
NOT_FOUND_BODY = (
    "<p>No page of this report has this address; it may have moved in a newer edition. "
    '<a href="{home}">Start again from the report\'s first page</a>, where the search box finds any page.</p>'
)
