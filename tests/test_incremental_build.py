"""`make book` skips each step whose inputs did not change, and reruns it (and everything that
depends on it) when they did: no stale table, page, figure or glued number is ever served.

The step decisions are checked on a copy of the project with the slow parts stubbed (the
notebook executor, Sphinx); the last test builds a copy for real and changes what feeds a glued
number and what draws every figure. Nothing here times anything (that is `make bench`)."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from add_source import copy_project, make_book

from eastwest.build import execute, stamps, update

pytestmark = pytest.mark.slow  # builds copies of the project, the last one for real

CONTEXT_ROW = ("East-West fiscal aid", "2019")  # national_context.csv (indicator, period): ctx-ew-aid-2019 in 01_industry


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _first_annotation(root: Path) -> Path:
    return sorted(p for p in (root / "data" / "annotations").glob("*.yml") if not p.name.endswith(".draft.yml"))[0]


# --- data ---------------------------------------------------------------------------------------


def test_data_build_reruns_exactly_when_its_inputs_or_outputs_change(project):
    assert update.update_data(project), "no stamp yet: the data build must run"
    assert not update.update_data(project), "nothing changed: the data build must be skipped"

    draft = project / "data" / "annotations" / "999_0000000000000000.draft.yml"
    draft.write_text("source_id: 999_0000000000000000\nfacts: []\n", encoding="utf-8")
    assert not update.update_data(project), "a draft is never read by the build: it is not an input"

    for rel in (
        _first_annotation(project).relative_to(project).as_posix(),
        "data/reference/vocabulary.yml",
        "seeds/sources.yml",
        "eastwest/core/yamlio.py",
    ):
        _append(project / rel, "\n# touched by the test\n")
        assert update.update_data(project), f"{rel} changed: the data build must run"
        assert not update.update_data(project), f"{rel}: the second build must be skipped"

    facts = project / "data" / "facts.csv"
    built = facts.read_bytes()
    facts.write_bytes(built.replace(b"\n", b"\r\n", 1))
    assert update.update_data(project), "an output changed by hand: the data build must run"
    assert facts.read_bytes() == built
    (project / "data" / "mentions.csv").unlink()
    assert update.update_data(project) and (project / "data" / "mentions.csv").exists()


def test_a_changed_fact_reaches_the_generated_pages(project):
    """Data and pages chain: an annotation edit rebuilds data/ and then regenerates the pages."""
    update.update_data(project)
    assert update.update_pages(project)
    assert not update.update_pages(project)
    annotation = _first_annotation(project)
    text = annotation.read_text(encoding="utf-8")
    match = re.search(r"^(\s+description: )(.+)$", text, flags=re.M)
    assert match, f"{annotation}: no fact description to edit"
    annotation.write_text(text[: match.start(2)] + "EDITED " + text[match.start(2) :], encoding="utf-8")
    assert update.update_data(project)
    assert update.update_pages(project), "data/ changed: the pages must be regenerated"
    written = stamps.read(project, "pages")["written"]
    assert any("EDITED " in (project / rel).read_text(encoding="utf-8", errors="replace") for rel in written), (
        "the edited description is on no generated page"
    )


def test_pages_rerun_when_a_generated_file_is_missing_or_edited(project):
    update.update_data(project)
    assert update.update_pages(project)
    index = project / "sources" / "index.md"
    generated = index.read_bytes()
    index.write_text("edited by hand\n", encoding="utf-8")
    assert update.update_pages(project) and index.read_bytes() == generated
    bib = project / "references.bib"
    bib.unlink()
    assert update.update_pages(project) and bib.exists()
    assert not update.update_pages(project)


# --- notebooks ----------------------------------------------------------------------------------


class _NoExecution:
    def wait(self, after_each=None):
        return []


@pytest.fixture
def executions(monkeypatch):
    """Stub the executor: record each start instead of executing notebooks."""
    started = []

    def start(root, jobs=None):
        started.append(root)
        return _NoExecution()

    monkeypatch.setattr(execute, "start", start)
    return started


def _prime_cache(root: Path) -> tuple[Path, Path]:
    cache, doctrees = root / "_build" / ".jupyter_cache", root / "_build" / ".doctrees"
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "global.db").write_bytes(b"stands in for the cache")
    doctrees.mkdir(parents=True, exist_ok=True)
    return cache, doctrees


def _notebook_step(root: Path) -> None:
    update.start_notebooks(root).finish()


@pytest.mark.parametrize(
    "rel",
    [
        "data/facts.csv",
        "data/reference/national_context.csv",
        "eastwest/charts/base.py",
        "seeds/sources.yml",
        "CITATION.cff",
        "figures/labour_share.csv",
    ],
)
def test_notebooks_re_execute_from_scratch_when_anything_they_read_changes(project, executions, rel):
    _notebook_step(project)
    cache, doctrees = _prime_cache(project)
    _notebook_step(project)
    assert len(executions) == 1, "nothing changed: the executor must not even start"
    path = project / rel
    assert path.exists(), f"{rel} is gone from the project: update this test"
    _append(path, "\n" if path.suffix == ".csv" else "\n# touched\n")
    _notebook_step(project)
    assert len(executions) == 2
    assert not cache.exists() and not doctrees.exists(), (
        f"{rel} changed: the execution cache and doctrees must be cleared (the cache only watches code cells)"
    )


def test_a_notebook_edit_lets_the_cache_decide_and_prose_changes_execute_nothing(project, executions):
    _notebook_step(project)
    cache, doctrees = _prime_cache(project)
    chapter = project / "chapters" / "03_labour.ipynb"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace('"# Labour', '"# Labour ', 1), encoding="utf-8")
    _notebook_step(project)
    assert len(executions) == 2, "a notebook changed: the executor must check the cache"
    assert cache.exists() and doctrees.exists(), "a notebook edit must not clear the whole cache"
    for rel in ("glossary.md", "tests/test_incremental_build.py", "_static/custom.css", "_toc.yml"):
        if (project / rel).exists():
            _append(project / rel, "\n")
    (project / "data" / "annotations" / "999_0000000000000000.draft.yml").write_text("facts: []\n", encoding="utf-8")
    _notebook_step(project)
    assert len(executions) == 2 and cache.exists(), "prose, tests, styles and drafts are not read by any notebook"


class _Killed(BaseException):
    """Stands in for a kill: nothing after it runs."""


class _Drawing:
    """Stands in for the executions: each "notebook" draws one figure from the bytes of
    data/facts.csv and is cached, in the order of eastwest.build.execute (the step hears the
    notebook ended, then its execution is cached); with `end` set, the last one fails, or the run
    is killed once the first is cached."""

    def __init__(self, root: Path, drawn: list[Path], end: str | None = None):
        self.root, self.drawn, self.end = root, drawn, end

    def wait(self, after_each=None):
        data = stamps.file_digest(self.root / "data" / "facts.csv")
        for n, figure in enumerate(self.drawn):
            if self.end == "failed" and n == len(self.drawn) - 1:
                raise execute.NotebookFailed("the last notebook failed")
            figure.write_text(f"drawn from {data}\n", encoding="utf-8")
            if after_each is not None:
                after_each()
            _prime_cache(self.root)  # its execution is cached
            if self.end == "killed":
                raise _Killed
        return [f.name for f in self.drawn]


def _drawn_figures(root: Path) -> list[Path]:
    """Two chart files and a chart's marks: what the stub notebooks draw."""
    return [*sorted((root / "figures").glob("*.svg"))[:2], sorted((root / "figures").glob("*.marks.csv"))[0]]


