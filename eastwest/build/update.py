"""`make data`, `make pages` and `make book`: each step of the build runs only when the files it
reads or the files it wrote changed since it last succeeded (content hashes, eastwest.build.stamps).

  data       `python -m eastwest build`  reads seeds/, data/annotations/*.yml (never drafts),
             data/reference/ and the package; writes data/*.csv, data/*.json, data/clean/.
  pages      `python -m eastwest pages`  reads the project's inputs (below); writes sources/,
             pairings/, figures/pairings/, references.bib, ... (whatever it wrote is recorded).
  notebooks  executes the notebooks in parallel into Jupyter Book's cache (eastwest.build.execute).
             The cache is keyed by each notebook's code cells only, so the step keeps its own
             record of what the cached executions were drawn from and drew: the digest of the
             project's inputs and of each file under figures/ as the notebooks wrote it. When the
             inputs differ, or any figure or chart-data file is missing, truncated or changed
             (edited by hand, or restored by `git checkout figures/` after a killed run), the
             cache and Sphinx's doctrees are cleared and every notebook executes again: no
             figure, data download or glued number is ever served stale. The record of a
             complete run is written (atomically) only after every notebook succeeded; while a
             run is under way a second record follows it (the figures as each notebook ends),
             so after a failed or killed run the next build keeps the notebooks that finished
             only if figures/ is still exactly what they left.
  site       `jupyter-book build -W -n --keep-going .` reads everything but the tests; writes
             _build/html; then the Chinese edition's book (zh/), whose notebooks have the English
             code cells (eastwest.build.translations copies them) and so reuse the English
             executions, into _build/html/zh. Skipped only when its inputs and the site itself are byte for byte
             what the last successful build saw and wrote. Otherwise the site is written afresh
             (the cache and doctrees are kept), so a warm build gives the same bytes as a cold
             one: no stale pages or images, a complete search index, no stylesheet checksums
             that only a second build adds (tests/test_build_parity.py).

The project's inputs, for pages and notebooks: everything under data/ (drafts aside), seeds/ and
eastwest/, and every top-level file but the prose (*.md), the notebooks, the book's settings
(_config.yml, _toc.yml, Makefile) and references.bib (written by pages from seeds/ and data/):
CITATION.cff, requirements.txt, ...

In `make book` the pages are generated while the notebooks execute (both need only data/).
From the notebooks to the Sphinx pass the book build holds data/'s lock shared
(eastwest.core.files): a `make data` started meanwhile waits until the book is built, so every
notebook, page and the site are drawn from one dataset.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from eastwest.build import pdf, stamps, translations
from eastwest.build.sphinx_pass import CHINESE_BOOK, CHINESE_OUTPUT, COMMAND
from eastwest.core.files import build_lock, read_lock

BUILD = Path("_build")
HTML = BUILD / "html"
DOCTREES = BUILD / ".doctrees"
BOOK_SETTINGS = ("_config.yml", "_toc.yml", "Makefile")
NOT_SITE_INPUTS = ("_build", ".venv", "tests", "artifacts")
PAGES_NOT_WRITTEN = (*NOT_SITE_INPUTS, "data", "seeds", "eastwest", "chapters")  # never written by pages
PAGES_FIGURES = (
    "figures/pairings/",
    "figures/zh/pairings/",
)  # the profiles' charts, both languages; the rest of figures/ is the notebooks'


# --- What each step reads and writes ---------------------------------------------------------------


def data_inputs(root: Path) -> list[Path]:
    return [
        *stamps.files_under(root, "seeds"),
        *stamps.files_under(root, "data/annotations", "*.yml", recursive=False),
        *stamps.files_under(root, "data/reference"),
        *stamps.files_under(root, "eastwest"),
        *[p for p in [root / "requirements.txt"] if p.is_file()],
    ]


def data_outputs(root: Path) -> list[Path]:
    return [
        *stamps.files_under(root, "data", "*.csv", recursive=False),
        *stamps.files_under(root, "data", "*.json", recursive=False),
        *stamps.files_under(root, "data/clean"),
    ]


def project_inputs(root: Path) -> list[Path]:
    """What pages and notebooks may read: data/, seeds/, eastwest/ and the top-level files that are
    neither prose, notebooks, the book's settings nor references.bib (which the pages step writes
    from seeds/sources.yml and data/reference/)."""
    top = [
        p
        for p in root.iterdir()
        if p.is_file()
        and not p.name.startswith(".")
        and p.suffix not in (".md", ".ipynb")
        and p.name not in (*BOOK_SETTINGS, "references.bib")
    ]
    return [*stamps.files_under(root, "data"), *stamps.files_under(root, "seeds"), *stamps.files_under(root, "eastwest"), *top]


def notebook_sources(root: Path) -> list[Path]:
    """The notebooks: every .ipynb, and every Markdown page whose front matter names a kernel or
    the MyST notebook format (as index.md does). Whether an edit to one changed its code is for
    the execution cache to say; an edit to any other page cannot need an execution."""
    files = stamps.tree_files(
        root, exclude_top=(*NOT_SITE_INPUTS, "bench", "sources", "pairings", "figures", "data", "seeds", "eastwest")
    )
    return [p for p in files if p.suffix == ".ipynb" or (p.suffix == ".md" and _is_text_notebook(p))]


def _is_text_notebook(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as handle:
        head = handle.read(4096)
    if not head.startswith("---"):
        return False
    front = head[3:].split("\n---", 1)[0]
    return any(word in front for word in ("kernelspec", "file_format", "jupytext"))


def notebook_outputs(root: Path) -> list[Path]:
    """What the notebooks write: the figures, their data downloads (<chart>.csv, <chart>.marks.csv)
    and the landing page's chart: everything under figures/ but pairings/ (the pages step's)."""
    return [p for p in stamps.files_under(root, "figures") if not _pages_figure(p.relative_to(root).as_posix())]


def _pages_figure(rel: str) -> bool:
    return rel.startswith(PAGES_FIGURES)


def site_inputs(root: Path) -> list[Path]:
    return stamps.tree_files(root, exclude_top=NOT_SITE_INPUTS)


def site_outputs(root: Path) -> list[Path]:
    html = root / HTML
    return [p for p in html.rglob("*") if p.is_file()] if html.is_dir() else []


def _environment() -> str:
    """What besides the files a step's output depends on: the Python; the site's base URL
    (EASTWEST_BASEURL: canonical links, sitemap and card addresses are written from it); and
    whether charts are also drawn as PNG (EASTWEST_PNG=1, as `make publish` builds: the pages'
    link-preview cards show them), so a step run in the other mode runs again and every PNG is
    drawn from the current inputs or not referenced at all."""
    import os

    from eastwest.core.site import base_url

    png = "; charts also as PNG" if os.environ.get("EASTWEST_PNG") == "1" else ""
    return f"python {sys.version.split()[0]}; base URL {base_url() or '(none)'}{png}"


# --- Steps ------------------------------------------------------------------------------------------


def update_data(root: Path, force: bool = False) -> bool:
    """Rebuild data/ unless it is up to date; True if it was rebuilt. Holds data/'s lock throughout:
    waits (and says so) while a book build or another build holds it."""
    with build_lock(root / "data"):
        return _update_data(root, force)


def _update_data(root: Path, force: bool) -> bool:
    inputs = stamps.digest(root, data_inputs(root)) + _environment()
    state = stamps.read(root, "data")
    journal = root / "data" / ".publish-journal.json"
    if (
        not force
        and state
        and not journal.exists()
        and state.get("inputs") == inputs
        and state.get("outputs") == stamps.digest(root, data_outputs(root))
    ):
        print(
            "data/ is up to date with seeds/, data/annotations/, data/reference/ and the package: not rebuilt "
            "(`python -m eastwest build` forces it)"
        )
        return False
    from eastwest.core.paths import ProjectPaths
    from eastwest.dataset.builder import build

    stamps.forget(root, "data")
    start = time.perf_counter()
    report = build(ProjectPaths(root))
    print_build_report(report)
    stamps.write(root, "data", {"inputs": inputs, "outputs": stamps.digest(root, data_outputs(root))})
    print(f"data/ rebuilt in {time.perf_counter() - start:.1f} s")
    return True


def print_build_report(report: dict) -> None:
    print("facts per indicator:")
    for indicator, n in sorted(report["facts_by_indicator"].items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:5d}  {indicator}")
    print(
        f"data/: {report['sources']} sources, {report['facts']} facts; "
        f"{report['mentions']} numeric mentions: {report['mentions_linked']} linked to facts, "
        f"{report['mentions_excluded']} excluded with a reason (coverage {report['coverage_percent']}%); "
        f"{len(report['facts_by_indicator'])} indicators, {report['facts_in_other_indicators']} facts in other_* indicators"
    )


def update_pages(root: Path, force: bool = False) -> bool:
    """Regenerate the source pages, profiles, explorer and bibliography unless they are up to date.

    Their outputs are whatever files the step wrote last time (found by comparing the tree before
    and after it, so a new kind of generated page needs no change here): if one of them is missing
    or was changed by hand, the step runs again. Reads data/ under its lock, held shared."""
    with read_lock(root / "data"):
        return _update_pages(root, force)


def _update_pages(root: Path, force: bool) -> bool:
    inputs = stamps.digest(root, project_inputs(root)) + _environment()
    state = stamps.read(root, "pages")
    if not force and state and state.get("inputs") == inputs:
        written = [root / rel for rel in state.get("written", [])]
        if all(p.is_file() for p in written) and state.get("outputs") == stamps.digest(root, written):
            print("generated pages and references.bib are up to date with data/ and the package: not regenerated")
            return False
    from eastwest.core.paths import ProjectPaths
    from eastwest.pages.generate import write_pages

    stamps.forget(root, "pages")
    start = time.perf_counter()
    before = stamps.snapshot(root, exclude_top=PAGES_NOT_WRITTEN)
    write_pages(ProjectPaths(root))
    written = [
        rel
        for rel in stamps.written_since(root, before, exclude_top=PAGES_NOT_WRITTEN)
        if not (rel.startswith("figures/") and not _pages_figure(rel))
    ]  # the notebooks' figures
    stamps.write(
        root, "pages", {"inputs": inputs, "written": written, "outputs": stamps.digest(root, [root / rel for rel in written])}
    )
    print(f"pages generated in {time.perf_counter() - start:.1f} s ({len(written)} files written)")
    return True


class NotebookRun:
    """The notebooks step, started by `start_notebooks` and finished by `.finish()`."""

    def __init__(self, root: Path, key: str, sources: str, pending=None):
        self.root, self.key, self.sources, self.pending = root, key, sources, pending

    def finish(self) -> list[str]:
        """Wait for the executions; record the run as complete only when every one succeeded."""
        if self.pending is None:
            return []
        executed = self.pending.wait(after_each=self._progress)
        figures = stamps.file_digests(self.root, notebook_outputs(self.root))
        stamps.write(self.root, "notebooks", {"key": self.key, "sources": self.sources, "figures": figures})
        stamps.forget(self.root, RUNNING)
        return executed

    def _progress(self) -> None:
        """After each notebook ends: figures/ as the notebooks finished so far left it."""
        figures = stamps.file_digests(self.root, notebook_outputs(self.root))
        stamps.write(self.root, RUNNING, {"key": self.key, "figures": figures})


RUNNING = "notebooks-running"  # the record of a run under way, or of one that failed or was killed


def start_notebooks(root: Path, jobs: int | None = None) -> NotebookRun:
    """Start executing, in parallel, the notebooks with no cached execution of their current code;
    first clear the cache and doctrees unless the last run's record shows the cached executions
    were drawn from the current inputs and figures/ is, file for file, what they wrote."""
    key = stamps.digest(root, project_inputs(root)) + _environment()
    sources = stamps.digest(root, notebook_sources(root))
    figures = stamps.file_digests(root, notebook_outputs(root))
    done = stamps.read(root, "notebooks")  # written only when a run succeeded
    cache_db = root / "_build" / ".jupyter_cache" / "global.db"
    if done and (done.get("key"), done.get("sources"), done.get("figures")) == (key, sources, figures) and cache_db.exists():
        print("notebooks: every execution is cached for the current data, package and code: nothing to execute")
        return NotebookRun(root, key, sources)
    record = done or stamps.read(root, RUNNING)
    if not record or record.get("key") != key or record.get("figures") != figures:
        print(
            f"notebooks: {_why_stale(record, key, figures)}: clearing the execution cache and doctrees, every notebook executes again"
        )
        shutil.rmtree(root / "_build" / ".jupyter_cache", ignore_errors=True)
        shutil.rmtree(root / DOCTREES, ignore_errors=True)
    # From here until `finish` the run is unfinished: the next build trusts a cached execution only
    # while figures/ is what the notebooks that finished left (the running record, kept up to date).
    stamps.forget(root, "notebooks")
    stamps.write(root, RUNNING, {"key": key, "figures": figures})
    from eastwest.build import execute

    return NotebookRun(root, key, sources, execute.start(root, jobs))


def _why_stale(record: dict | None, key: str, figures: dict[str, str]) -> str:
    if not record:
        return "no record of the last execution"
    if record.get("key") != key:
        return "data/, seeds/, the package or another input changed"
    recorded = record.get("figures") or {}
    changed = sorted(rel for rel in set(recorded) | set(figures) if recorded.get(rel) != figures.get(rel))
    shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
    return f"figures/ is not what the notebooks drew (missing, changed or restored: {shown})"


def update_site(root: Path, force: bool = False, warm: WarmSphinx | None = None) -> bool:
    """Run the Sphinx pass unless the site is up to date with every input (in `warm`, a Sphinx
    process already started, when there is one)."""
    inputs = stamps.digest(root, site_inputs(root)) + _environment()
    state = stamps.read(root, "site")
    html = root / HTML
    if (
        not force
        and state
        and state.get("inputs") == inputs
        and html.is_dir()
        and state.get("outputs") == stamps.digest(root, site_outputs(root))
    ):
        print(f"{HTML} is up to date with every input of the book: Sphinx not run")
        if warm is not None:
            warm.cancel()
        return False
    stamps.forget(root, "site")
    shutil.rmtree(html, ignore_errors=True)  # written afresh: see the module's docstring
    chinese = root / CHINESE_OUTPUT / "_build" / "html"
    shutil.rmtree(chinese, ignore_errors=True)
    returncode = warm.go() if warm is not None else run_sphinx(root)
    if returncode != 0:
        raise SystemExit(returncode)
    if chinese.is_dir():  # the Chinese edition's site, within the English one's
        shutil.move(chinese, html / CHINESE_BOOK)
    pdf.publish(root, inputs)  # the PDF edition, if printed from these very inputs
    stamps.write(root, "site", {"inputs": inputs, "outputs": stamps.digest(root, site_outputs(root))})
    return True


def run_sphinx(root: Path) -> int:
    """`jupyter-book build -W -n --keep-going .` in `root` (eastwest.build.sphinx_pass), at once."""
    print(f"$ {COMMAND}", flush=True)
    return subprocess.run([sys.executable, "-m", "eastwest.build.sphinx_pass", "--now"], cwd=root).returncode


class WarmSphinx:
    """A Sphinx pass started early (eastwest.build.sphinx_pass): it loads while the notebooks execute
    and builds on `go()`, or exits on `cancel()`."""

    def __init__(self, root: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "eastwest.build.sphinx_pass"], cwd=root, stdin=subprocess.PIPE, text=True
        )

    def go(self) -> int:
        print(f"$ {COMMAND}", flush=True)
        self.process.communicate("go\n")
        return self.process.returncode

    def cancel(self) -> None:
        self.process.communicate("cancel\n")


def update_book(root: Path, jobs: int | None = None) -> None:
    """The whole book, step by step; a second `make book` in the same tree waits for the first
    (two Sphinx passes writing one _build/ would corrupt each other's doctrees and cache)."""
    with build_lock(root / "_build"):
        start = time.perf_counter()
        update_data(root)
        with read_lock(root / "data"):  # one dataset for the notebooks, the pages and the site
            _update_book(root, jobs, start)


def _update_book(root: Path, jobs: int | None, start: float) -> None:
    synced = translations.sync_code(root)  # the Chinese notebooks reuse the English executions
    if synced:
        print(f"Chinese pages given the English code cells: {', '.join(synced)}")
    run = start_notebooks(root, jobs)
    # Notebooks to execute mean seconds of waiting: the Sphinx pass loads meanwhile.
    warm = WarmSphinx(root) if run.pending is not None and run.pending.futures else None
    try:
        try:
            update_pages(root)
        finally:
            executed = run.finish()
    except BaseException:
        if warm is not None:
            warm.cancel()
        raise
    if executed:
        print(
            f"notebooks executed: {', '.join(executed)} (data, pages and notebooks done at {time.perf_counter() - start:.1f} s)"
        )
    site_start = time.perf_counter()
    if update_site(root, warm=warm):
        print(f"Sphinx pass: {time.perf_counter() - site_start:.1f} s")
    print(f"site written to {HTML}/index.html ({time.perf_counter() - start:.1f} s)")
