"""Step 9, the scaling curve: the whole book, cold, with n synthetic sources for each n asked for."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from typing import Any

from pages import heaviest, page_weights
from settings import SCALING_TIMEOUT_S
from synthetic import synthetic_book
from timing import Bench, last_float


def scaling_curve(b: Bench, sizes: tuple[int, ...]) -> dict[str, Any]:
    """Step 9: the whole book, cold, with n synthetic sources for each n in `sizes`.

    The synthetic sources repeat the five real ones, so every chart and listing gets n/5 times
    the facts. A build that fails only because Sphinx warned (a chart that no longer fits, say)
    has still written the whole site (--keep-going): it is measured, and its warnings reported."""
    points = [scaling_point(b, n) for n in sizes]
    measured = [p for p in points if p["measured"]]
    for previous, point in itertools.pairwise(measured):
        point["seconds_per_added_source"] = round(
            (point["seconds"] - previous["seconds"]) / (point["sources"] - previous["sources"]), 3
        )
    slopes = [p["seconds_per_added_source"] for p in measured if "seconds_per_added_source" in p]
    growth = round(slopes[-1] / slopes[0], 2) if len(slopes) >= 2 and slopes[0] > 0 else None
    largest = points[-1] if points else None
    return {
        "points": points,
        "growth": growth,
        "ok": bool(points) and all(p["measured"] for p in points),
        "largest_page_bytes": largest["largest_page_bytes"] if largest else None,
        "largest_page": largest["largest_page"] if largest else None,
    }


def scaling_point(b: Bench, n: int) -> dict[str, Any]:
    """The book with n synthetic sources, built cold in its own copy (removed after)."""
    dest = b.work / f"scaling-{n}"
    made = synthetic_book(b.clone, dest, n)
    build = b.make_book(f"scaling_{n}", root=dest, timeout=SCALING_TIMEOUT_S)
    output = build["output"]
    html = dest / "_build" / "html"
    completed = build["exit"] == 0 or ("build finished with problems" in output and (html / "index.html").exists())
    weights = page_weights(html) if completed else []
    top = heaviest(weights)
    facts = None
    report = dest / "data" / "build_report.json"
    if report.exists():
        facts = json.loads(report.read_text(encoding="utf-8")).get("facts")
    point = {
        "sources": n,
        "facts": facts,
        "annotated_facts": made["annotated_facts"],
        "seconds": build["seconds"],
        "ok": build["exit"] == 0,
        "measured": completed,
        "exit": build["exit"],
        "pages": len(weights),
        "sphinx_warnings": [w.replace(str(dest) + "/", "") for w in sphinx_warnings(output)],
        "data_pages_notebooks_seconds": last_float(r"done at ([\d.]+) s", output),
        "pages_seconds": last_float(r"pages generated in ([\d.]+) s", output),
        "largest_page": top["page"] if top else None,
        "largest_page_bytes": top["total_bytes"] if top else None,
        "heaviest_pages": [
            {k: r[k] for k in ("page", "total_bytes", "html_bytes", "image_bytes", "data_script_bytes")}
            for r in sorted(weights, key=lambda r: -r["total_bytes"])[:8]
        ],
        "site_bytes": sum(p.stat().st_size for p in html.rglob("*") if p.is_file()) if html.is_dir() else None,
        "error": None if completed else "\n".join(output.splitlines()[-15:]),
    }
    shutil.rmtree(dest, ignore_errors=True)
    return point


def sphinx_warnings(output: str) -> list[str]:
    """The build log's distinct WARNING lines, colour codes removed (the kernel's own warnings left out)."""
    return sorted(
        {
            re.sub(r"\x1b\[[0-9;]*m", "", line).strip()
            for line in output.splitlines()
            if "WARNING:" in line and "IPKernelApp" not in line
        }
    )
