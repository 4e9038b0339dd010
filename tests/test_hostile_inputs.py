"""Hostile and malformed input in every file an analyst edits gets one clear message naming the
file and the line or id, never a traceback, and nothing is published: data/ stays as the last
good build left it. Displayed text never links or loads an address (a Markdown link or image),
a YAML alias bomb or a file nested thousands deep is refused in bounded time and memory, and a
symbolic link under seeds/ or data/ is never read, offered for download or zipped."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import time
import zipfile

import pytest
import yaml
from conftest import copy_inputs

from eastwest.core import plaintext
from eastwest.core.errors import DataError
from eastwest.core.paths import ProjectPaths
from eastwest.core.yamlio import MAX_DEPTH, load_yaml
from eastwest.dataset import builder, load
from eastwest.pages import data_page
from eastwest.reference.context import check_context

pytestmark = pytest.mark.fast

LINK = "See [the report](https://example.org/x)"
IMAGE = "A picture ![x](https://example.org/x.png)"
DEFINITION = "[x]: https://example.org/x"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> ProjectPaths:
    """The project's inputs built once; each test changes a copy of it."""
    paths = copy_inputs(tmp_path_factory.mktemp("built") / "project")
    builder.build(paths)
    return paths


@pytest.fixture
def project(built, tmp_path) -> ProjectPaths:
    shutil.copytree(built.root, tmp_path / "project", symlinks=True)
    return ProjectPaths(tmp_path / "project")


def published(paths: ProjectPaths) -> dict[str, bytes]:
    """Every file the build publishes in data/ (not the inputs under reference/ and annotations/)."""
    inputs = (paths.reference, paths.annotations)
    return {
        str(p.relative_to(paths.data)): p.read_bytes()
        for p in sorted(paths.data.rglob("*"))
        if p.is_file() and not p.is_symlink() and not any(p.is_relative_to(i) for i in inputs)
    }


def refused(paths: ProjectPaths, pattern: str) -> str:
    """Build, expect a DataError matching `pattern` and nothing published; return the message."""
    before = published(paths)
    assert before, "the copy has a built dataset to keep"
    with pytest.raises(DataError, match=pattern) as info:
        builder.build(paths)
    assert published(paths) == before, "a refused build changed data/"
    return str(info.value)


def edit_yaml(path, change) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def first_source(paths: ProjectPaths) -> str:
    return sorted(p.stem for p in paths.annotation_files())[0]


def edit_record(paths: ProjectPaths, **changes) -> str:
    source = first_source(paths)
    edit_yaml(paths.provenance, lambda d: next(r for r in d["sources"] if r["source_id"] == source).update(changes))
    return source


def edit_fact(paths: ProjectPaths, **changes) -> str:
    path = paths.annotation_file(first_source(paths))
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["facts"][0].update(changes)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return doc["facts"][0]["id"]


def edit_place(paths: ProjectPaths, **changes) -> str:
    """Change a place some pairing names (whichever the file lists first)."""
    pairing = yaml.safe_load(paths.pairings_input.read_text(encoding="utf-8"))["pairings"][0]
    edit_yaml(paths.places_input, lambda d: next(p for p in d["places"] if p["id"] == pairing["west"]).update(changes))
    return pairing["west"]


def edit_pairing(paths: ProjectPaths, **changes) -> str:
    pairing_id = yaml.safe_load(paths.pairings_input.read_text(encoding="utf-8"))["pairings"][0]["id"]
    edit_yaml(paths.pairings_input, lambda d: d["pairings"][0].update(changes))
    return pairing_id


def edit_context(paths: ProjectPaths, change) -> None:
    path = paths.reference / "national_context.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows = change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


# --- Displayed text never links or loads an address ------------------------------------------------


@pytest.mark.parametrize("text", [LINK, IMAGE, DEFINITION], ids=["link", "image", "link definition"])
@pytest.mark.parametrize("field", ["title_en", "outlet", "reliability"])
def test_a_markdown_link_in_a_record_is_refused_naming_record_and_field(project, field, text):
    source = edit_record(project, **{field: text})
    message = refused(project, rf"record {source}: {field}: .*Markdown link or image")
    assert "write the words alone" in message


