"""Content-hash stamps: a build step is skipped when every file it reads and every file it wrote
are, byte for byte, what they were when it last succeeded.

Hashes, never modification times: a fresh clone, a `git checkout` or a copy gives every file a
new mtime without changing it, and an edit within the same second as the last build keeps it.
A stamp is a small JSON file in _build/.stamps/ holding the digest of each named file set; it is
written (atomically) only after its step succeeded, so a failed or interrupted step reruns.
Removing _build/ (a cold build) removes every stamp.

This module imports nothing heavy: a warm `make book` with nothing changed only hashes files.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from fnmatch import fnmatch
from pathlib import Path

STAMP_DIR = Path("_build") / ".stamps"
CHUNK = 1 << 20


def _skipped(rel: str) -> bool:
    """Never an input or an output: hidden files and folders (locks, journals, staging, partial
    writes, .git), bytecode, drafts (`*.draft.yml`, read by nothing but `check`) and compiled
    message catalogs (`*.mo`: the Sphinx pass writes each from its `.po`, which is the input)."""
    parts = rel.split("/")
    return any(p.startswith(".") for p in parts) or "__pycache__" in parts or rel.endswith((".pyc", ".draft.yml", ".mo"))


def files_under(root: Path, folder: str, pattern: str = "*", recursive: bool = True) -> list[Path]:
    """Files in `root/folder` whose name matches `pattern` (in subfolders too if `recursive`)."""
    base = root / folder
    if not base.is_dir():
        return []
    found = base.rglob(pattern) if recursive else base.glob(pattern)
    return [p for p in found if p.is_file() and not _skipped(p.relative_to(root).as_posix())]


def tree_files(root: Path, exclude_top: Iterable[str] = (), exclude: Iterable[str] = ()) -> list[Path]:
    """Every file under `root` except top-level entries named in `exclude_top` and relative paths
    matching a pattern in `exclude` (and what `_skipped` leaves out)."""
    exclude_top, exclude = set(exclude_top), tuple(exclude)
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        if rel_dir == ".":
            dirnames[:] = [d for d in dirnames if d not in exclude_top]
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "__pycache__"]
        for name in filenames:
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            if rel_dir == "." and name in exclude_top:
                continue
            if _skipped(rel) or any(fnmatch(rel, pattern) for pattern in exclude):
                continue
            out.append(Path(dirpath) / name)
    return out


def snapshot(root: Path, exclude_top: Iterable[str] = ()) -> dict[str, tuple[int, int, int]]:
    """{relative path: (size, mtime_ns, inode)} of every file under `root`, to find afterwards which
    files a step wrote (a rewrite gives a new mtime or, for an atomic replace, a new inode)."""
    out = {}
    for path in tree_files(root, exclude_top=exclude_top):
        try:
            st = path.stat()
        except FileNotFoundError:
            continue
        out[path.relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return out


def written_since(root: Path, before: dict, exclude_top: Iterable[str] = ()) -> list[str]:
    """Files created or rewritten since `before` (a `snapshot`), as sorted relative paths."""
    after = snapshot(root, exclude_top)
    return sorted(rel for rel, stat in after.items() if before.get(rel) != stat)


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def digest(root: Path, files: Iterable[Path]) -> str:
    """One hash over the relative names and contents of `files`: a file added, removed, renamed
    or changed changes it."""
    h = hashlib.sha256()
    for path in sorted({Path(p) for p in files}):
        h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(file_digest(path).encode("ascii") + b"\n")
    return h.hexdigest()


def file_digests(root: Path, files: Iterable[Path]) -> dict[str, str]:
    """{relative name: content hash} of `files`: a record that can say which file changed."""
    return {Path(p).relative_to(root).as_posix(): file_digest(Path(p)) for p in sorted({Path(p) for p in files})}


def stamp_path(root: Path, name: str) -> Path:
    return root / STAMP_DIR / f"{name}.json"


def read(root: Path, name: str) -> dict | None:
    try:
        return json.loads(stamp_path(root, name).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def write(root: Path, name: str, state: dict) -> None:
    path = stamp_path(root, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(partial, path)


def forget(root: Path, name: str) -> None:
    stamp_path(root, name).unlink(missing_ok=True)
