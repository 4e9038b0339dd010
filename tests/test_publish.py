"""Publishing: the archive's zips and PDF are byte-reproducible and its checksums verify (fast, on
made-up files); the built site carries a sitemap of every page, Open Graph and Twitter card tags
with a PNG image, a description with the page's numbers, a 404 page, a favicon and robots.txt
(book); and `make publish`, run twice from scratch on a copy of the project with a base URL,
writes the same archive byte for byte, with canonical links and absolute card addresses (slow)."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from eastwest.build import publish
from eastwest.core.paths import PROJECT
from eastwest.core.site import BASEURL_ENV, base_path, base_url
from eastwest.sphinx_ext.published import NOT_IN_SITEMAP

HTML = PROJECT.html


@pytest.mark.fast
def test_zips_depend_only_on_their_files_and_the_date():
    files = {"b/x.csv": b"1,2\n", "a.txt": "数据".encode()}
    first = publish.zip_bytes(files, "2026-12-02")
    assert first == publish.zip_bytes(dict(reversed(list(files.items()))), "2026-12-02")
    assert first != publish.zip_bytes(files, "2026-12-03")
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["a.txt", "b/x.csv"]
        assert {i.date_time for i in infos} == {(2026, 12, 2, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o644}
        assert archive.read("a.txt") == "数据".encode()


@pytest.mark.fast
def test_the_pdf_takes_the_editions_date_without_moving_a_byte(tmp_path):
    pdf = (
        b"%PDF-1.4\n<< /Producer (Skia/PDF m156) /CreationDate (D:20261202162445+00'00') /ModDate (D:20261202162446+00'00') >>\n"
    )
    fixed = publish.fixed_pdf(pdf, "2026-12-02")
    assert len(fixed) == len(pdf)
    assert fixed.count(b"(D:20261202000000+00'00')") == 2
    assert publish.fixed_pdf(pdf.replace(b"162445", b"235959"), "2026-12-02") == fixed


@pytest.mark.fast
def test_the_checksum_file_verifies_with_sha256sum(tmp_path):
    files = {"report.pdf": b"%PDF", "data/facts.csv": b"a,b\n", "site/index.html": b"<html></html>"}
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    (tmp_path / publish.CHECKSUMS).write_text(publish.checksums(files), encoding="utf-8")
    assert subprocess.run(["sha256sum", "-c", "--quiet", publish.CHECKSUMS], cwd=tmp_path).returncode == 0
    (tmp_path / "report.pdf").write_bytes(b"%PDF changed")
    assert subprocess.run(["sha256sum", "-c", "--quiet", publish.CHECKSUMS], cwd=tmp_path, capture_output=True).returncode != 0


@pytest.mark.fast
def test_the_base_url_is_read_from_one_variable(monkeypatch):
    monkeypatch.delenv(BASEURL_ENV, raising=False)
    assert (base_url(), base_path()) == ("", "/")
    monkeypatch.setenv(BASEURL_ENV, "https://example.org/report")
    assert (base_url(), base_path()) == ("https://example.org/report/", "/report/")
    monkeypatch.setenv(BASEURL_ENV, "example.org")
    with pytest.raises(ValueError, match=BASEURL_ENV):
        base_url()


@pytest.mark.fast
def test_the_site_card_is_the_one_the_code_draws():
    from eastwest.charts import card

    assert card.draw() == card.CARD.read_bytes(), "_static/og-card.png is stale: `python -m eastwest.charts.card` redraws it"


# --- The built site (make book) --------------------------------------------------------------------


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def book_pages(html: Path) -> list[str]:
    """One book's pages: the English site's without the Chinese edition's (zh/, a book with its own sitemap)."""
    pages = sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if not p.relative_to(html).parts[0].startswith("_") and p.relative_to(html).parts[0] != "zh"
    )
    return [p for p in pages if p not in NOT_IN_SITEMAP]


