"""The PDF edition: the whole book as one HTML page (Sphinx's singlehtml builder, run by
`make book`, after the site), printed by Debian's Chromium through Playwright — offline, with the figures and
Chinese text intact. `python -m eastwest.build.pdf` does the printing step.

Printed as a reader expects a report: A4 pages numbered "page / pages" in the footer; every
collapsed section (`<details>`, e.g. the facts behind a chart) opened, since paper cannot expand
it; the fact explorer's table drawn in full (its form is screen-only, _static/custom.css). The
finished PDF is also copied into the site (_build/html/report.pdf), which links it from every
page (eastwest.sphinx_ext.site_furniture).

Never a stale edition: beside the PDF is recorded the inputs digest of the site it was printed
from (_build/pdf/report.inputs, the `site` build stamp); `make book` publishes the PDF with a site
built from the same inputs only (`publish`, called by eastwest.build.update), and otherwise leaves
it out and says so; `make book` then prints the current one (unless PDF=0)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from eastwest.build import stamps
from eastwest.core.paths import PROJECT

PRINTED = Path("_build") / "pdf" / "report.pdf"  # relative to the project's root
PRINTED_FROM = PRINTED.with_suffix(".inputs")  # the inputs digest of the site it was printed from
SITE_COPY = Path("_build") / "html" / "report.pdf"
SINGLE_HTML = PROJECT.root / "_build" / "singlehtml" / "index.html"
PDF = PROJECT.root / PRINTED
SITE_PDF = PROJECT.root / SITE_COPY
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
PAGE_NUMBERS = (
    '<div style="font-size:8pt;width:100%;text-align:center;color:#444;">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)
TIMEOUT_MS = 600_000

# Run in the page before printing: open every collapsed section, load every image and draw every row of the fact
# explorer with its texts (on screen it draws 200 at a time and loads texts on demand). Each step waits for
# its own end, never a fixed time, so a slow or busy machine prints the same PDF. Returns the explorer's rows
# drawn and its facts (null without an explorer); the rows without their texts are counted as not drawn.
PREPARE = """async () => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  const images = Array.from(document.images).filter(img => !img.complete);  // the site loads them lazily
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => new Promise(done => {
    img.addEventListener("load", done, {once: true});
    img.addEventListener("error", done, {once: true});
  })));
  let explorer = null;
  if (window.EastWest && window.EastWest.drawAllFacts) {
    explorer = await window.EastWest.drawAllFacts();
    explorer.drawn = Array.from(document.querySelectorAll("#explorer-table tbody tr td:nth-child(2)"))
      .filter(td => td.textContent.trim()).length;
  }
  await document.fonts.ready;
  return explorer;
}"""


def _static_file(single_html: Path, url: str) -> Path | None:
    """The singlehtml build's copy of a static file a page asks for by a path written for the
    multi-page site ('../_static/…' from a chapter resolves outside _build/singlehtml/)."""
    if "/_static/" not in url:
        return None
    candidate = single_html.parent / "_static" / url.split("/_static/", 1)[1].split("?")[0]
    return candidate if candidate.is_file() else None


def print_pdf(single_html: Path = SINGLE_HTML, pdf: Path = PDF, site_pdf: Path | None = SITE_PDF) -> int:
    chromium = shutil.which("chromium")
    if chromium is None:
        print("error: chromium is missing: run `bash .ci/install-test-deps` (Debian's chromium)", file=sys.stderr)
        return 1
    if not single_html.exists():
        print(f"error: {single_html} is missing: run `make book`", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    pdf.parent.mkdir(parents=True, exist_ok=True)
    partial = pdf.with_suffix(".partial.pdf")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(TIMEOUT_MS)

        def serve_static(route) -> None:
            found = _static_file(single_html, route.request.url)
            if found is not None and not Path(route.request.url.removeprefix("file://")).exists():
                route.fulfill(path=str(found))
            else:
                route.continue_()

        page.route("file://**", serve_static)
        page.goto(single_html.as_uri(), wait_until="load")
        page.emulate_media(media="print")
        explorer = page.evaluate(PREPARE)
        if explorer is not None and explorer["drawn"] != explorer["total"]:
            browser.close()
            print(
                f"error: the fact explorer drew {explorer['drawn']} of its {explorer['total']} facts with their "
                "texts before printing; the PDF was not written",
                file=sys.stderr,
            )
            return 1
        page.pdf(
            path=str(partial),
            format="A4",
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=PAGE_NUMBERS,
            margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
        )
        browser.close()
    if not partial.exists() or partial.stat().st_size == 0:
        print("error: Chromium wrote no PDF", file=sys.stderr)
        return 1
    partial.replace(pdf)
    site = stamps.read(PROJECT.root, "site")
    printed_from = pdf.with_suffix(".inputs")
    if site and pdf == PDF:
        printed_from.write_text(site["inputs"], encoding="utf-8")
    else:
        printed_from.unlink(missing_ok=True)  # not printed from a site `make book` stamped
    if site_pdf is not None and site_pdf.parent.is_dir():
        shutil.copyfile(pdf, site_pdf)  # published with the site, which links it from every page
        if site and site_pdf == SITE_PDF:  # the site is as built, with its PDF: a warm `make book` leaves it
            site["outputs"] = stamps.digest(PROJECT.root, [p for p in SITE_PDF.parent.rglob("*") if p.is_file()])
            stamps.write(PROJECT.root, "site", site)
    print(f"PDF edition written to {pdf.relative_to(PROJECT.root)} ({pdf.stat().st_size / 1e6:.1f} MB)")
    return 0


def publish(root: Path, site_inputs: str) -> bool:
    """Copy the printed PDF into a site just built from `site_inputs` if it was printed from the
    same inputs; otherwise make sure the site has none, and say how to print the current one."""
    printed, printed_from, site_copy = root / PRINTED, root / PRINTED_FROM, root / SITE_COPY
    current = printed.is_file() and printed_from.is_file() and printed_from.read_text(encoding="utf-8") == site_inputs
    if current:
        shutil.copyfile(printed, site_copy)
        return True
    site_copy.unlink(missing_ok=True)
    why = "was printed from older inputs" if printed.is_file() else "has not been printed"
    print(f"PDF edition not published with the site: it {why}; `make book` prints the current one unless PDF=0")
    return False


if __name__ == "__main__":
    sys.exit(print_pdf())
