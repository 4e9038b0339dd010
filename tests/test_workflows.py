"""The hosted-CI workflows (.github/workflows/): actionlint finds nothing in them (and is seen to
find a fault in a broken one); every action is pinned by its full commit SHA with its tag beside
it; the book workflow runs the README's two commands, keeps the execution reports of a failed
build and deploys the site from the default branch only; the release workflow attaches the
archive `make publish` writes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from eastwest.core.paths import PROJECT

pytestmark = pytest.mark.fast

WORKFLOWS = PROJECT.root / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40} # v\d+(?:\.\d+)*$")


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint is missing: it comes with the test extra (`make env`)")
    return found


def lint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [actionlint(), "-no-color", "-shellcheck=", "-pyflakes=", *map(str, files)], capture_output=True, text=True, timeout=120
    )


def workflows() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_finds_nothing_in_the_workflows():
    assert [p.name for p in workflows()] == ["book.yml", "release.yml"]
    result = lint(*workflows())
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_is_seen_to_fail_on_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: echo ${{ github.event.no_such_thing.x }}\n        if: ${{ steps.missing.outputs.y }}\n"
        "      - uses: actions/checkout@v4\n        with:\n          no-such-input: 1\n",
        encoding="utf-8",
    )
    result = lint(broken)
    assert result.returncode != 0 and "broken.yml" in result.stdout


def test_every_action_is_pinned_by_commit_sha_with_its_tag():
    for path in workflows():
        uses = re.findall(r"uses:\s*(.+)$", path.read_text(encoding="utf-8"), re.M)
        assert uses, path
        for use in uses:
            assert PINNED.match(use.strip()), f"{path.name}: {use.strip()} is not pinned as owner/repo@<40-hex SHA> # vX.Y.Z"


def test_the_book_workflow_builds_tests_keeps_reports_and_deploys_from_the_default_branch_only():
    book = load("book.yml")
    on = book[True] if True in book else book["on"]  # YAML 1.1 reads the key `on` as true
    assert "push" in on and "pull_request" in on
    runs = [step.get("run", "") for step in steps(book)]
    assert runs.index("make book") < runs.index("make test"), "the README's two commands, in order"
    readme = (PROJECT.root / "README.md").read_text(encoding="utf-8")
    assert "make book" in readme and "make test" in readme
    reports = [s for s in steps(book) if "upload-artifact" in s.get("uses", "")]
    assert reports and reports[0]["if"] == "failure()" and reports[0]["with"]["path"] == "_build/html/reports/"
    default_branch = "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)"
    deploy = book["jobs"]["deploy"]
    assert default_branch in deploy["if"] and "github.event_name == 'push'" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert book["permissions"] == {"contents": "read"}
    pages = next(s for s in steps(book) if "configure-pages" in s.get("uses", ""))
    assert default_branch in pages["if"]
    for step in steps(book):
        if step.get("run") in ("make book", "make test", "make publish"):
            assert step["env"]["EASTWEST_BASEURL"] == "${{ steps.pages.outputs.base_url }}"


def test_the_release_workflow_publishes_on_a_version_tag_and_attaches_the_archive():
    release = load("release.yml")
    on = release[True] if True in release else release["on"]
    assert on == {"push": {"tags": ["v*"]}}
    runs = [step.get("run", "") for step in steps(release)]
    assert runs.index("make book") < runs.index("make test") < runs.index("make publish")
    attach = next(s for s in steps(release) if "action-gh-release" in s.get("uses", ""))
    assert "_build/publish/*.zip" in attach["with"]["files"]