def meta(page: BeautifulSoup, key: str) -> str | None:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def check_site(html: Path, base: str, chinese: bool = False) -> int:
    """What every published site carries, under the base URL `base` ('' for an offline build); with
    `chinese`, `html` is the Chinese edition's folder (zh/) and `base` its address."""
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [str(loc.text) for loc in ElementTree.parse(html / "sitemap.xml").getroot().iter(f"{namespace}loc")]
    prefix = base or "./"
    assert all(loc.startswith(prefix) for loc in locs), locs[:3]
    assert sorted(loc.removeprefix(prefix) for loc in locs) == book_pages(html), "the sitemap lists every page, and only pages"
    robots = ((html.parent if chinese else html) / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and (f"Sitemap: {base}sitemap.xml" in robots if base else "Sitemap:" not in robots)
    assert not chinese or not (html / "robots.txt").exists(), "one robots.txt, at the site's root"
    not_found = "页面不存在" if chinese else "Page not found"
    assert (html / "404.html").exists() and not_found in (html / "404.html").read_text(encoding="utf-8")
    cards = 0
    for name in book_pages(html):
        page = soup(html / name)
        canonical = page.find("link", rel="canonical")
        assert (canonical["href"] == base + name) if base else canonical is None, name
        assert meta(page, "og:title") and meta(page, "og:description") and meta(page, "twitter:card") == "summary_large_image", (
            name
        )
        assert meta(page, "og:url") == base + name, name
        image = meta(page, "og:image")
        assert image and image.endswith(".png") and meta(page, "og:image:alt"), name
        local = (
            image.removeprefix(base)
            if base
            else (html / name).parent.joinpath(image).resolve().relative_to(html.resolve()).as_posix()
        )
        assert image.startswith(base) and (html / local).is_file(), f"{name}: {image}"
        cards += "_og/" in image
        icon = page.find("link", rel="icon")
        assert icon and (html / name).parent.joinpath(icon["href"]).resolve().is_file(), name
        assert not page.find("img", src=re.compile(r"_og/|og-card")), f"{name} loads its card image"
    assert (html / "_static" / "og-card.png").is_file()
    return cards


@pytest.mark.book
def test_the_built_site_has_sitemap_cards_404_favicon_and_robots():
    if not (HTML / "index.html").exists():
        pytest.fail("no built site: run `make book` first (`make test` does)")
    check_site(HTML, base_url())
    if (HTML / "zh" / "index.html").exists():
        check_site(HTML / "zh", base_url() + "zh/" if base_url() else "", chinese=True)
    landing = soup(HTML / "index.html")
    description = meta(landing, "og:description")
    assert re.search(r"\d", description) and " for projects" not in description, "the glued numbers are in the card's text"
    assert soup(HTML / "404.html").find("a", href=f"{base_path()}index.html")


@pytest.mark.slow
def test_make_publish_twice_from_scratch_writes_the_same_archive(tmp_path):
    from add_source import copy_project, run_make

    root = copy_project(tmp_path / "project")
    base = "https://example.org/eastwest/"
    digests, members = [], []
    for _ in range(2):
        subprocess.run(["rm", "-rf", "_build"], cwd=root, check=True)
        run_make(root, "publish", env={BASEURL_ENV: base}, timeout=3600)
        zips = sorted((root / "_build" / "publish").glob("*.zip"))
        assert len(zips) == 1
        digests.append(hashlib.sha256(zips[0].read_bytes()).hexdigest())
        assert zips[0].with_suffix(".zip.sha256").read_text(encoding="utf-8").startswith(digests[-1])
        with zipfile.ZipFile(zips[0]) as archive:
            members.append({name: hashlib.sha256(archive.read(name)).hexdigest() for name in archive.namelist()})
    differ = sorted(name for name in members[0].keys() | members[1].keys() if members[0].get(name) != members[1].get(name))
    assert digests[0] == digests[1], f"the same commit gave two different archives; files that differ: {differ[:20]}"
    assert check_site(root / "_build" / "html", base) > 0, "no page's card shows its chart"
    assert check_site(root / "_build" / "html" / "zh", base + "zh/", chinese=True) > 0, "no Chinese page's card shows its chart"
    assert urlsplit(base).path in (root / "_build" / "html" / "404.html").read_text(encoding="utf-8")
