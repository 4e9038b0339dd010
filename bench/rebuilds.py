"""Steps 3a–3c, rebuilds after an edit: a markdown-only and a code-comment edit of one chapter
notebook, and one new source added the way README "How to add a source" does it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from settings import PROBES, PYTHON, TOUCHED
from timing import Bench


def cache_records(root: Path) -> dict[str, int]:
    """jupyter-cache's view: notebook (relative path) -> id of its newest cached execution record.

    An execution adds a record with a new id, so comparing before/after names what ran."""
    proc = subprocess.run(
        [str(a) for a in (PYTHON, PROBES / "jupyter_cache_records.py", root / "_build" / ".jupyter_cache")],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        return {}
    out = {}
    for uri, pk in json.loads(proc.stdout).items():
        try:
            out[Path(uri).resolve().relative_to(root.resolve()).as_posix()] = pk
        except ValueError:
            out[uri] = pk
    return out


def touch_notebook(path: Path, kind: str) -> None:
    """Edit a notebook as a person would: a space in markdown, or a comment line in code."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    cell_type = "markdown" if kind == "markdown" else "code"
    cell = next(c for c in nb.cells if c.cell_type == cell_type)
    cell.source = cell.source + (" " if kind == "markdown" else "\n# bench: edited to force re-execution")
    nbformat.write(nb, path)


def figure_mtimes(root: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted((root / "figures").glob("*"))}


def touch_markdown(b: Bench) -> dict[str, Any]:
    """Step 3a. Markdown-only edit: the execution cache watches code cells only, so nothing should run."""
    touch_notebook(b.clone / TOUCHED, "markdown")
    md = b.make_book("touch_markdown_book")
    return {
        "seconds": md["seconds"],
        "ok": md["exit"] == 0,
        "touched": TOUCHED,
        "executed": md["executed"],
        "expected_executed": [],
        "only_expected_ran": md["executed"] == [],
    }


def touch_code(b: Bench) -> dict[str, Any]:
    """Step 3b. Code edit (a comment): only this notebook should re-execute. Both edits are undone after."""
    before = cache_records(b.clone)
    touch_notebook(b.clone / TOUCHED, "code")
    code = b.make_book("touch_code_book")
    after = cache_records(b.clone)
    new_in_cache = sorted(uri for uri, pk in after.items() if before.get(uri) != pk)
    subprocess.run(["git", "-C", b.clone, "checkout", "--quiet", "--", TOUCHED], check=True)
    return {
        "seconds": code["seconds"],
        "ok": code["exit"] == 0,
        "touched": TOUCHED,
        "executed": code["executed"],
        "new_cache_records": new_in_cache,
        "expected_executed": [TOUCHED],
        "only_expected_ran": code["executed"] == [TOUCHED] and new_in_cache == [TOUCHED],
    }


def add_source_rebuild(b: Bench) -> dict[str, Any]:
    """Step 3c: a copy of the clone (tests/add_source.py `copy_project`), built; the fixture source
    added as README describes (`add_fixture_source`); then `make book` timed."""
    dest = b.work / "add-source"
    steps = PROBES / "add_source_steps.py"
    copy = b.run("add_source_copy", [PYTHON, steps, "copy", dest])
    if copy["exit"] != 0:
        return {"ok": False, "error": copy["output"][-2000:]}
    first = b.make_book("add_source_first_build", root=dest)
    added = b.run("add_source_add", [PYTHON, steps, "add", dest])
    rebuild = b.make_book("add_source_rebuild", root=dest)
    shutil.rmtree(dest, ignore_errors=True)
    return {
        "seconds": rebuild["seconds"],
        "ok": first["exit"] == added["exit"] == rebuild["exit"] == 0,
        "source_id": added["output"].strip().splitlines()[-1] if added["output"].strip() else None,
        "executed": rebuild["executed"],
        "first_build_seconds": first["seconds"],
    }
