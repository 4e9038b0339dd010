"""Deterministic writers (the same inputs always give the same bytes) and the atomic publication
of a build's outputs.

A build never writes into data/ piecemeal. It renders every output in memory, writes them to a
staging folder, then commits: a journal listing the moves is written atomically (the commit
point) and the staged files are renamed over the old ones. A build killed before the commit
leaves the old outputs untouched; one killed after it is completed by `recover`, which every
build and every reader of data/ runs first.

One lock file, data/.build.lock, keeps builds and readers apart (fcntl.flock). A build holds it
exclusively (`build_lock`): a second build, and every reader, waits for it. A reader holds it shared
(`read_lock`) for the whole of a read of several tables, so the tables it gets are all from one
build; `make book` holds it shared from the notebooks to the Sphinx pass, so a `make data` started
meanwhile waits (and says so) until the book is built. Shared holders never wait for one another,
even while a build waits (the notebooks' kernels read while their book build holds the lock). A
process that holds the lock already takes it again at no cost (a build's own reads; the workers a
book build forks), but never exclusively over its own shared hold: that would wait for itself.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import threading
from collections.abc import Iterator, Sequence
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


_HELD: dict[str, list] = {}  # lock file -> [mode, depth] held by this process
_HELD_GUARD = threading.Lock()


@contextmanager
def build_lock(directory: Path) -> Iterator[None]:
    """Hold `directory`'s lock exclusively (a build of it); wait, and say so, while another build or
    a reader (a `make book` in progress) holds it."""
    with _flock(directory, exclusive=True):
        yield


@contextmanager
def read_lock(directory: Path) -> Iterator[None]:
    """Hold `directory`'s lock shared while reading it: no build publishes meanwhile, so everything
    read inside comes from one build. A build killed after its commit is completed first."""
    while True:
        with _flock(directory, exclusive=False) as first:
            if not first or not (directory / JOURNAL).exists():
                yield
                return
        with build_lock(directory):  # a killed build's committed outputs: finish moving them in
            recover(directory)


@contextmanager
def _flock(directory: Path, exclusive: bool) -> Iterator[bool]:
    """flock on directory/LOCK; yields True when this call took it, False when this process held it.
    A reader of a folder it cannot write (no lock file there, none can be made) reads unlocked: no
    build can run in it either."""
    path = str((directory / LOCK).resolve())
    mode = "exclusive" if exclusive else "shared"
    with _HELD_GUARD:
        held = _HELD.get(path)
        if held is not None:
            if exclusive and held[0] == "shared":
                raise RuntimeError(f"{path}: an exclusive hold inside this process's shared one would wait for itself")
            held[1] += 1
    if held is not None:
        try:
            yield False
        finally:
            with _HELD_GUARD:
                held[1] -= 1
        return
    handle = _open_lock(directory, path, exclusive)
    if handle is None:
        yield True
        return
    with handle:
        operation = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(handle, operation | fcntl.LOCK_NB)
        except BlockingIOError:
            if exclusive:
                print(
                    f"{directory / LOCK} is held by another build or by a book build reading {directory}: "
                    "waiting for it to finish",
                    file=sys.stderr,
                    flush=True,
                )
            fcntl.flock(handle, operation)
        with _HELD_GUARD:
            _HELD[path] = [mode, 1]
        try:
            yield True
        finally:
            with _HELD_GUARD:
                del _HELD[path]
            fcntl.flock(handle, fcntl.LOCK_UN)


def _open_lock(directory: Path, path: str, exclusive: bool):
    try:
        directory.mkdir(parents=True, exist_ok=True)
        return open(path, "a")  # the caller closes it
    except OSError:
        if exclusive:
            raise
    try:
        return open(path)
    except OSError:
        return None


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
