"""A warm `make book` (nothing changed) writes the same site, byte for byte, as the cold build
before it: no stale pages or images, the same search index, the same asset links. With nothing
changed the Sphinx pass is skipped (eastwest.build.update); forced to run again on the warm execution
cache and doctrees, it must write the same bytes too."""

from pathlib import Path

import pytest
from add_source import copy_project, make_book

pytestmark = pytest.mark.slow  # builds a copy of the whole book twice


def site_bytes(html: Path) -> dict[str, bytes]:
    return {str(p.relative_to(html)): p.read_bytes() for p in sorted(html.rglob("*")) if p.is_file()}


def test_a_warm_rebuild_writes_the_same_site_as_a_cold_build(tmp_path):
    root = copy_project(tmp_path / "project")
    make_book(root)
    cold = site_bytes(root / "_build" / "html")
    assert "searchindex.js" in cold and any(name.startswith("pairings/") for name in cold)
    make_book(root)
    warm = site_bytes(root / "_build" / "html")
    assert sorted(warm) == sorted(cold), "files appear or vanish on a warm rebuild"
    differ = [name for name in cold if warm[name] != cold[name]]
    assert not differ, f"a warm rebuild changes {differ[:10]}"
    assert b"glossary" in warm["searchindex.js"]

    (root / "_build" / ".stamps" / "site.json").unlink()  # the Sphinx pass runs again, warm
    make_book(root)
    rerun = site_bytes(root / "_build" / "html")
    assert sorted(rerun) == sorted(cold), "files appear or vanish when Sphinx runs again on a warm cache"
    differ = [name for name in cold if rerun[name] != cold[name]]
    assert not differ, f"a warm Sphinx pass changes {differ[:10]}"
