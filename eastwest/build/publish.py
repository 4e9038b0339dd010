"""`make publish`: the edition as one dated, versioned archive, written under _build/publish/.

`make publish` builds the book and its PDF with PNG copies of the charts (`EASTWEST_PNG=1 make
book`: the pages' link-preview cards show them), then runs `python -m eastwest publish`, which writes

  _build/publish/eastwest-report-<version>-<date>/   the archive's contents:
      site/             the built site (_build/html), as deployed
      report.pdf        the PDF edition
      data/             the data tables (data/*.csv, *.json), the edition records, the data licence
      data.zip          the same tables in one zip
      LICENSE, CITATION.cff, CHANGELOG.md, README.md
      SHA256SUMS        the SHA-256 of every other file (`sha256sum -c SHA256SUMS` checks them)
  _build/publish/eastwest-report-<version>-<date>.zip        all of it in one zip (what a release attaches)
  _build/publish/eastwest-report-<version>-<date>.zip.sha256
  _build/publish/report.json                                 its size and page counts (also printed)

The version and date are the edition's (CITATION.cff), never the clock's. Every zip has sorted
entries, the edition's date as every entry's time and fixed permissions, and the PDF's creation
and modification dates are set to the edition's date, so the same commit gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
import zipfile
from pathlib import Path

from eastwest.core.paths import PROJECT
from eastwest.pages.edition import citation

OUT = Path("_build") / "publish"
TOP_FILES = {"LICENSE": "LICENSE", "CITATION.cff": "CITATION.cff", "CHANGELOG.md": "CHANGELOG.md", "README.md": "README.md"}
CHECKSUMS = "SHA256SUMS"
PDF_DATES = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")


def archive_name(meta: dict) -> str:
    return f"eastwest-report-{meta['version']}-{meta['date-released']}"


def fixed_pdf(pdf: bytes, date: str) -> bytes:
    """The PDF with its creation and modification dates set to `date` (YYYY-MM-DD), midnight:
    digits replaced by as many digits, so no offset in the file moves."""
    stamp = date.replace("-", "").encode() + b"000000"
    return PDF_DATES.sub(lambda m: m.group(1) + stamp, pdf)


def zip_bytes(files: dict[str, bytes], date: str) -> bytes:
    """A zip of `files` (name: bytes) whose bytes depend on nothing else: sorted names, `date` as
    every entry's time, permissions rw-r--r--, one compression level."""
    import io

    year, month, day = (int(part) for part in date.split("-"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(year, month, day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the machine
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def checksums(files: dict[str, bytes]) -> str:
    return "".join(f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files))


def collect(root: Path, meta: dict) -> dict[str, bytes]:
    """The archive's files (path inside the archive folder: bytes), checksums included."""
    html, pdf = root / "_build" / "html", root / "_build" / "html" / "report.pdf"
    if not (html / "index.html").is_file():
        raise SystemExit("error: no built site in _build/html: run `make publish` (or `make book` first)")
    if not pdf.is_file():
        raise SystemExit("error: the site has no current PDF edition (_build/html/report.pdf): run `make book` with PDF=1")
    date = str(meta["date-released"])
    files: dict[str, bytes] = {}
    for path in sorted(p for p in html.rglob("*") if p.is_file()):
        files[f"site/{path.relative_to(html).as_posix()}"] = path.read_bytes()
    files["site/report.pdf"] = files["report.pdf"] = fixed_pdf(pdf.read_bytes(), date)
    data = root / "data"
    tables = [*sorted(data.glob("*.csv")), *sorted(data.glob("*.json")), *sorted((data / "editions").glob("*.csv"))]
    tables += [data / "LICENSE.md"] if (data / "LICENSE.md").is_file() else []
    data_files = {f"data/{p.relative_to(data).as_posix()}": p.read_bytes() for p in tables}
    files.update(data_files)
    files["data.zip"] = zip_bytes(data_files, date)
    for name, source in TOP_FILES.items():
        if (root / source).is_file():
            files[name] = (root / source).read_bytes()
    files[CHECKSUMS] = checksums(files).encode()
    return files


def write(root: Path = PROJECT.root) -> dict:
    """Write the archive folder, its zip and checksum, and the report; return the report."""
    meta = citation()
    name, date = archive_name(meta), str(meta["date-released"])
    files = collect(root, meta)
    out = root / OUT
    folder = out / name
    shutil.rmtree(out, ignore_errors=True)  # one edition at a time: nothing of an older one is left to be uploaded
    for rel, content in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(content)
    archive = zip_bytes({f"{name}/{rel}": content for rel, content in files.items()}, date)
    (out / f"{name}.zip").write_bytes(archive)
    (out / f"{name}.zip.sha256").write_text(f"{hashlib.sha256(archive).hexdigest()}  {name}.zip\n", encoding="utf-8")
    report = measure(files, archive, name)
    (out / "report.json").write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return report


def measure(files: dict[str, bytes], archive: bytes, name: str) -> dict:
    import io

    from pypdf import PdfReader

    pages = [
        n
        for n in files
        if n.startswith("site/") and n.endswith(".html") and not n.startswith(("site/_static/", "site/_sources/"))
    ]
    return {
        "archive": f"{name}.zip",
        "archive_bytes": len(archive),
        "unpacked_bytes": sum(len(content) for content in files.values()),
        "files": len(files),
        "site_bytes": sum(len(c) for n, c in files.items() if n.startswith("site/")),
        "site_html_pages": len(pages),
        "pdf_bytes": len(files["report.pdf"]),
        "pdf_pages": len(PdfReader(io.BytesIO(files["report.pdf"])).pages),
        "sha256": hashlib.sha256(archive).hexdigest(),
    }


def main() -> int:
    report = write()
    mb = 1e6
    print(
        f"{OUT}/{report['archive']}: {report['archive_bytes'] / mb:.1f} MB ({report['unpacked_bytes'] / mb:.1f} MB unpacked, "
        f"{report['files']} files): the site ({report['site_html_pages']} HTML pages, {report['site_bytes'] / mb:.1f} MB), "
        f"the PDF ({report['pdf_pages']} pages, {report['pdf_bytes'] / mb:.1f} MB), the data tables and their zip, "
        f"SHA256SUMS, LICENSE, CITATION.cff, CHANGELOG.md\nsha256 {report['sha256']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