@pytest.mark.parametrize("field", ["description", "breakdown"])
def test_a_markdown_image_in_a_fact_is_refused_naming_the_fact(project, field):
    fact_id = edit_fact(project, **{field: IMAGE})
    refused(project, rf"{fact_id}'?: {field} contains a Markdown link or image")


def test_a_markdown_link_in_a_place_name_or_pairing_note_is_refused(project):
    place = edit_place(project, name_en=LINK)
    refused(project, rf"places.yml: place '{place}': name_en contains a Markdown link")
    edit_place(project, name_en="Plain name")
    pairing = edit_pairing(project, note=IMAGE)
    refused(project, rf"pairings.yml: pairing '{pairing}': note contains a Markdown link or image")


def test_a_markdown_link_in_a_vocabulary_meaning_or_indicator_definition_is_refused(project):
    original = project.indicators.read_text(encoding="utf-8")
    edit_yaml(project.indicators, lambda d: d["indicators"][0].update(definition=LINK))
    refused(project, r"indicators.yml: indicator #1 .*definition contains a Markdown link")
    project.indicators.write_text(original, encoding="utf-8")
    edit_yaml(project.vocabulary, lambda d: d["flags"].update({next(iter(d["flags"])): IMAGE}))
    refused(project, r"vocabulary.yml: flags '.*': contains a Markdown link or image")


@pytest.mark.parametrize(
    "column, text, message",
    [
        ("outlet", "<script>alert(1)</script>", "column 'outlet' contains '<'"),
        ("note", LINK, "column 'note' contains a Markdown link"),
        ("reliability", "{download}`../../../etc/passwd`", "column 'reliability' contains '{'"),
    ],
)
def test_markup_in_the_context_table_is_refused_naming_its_line(project, column, text, message):
    edit_context(project, lambda rows: [rows[0], {**rows[1], column: text}, *rows[2:]])
    refused(project, rf"national_context.csv: line 3: {message}")


def test_plain_brackets_and_an_arrow_between_places_stay_allowed(project):
    edit_record(project, title_en="A title [repost] (2017): 100% & more — 苏陕协作《报告》")
    edit_context(project, lambda rows: [{**rows[0], "scope": "Suzhou->Tongren"}, *rows[1:]])
    builder.build(project)


def test_markdown_text_escapes_what_markdown_would_read():
    assert plaintext.markdown_text("a_b *c* [d] <e> & f|g ~h~ $i$ \\") == r"a\_b \*c\* \[d\] \<e\> \& f\|g \~h\~ \$i\$ \\"


# --- Malformed input: a clear message, never a traceback -----------------------------------------


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"description": ["a", "b"]}, "description is a list; write a text"),
        ({"flags": "period_inferred"}, "flags is a text; write a list"),
        ({"quote": 7}, "quote is a whole number; write a text .in quotes"),
        ({"unit": {"a": 1}}, "unit is a mapping; write a text"),
        ({"east": [1, 2]}, "east must list texts"),
    ],
)
def test_a_wrong_yaml_type_in_a_fact_is_named_with_what_to_write(project, changes, message):
    fact_id = edit_fact(project, **changes)
    refused(project, rf"{fact_id}'?: {message}")


