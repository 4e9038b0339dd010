"""Add the fixture source in tests/fixtures/add_source/ to a copy of the project, the way a
contributor follows README.md "How to add a source".

The fixture (a short report on a Cangshan → Lintao pairing the project does not have) is written
for the test suite and is not a real article. Nothing here touches the real seeds/ or data/:
`copy_project` makes the copy and `add_fixture_source` only writes inside the root it is given.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.dataset import builder

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "add_source"
EXCLUDED_TOP_LEVEL = (".venv", "_build")
UNACCOUNTED = "is neither in a fact nor excluded"


def make_book(root: Path) -> str:
    """`make book` in the project copy at `root`, with this .venv and the copy's own package in every
    kernel; return its log (the test fails with the log's end if the build fails)."""
    venv = Path(sys.executable).parent.parent
    env = dict(os.environ, PYTHONPATH=str(root))
    result = subprocess.run(
        ["make", "--no-print-directory", "book", f"VENV={venv}", "-o", f"{venv}/.installed"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return result.stdout + result.stderr


def fixture_source_id() -> str:
    """The fixture's source id, from its provenance record."""
    (record,) = _load(FIXTURE_DIR / "sources.yml")["sources"]
    return record["source_id"]


def fixture_annotations() -> dict:
    """The fixture's annotation file, as loaded YAML."""
    return _load(FIXTURE_DIR / f"{fixture_source_id()}.yml")


def copy_project(dest: Path) -> Path:
    """Copy the project's tracked files (as they are in the working tree) to `dest`; return `dest`.

    Files listed by `git ls-files` under .venv/ or _build/ are skipped, and so are tracked files
    deleted from the working tree. Untracked and ignored files (sources/, caches) are not copied.
    """
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT.root, check=True, capture_output=True).stdout
    dest.mkdir(parents=True, exist_ok=True)
    for name in filter(None, listed.decode("utf-8").split("\0")):
        if name.split("/", 1)[0] in EXCLUDED_TOP_LEVEL:
            continue
        source = PROJECT.root / name
        if not source.is_file():
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return dest


def add_fixture_source(root: Path) -> str:
    """Add the fixture source to the project copy at `root`, step by step; return its source id.

    1. the raw seed into seeds/, byte for byte;
    2. its provenance record appended to seeds/sources.yml;
    3. its places and pairing appended to data/reference/places.yml and pairings.yml;
    4. an empty annotation file, checked like `python -m eastwest check <id>`: the only problems
       must be the numeric mentions nobody has accounted for yet, the fact numbers among them;
    5. the full annotation file, which must then check without a problem.
    """
    paths = ProjectPaths(Path(root))
    source_id = fixture_source_id()

    shutil.copyfile(FIXTURE_DIR / f"{source_id}.txt", paths.seed_file(source_id))
    _append(paths.provenance, "sources", FIXTURE_DIR / "sources.yml")
    _append(paths.places_input, "places", FIXTURE_DIR / "places.yml")
    _append(paths.pairings_input, "pairings", FIXTURE_DIR / "pairings.yml")

    _dump({"source_id": source_id, "facts": [], "exclusions": []}, paths.annotation_file(source_id))
    first = check_source(paths, source_id)
    assert first.errors, f"{source_id}: an empty annotation file checked clean; the fixture has numbers to account for"
    others = [e for e in first.errors if UNACCOUNTED not in e]
    assert not others, f"{source_id}: with an empty annotation file, problems other than unaccounted mentions: {others}"
    unaccounted = [(m.start, m.end) for m in first.mentions if m.status == "unaccounted"]
    text = first.clean.text
    missing = []
    for fact in fixture_annotations()["facts"]:
        start = text.index(fact["quote"]) + fact["quote"].index(fact["number"])
        if not any(s < start + len(fact["number"]) and start < e for s, e in unaccounted):
            missing.append(fact["number"])
    assert not missing, f"{source_id}: fact numbers not reported as unaccounted with no annotations: {missing}"

    shutil.copyfile(FIXTURE_DIR / f"{source_id}.yml", paths.annotation_file(source_id))
    errors = check_source(paths, source_id).errors
    assert not errors, f"{source_id}: the full annotation file does not check:\n" + "\n".join(errors)
    return source_id


def check_source(paths: ProjectPaths, source_id: str) -> builder.SourceBuild:
    """What `python -m eastwest check <source_id>` checks, for the project at `paths`: the
    source's build, with its problems in `.errors` and its numeric mentions in `.mentions`."""
    _, _, _, builds = builder.collect(paths, only=source_id)
    assert source_id in builds, f"unknown source id {source_id!r}"
    return builds[source_id]


def _append(path: Path, key: str, fixture: Path) -> None:
    """Append the fixture's `key` list to the YAML file at `path` (load, append, dump)."""
    doc = _load(path)
    doc[key] = list(doc.get(key) or []) + list(_load(fixture)[key])
    _dump(doc, path)


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(doc, path: Path) -> None:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
