"""Adding a source end to end, on a copy of the project: the article folder of tests/add_source.py
(ARTICLE_DIR: article.txt, source.yml, reference.yml, gold.yml) goes through the steps of README.md
"How to add a source" under the next free source number, and the build must keep every existing
fact as it was while adding the article's facts, pairings and indicator counts. What the book must
show is worked out from the gold's facts by their attributes, so another article folder needs no
edit here."""

import csv
import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from add_source import Added, add_article, copy_project, drafted_notes
from bs4 import BeautifulSoup

from eastwest.analysis.comparisons import WHOLE_SCOPES
from eastwest.analysis.headline import HEADLINE_INDICATORS
from eastwest.charts.base import read_chart_data
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.dataset import builder, load
from eastwest.pages import generate


def _rows_by_fact_id(path) -> tuple[str, dict[str, str]]:
    """The header line and each data line of a facts.csv, keyed by fact_id, exactly as written."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    records = list(csv.reader(io.StringIO(text)))
    assert len(records) == len(lines), f"{path}: a field spans lines; compare records instead"
    assert records[0][0] == "fact_id"
    return lines[0], {record[0]: line for record, line in zip(records[1:], lines[1:])}


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """A copy of the project with the article added, its data and pages built."""
    root = copy_project(tmp_path_factory.mktemp("add-source") / "project")
    paths = ProjectPaths(root)
    known_pairings = set(pd.read_csv(paths.pairings_csv, dtype=str).pairing_id)
    result = add_article(root)
    report = builder.build(paths)
    generate.write_pages(paths)
    return root, paths, result, report, known_pairings


def _side(value) -> str:
    """A side as data/facts.csv writes it: one place id, or several (together) joined by ';' in the order written."""
    return ";".join(value) if isinstance(value, list) else (value or "")


def _new_pairings(result: Added, known: set[str]) -> list[dict]:
    return [p for p in result.article.pairings if p["id"] not in known]


@pytest.mark.slow
def test_check_walks_a_contributor_through_the_steps_until_ok(added):
    _root, _paths, result, _report, _known = added
    source_id, gold = result.source_id, result.article.facts
    number = int(source_id[:3])
    assert number > max(int(p.stem[:3]) for p in PROJECT.seeds.glob("*.txt")), "not the next free source number"
    assert all(f["id"].startswith(f"{number:03d}-") for f in gold)

    # Before any annotation file: check says to draft one.
    assert not result.before_annotations.ok
    assert "make draft ID=" in result.before_annotations.todo[0]

    # The draft saved as it is: every fact still wants its description, every note its review.
    todo = "\n".join(result.draft_as_curated.todo)
    assert not result.draft_as_curated.ok
    assert result.draft["facts"], "the draft proposed no fact"
    assert "description" in todo and result.draft["facts"][0]["id"] in todo
    notes = drafted_notes(result.draft)
    assert not notes or ("`check:` note" in todo and notes[0] in todo)

    # An empty annotation file: the only problems are the mentions nobody accounted for, the gold's numbers among them.
    others = [e for e in result.empty.errors if "is neither in a fact nor excluded" not in e]
    assert result.empty.errors and not others, others
    unaccounted = [(m.start, m.end) for m in result.empty.mentions if m.status == "unaccounted"]
    text = result.empty.clean.text
    missing = []
    for fact in gold:
        if fact.get("number") is None:
            continue
        start = text.index(fact["quote"]) + fact["quote"].index(fact["number"])
        if not any(s < start + len(fact["number"]) and start < e for s, e in unaccounted):
            missing.append(fact["number"])
    assert not missing, f"gold numbers not reported as unaccounted with no annotations: {missing}"

    # The gold, before the start sentence of a pairing it dates is filled in; then OK.
    if result.article.dated_pairings():
        assert any("start_quote" in line for line in result.before_start_quote.todo), result.before_start_quote.todo
    assert result.done.ok, "\n".join(result.done.todo + result.done.problems)


@pytest.mark.slow
def test_adding_a_source_changes_no_existing_fact_and_builds_its_data(added):
    root, paths, result, report, known = added
    source_id, expected = result.source_id, result.article.facts

    # The article's facts are all in facts.csv, each with the gold's status, value, qualifier and places.
    built = pd.read_csv(paths.facts_csv, dtype=str, keep_default_na=False)
    new = built[built.source_id == source_id].set_index("fact_id")
    assert set(new.index) == {f["id"] for f in expected}
    for fact in expected:
        row = new.loc[fact["id"]]
        for field in ("indicator", "unit", "qualifier", "status", "scope", "period", "breakdown"):
            assert row[field] == str(fact.get(field) or ""), (fact["id"], field)
        assert row["east"] == _side(fact.get("east")) and row["west"] == _side(fact.get("west")), fact["id"]
        assert (float(row["value"]) if row["value"] else None) == fact["value"], fact["id"]
        assert set(filter(None, row["flags"].split(";"))) == set(fact.get("flags") or []), fact["id"]

    # Every fact that was there before is there still, its row byte for byte the same.
    header, before = _rows_by_fact_id(PROJECT.facts_csv)
    new_header, after = _rows_by_fact_id(paths.facts_csv)
    assert new_header == header
    changed = sorted(fid for fid, line in before.items() if after.get(fid) != line)
    assert not changed, f"existing fact rows changed or lost by adding a source: {changed}"
    assert set(after) - set(before) == set(new.index)

    # Its new pairings, each dated by its start sentence where the article gives one.
    pairings = pd.read_csv(paths.pairings_csv, dtype=str, keep_default_na=False).set_index("pairing_id")
    for pairing in _new_pairings(result, known):
        row = pairings.loc[pairing["id"]]
        assert (row["east"], row["west"], row["relationship"]) == (pairing["east"], pairing["west"], pairing["relationship"])
        if pairing.get("start_source") == source_id:
            assert (row["start_date"], row["start_source"]) == (str(pairing["start_date"] or ""), source_id)
        assert (root / "pairings" / f"{pairing['id']}.md").exists(), pairing["id"]

    # A fact naming both sides (a place or several together) is never background, and every pairing it
    # is reported for — its own, or each member of a group — shows it on its page.
    loaded = load.facts(paths).set_index("fact_id")
    for fact in expected:
        if not (fact.get("east") and fact.get("west")):
            continue
        row = loaded.loc[fact["id"]]
        assert row["programme"], f"{fact['id']} names both sides but fell to background"
        pages = [
            p for p in [row["programme"], *str(row["shown_on"]).split(";")] if p and (root / "pairings" / f"{p}.md").exists()
        ]
        assert pages, f"{fact['id']} is on no pairing page"
        for page_id in pages:  # listed, or counted in a bounded table's "N more facts … <source> (n)" line
            text = (root / "pairings" / f"{page_id}.md").read_text(encoding="utf-8")
            more = any("facts-more" in line and f'data-source="{source_id}"' in line for line in text.splitlines())
            assert f"fact-{fact['id']}" in text or more, (fact["id"], page_id)
        if isinstance(fact.get("west"), list):  # several partners together: each one's page shows it
            members = {p["id"] for p in result.article.pairings if p["west"] in fact["west"]}
            assert members <= set(pages), (fact["id"], sorted(members - set(pages)))

    # The build report counts the new facts under their indicators, on top of what was there.
    original = json.loads(PROJECT.build_report.read_text(encoding="utf-8"))["facts_by_indicator"]
    counted = Counter(f["indicator"] for f in expected)
    for indicator in set(original) | set(counted):
        assert report["facts_by_indicator"].get(indicator, 0) == original.get(indicator, 0) + counted[indicator], indicator

    # Its source page, with every fact anchored.
    page = (paths.source_pages / f"src-{source_id}.md").read_text(encoding="utf-8")
    assert all(f'id="fact-{f["id"]}"' in page for f in expected)


# --- The book: the new source flows into pages, charts and captions with no code change -----------


def _glued_fact_values(html_dir: Path) -> dict[tuple[str, str], str]:
    """Every glued fact number on every chapter page: (page, fact id) -> data-value."""
    values = {}
    for page in sorted((html_dir / "chapters").glob("*.html")):
        for span in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("[data-fact]"):
            values[(page.name, span["data-fact"])] = span["data-value"]
    return values


def _article_facts(paths: ProjectPaths, source_id: str) -> pd.DataFrame:
    facts = load.facts(paths)
    return facts[facts.source_id == source_id]


@pytest.fixture(scope="module")
def added_book(added):
    """The same copy built into a site, with the copy's own package (PYTHONPATH) in every kernel."""
    root, paths, result, _, known = added
    env = dict(os.environ, PYTHONPATH=str(root))
    book = Path(sys.executable).parent / "jupyter-book"
    completed = subprocess.run(
        [str(book), "build", "-W", "-n", "--keep-going", str(root)], env=env, capture_output=True, text=True, timeout=1200
    )
    assert completed.returncode == 0, completed.stdout[-6000:] + completed.stderr[-3000:]
    return root, paths, result, known