def test_a_wrong_yaml_type_in_an_exclusion_is_named(project):
    path = project.annotation_file(first_source(project))
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not doc.get("exclusions"):
        pytest.skip("the first source excludes no mention")
    doc["exclusions"][0]["reason"] = ["whim"]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    refused(project, r"exclusion #1 .*reason is a list; write a text")


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.update(places={"a": 1}), "expected a mapping with a 'places' list"),
        (lambda d: d["places"].append("somewhere"), r"place #\d+ is not a mapping"),
        (lambda d: d["places"].append({**d["places"][0], "id": "../x"}), r"place #\d+: id '../x' must be lowercase"),
        (lambda d: d["places"][0].update(name_en=5), r"place '[a-z0-9-]+': name_en must be a text"),
        (lambda d: d["places"][0].update(lat="north"), r"place '[a-z0-9-]+': lat must be a number of degrees"),
    ],
    ids=["not a list", "entry not a mapping", "id", "name type", "latitude"],
)
def test_a_malformed_place_is_named(project, change, message):
    edit_yaml(project.places_input, change)
    refused(project, rf"places.yml: {message}")


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.update(pairings="all of them"), "expected a mapping with a 'pairings' list"),
        (lambda d: d["pairings"].append("a-b"), r"pairing #\d+ is not a mapping"),
        (
            lambda d: d["pairings"][0].update(start_date="2017年3月"),
            r"pairing '.*': start_date '2017年3月' must be written YYYY, YYYY-MM",
        ),
        (
            lambda d: d["pairings"][0].update(start_date="2017-13"),
            r"pairing '.*': start_date '2017-13': 2017-13 is not a real date",
        ),
        (lambda d: d["pairings"][0].update(note=["a"]), r"pairing '.*': note must be a text on one line"),
        (lambda d: d["pairings"].append({**d["pairings"][0], "id": "../../x"}), r"pairing '../../x': an id is lowercase letters"),
    ],
    ids=["not a list", "entry not a mapping", "chinese date", "month 13", "note type", "id"],
)
def test_a_malformed_pairing_is_named(project, change, message):
    edit_yaml(project.pairings_input, change)
    refused(project, rf"pairings.yml: {message}")


def test_a_pairing_start_written_as_a_yaml_date_is_kept_as_its_day(project):
    text = project.pairings_input.read_text(encoding="utf-8")
    pairing = yaml.safe_load(text)["pairings"][0]
    edit_pairing(project, start_date=None)
    text = project.pairings_input.read_text(encoding="utf-8").replace("start_date: null", "start_date: 2017-03-01", 1)
    project.pairings_input.write_text(text, encoding="utf-8")
    builder.build(project)
    assert load.pairings(project).set_index("pairing_id").loc[pairing["id"], "start_date"] == "2017-03-01"


def test_a_vocabulary_section_that_is_not_a_mapping_is_named(project):
    edit_yaml(project.vocabulary, lambda d: d.update(flags=["planned"]))
    refused(project, r"vocabulary.yml: section 'flags' must be a mapping")


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda rows: [{k: v for k, v in r.items() if k != "outlet"} for r in rows], "line 1: missing column.s. outlet"),
        (lambda rows: [{**rows[0], "value": "many"}, *rows[1:]], "line 2: value 'many' is not a number"),
        (lambda rows: [{**rows[0], "published": "2021年2月"}, *rows[1:]], "line 2: published '2021年2月' must be YYYY"),
    ],
    ids=["missing column", "value", "published"],
)
def test_a_malformed_context_table_is_named_with_its_line(project, change, message):
    edit_context(project, change)
    refused(project, rf"national_context.csv: {message}")


# --- YAML that would take the machine down -------------------------------------------------------


