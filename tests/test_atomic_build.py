"""A build is all or nothing: a failed, killed or concurrent `python -m eastwest build` leaves
either the previous dataset or the new one, complete, and readers get a clear error when there
is no dataset at all. A reader never sees two builds at once, and a data build waits for a book
build reading data/."""

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from add_source import copy_project

from eastwest.core.errors import DataError
from eastwest.core.files import JOURNAL, STAGING, build_lock, recover
from eastwest.core.paths import ProjectPaths
from eastwest.dataset import builder, load

pytestmark = pytest.mark.slow  # builds, kills and races builds of project copies

SOURCE = "003_2c630117eaa85b35"


def outputs(paths: ProjectPaths) -> dict[str, bytes]:
    """Every file the build writes (tables, reports, clean texts), by path relative to data/."""
    found = {}
    for path in sorted(paths.data.rglob("*")):
        relative = path.relative_to(paths.data)
        hidden = any(part.startswith(".") for part in relative.parts)  # the lock, a staging folder
        if path.is_file() and relative.parts[0] not in ("annotations", "reference") and not hidden:
            found[str(relative)] = path.read_bytes()
    return found


def run_build(root, **kwargs):
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.Popen(
        [sys.executable, "-m", "eastwest", "build"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def change_one_description(paths: ProjectPaths) -> None:
    path = paths.annotation_file(SOURCE)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("description: Cadres Taizhou sent", "description: Cadres that Taizhou sent", 1), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory):
    """A project copy holding the old dataset, and the bytes of the dataset after one change."""
    root = copy_project(tmp_path_factory.mktemp("atomic") / "project")
    paths = ProjectPaths(root)
    builder.build(paths)
    old = outputs(paths)
    reference = ProjectPaths(copy_project(tmp_path_factory.mktemp("atomic-new") / "project"))
    change_one_description(reference)
    builder.build(reference)
    new = outputs(reference)
    assert old != new and set(old) == set(new)
    change_one_description(paths)
    return root, paths, old, new


def test_a_killed_build_leaves_the_old_or_the_new_dataset(old_and_new):
    root, paths, old, new = old_and_new
    started = time.monotonic()
    probe = run_build(root)
    probe.wait(timeout=120)
    duration = time.monotonic() - started
    for key, value in old.items():  # back to the old dataset for the kills
        (paths.data / key).write_bytes(value)
    rng = random.Random(20261123)

    for _ in range(8):
        process = run_build(root)
        time.sleep(rng.uniform(0.3, duration))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if not (paths.data / JOURNAL).exists():  # not committed, or completed: either way whole
            state = outputs(paths)
            assert state in (old, new), "a kill left a mix of old and new files with no journal"
        with build_lock(paths.data):
            recover(paths.data)  # what the next build or reader does first
        state = outputs(paths)
        assert state in (old, new), "after recovery the dataset is neither the old nor the new one"
        assert not (paths.data / STAGING).exists()

    assert run_build(root).wait(timeout=120) == 0
    assert outputs(paths) == new


def test_a_failed_build_changes_nothing(project_copy):
    builder.build(project_copy)
    before = outputs(project_copy)
    path = project_copy.annotation_file(SOURCE)
    path.write_text(
        path.read_text(encoding="utf-8").replace("quote: 三个月前,有7名同志", "quote: 三个月前,有9名同志"), encoding="utf-8"
    )
    with pytest.raises(DataError, match="not found verbatim"):
        builder.build(project_copy)
    assert outputs(project_copy) == before
    assert not (project_copy.data / STAGING).exists() and not (project_copy.data / JOURNAL).exists()


def test_concurrent_builds_wait_in_turn_and_both_succeed(old_and_new):
    root, paths, _, new = old_and_new
    first, second = run_build(root), run_build(root)
    assert first.wait(timeout=180) == 0 and second.wait(timeout=180) == 0
    assert outputs(paths) == new


def test_readers_and_pages_name_the_command_when_the_dataset_is_missing_or_empty(project_copy):
    builder.build(project_copy)
    project_copy.facts_csv.write_text("", encoding="utf-8")
    load._facts.cache_clear()
    with pytest.raises(DataError, match=r"facts\.csv is missing or empty: run `make data`"):
        load.facts(project_copy)
    project_copy.mentions_csv.unlink()
    with pytest.raises(DataError, match=r"mentions\.csv is missing or empty"):
        load.mentions(project_copy)


def test_pages_on_an_empty_dataset_is_a_clear_error_not_a_traceback(old_and_new):
    root, paths, _, _ = old_and_new
    saved = paths.facts_csv.read_bytes()
    paths.facts_csv.write_text("", encoding="utf-8")
    try:
        env = dict(os.environ, PYTHONPATH=str(root))
        result = subprocess.run([sys.executable, "-m", "eastwest", "pages"], cwd=root, env=env, capture_output=True, text=True)
    finally:
        paths.facts_csv.write_bytes(saved)
    assert result.returncode == 1
    assert "run `make data`" in result.stderr and "Traceback" not in result.stderr


# --- Readers and builds at the same time ---------------------------------------------------------


def _first_annotation(paths: ProjectPaths) -> Path:
    return sorted(p for p in paths.annotations.glob("*.yml") if not p.name.endswith(".draft.yml"))[0]


def _with_one_fact_twice(text: str) -> str:
    """The annotations with their first fact also given under a second id: one fact more in
    facts.csv, and in the counts sources.csv, indicators.csv and build_report.json keep."""
    starts = list(re.finditer(r"^  - id: (\S+)\n", text, flags=re.M))
    first = text[starts[0].start() : starts[1].start()]
    again = first.replace(f"id: {starts[0].group(1)}", f"id: {starts[0].group(1)}-again", 1)
    return text[: starts[1].start()] + again + text[starts[1].start() :]


@pytest.fixture
def two_datasets(tmp_path):
    """A built project copy, its first annotation file and that file's two versions (A, B)."""
    root = copy_project(tmp_path / "project")
    paths = ProjectPaths(root)
    annotation = _first_annotation(paths)
    a = annotation.read_text(encoding="utf-8")
    assert run_build(root).wait(timeout=120) == 0
    return root, paths, annotation, a, _with_one_fact_twice(a)


def _one_read(paths: ProjectPaths) -> int:
    """Load the tables a chapter combines, as one read; check they agree; return the facts counted."""
    with load.reading(paths):
        facts = load.facts(paths)
        sources = load.sources(paths)
        indicators = load.indicators(paths)
        report = load.build_report(paths)
    per_source = facts.groupby("source_id").size().reindex(sources.source_id, fill_value=0)
    counted = (len(facts), report["facts"], sources.facts.astype(int).sum(), int(indicators.facts.sum()))
    assert len(set(counted)) == 1 and list(per_source) == list(sources.facts.astype(int)), (
        f"one read mixed two builds: facts.csv, build_report.json, sources.csv, indicators.csv count {counted}"
    )
    return len(facts)


def test_a_reader_never_sees_two_builds_at_once(two_datasets):
    """Builds alternate between two versions of the dataset while a reader loads every table in a
    loop: each load is of one build, and waits at most about one build's length."""
    root, paths, annotation, a, b = two_datasets
    script = (
        "import pathlib, subprocess, sys\n"
        f"path, versions = pathlib.Path({str(annotation)!r}), [{b!r}, {a!r}] * 2\n"
        "for text in versions:\n"
        "    path.write_text(text, encoding='utf-8')\n"
        "    subprocess.run([sys.executable, '-m', 'eastwest', 'build'], check=True, stdout=subprocess.DEVNULL)\n"
    )
    builds = subprocess.Popen([sys.executable, "-c", script], cwd=root, env=dict(os.environ, PYTHONPATH=str(root)))
    seen, longest = set(), 0.0
    try:
        while builds.poll() is None:
            started = time.monotonic()
            seen.add(_one_read(paths))
            longest = max(longest, time.monotonic() - started)
            time.sleep(0.02)
    finally:
        builds.wait(timeout=300)
    assert builds.returncode == 0
    assert len(seen) == 2, f"the reader saw only {seen} facts: the builds did not change the dataset under it"
    assert longest < 20, f"a read waited {longest:.1f} s"


def test_a_data_build_waits_for_a_book_build_and_says_so(two_datasets):
    """`update data` started while `update book` is reading data/ (here: generating pages) waits
    until the book is built, says why, and then rebuilds."""
    root, paths, annotation, _, b = two_datasets
    book = (
        "import pathlib, time\n"
        "from eastwest.build import update\n"
        "root = pathlib.Path.cwd()\n"
        "def pages(root, force=False):\n"
        "    (root / 'book-started').touch()\n"
        "    while not (root / 'book-release').exists():\n"
        "        time.sleep(0.05)\n"
        "    return False\n"
        "update.start_notebooks = lambda root, jobs=None: update.NotebookRun(root, '', '')\n"
        "update.update_pages = pages\n"
        "update.update_site = lambda root, force=False, warm=None: False\n"
        "update.update_book(root)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(root))
    book_build = subprocess.Popen([sys.executable, "-c", book], cwd=root, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (root / "book-started").exists():
        assert book_build.poll() is None and time.monotonic() < deadline, "the book build did not start"
        time.sleep(0.05)
    before = paths.facts_csv.read_bytes()
    annotation.write_text(b, encoding="utf-8")
    log = root / "update-data.log"
    with log.open("w") as stderr:
        data_build = subprocess.Popen(
            [sys.executable, "-m", "eastwest", "update", "data"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=stderr
        )
    try:
        deadline = time.monotonic() + 60
        while "waiting" not in log.read_text(encoding="utf-8"):
            assert data_build.poll() is None, f"`update data` ran during the book build: {log.read_text(encoding='utf-8')}"
            assert time.monotonic() < deadline, "`update data` neither ran nor said it waits"
            time.sleep(0.1)
        time.sleep(2)
        assert data_build.poll() is None and paths.facts_csv.read_bytes() == before, "data/ changed under the book build"
    finally:
        (root / "book-release").touch()
    assert book_build.wait(timeout=120) == 0
    assert data_build.wait(timeout=120) == 0
    assert paths.facts_csv.read_bytes() != before, "after the book build, the data build did not run"
    assert "book build" in log.read_text(encoding="utf-8")
