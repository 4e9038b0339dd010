"""Provenance and annotation text is data, never markup: HTML, MyST roles, directives and control
characters in displayed fields are rejected at the build, naming the record and field; the theme's
print header escapes page titles."""

import pytest
import yaml

from eastwest.core.errors import DataError
from eastwest.dataset import builder
from eastwest.sphinx_ext import safe_titles

pytestmark = pytest.mark.fast

SOURCE = "003_2c630117eaa85b35"
FACT = "003-work-group-cadres"

INJECTIONS = {
    "script": "<script>alert(1)</script>",
    "onerror image": '<img src=x onerror="alert(1)">',
    "MyST role": "A title {cite:p}`src000`",
    "directive": "A title\n```{include} /etc/passwd\n```",
    "substitution": "A title {{ secret }}",
    "control character": "A title\x07",
}


def edit_record(paths, **changes):
    registry = yaml.safe_load(paths.provenance.read_text(encoding="utf-8"))
    next(r for r in registry["sources"] if r["source_id"] == SOURCE).update(changes)
    paths.provenance.write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("field", ["title_zh", "title_en", "outlet", "author", "reliability"])
@pytest.mark.parametrize("kind", list(INJECTIONS))
def test_markup_in_provenance_is_rejected_naming_record_and_field(project_copy, field, kind):
    edit_record(project_copy, **{field: INJECTIONS[kind]})
    with pytest.raises(DataError) as info:
        builder.build(project_copy)
    message = str(info.value)
    assert f"record {SOURCE}" in message and field in message and "plain text" in message


@pytest.mark.parametrize("kind", list(INJECTIONS))
def test_markup_in_a_fact_description_is_rejected_naming_the_fact(project_copy, kind):
    path = project_copy.annotation_file(SOURCE)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(f for f in doc["facts"] if f["id"] == FACT)["description"] = INJECTIONS[kind]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match=rf"{FACT}.*description contains"):
        builder.build(project_copy)


def test_markup_in_a_place_name_or_pairing_note_is_rejected(project_copy):
    # edited as data, whatever the file's layout (an analyst's tool may rewrite it) and whichever place
    doc = yaml.safe_load(project_copy.places_input.read_text(encoding="utf-8"))
    place = doc["places"][-1]
    place["name_en"] = f"{place['name_en']} <b>x</b>"
    project_copy.places_input.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match=rf"place '{place['id']}': name_en contains '<'"):
        builder.build(project_copy)


def test_ordinary_punctuation_stays_allowed(project_copy):
    edit_record(project_copy, title_en='Taizhou & Xianyang: "a model" [repost] (2017) — 100% done; 苏陕协作《报告》')
    builder.build(project_copy)


def test_the_print_header_title_is_escaped():
    context = {"pagetitle": '<img src=x onerror="alert(1)">'}
    safe_titles._escape_page_title(None, "index", "page.html", context, None)
    assert context["pagetitle"] == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