@pytest.fixture
def drawing(monkeypatch):
    """Stub the executor with `_Drawing`; `ends` says how the next runs end (None: they succeed);
    `started` has, for each run, whether the execution cache was there when it started."""
    ends: list[str | None] = []
    started: list[bool] = []

    def start(root, jobs=None):
        started.append((root / "_build" / ".jupyter_cache").exists())
        return _Drawing(root, _drawn_figures(root), ends.pop(0) if ends else None)

    monkeypatch.setattr(execute, "start", start)
    return ends, started


def _interrupted_run(project: Path, drawing, end: str) -> dict[str, bytes]:
    """A complete run, then new data and a run that fails or is killed part-way; return the
    figures as the complete run left them (as `git checkout figures/` would bring them back)."""
    ends, _ = drawing
    _notebook_step(project)
    _prime_cache(project)
    committed = {p.relative_to(project).as_posix(): p.read_bytes() for p in update.notebook_outputs(project)}
    _append(project / "data" / "facts.csv", "\n")
    ends.append(end)
    with pytest.raises((execute.NotebookFailed, _Killed)):
        _notebook_step(project)
    return committed


@pytest.mark.parametrize("end", ["failed", "killed"])
def test_figures_restored_after_an_interrupted_run_are_drawn_again(project, drawing, end):
    """The bug this guards: the cache is keyed by code cells, so a notebook that finished before
    the kill is served from it, beside figures/ restored from git (drawn from the old data)."""
    committed = _interrupted_run(project, drawing, end)
    for rel, content in committed.items():
        (project / rel).write_bytes(content)  # git checkout figures/
    assert (project / "_build" / ".jupyter_cache").exists()
    _notebook_step(project)
    _, started = drawing
    assert started[-1] is False, (
        "figures/ is not what the interrupted run's finished notebooks drew: their cached executions must go"
    )
    data = stamps.file_digest(project / "data" / "facts.csv")
    for figure in _drawn_figures(project):
        assert figure.read_text(encoding="utf-8") == f"drawn from {data}\n", f"{figure.name} is not drawn from the current data"
    _notebook_step(project)
    assert len(started) == 3, "a complete run after the interrupted one: nothing to execute"


