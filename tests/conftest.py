import shutil
from pathlib import Path

import pytest

from eastwest.core.paths import PROJECT, ProjectPaths


@pytest.fixture
def project_copy(tmp_path: Path) -> ProjectPaths:
    """A copy of the project's inputs (seeds, reference data, annotations) in a temporary folder."""
    root = tmp_path / "project"
    shutil.copytree(PROJECT.seeds, root / "seeds")
    shutil.copytree(PROJECT.reference, root / "data" / "reference")
    shutil.copytree(PROJECT.annotations, root / "data" / "annotations")
    return ProjectPaths(root)
