"""Editions: what changed in the data between two editions (facts added, corrected, removed, by
source and indicator) is computed from the editions' records, on small made-up tables; cutting an
edition refuses a version that does not come after the current one, records the facts, adds the
CHANGELOG entry and sets the version in CITATION.cff and pyproject.toml; and the repository's
CHANGELOG says, for its latest edition, what the package computes from the records."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.dataset import editions
from eastwest.pages import changelog
from eastwest.pages.edition import citation

pytestmark = pytest.mark.fast

LABELS = {"900_a": "Outlet A, 2020-01-01", "901_b": "Outlet B, 2021-05-06"}


def fact(fact_id: str, source_id: str = "900_a", indicator: str = "aid_funds", value: float = 1.0, **fields) -> dict:
    return {
        "fact_id": fact_id,
        "source_id": source_id,
        "indicator": indicator,
        "value": value,
        "value_high": float("nan"),
        "unit": "yuan",
        "qualifier": "exact",
        "period": "2020",
        "status": "achieved",
        **fields,
    }


def record(*facts: dict) -> pd.DataFrame:
    return editions.manifest(pd.DataFrame(list(facts)), LABELS)


def test_facts_added_corrected_and_removed_are_found_by_id():
    before = record(fact("900-a"), fact("900-b", value=2.0), fact("900-c", indicator="jobs"), fact("901-d", source_id="901_b"))
    after = record(
        fact("900-a"),  # unchanged
        fact("900-b", value=2.5),  # value corrected
        fact("901-d", source_id="901_b", status="planned", period="2021"),  # status and period corrected
        fact("901-e", source_id="901_b", indicator="jobs"),  # added
        fact("901-f", source_id="901_b", indicator="jobs"),  # added
    )
    changes = editions.compare(before, after)
    assert list(changes.added.fact_id) == ["901-e", "901-f"]
    assert list(changes.removed.fact_id) == ["900-c"]
    assert [(c.fact_id, c.changes) for c in changes.corrected] == [
        ("900-b", {"value": ("2", "2.5")}),
        ("901-d", {"period": ("2020", "2021"), "status": ("achieved", "planned")}),
    ]
    assert editions.by_source_and_indicator(changes.added) == [("901_b", "Outlet B, 2021-05-06", [("jobs", 2)])]
    text = changelog.data_section(changes, after, "0.1.0")
    assert "Since edition 0.1.0: 2 added, 2 corrected, 1 removed." in text
    assert "- Outlet B, 2021-05-06: 2 facts (jobs 2)" in text
    assert "- Outlet A, 2020-01-01, aid_funds: value 2 → 2.5 (fact 900-b)" in text
    assert "**Removed** (1 fact):\n\n- Outlet A, 2020-01-01: 1 fact (jobs 1)" in text


def test_a_renamed_source_is_no_correction_and_no_change_says_so():
    before = record(fact("900-a"))
    after = editions.manifest(pd.DataFrame([fact("900-a")]), {"900_a": "Outlet A (renamed), 2020-01-01"})
    changes = editions.compare(before, after)
    assert changes.empty
    assert "No fact was added, corrected or removed." in changelog.data_section(changes, after, "0.1.0")


def test_the_first_recorded_edition_lists_every_fact_as_added_and_says_why():
    after = record(fact("900-a"), fact("900-b", indicator="jobs"), fact("901-c", source_id="901_b"))
    changes = editions.compare(None, after)
    text = changelog.data_section(changes, after, None)
    assert "first recorded edition" in text and "All its 3 facts from 2 sources" in text
    assert "- Outlet A, 2020-01-01: 2 facts (aid_funds 1, jobs 1)" in text  # ids the project does not label stay ids


@pytest.fixture
def project(tmp_path) -> ProjectPaths:
    (tmp_path / "data").mkdir()
    (tmp_path / "CITATION.cff").write_text(
        'cff-version: 1.2.0\ntitle: "T"\nauthors:\n  - name: "A"\nversion: "0.5.0"\ndate-released: "2026-12-02"\n',
        encoding="utf-8",
    )
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "0.5.0"\n\n[tool.mypy]\npython_version = "3.11"\n', encoding="utf-8"
    )
    return ProjectPaths(tmp_path)


def test_cutting_editions_records_them_and_refuses_any_version_not_after_the_current(project):
    first = pd.DataFrame([fact("900-a"), fact("900-b")])
    changelog.cut(
        "0.5.0", "2026-12-02", "First notes.", paths=project, facts=first, labels=LABELS
    )  # the current edition, unrecorded
    assert editions.recorded(project) == ["0.5.0"]
    for version, message in [
        ("0.5.0", "not greater than the latest recorded edition 0.5.0"),
        ("0.4.9", "not greater than the latest recorded edition 0.5.0"),
        ("0.6", "MAJOR.MINOR.PATCH"),
    ]:
        with pytest.raises(DataError, match=re.escape(message)):
            changelog.cut(version, "2027-01-01", paths=project, facts=first, labels=LABELS)
    with pytest.raises(DataError, match="before the current edition's"):
        changelog.cut("0.6.0", "2026-11-30", paths=project, facts=first, labels=LABELS)
    with pytest.raises(DataError, match="YYYY-MM-DD"):
        changelog.cut("0.6.0", "15 January", paths=project, facts=first, labels=LABELS)
    assert editions.recorded(project) == ["0.5.0"], "a refused cut writes nothing"

    second = pd.DataFrame([fact("900-a", value=3.0), fact("901-c", source_id="901_b")])
    changes = changelog.cut("0.10.0", "2027-01-15", "Second notes.", paths=project, facts=second, labels=LABELS)
    assert (len(changes.added), len(changes.corrected), len(changes.removed)) == (1, 1, 1)
    assert editions.recorded(project) == ["0.5.0", "0.10.0"]  # ordered as versions, not as text
    meta = citation(project)
    assert (str(meta["version"]), str(meta["date-released"])) == ("0.10.0", "2027-01-15")
    pyproject = (project.root / "pyproject.toml").read_text(encoding="utf-8")
    assert 'version = "0.10.0"' in pyproject and 'python_version = "3.11"' in pyproject
    text = (project.root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.index("## Edition 0.10.0, 2027-01-15") < text.index("## Edition 0.5.0, 2026-12-02"), "newest first"
    assert "Second notes." in text and "Since edition 0.5.0: 1 added, 1 corrected, 1 removed." in text
    with pytest.raises(DataError, match=r"latest recorded edition 0\.10\.0"):
        changelog.cut("0.9.0", "2027-02-01", paths=project, facts=second, labels=LABELS)


def test_the_changelog_gives_the_current_edition_with_its_data_computed_from_the_records():
    meta = citation()
    version, date = str(meta["version"]), str(meta["date-released"])
    done = editions.recorded()
    assert version in done, f"edition {version} (CITATION.cff) has no record in data/editions/: cut it"
    text = changelog.changelog_path().read_text(encoding="utf-8")
    entries = re.findall(r"^## Edition (\S+), (\S+)$", text, re.M)
    assert entries[0] == (version, date), "CHANGELOG.md's newest entry is not the current edition"
    index = done.index(version)
    previous = done[index - 1] if index else None
    after = editions.read_manifest(version)
    changes = editions.compare(editions.read_manifest(previous) if previous else None, after)
    expected = changelog.data_section(changes, after, previous)
    body = text.split(f"## Edition {version}, {date}", 1)[1].split("\n## Edition ", 1)[0]
    assert expected in body, "the data part of the current edition's entry is not what the records give"


def test_the_landing_page_links_the_changelog():
    from eastwest.pages.edition import citation_block
    from eastwest.reader.links import CHANGELOG_PAGE

    assert f'href="{CHANGELOG_PAGE}"' in citation_block()
    assert (PROJECT.root / changelog.CHANGELOG).exists()
    assert "- file: CHANGELOG" in (PROJECT.root / "_toc.yml").read_text(encoding="utf-8")


def test_the_changelog_names_indicators_as_readers_see_them():
    text = changelog.changelog_path().read_text(encoding="utf-8")
    assert not re.search(r"`[a-z_]+` \d", text), "an indicator shown by its id in code font"
    assert "Fiscal aid funds" in text or "Aid projects" in text


def test_cutting_an_edition_adds_the_chinese_entry_from_the_same_changes(project):
    (project.root / "zh").mkdir()
    (project.root / "zh" / "CHANGELOG.md").write_text(f"# 各版更新\n\n{changelog.MARKER}\n", encoding="utf-8")
    labels_zh = {"900_a": "甲网，2020年1月1日", "901_b": "乙网，2021年5月6日"}
    first = pd.DataFrame([fact("900-a"), fact("900-b")])
    changelog.cut("0.5.0", "2026-12-02", "First notes.", paths=project, facts=first, labels=LABELS, labels_zh=labels_zh)
    second = pd.DataFrame([fact("900-a", value=3.0), fact("901-c", source_id="901_b")])
    changelog.cut(
        "0.6.0",
        "2027-01-15",
        "Second notes.",
        paths=project,
        facts=second,
        labels=LABELS,
        notes_zh="第二版说明。",
        labels_zh=labels_zh,
    )
    text = (project.root / "zh" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.index("## 0.6.0版，2027年1月15日") < text.index("## 0.5.0版，2026年12月2日"), "newest first"
    assert "第二版说明。" in text and "本版未就报告本身写明更新说明。" in text  # the first cut gave no Chinese notes
    assert "来自2篇资料的2条事实。自0.5.0版以来：新增1条，更正1条，删除1条。" in text
    assert "- 乙网，2021年5月6日：1条（aid_funds1条）" in text  # sources by their Chinese names
    assert "Outlet" not in text


def test_a_chinese_history_without_its_marker_stops_the_cut_before_anything_is_written(project):
    (project.root / "zh").mkdir()
    (project.root / "zh" / "CHANGELOG.md").write_text("# 各版更新\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"zh/CHANGELOG\.md"):
        changelog.cut("0.5.0", "2026-12-02", paths=project, facts=pd.DataFrame([fact("900-a")]), labels=LABELS, labels_zh={})
    assert editions.recorded(project) == [] and not (project.root / "CHANGELOG.md").exists()


def test_the_chinese_history_gives_the_current_edition_with_the_same_data():
    from eastwest.pages import changelog_zh
    from eastwest.pages.tables import source_labels_zh
    from eastwest.reader.wording_zh import date_zh

    meta = citation()
    version, date = str(meta["version"]), str(meta["date-released"])
    text = (PROJECT.root / changelog_zh.CHANGELOG_ZH).read_text(encoding="utf-8")
    heading = f"## {version}版，{date_zh(date)}"
    assert re.findall(r"^## .+$", text, re.M)[0] == heading, "zh/CHANGELOG.md's newest entry is not the current edition"
    done = editions.recorded()
    index = done.index(version)
    previous = done[index - 1] if index else None
    after = editions.read_manifest(version)
    changes = editions.compare(editions.read_manifest(previous) if previous else None, after)
    expected = changelog_zh.data_section_zh(changes, after, previous, source_labels_zh())
    assert expected in text.split(heading, 1)[1].split("\n## ", 1)[0]
