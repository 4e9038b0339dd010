"""Deterministic writers (the same inputs always give the same bytes) and the atomic publication
of a build's outputs.

A build never writes into data/ piecemeal. It renders every output in memory, writes them to a
staging folder, then commits: a journal listing the moves is written atomically (the commit
point) and the staged files are renamed over the old ones. A build killed before the commit
leaves the old outputs untouched; one killed after it is completed by `recover`, which every
build and every reader of data/ runs first. A lock file makes concurrent builds wait in turn.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

STAGING = ".staging"
JOURNAL = ".publish-journal.json"
LOCK = ".build.lock"


def csv_text(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def json_text(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_text(path: Path, text: str) -> None:
    """Write one file atomically: readers see the old file or the new one, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    with partial.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    write_text(path, csv_text(frame))


@contextmanager
def build_lock(directory: Path):
    """Hold the build lock of `directory`; a second build waits (and says so) until the first ends."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / LOCK).open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"another build holds {directory / LOCK}; waiting for it to finish", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish(directory: Path, outputs: dict[Path, str], remove: Sequence[Path] = ()) -> None:
    """Replace `outputs` (paths inside `directory`) and delete `remove`, all or nothing."""
    recover(directory)
    staging = directory / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    moves = []
    for index, (target, text) in enumerate(sorted(outputs.items())):
        staged = staging / f"{index:05d}-{target.name}"
        staged.parent.mkdir(parents=True, exist_ok=True)
        with staged.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        moves.append([str(staged.relative_to(directory)), str(target.relative_to(directory))])
    journal = {"moves": moves, "remove": sorted(str(p.relative_to(directory)) for p in remove)}
    write_text(directory / JOURNAL, json_text(journal))  # the commit point
    recover(directory)


def recover(directory: Path) -> None:
    """Finish a committed publication (rename what is still staged, delete what must go) or, with
    no journal, discard an uncommitted staging folder. Safe to run any number of times."""
    journal_path = directory / JOURNAL
    if journal_path.exists():
        journal = json.loads(journal_path.read_text(encoding="utf-8"))
        for staged, target in journal["moves"]:
            source = directory / staged
            if source.exists():
                (directory / target).parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, directory / target)
        for gone in journal["remove"]:
            (directory / gone).unlink(missing_ok=True)
        journal_path.unlink()
    shutil.rmtree(directory / STAGING, ignore_errors=True)