@pytest.mark.parametrize("change", ["untouched", "truncated", "edited", "deleted"])
def test_after_a_failed_run_a_changed_figure_is_drawn_again(project, drawing, change):
    """After a failed run the notebooks that finished stay cached only while their figures are as
    they left them; a figure truncated, edited or deleted since clears the cache."""
    _interrupted_run(project, drawing, "failed")
    figure = _drawn_figures(project)[0]
    if change == "truncated":
        figure.write_bytes(figure.read_bytes()[:5])
    elif change == "edited":
        _append(figure, "<!-- edited -->\n")
    elif change == "deleted":
        figure.unlink()
    _notebook_step(project)
    _, started = drawing
    assert len(started) == 3, "an interrupted run is never up to date"
    if change == "untouched":
        assert started[-1], "figures/ is what the finished notebooks drew: their cached executions stand"
    else:
        assert not started[-1], f"a figure {change} after a failed run: the cache must be cleared"


def test_every_figure_file_is_watched_subfolders_and_marks_too(project, executions):
    """Each file the notebooks write under figures/ (a subfolder's chart, a chart's marks) is
    checked, not only the charts at its top."""
    watched = [
        *[p for p in sorted((project / "figures").glob("*/*")) if p.parent.name != "pairings"][:1],
        sorted((project / "figures").glob("*.marks.csv"))[0],
    ]
    assert len(watched) == 2, "no subfolder of figures/ to check: update this test"
    for path in watched:
        _notebook_step(project)
        cache, _ = _prime_cache(project)
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
        _notebook_step(project)
        assert not cache.exists(), f"{path.relative_to(project)} truncated: the notebooks must draw it again"


# --- site ---------------------------------------------------------------------------------------


