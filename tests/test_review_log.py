"""The method page lists every record in data/review/, read from the directory itself."""

from __future__ import annotations

import pytest

from eastwest.core.errors import DataError
from eastwest.core.paths import ProjectPaths
from eastwest.pages import review_log

pytestmark = pytest.mark.fast


def test_every_review_note_is_listed_with_its_title_and_table(tmp_path):
    review = tmp_path / "data" / "review"
    review.mkdir(parents=True)
    (review / "2030-01-01-a-reading.md").write_text("intro line\n\n# A reading, 2030-01-01\n\ntext\n", encoding="utf-8")
    (review / "2030-01-01-a-reading.csv").write_text("claim,verdict\n", encoding="utf-8")
    (review / "2030-01-02-fixes.md").write_text("no heading\n", encoding="utf-8")
    records = review_log.records(ProjectPaths(tmp_path))
    assert records == [
        ("A reading, 2030-01-01", ["review/2030-01-01-a-reading.md", "review/2030-01-01-a-reading.csv"]),
        ("2030-01-02-fixes", ["review/2030-01-02-fixes.md"]),
    ]
    html = review_log.records_html(ProjectPaths(tmp_path))
    assert html.count("<li>") == 2 and "data/review/2030-01-01-a-reading.csv" in html


def test_chinese_list_names_each_note_by_its_chinese_title_or_marks_the_english_one(tmp_path):
    review = tmp_path / "data" / "review"
    review.mkdir(parents=True)
    (review / "2030-01-01-a-reading.md").write_text("# A reading, 2030-01-01\n", encoding="utf-8")
    (review / "2030-01-02-b-reading.md").write_text("# B reading, 2030-01-02\n", encoding="utf-8")
    (review / "titles_zh.yml").write_text("2030-01-01-a-reading.md: 第一次审读，2030年1月1日\n", encoding="utf-8")
    html = review_log.records_html(ProjectPaths(tmp_path), lang="zh")
    assert "<li>第一次审读，2030年1月1日：<code>" in html
    assert '<li><span lang="en">B reading, 2030-01-02</span>：<code>' in html  # not yet titled in Chinese: said so
    assert "A reading" not in html
    assert "第一次审读" not in review_log.records_html(ProjectPaths(tmp_path))  # the English list keeps its titles


def test_a_malformed_chinese_titles_file_is_an_error_naming_it(tmp_path):
    review = tmp_path / "data" / "review"
    review.mkdir(parents=True)
    (review / "2030-01-01-a-reading.md").write_text("# A reading\n", encoding="utf-8")
    (review / "titles_zh.yml").write_text("- not a mapping\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"titles_zh\.yml"):
        review_log.records_html(ProjectPaths(tmp_path), lang="zh")


def test_a_table_without_its_own_note_goes_with_the_note_that_names_it_or_stands_alone(tmp_path):
    review = tmp_path / "data" / "review"
    review.mkdir(parents=True)
    (review / "2030-01-02-b-reading.md").write_text("# B reading\n\nSee 2030-01-01-a-recheck.csv too.\n", encoding="utf-8")
    (review / "2030-01-01-a-recheck.csv").write_text("claim,verdict\n", encoding="utf-8")
    (review / "2030-01-03-orphan.csv").write_text("claim,verdict\n", encoding="utf-8")
    assert review_log.records(ProjectPaths(tmp_path)) == [
        ("B reading", ["review/2030-01-02-b-reading.md", "review/2030-01-01-a-recheck.csv"]),
        ("2030-01-03-orphan", ["review/2030-01-03-orphan.csv"]),
    ]
