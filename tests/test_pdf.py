"""The PDF edition (`make pdf`, which `make test` runs first): the whole report in one file, with
its Chinese text and every chapter, and none of the screen-only toggles."""

import pytest
from pypdf import PdfReader

from eastwest.build.pdf import PDF

pytestmark = pytest.mark.book

CHAPTER_TITLES = ["Overview", "Industry projects", "Talent exchange", "Labour cooperation", "Consumption-based help", "Synthesis"]


@pytest.fixture(scope="module")
def text():
    if not PDF.exists():
        pytest.fail(f"{PDF} is missing: run `make pdf` (`make test` does)")
    reader = PdfReader(PDF)
    assert len(reader.pages) >= 20, "the PDF edition is too short to hold the report"
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_every_chapter_is_in_the_pdf(text):
    for title in CHAPTER_TITLES:
        assert title in text, title


def test_chinese_text_survives(text):
    assert "东西部扶贫协作" in text.replace(" ", "") and "沿河" in text


def test_no_screen_only_toggles_are_printed(text):
    assert (
        "Show code cell source" not in text and "Facts behind this chart (" not in text
    )  # the toggles, not the prose naming them