def alias_bomb(levels: int = 9) -> str:
    """Nine lists each holding the one before nine times: a few hundred bytes, 9**9 values written out."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("file", ["annotation", "places"])
def test_an_alias_bomb_is_refused_in_bounded_time(project, file):
    path = project.annotation_file(first_source(project)) if file == "annotation" else project.places_input
    path.write_text(alias_bomb(), encoding="utf-8")
    start = time.perf_counter()
    refused(project, rf"{path.name}: malformed YAML at line \d+, column \d+: its aliases .* expand to more than")
    assert time.perf_counter() - start < 30


def test_a_fact_whose_value_is_an_exploding_alias_is_refused_before_it_is_read(project):
    path = project.annotation_file(first_source(project))
    text = path.read_text(encoding="utf-8")
    bomb = "".join(f"  {line}\n" for line in alias_bomb().splitlines())
    path.write_text(text + "bombs:\n" + bomb, encoding="utf-8")
    refused(project, "its aliases")


def test_a_small_alias_still_reads(tmp_path):
    path = tmp_path / "ok.yml"
    path.write_text("a: &a [1, 2]\nb: *a\n", encoding="utf-8")
    assert load_yaml(path) == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 60_000])
def test_yaml_nested_too_deep_is_refused_not_crashed_on(tmp_path, depth):
    """libyaml's composer recurses once per level: tens of thousands of '[' end the interpreter."""
    path = tmp_path / "deep.yml"
    path.write_text("x: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    with pytest.raises(
        DataError, match=rf"deep.yml: malformed YAML at line 1, column \d+: collections nested more than {MAX_DEPTH}"
    ):
        load_yaml(path)


# --- Only regular files inside the project --------------------------------------------------------


def _link_in_place_of(path, outside):
    shutil.move(path, outside)
    os.symlink(outside, path)


@pytest.mark.parametrize("which", ["seed", "annotation", "reference", "extra file under data"])
def test_a_symbolic_link_under_seeds_or_data_is_refused(project, tmp_path, which):
    source = first_source(project)
    outside = tmp_path / "outside.txt"
    if which == "extra file under data":
        outside.write_text("a secret\n", encoding="utf-8")
        target = project.data / "reference" / "notes.txt"
        os.symlink(outside, target)
    else:
        target = {
            "seed": project.seed_file(source),
            "annotation": project.annotation_file(source),
            "reference": project.places_input,
        }[which]
        _link_in_place_of(target, outside)
    refused(project, rf"{target.name}: a symbolic link \(to {outside}\); only regular files inside the project")


def test_the_data_page_never_offers_or_zips_a_linked_file(project, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("a secret\n", encoding="utf-8")
    os.symlink(outside, project.data / "secret.csv")  # after the build: the page is written alone
    with pytest.raises(DataError, match=r"secret.csv: a symbolic link"):
        data_page.data_page_markdown(project)
    zipped = project.root / data_page.DATA_ZIP
    assert not zipped.exists() or "data/secret.csv" not in zipfile.ZipFile(zipped).namelist()


def test_the_context_table_check_reads_nothing_when_it_is_absent(project):
    (project.reference / "national_context.csv").unlink()
    check_context(project)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"id": "x`{download}`"}, r"rule 1: id 'x`\{download\}`' must be snake_case"),
        ({"reason": ["a"]}, "reason must be a text on one line"),
        ({"reason": "one line\n\nand another"}, "reason must be a text on one line"),
    ],
)
def test_a_cleaning_rule_with_a_wrong_id_or_reason_is_named(tmp_path, change, message):
    from eastwest.core.paths import CLEANING_RULES
    from eastwest.sources.line_rules import load_rules

    doc = yaml.safe_load(CLEANING_RULES.read_text(encoding="utf-8"))
    doc["line_rules"][0].update(change)
    path = tmp_path / "cleaning_rules.yml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(
        DataError,
        match=rf"cleaning_rules.yml: {message}" if "rule 1" in message else rf"cleaning_rules.yml: rule '.*': {message}",
    ):
        load_rules(path)


# --- Text from a seed is shown as text ------------------------------------------------------------

SEED_MARKUP = "![x](https://example.org/a.png)[y](https://example.org/b)<img src=https://example.org/c.png>*em*`code`"


def _spans_the_end(seed: str, quote: str, texts: list[str]) -> bool:
    """Whether some other quoted text runs across the end of `quote` in `seed` (it would no longer
    be verbatim once text is inserted there)."""
    end = seed.find(quote) + len(quote)
    for text in texts:
        start = seed.find(text)
        while start >= 0:
            if start < end < start + len(text) and quote not in text:
                return True
            start = seed.find(text, start + 1)
    return False


