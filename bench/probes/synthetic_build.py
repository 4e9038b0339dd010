"""Build the data of a project root (argv[1]) with eastwest.dataset.builder.build and print one JSON
line: seconds, the build report, the error if any, and which eastwest package was imported.

Run by bench/synthetic.py (step 7) with the clone's package first on PYTHONPATH."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import eastwest
from eastwest.core.paths import ProjectPaths


def main() -> None:
    start = time.perf_counter()
    error = None
    report: Any
    try:
        from eastwest.dataset.builder import build

        report = build(ProjectPaths(Path(sys.argv[1])))
    except Exception as exc:  # reported, not raised: the bench is a report
        report, error = None, f"{type(exc).__name__}: {str(exc)[:2000]}"
    print(json.dumps({"seconds": time.perf_counter() - start, "report": report, "error": error, "package": eastwest.__file__}))


if __name__ == "__main__":
    main()