@pytest.mark.slow
def test_the_new_source_flows_into_charts_captions_and_a_pairing_page(added_book):
    root, paths, result, known = added_book
    source_id = result.source_id
    html = root / "_build" / "html"
    facts = _article_facts(paths, source_id)
    for pairing in _new_pairings(result, known):
        profile = (html / "pairings" / f"{pairing['id']}.html").read_text(encoding="utf-8")
        assert f"src-{source_id}" in profile, pairing["id"]
        missing = [f for f in facts[facts.programme == pairing["id"]].fact_id if f"fact-{f}" not in profile]
        assert not missing, f"facts of {pairing['id']} not on its profile page: {missing}"

    captions, in_chapters = {}, set()  # chart name -> the sources its caption cites (chapters, method page)
    for page in [*sorted((html / "chapters").glob("*.html")), *sorted(html.glob("*.html"))]:
        for figure in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("figure"):
            name = Path(figure.find("img")["src"]).stem
            captions[name] = {a["data-source"] for a in figure.select("figcaption a.source-link")}
            if page.parent.name == "chapters":
                in_chapters.add(name)
    drawing = [
        path.stem
        for path in sorted((root / "figures").glob("*.csv"))
        if source_id in set(read_chart_data(path, dtype=str, keep_default_na=False).get("source_id", pd.Series(dtype=str)))
    ]
    assert drawing, "no chart of the book draws the article's facts"
    for name in drawing:  # each chart that draws the article is shown and its caption cites it
        assert name in captions, f"{name} is shown on no page"
        assert source_id in captions[name], f"the caption of {name} does not cite the new source"
    for name in in_chapters:  # and no chapter's caption cites a source without drawing it
        cited, data = captions[name], root / "figures" / f"{name}.csv"
        if data.exists():
            assert cited == set(read_chart_data(data, dtype=str).source_id), name