def test_markup_in_a_seed_is_shown_as_text_on_every_generated_page(project):
    """A seed is never edited, so what it holds cannot be refused: a quoted sentence holding
    Markdown and HTML is escaped wherever the pages show it (rendered here as MyST's CommonMark
    parser reads the pages: no link, image, emphasis or code comes of it)."""
    from markdown_it import MarkdownIt

    from eastwest.pages import generate

    source = first_source(project)
    path = project.annotation_file(source)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    seed = project.seed_file(source).read_text(encoding="utf-8")
    entries = [*doc["facts"], *(doc.get("exclusions") or [])]
    texts = [str(e[k]) for e in entries for k in ("quote", "context") if e.get(k)]
    quote = next(f["quote"] for f in doc["facts"] if seed.count(f["quote"]) == 1 and not _spans_the_end(seed, f["quote"], texts))
    data = seed.replace(quote, quote + SEED_MARKUP).encode("utf-8")  # inserted at the end of a quoted sentence
    project.seed_file(source).write_bytes(data)
    edit_record(project, sha256=hashlib.sha256(data).hexdigest())
    for entry in entries:  # each passage holding the sentence holds the inserted text too
        for key in ("quote", "context"):
            if isinstance(entry.get(key), str) and quote in entry[key]:
                entry[key] = entry[key].replace(quote, quote + SEED_MARKUP)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    builder.build(project)
    for cached in (load._facts, load._places, load._indicators):  # the loader caches by project root
        cached.cache_clear()
    generate.write_pages(project)
    markdown = MarkdownIt("commonmark").enable("table")
    pages = [*project.root.glob("sources/*.md"), *project.root.glob("pairings/*.md")]
    shown = [p for p in pages if "example.org" in p.read_text(encoding="utf-8")]
    assert shown, "no page shows the quoted sentence"
    for page in shown:
        html = markdown.render(page.read_text(encoding="utf-8"))
        made = re.findall(r'<img [^>]*example[^>]*>|<a [^>]*href="https://example[^>]*>|<em>em</em>|<code>code</code>', html)
        assert not made, f"{page.name}: {made[:3]}"


# --- Dates that do not exist, places that cannot be placed, characters YAML refuses ---------------


@pytest.mark.parametrize(
    "date, problem", [("2020-13-45", "not a real date"), ("2021-02-30", "not a real date"), ("2021-02/2012", "ends")]
)
def test_a_source_dated_on_a_day_that_does_not_exist_is_refused(project, date, problem):
    source = edit_record(project, published=date)
    refused(project, rf"{source}: published: .*{problem}")


def test_a_place_at_an_unknown_level_is_refused_naming_the_levels(project):
    place = edit_place(project, level="galaxy")
    assert "county" in refused(project, rf"place '{place}': level 'galaxy' is not one of")


def test_a_place_that_is_its_own_parent_is_refused(project):
    place = edit_place(project, parent=None)
    edit_place(project, parent=place)
    refused(project, rf"place '{place}': its `parent` chain comes back to itself")


def test_a_nul_character_in_an_annotation_file_is_a_message_not_a_traceback(project):
    path = project.annotation_file(first_source(project))
    path.write_text("source_id: x\n\x00\n", encoding="utf-8")
    refused(project, rf"{path.name}: character U\+0000 at position \d+ is not allowed in YAML")


def test_two_sources_sharing_a_number_are_told_the_next_free_one(project):
    """The number (NNN) names a source's citation key and starts its fact ids, so two sources sharing
    it would collide in the bibliography; the second is refused with the number to use."""
    source = first_source(project)
    twin = f"{source.split('_')[0]}_{'f' * 16}"
    data = project.seed_file(source).read_bytes()
    project.seed_file(twin).write_bytes(data)
    record = next(
        r for r in yaml.safe_load(project.provenance.read_text(encoding="utf-8"))["sources"] if r["source_id"] == source
    )
    edit_yaml(project.provenance, lambda d: d["sources"].append({**record, "source_id": twin}))
    message = refused(project, rf"sources {source} and {twin} share the number {source.split('_')[0]}")
    assert "next free number" in message
