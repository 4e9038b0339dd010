"""The PDF edition (printed by `make book`, which `make test` runs first): the whole report in one file, with
its Chinese text and every chapter, and none of the screen-only toggles."""

import re

import pytest
from pypdf import PdfReader

from eastwest.build.pdf import PDF
from eastwest.core.paths import PROJECT

pytestmark = pytest.mark.book

CHAPTER_TITLES = ["Overview", "Industry projects", "Talent exchange", "Labour cooperation", "Consumption-based help", "Synthesis"]


@pytest.fixture(scope="module")
def text():
    if not PDF.exists():
        pytest.fail(f"{PDF} is missing: run `make book` (`make test` does)")
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


@pytest.fixture(scope="module")
def reader():
    if not PDF.exists():
        pytest.fail(f"{PDF} is missing: run `make book` (`make test` does)")
    return PdfReader(PDF)


def test_the_pdf_is_a4_with_numbered_pages(reader):
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (596, 843), "not A4 (595 × 842 pt)"
    total = len(reader.pages)
    for number in (1, total // 2, total):
        assert f"{number} / {total}" in (reader.pages[number - 1].extract_text() or ""), f"page {number} has no page number"


def test_the_explorer_prints_as_a_table_of_every_fact(text):
    from eastwest.dataset import load

    facts = load.facts()
    assert f"{len(facts)} of {len(facts)} facts shown" in text, "the explorer printed without its rows"
    assert "Loading" not in text.split(f"{len(facts)} of {len(facts)} facts shown", 1)[1][:2000], "texts missing from the rows"


def test_collapsed_sections_are_printed_open(text):
    """What a chapter keeps collapsed on screen (its facts, in <details>) is on paper."""
    assert "Facts behind this chapter" in text or "facts behind this chapter" in text.lower()


def test_the_site_publishes_the_pdf_it_links():
    from eastwest.build.pdf import SITE_PDF

    assert SITE_PDF.exists() and SITE_PDF.read_bytes() == PDF.read_bytes(), "the site's report.pdf is not the printed one"


def test_the_explorer_cards_are_for_screens_only_so_print_keeps_the_table():
    """The A4 page is narrower than the width below which the explorer turns its rows into cards:
    the card layout must not apply in print."""
    css = (PROJECT.root / "_static" / "custom.css").read_text(encoding="utf-8")
    card_rules = re.findall(r"@media([^{]*)\{[^@]*?\.explorer-table tr \{ display: grid", css)
    assert card_rules and all("screen" in query for query in card_rules), card_rules
