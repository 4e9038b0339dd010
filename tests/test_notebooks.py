"""Chapter notebooks: committed without outputs, short, citing and captioning every figure."""
import re

import nbformat
import pytest

from eastwest.paths import PROJECT

NOTEBOOKS = sorted(PROJECT.chapters.glob("*.ipynb"))
FIGURE = re.compile(r"```\{figure\} \.\./figures/(?P<name>[a-z0-9_]+)\.svg\n(?P<options>(?::[a-z]+:[^\n]*\n)+)\n(?P<caption>.+?)\n```", re.S)
CITE = re.compile(r"\{cite:[pt]\}`([^`]+)`")


def joined(path, kind: str) -> str:
    """All markdown or code of a notebook, as one text."""
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == kind)


def test_the_six_chapters_exist():
    assert [p.stem for p in NOTEBOOKS] == ["00_overview", "01_industry", "02_talent", "03_labour", "04_consumption", "05_synthesis"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear outputs before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_is_named_captioned_cited_and_described(path):
    code = joined(path, "code")
    figures = list(FIGURE.finditer(joined(path, "markdown")))
    assert len(figures) >= 2, f"{path.name}: each chapter compares things in at least two charts"
    for fig in figures:
        assert ":name: fig-" in fig["options"] and ":alt: " in fig["options"], fig["name"]
        # a caption's sources are those of the facts the chart drew, glued by book.show_chart
        assert f"Sources: {{glue}}`sources-{fig['name']}`" in fig["caption"], f"{fig['name']}: caption must paste its chart's sources"
        assert not CITE.search(fig["caption"]), f"{fig['name']}: a caption must not type a source list"
        assert (PROJECT.figures / f"{fig['name']}.svg").exists() and (PROJECT.figures / f"{fig['name']}.png").exists()
        assert f'"{fig["name"]}"' in code or fig["name"].split("_", 1)[1] in code, f"{fig['name']}: no cell draws it"


FACT_ID = re.compile(r"[\"']\d{3}-[a-z0-9]+(?:-[a-z0-9]+)*[\"']")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_charts_are_drawn_without_naming_facts(path):
    """Charts select facts by indicator and attributes; fact ids may only feed glued prose numbers."""
    for line in joined(path, "code").splitlines():
        if "charts." in line:
            assert not FACT_ID.search(line), f"{path.name}: {line.strip()}"


def test_the_package_selects_no_fact_by_id():
    for module in ("analysis.py", "charts.py", "profiles.py", "pages.py", "tables.py"):
        path = PROJECT.root / "eastwest" / module
        if path.exists():
            assert not FACT_ID.search(path.read_text(encoding="utf-8")), f"eastwest/{module} names a fact id"


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


def test_glossary_covers_every_linked_term():
    glossary = (PROJECT.root / "glossary.md").read_text(encoding="utf-8")
    defined = set(re.findall(r"^(\S[^\n]*)\n  \*", glossary, re.M))
    texts = [(PROJECT.root / "index.md").read_text(encoding="utf-8")]
    texts += [c.source for p in NOTEBOOKS for c in nbformat.read(p, as_version=4).cells if c.cell_type == "markdown"]
    used = {t for text in texts for t in re.findall(r"\{term\}`([^`]+)`", text)}
    assert len(used) >= 10
    assert used <= defined, f"terms linked but not in the glossary: {sorted(used - defined)}"
