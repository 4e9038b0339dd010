"""A build is all or nothing: a failed, killed or concurrent `python -m eastwest build` leaves
either the previous dataset or the new one, complete, and readers get a clear error when there
is no dataset at all."""

import os
import random
import signal
import subprocess
import sys
import time

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