@pytest.fixture
def sphinx_runs(monkeypatch):
    """Stub the Sphinx pass: write a one-page site and count the runs."""
    runs = []

    def run_sphinx(root):
        runs.append(root)
        html = root / "_build" / "html"
        html.mkdir(parents=True, exist_ok=True)
        (html / "index.html").write_text(f"<p>build {len(runs)}</p>", encoding="utf-8")
        return 0

    monkeypatch.setattr(update, "run_sphinx", run_sphinx)
    return runs


def test_the_sphinx_pass_is_skipped_only_when_every_input_and_the_site_are_unchanged(project, sphinx_runs):
    assert update.update_site(project) and len(sphinx_runs) == 1
    assert not update.update_site(project) and len(sphinx_runs) == 1
    _append(project / "tests" / "conftest.py", "\n")
    assert not update.update_site(project), "the tests are not part of the book"
    catalogs = project / "zh" / "locales" / "zh_CN" / "LC_MESSAGES"
    catalogs.mkdir(parents=True, exist_ok=True)
    (catalogs / "sphinx.mo").write_bytes(b"compiled by the last pass")
    assert not update.update_site(project), "a compiled catalog is the Sphinx pass's own output, not an input"
    for rel in ("method.md", "_config.yml", "figures/labour_share.svg", "bench/draft_agreement.md"):
        _append(project / rel, "\n")
        assert update.update_site(project), f"{rel} changed: Sphinx must run"
    page = project / "_build" / "html" / "index.html"
    page.write_text("edited by hand", encoding="utf-8")
    assert update.update_site(project), "the site was changed by hand: it must be written again"
    (project / "_build" / "html" / "stray.html").write_text("not from a build", encoding="utf-8")
    assert update.update_site(project)
    assert not (project / "_build" / "html" / "stray.html").exists(), "the site is written afresh"


def test_a_failed_sphinx_pass_is_not_recorded(project, monkeypatch):
    monkeypatch.setattr(update, "run_sphinx", lambda root: 1)
    with pytest.raises(SystemExit):
        update.update_site(project)
    assert stamps.read(project, "site") is None


# --- the real thing -----------------------------------------------------------------------------


def _executed(log: str) -> set[str]:
    return set(re.findall(r"^(\S+): Executed notebook", log, flags=re.M))


def _mystnb_executed(log: str) -> list[str]:
    return re.findall(r"(\S+): Executing notebook", log)


def test_nothing_stale_is_served_after_a_reference_file_or_a_package_module_changes(tmp_path):
    root = copy_project(tmp_path / "project")
    log = make_book(root)
    notebooks = _executed(log)
    assert {"index.md", "chapters/00_overview.ipynb"} <= notebooks, log[-3000:]
    assert not _mystnb_executed(log), "Jupyter Book executed a notebook itself: the parallel executor missed it"

    # A reference file a chapter reads directly (not through data/): its glued number must change.
    context = root / "data" / "reference" / "national_context.csv"
    lines = context.read_text(encoding="utf-8").splitlines(keepends=True)
    ((n, line),) = [(i, row) for i, row in enumerate(lines) if (row.split(",")[0], row.split(",")[3]) == CONTEXT_ROW]
    old_value = line.split(",")[1]
    new_value = str(int(float(old_value)) + 1)
    lines[n] = line.replace(f",{old_value},", f",{new_value},", 1)
    context.write_text("".join(lines), encoding="utf-8")
    log = make_book(root)
    assert _executed(log) == notebooks, "a reference file changed: every notebook must execute again"
    industry = (root / "_build" / "html" / "chapters" / "01_industry.html").read_text(encoding="utf-8")
    assert f'data-value="{float(new_value)!r}"' in industry, "the glued outside figure is stale"
    assert f'data-value="{float(old_value)!r}"' not in industry

    # A package module that draws every figure: the figures and the site's copies must change.
    style = root / "eastwest" / "charts" / "style.py"
    assert '"#0072B2"' in style.read_text(encoding="utf-8")
    style.write_text(style.read_text(encoding="utf-8").replace('"#0072B2"', '"#0072B3"'), encoding="utf-8")
    log = make_book(root)
    assert _executed(log) == notebooks, "a package module changed: every notebook must execute again"
    figures = {p.name: p.read_bytes() for p in (root / "figures").glob("*.svg")}
    assert any(b"#0072b3" in svg.lower() for svg in figures.values()), "the figures were not drawn again"
    shown = {p.name: p.read_bytes() for p in (root / "_build" / "html" / "_images").glob("*.svg") if p.name in figures}
    assert shown and all(shown[name] == figures[name] for name in shown), (
        "the site shows figures drawn before the package changed"
    )

    # A prose edit in a notebook: nothing executes; the page changes. Then nothing at all reruns.
    chapter = root / "chapters" / "03_labour.ipynb"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("# Labour", "# Labour, edited", 1), encoding="utf-8")
    log = make_book(root)
    assert not _executed(log) and not _mystnb_executed(log)
    assert "Labour, edited" in (root / "_build" / "html" / "chapters" / "03_labour.html").read_text(encoding="utf-8")
    log = make_book(root)
    assert "Sphinx not run" in log and not _executed(log)


