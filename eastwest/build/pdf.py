"""The PDF edition: the whole book as one HTML page (Sphinx's singlehtml builder, run by
`make pdf`), printed by Debian's Chromium — offline, with the figures and Chinese text intact.
`python -m eastwest.build.pdf` does the printing step."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile

from eastwest.core.paths import PROJECT

SINGLE_HTML = PROJECT.root / "_build" / "singlehtml" / "index.html"
PDF = PROJECT.root / "_build" / "pdf" / "report.pdf"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
]


def print_pdf() -> int:
    chromium = shutil.which("chromium")
    if chromium is None:
        print("error: chromium is missing: run `bash .ci/install-test-deps` (Debian's chromium)", file=sys.stderr)
        return 1
    if not SINGLE_HTML.exists():
        print(f"error: {SINGLE_HTML} is missing: run `make pdf`", file=sys.stderr)
        return 1
    PDF.parent.mkdir(parents=True, exist_ok=True)
    partial = PDF.with_suffix(".partial.pdf")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={partial}", SINGLE_HTML.as_uri()],
            check=True,
            capture_output=True,
            timeout=600,
        )
    if not partial.exists() or partial.stat().st_size == 0:
        print("error: Chromium wrote no PDF", file=sys.stderr)
        return 1
    partial.replace(PDF)
    print(f"PDF edition written to {PDF.relative_to(PROJECT.root)} ({PDF.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(print_pdf())
