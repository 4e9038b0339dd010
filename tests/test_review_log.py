"""The method page lists every record in data/review/, read from the directory itself."""

from __future__ import annotations

import pytest

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