@pytest.mark.slow
def test_the_new_pairing_joins_the_landing_page_summary(added_book):
    """Each pairing the article reports a headline total for (achieved, a whole total) has a row
    of the landing page's table showing that indicator; nothing planned or expected is shown."""
    root, paths, result, known = added_book
    source_id = result.source_id
    facts = load.facts(paths)
    gold = _article_facts(paths, source_id)
    headline = gold[
        gold.indicator.isin(HEADLINE_INDICATORS)
        & (gold.status == "achieved")
        & gold.scope.isin(WHOLE_SCOPES)
        & (gold.breakdown == "")
        & gold.value.notna()
        & (gold.programme != "")
    ]
    assert len(headline), "the article reports no headline total: the landing test would show nothing"
    page = BeautifulSoup((root / "_build" / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = {tr.th.get_text(" ", strip=True): tr for tr in page.select("table.programme-summary tbody tr")}
    shown_anywhere = set()
    for programme, facts_of in headline.groupby("programme"):
        label = facts_of.programme_label.iloc[0]
        row = next((tr for name, tr in rows.items() if name.startswith(label + " ")), None)
        assert row is not None, f"no row for {label}: {sorted(rows)}"
        links = {a["data-fact"] for a in row.select("a.fact-link")}
        shown_anywhere |= links
        by_indicator = facts.set_index("fact_id").reindex(list(links)).indicator
        assert set(facts_of.indicator) <= set(by_indicator), (label, sorted(links))
        if programme not in known:  # a new pairing: only this article reports it
            assert links <= set(gold.fact_id), (label, sorted(links))
    assert not shown_anywhere & set(gold[gold.status != "achieved"].fact_id)
    if shown_anywhere & set(gold.fact_id):
        sources = page.find(string=lambda t: t and "Sources:" in t).find_parent("p")
        assert source_id in {a["data-source"] for a in sources.select("a.source-link")}


@pytest.mark.book
def test_adding_a_source_changes_no_number_already_in_the_book(added_book):
    root, _paths, _result, _ = added_book
    if not (PROJECT.html / "chapters").exists():
        pytest.fail("the project's own site is not built: run `make book` first (`make test` does)")
    before = _glued_fact_values(PROJECT.html)
    after = _glued_fact_values(root / "_build" / "html")
    assert before, "no glued numbers found in the project's own site"
    assert {k: v for k, v in after.items() if k in before} == before
    columns = ["value", "qualifier", "status", "period"]
    for path in sorted(PROJECT.figures.glob("*.csv")):  # a fact still drawn is drawn with the same number
        old = read_chart_data(path, dtype=str, keep_default_na=False)
        if "fact_id" not in old or not set(columns) <= set(old) or not (root / "figures" / path.name).exists():
            continue
        new = read_chart_data(root / "figures" / path.name, dtype=str, keep_default_na=False).drop_duplicates("fact_id")
        old = old.drop_duplicates("fact_id").set_index("fact_id")
        kept = old.index.intersection(new.set_index("fact_id").index)
        pd.testing.assert_frame_equal(new.set_index("fact_id").loc[kept, columns], old.loc[kept, columns], obj=path.name)
