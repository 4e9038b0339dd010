import shutil
from pathlib import Path

import pytest

from eastwest.core.paths import PROJECT, ProjectPaths

# Every test belongs to a tier (pyproject.toml's markers): `make test-fast` runs `-m fast`, so a
# test with no tier would silently run only under `make test`.
TIERS = ("fast", "book", "browser", "slow")
TESTS = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wrong = []
    for item in items:
        if not item.path.is_relative_to(TESTS):
            item.add_marker(pytest.mark.slow)  # a chapter notebook run by nbmake (`make test`)
            continue
        tiers = {mark.name for mark in item.iter_markers() if mark.name in TIERS}
        if len(tiers) != 1:  # two tiers would put a slow test in `-m fast`
            wrong.append(f"{item.nodeid}: {', '.join(sorted(tiers)) or 'no tier'}")
    if wrong:
        raise pytest.UsageError(
            f"each test needs exactly one tier marker of {', '.join(TIERS)} (per test or its module's pytestmark):\n  "
            + "\n  ".join(wrong)
        )


def copy_inputs(root: Path) -> ProjectPaths:
    """A copy of the project's inputs (seeds, reference data, annotations) under root."""
    shutil.copytree(PROJECT.seeds, root / "seeds")
    shutil.copytree(PROJECT.reference, root / "data" / "reference")
    shutil.copytree(PROJECT.annotations, root / "data" / "annotations")
    return ProjectPaths(root)


@pytest.fixture
def project_copy(tmp_path: Path) -> ProjectPaths:
    """A copy of the project's inputs in a temporary folder, for a test that changes it."""
    return copy_inputs(tmp_path / "project")


@pytest.fixture(scope="module")
def shared_project_copy(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    """One copy of the project's inputs for a module's tests that only read it (or only add
    files no other test of the module reads)."""
    return copy_inputs(tmp_path_factory.mktemp("shared") / "project")
