"""One edition everywhere: the citation block on the landing page and its BibTeX are written from
CITATION.cff, whose version is the package's (pyproject.toml), so a reader citing the site, the
file or the code names the same edition and date."""

import tomllib

import pytest

from eastwest.core.paths import PROJECT
from eastwest.pages import edition

pytestmark = pytest.mark.fast


def test_the_citation_file_names_the_packages_version():
    meta = edition.citation()
    project = tomllib.loads((PROJECT.root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert str(meta["version"]) == project["version"], "CITATION.cff and pyproject.toml name different editions"


def test_the_citation_block_and_its_bibtex_give_the_files_edition_and_date():
    meta = edition.citation()
    version, released = str(meta["version"]), str(meta["date-released"])
    block = edition.citation_block()
    assert f"edition {version} of {released}" in block
    assert version in edition.bibtex() and released[:4] in edition.bibtex()
    assert f"Version {version}, released {released}" in edition.how_to_cite()


def test_the_citation_gives_the_published_address_when_the_site_has_one(monkeypatch):
    monkeypatch.delenv("EASTWEST_BASEURL", raising=False)
    assert "http" not in edition.how_to_cite() and "url" not in edition.bibtex()
    monkeypatch.setenv("EASTWEST_BASEURL", "https://example.org/report")
    assert edition.how_to_cite().endswith(" https://example.org/report/")
    assert "url     = {https://example.org/report/}" in edition.bibtex()
