"""The two languages one notebook execution carries (eastwest.reader.languages) and the Sphinx
extension that keeps each book's own (eastwest.sphinx_ext.languages)."""

from __future__ import annotations

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from eastwest.reader import languages
from eastwest.sphinx_ext.languages import keep_own_language, keep_own_language_in_doctree

pytestmark = pytest.mark.fast


def test_each_language_keeps_its_own_part_and_nothing_else():
    html = "<p>" + languages.both("<b>over 260</b> people", "<b>260余</b>人") + "</p>"
    assert languages.only(html, "en") == "<p><b>over 260</b> people</p>"
    assert languages.only(html, "zh") == "<p><b>260余</b>人</p>"
    twice = html + languages.both("a", "甲")
    assert languages.only(twice, "zh") == "<p><b>260余</b>人</p>甲"


def test_the_same_text_in_both_languages_is_not_wrapped():
    assert languages.both("2021", "2021") == "2021"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        languages.only("x", "fr")
    with pytest.raises(ValueError, match="unknown language"), languages.in_language("fr"):
        pass


def test_the_current_language_is_set_for_a_block_only():
    assert languages.current() == "en"
    with languages.in_language("zh"):
        assert languages.current() == "zh"
        assert languages.pick("people", "人") == "人"
    assert languages.current() == "en"
    assert languages.pick("people", "人") == "people"


@pytest.mark.parametrize(("setting", "language"), [("en", "en"), ("zh_CN", "zh"), ("zh-CN", "zh"), ("zh", "zh"), (None, "en")])
def test_a_sphinx_language_setting_names_its_book(setting, language):
    assert languages.of_sphinx(setting) == language


class _App:
    def __init__(self, language):
        self.config = type("Config", (), {"language": language})()


@pytest.mark.parametrize(("setting", "kept", "dropped"), [("en", "people", "人"), ("zh_CN", "人", "people")])
def test_the_extension_keeps_the_books_language_in_raw_html_and_in_the_body(setting, kept, dropped):
    mixed = languages.both("<span>people</span>", "<span>人</span>")
    document = new_document("page", get_default_settings(Parser))
    document += nodes.raw("", mixed, format="html")
    keep_own_language_in_doctree(_App(setting), document, "page")
    text = "".join(raw.astext() for raw in document.findall(nodes.raw))
    assert kept in text and dropped not in text and "<!--language" not in text
    context = {"body": f"<div>{mixed}</div>"}
    keep_own_language(_App(setting), "page", "page.html", context, None)
    assert kept in context["body"] and dropped not in context["body"] and "<!--language" not in context["body"]
