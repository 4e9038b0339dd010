"""Chapter notebooks: committed without outputs, short, citing and captioning every figure."""

import re

import nbformat
import pytest

from eastwest.core.paths import PROJECT

pytestmark = pytest.mark.fast

NOTEBOOKS = sorted(PROJECT.chapters.glob("*.ipynb"))
FIGURE = re.compile(
    r"```\{figure\} \.\./figures/(?P<name>[a-z0-9_]+)\.svg\n(?P<options>(?::[a-z]+:[^\n]*\n)+)\n(?P<caption>.+?)\n```", re.S
)
CITE = re.compile(r"\{cite:[pt]\}`([^`]+)`")


def joined(path, kind: str) -> str:
    """All markdown or code of a notebook, as one text."""
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == kind)


def test_the_six_chapters_exist():
    assert [p.stem for p in NOTEBOOKS] == [
        "00_overview",
        "01_industry",
        "02_talent",
        "03_labour",
        "04_consumption",
        "05_synthesis",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear outputs before committing"


# The synthesis argues from the other chapters' charts and draws none of its own.
MIN_FIGURES = {"05_synthesis": 0}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_is_named_captioned_cited_and_described(path):
    code = joined(path, "code")
    figures = list(FIGURE.finditer(joined(path, "markdown")))
    assert len(figures) >= MIN_FIGURES.get(path.stem, 1), f"{path.name}: each chapter argues with at least one chart"
    for fig in figures:
        assert ":name: fig-" in fig["options"] and ":alt: " in fig["options"], fig["name"]
        # a caption's sources are those of the facts the chart drew, glued by book.show_chart
        assert f"Sources: {{glue}}`sources-{fig['name']}`" in fig["caption"], (
            f"{fig['name']}: caption must paste its chart's sources"
        )
        assert not CITE.search(fig["caption"]), f"{fig['name']}: a caption must not type a source list"
        assert (PROJECT.figures / f"{fig['name']}.svg").exists() and (PROJECT.figures / f"{fig['name']}.narrow.svg").exists()
        assert f'"{fig["name"]}"' in code or fig["name"].split("_", 1)[1] in code, f"{fig['name']}: no cell draws it"


FACT_ID = re.compile(r"[\"']\d{3}-[a-z0-9]+(?:-[a-z0-9]+)*[\"']")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_charts_are_drawn_without_naming_facts(path):
    """Charts select facts by indicator and attributes; fact ids may only feed glued prose numbers."""
    for line in joined(path, "code").splitlines():
        if "charts." in line:
            assert not FACT_ID.search(line), f"{path.name}: {line.strip()}"


def test_the_package_selects_no_fact_by_id():
    modules = sorted((PROJECT.root / "eastwest").glob("**/*.py"))
    assert len(modules) > 20, "the glob found no package modules: is PROJECT.root the checkout?"
    for path in modules:
        assert not FACT_ID.search(path.read_text(encoding="utf-8")), f"{path.relative_to(PROJECT.root)} names a fact id"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_read_data_only_through_the_package(path):
    nb = nbformat.read(path, as_version=4)
    code = joined(path, "code")
    assert "read_csv" not in code and "../data" not in code and "open(" not in code
    assert all(len(c.source.splitlines()) <= 40 for c in nb.cells if c.cell_type == "code"), "logic belongs in the package"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapters_end_with_what_the_sources_do_not_tell_us(path):
    nb = nbformat.read(path, as_version=4)
    last_md = [c.source for c in nb.cells if c.cell_type == "markdown"][-1]
    assert "What the sources do not tell us" in last_md


# Charts that count the corpus (facts per pairing, theme, source or caveat), not the programme:
# they belong on the method page, never in the story.
CORPUS_CHARTS = {
    "overview_pairing_network",
    "overview_evidence_map",
    "labour_share",
    "consumption_status",
    "synthesis_theme_mix",
    "synthesis_caveats",
}
PAGE_FIGURE = re.compile(
    r"```\{figure\} figures/(?P<name>[a-z0-9_]+)\.svg\n(?P<options>(?::[a-z]+:[^\n]*\n)+)\n(?P<caption>.+?)\n```", re.S
)


def test_charts_about_the_corpus_are_on_the_method_page_not_in_the_story():
    story = "\n".join(joined(p, "markdown") for p in NOTEBOOKS) + (PROJECT.root / "index.md").read_text(encoding="utf-8")
    in_story = {m["name"] for m in FIGURE.finditer(story)} | {m["name"] for m in PAGE_FIGURE.finditer(story)}
    assert not in_story & CORPUS_CHARTS, f"corpus counts in the story: {sorted(in_story & CORPUS_CHARTS)}"
    method = (PROJECT.root / "method.md").read_text(encoding="utf-8")
    figures = {m["name"]: m for m in PAGE_FIGURE.finditer(method)}
    assert set(figures) >= CORPUS_CHARTS, f"not on the method page: {sorted(CORPUS_CHARTS - set(figures))}"
    for name in CORPUS_CHARTS:
        assert ":name: fig-" in figures[name]["options"] and ":alt: " in figures[name]["options"], name
        assert f"Sources: {{glue}}`sources-{name}`" in figures[name]["caption"], f"{name}: caption must paste its chart's sources"
        assert not CITE.search(figures[name]["caption"]), name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapters_show_no_code_and_keep_their_fact_tables_collapsed(path):
    """A reader sees prose and charts: code inputs are removed (no 'Show code cell source'
    toggles), and the chapter's fact tables are one collapsed block at its end."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            tags = cell.metadata.get("tags", [])
            assert "remove-input" in tags and "hide-input" not in tags, f"{path.name} {cell.get('id')}: {tags}"
    code = joined(path, "code")
    assert "show_fact_table(" not in code, f"{path.name}: a full fact table in the story; use book.show_chapter_facts"
    if "show_chapter_facts(" in code:
        last = [c for c in nb.cells if c.cell_type == "code"][-1]
        assert "show_chapter_facts(" in last.source and nb.cells[-1] is last, (
            f"{path.name}: the chapter's facts close the chapter"
        )


def test_glossary_covers_every_linked_term():
    glossary = (PROJECT.root / "glossary.md").read_text(encoding="utf-8")
    defined = set(re.findall(r"^(\S[^\n]*)\n  \*", glossary, re.M))
    texts = [(PROJECT.root / "index.md").read_text(encoding="utf-8")]
    texts += [c.source for p in NOTEBOOKS for c in nbformat.read(p, as_version=4).cells if c.cell_type == "markdown"]
    roles = [t for text in texts for t in re.findall(r"\{term\}`([^`]+)`", text)]
    used = {re.sub(r"^.*<([^>]+)>$", r"\1", t, flags=re.S) for t in roles}  # `shown text <term>` links the term
    assert len(used) >= 10
    assert used <= defined, f"terms linked but not in the glossary: {sorted(used - defined)}"