def test_a_killed_notebook_run_with_figures_restored_by_git_is_drawn_again(tmp_path):
    """Change the colour most figures are drawn in; kill `make book` once every notebook but one (held back by
    a cell that sleeps) has executed and been cached; bring figures/ and the notebook back as
    `git checkout` would; build again: every figure is drawn from the current package, in
    figures/ and in the site, though the cache holds the new executions of all but one notebook."""
    root = copy_project(tmp_path / "project")
    notebooks = _executed(make_book(root))
    committed = {p: p.read_bytes() for p in update.notebook_outputs(root)}
    assert any(b"#0072b2" in content.lower() for content in committed.values())
    for module in (root / "eastwest" / "charts").glob("*.py"):  # the house blue, wherever a chart takes it from
        module.write_text(re.sub("#0072B2", "#0072B3", module.read_text(encoding="utf-8"), flags=re.I), encoding="utf-8")
    held_back = sorted((root / "chapters").glob("*.ipynb"))[0]
    original = held_back.read_text(encoding="utf-8")
    notebook = json.loads(original)
    notebook["cells"].append(
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "import time\ntime.sleep(900)"}
    )
    held_back.write_text(json.dumps(notebook), encoding="utf-8")

    venv = Path(sys.executable).parent.parent
    log = tmp_path / "killed-book.log"  # outside the project: a top-level file is an input
    with log.open("w") as out:
        book = subprocess.Popen(
            ["make", "--no-print-directory", "book", "PDF=0", f"VENV={venv}", "-o", f"{venv}/.installed"],
            cwd=root,
            env=dict(os.environ, PYTHONPATH=str(root)),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 900
    while len(_executed(log.read_text(encoding="utf-8"))) < len(notebooks) - 1:
        assert book.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")[-3000:]
        time.sleep(0.1)
    os.killpg(book.pid, signal.SIGKILL)
    book.wait(timeout=60)
    time.sleep(3)  # the kernels see their parent gone and exit
    held_back.write_text(original, encoding="utf-8")
    for path, content in committed.items():
        path.write_bytes(content)

    rebuilt = make_book(root)
    stale = sorted(p.name for p in update.notebook_outputs(root) if b"#0072b2" in p.read_bytes().lower())
    assert not stale, f"drawn before the change and served as up to date: {stale}"
    shown = [p.name for p in (root / "_build" / "html" / "_images").glob("*.svg") if b"#0072b2" in p.read_bytes().lower()]
    assert not shown, f"the site shows figures drawn before the change: {shown}"
    assert "not what the notebooks drew" in rebuilt
    assert "Sphinx not run" in make_book(root)
