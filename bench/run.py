"""Measure how fast the project builds, against Jupyter Book's own sample book on the same machine,
how heavy its pages are, and how the book's cost grows with the number of sources.

`make bench` runs this script. It is a report, not a test: it always exits 0 (unless the bench
itself cannot run) and prints MISSED next to every target it does not meet.

Everything happens in a throwaway clone of the committed HEAD (`git clone` into a temporary
folder), so the working tree, its _build/, figures/ and data/ are never touched. The tools come
from the project's .venv; PYTHONPATH points at the clone so the clone's `eastwest` package wins
over the .venv's .pth entry (which names the working tree). The reference is the sample book
`jupyter-book create` writes (it copies a template: no network), built with the same .venv.
Steps:

  1. cold build: `make book` with no _build/ (data, pages, notebooks executed in parallel,
     Sphinx), alternated with a cold build of the sample book; medians of --repeat runs, and
     their ratio
  2. warm rebuild, nothing changed: `make book` again, alternated with the sample book built again;
     `bench/run.py --only build` runs steps 1 and 2 alone
  3a. rebuild after a markdown-only edit of chapters/03_labour.ipynb (nothing should execute)
  3b. rebuild after a code-comment edit of chapters/03_labour.ipynb (only it should execute)
  3c. rebuild after one new source is added (tests/add_source.py: `copy_project` of the clone,
      built, then `add_fixture_source`), the way README "How to add a source" does it
  4. data build alone (`python -m eastwest build`, which always builds)
  5. nbmake over chapters/
  6. page weights: each html page plus the images it shows and the page data it loads from
     _static/generated/
  7. synthetic corpus: the 5 seeds replicated to 1,000 articles, `eastwest.dataset.builder.build` timed
  8. drafting: `eastwest.draft.agreement` drafts every curated source from scratch and compares the
     proposals with the curated annotations (the answer key); the same on the development set
     (tests/fixtures/devset, the rules are tuned on it) and the held-out set (tests/fixtures/heldout,
     never tuned on), which judges the targets. Writes bench/draft_agreement.md,
     which the method page includes. `bench/run.py --only draft` runs this step alone.
  9. scaling curve: the whole book (cold `make book`) with 5, 50 and 200 synthetic sources (the
     generator of step 7, in a temporary copy): build time, seconds per added source, and the
     largest page; `--scaling 5,50` chooses the sizes, `--scaling ''` skips the step.
 10. first content on a phone (bench/first_content.py): one page of each kind of the site step 6
     built, served gzipped, opened in headless Chromium with Lighthouse's slow-4G network (150 ms,
     1.6 Mbps down, 750 kbps up), a 390-px viewport and a 4x CPU slowdown; the median First
     Contentful Paint of 3 first visits. `bench/run.py --only pages` builds the book once and
     runs steps 6 and 10 alone.

Results: a table on stdout and bench/results.json (keys sorted). `--quick` is a smoke check of the
bench itself: step 4 and one warm rebuild (after an untimed first build), no sample book; it
prints their rows and leaves bench/results.json alone.

This file orchestrates the steps and writes the results; the work is done by its neighbours:
timing (running and timing commands), rebuilds (steps 3a-3c), pages (page weights), synthetic
(the synthetic corpus, step 7), drafting (step 8), scaling (step 9), report (the table), and
probes/ (the programs run inside the clone with the .venv's python).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from drafting import draft_agreement, draft_rows, print_draft_summary
from first_content import first_content
from pages import heaviest, page_weights
from rebuilds import add_source_rebuild, figure_mtimes, touch_code, touch_markdown
from report import (
    HEADER,
    Row,
    Table,
    cold_warm_rows,
    missed_steps,
    page_rows,
    print_first_content,
    print_page_weights,
    print_scaling_details,
    print_table,
    result_rows,
)
from scaling import scaling_curve
from settings import JUPYTER_BOOK, PROJECT, PYTHON, REPEAT, RESULTS, SCALING_SIZES, SYNTHETIC_ARTICLES
from synthetic import synthetic_build
from timing import Bench, last_float, median

DESCRIPTION = (__doc__ or "").split("\n\n")[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    parser.add_argument("--keep", action="store_true", help="keep the temporary clone (path printed) for inspection")
    parser.add_argument("--articles", type=int, default=SYNTHETIC_ARTICLES, help="size of the synthetic corpus")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="cold and warm builds of each book (medians are reported)")
    parser.add_argument(
        "--scaling",
        default=",".join(map(str, SCALING_SIZES)),
        help="numbers of sources for the scaling curve, comma-separated ('' skips it)",
    )
    parser.add_argument(
        "--only",
        choices=["build", "draft", "pages"],
        help=(
            "run one step alone (build: steps 1 and 2, cold and warm builds against the sample book; "
            "draft: step 8, the drafting agreement; pages: steps 6 and 10, page weights and first content)"
        ),
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke check: step 4 and one warm rebuild only; bench/results.json is not written"
    )
    args = parser.parse_args(argv)

    for tool in (PYTHON, JUPYTER_BOOK):
        if not tool.exists():
            print(f"error: {tool} is missing: run `make env` first", file=sys.stderr)
            return 2

    work = Path(tempfile.mkdtemp(prefix="eastwest-bench-"))
    print(f"bench: working in {work} (a clone of the committed HEAD; the working tree is not touched)")
    try:
        return run_all(Bench(work), args)
    finally:
        if args.keep:
            print(f"bench: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run_all(b: Bench, args: argparse.Namespace) -> int:
    head = git_output("rev-parse", "HEAD")
    dirty = git_output("status", "--porcelain", "--untracked-files=no")
    subprocess.run(["git", "clone", "--quiet", PROJECT, b.clone], check=True)
    if not clone_package_wins(b):
        return 2
    results = new_results(head, dirty)
    if getattr(args, "only", None) == "build":
        return run_build_only(b, results, args.repeat)
    if getattr(args, "only", None) == "draft":
        return run_draft_only(b, results)
    if getattr(args, "only", None) == "pages":
        return run_pages_only(b, results)
    if args.quick:
        return run_quick(b, results)

    if not create_sample(b):
        return 2

    steps = results["steps"]
    steps["cold_build"], steps["warm_rebuild"] = cold_and_warm(b, args.repeat)
    steps["touch_markdown"] = touch_markdown(b)
    steps["touch_code"] = touch_code(b)
    steps["add_source"] = add_source_rebuild(b)
    steps["data_build"] = data_build(b)
    steps["nbmake"] = nbmake(b)
    steps["page_weight_max"] = page_weight_max(b)
    steps["first_content"] = first_content(b.clone / "_build" / "html")
    steps["synthetic_1000_build"] = synthetic_build(b, args.articles)
    steps["draft_agreement"] = draft_agreement(b)
    sizes = tuple(int(n) for n in args.scaling.split(",") if n.strip())
    if sizes:
        steps["scaling"] = scaling_curve(b, sizes)
    report(results)
    return 0


def create_sample(b: Bench) -> bool:
    """The reference: Jupyter Book's own sample book, built with the same tools."""
    created = b.run("sample_create", [JUPYTER_BOOK, "create", b.work / "sample"], cwd=b.work)
    if created["exit"] != 0:
        print("error: `jupyter-book create` failed; no reference to compare with", file=sys.stderr)
    return created["exit"] == 0


def git_output(*args: str) -> str:
    """A git command's output about the working tree (the bench measures its committed HEAD)."""
    return subprocess.run(["git", "-C", PROJECT, *args], capture_output=True, text=True).stdout.strip()


def clone_package_wins(b: Bench) -> bool:
    """Safety: the clone's package must be the one imported, or notebooks would write to the working tree."""
    probe = b.probe("package_root.py", [])
    if Path(probe.stdout.strip() or "/nonexistent").resolve() == b.clone.resolve():
        return True
    print(
        f"error: PYTHONPATH={b.clone} does not make the clone's eastwest win ({probe.stdout.strip() or probe.stderr.strip()}); "
        "refusing to build",
        file=sys.stderr,
    )
    return False


def new_results(head: str, dirty: str) -> dict[str, Any]:
    return {
        "commit": head,
        "working_tree_had_uncommitted_changes": bool(dirty),
        "machine": {
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        },
        "steps": {},
    }


def cold_and_warm(b: Bench, repeat: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Steps 1 and 2: cold and warm builds, alternating with the sample book's; medians."""
    runs: dict[str, list[float]] = {"cold": [], "warm": [], "sample_cold": [], "sample_warm": []}
    figures_before = figure_mtimes(b.clone)
    cold_runs, warm_runs = [], []
    for i in range(max(1, repeat)):
        shutil.rmtree(b.clone / "_build", ignore_errors=True)
        cold = b.make_book(f"cold_book_{i}")
        cold_runs.append(cold)
        shutil.rmtree(b.work / "sample" / "_build", ignore_errors=True)
        runs["sample_cold"].append(b.sample(f"sample_cold_{i}")["seconds"])
        warm = b.make_book(f"warm_book_{i}")
        warm_runs.append(warm)
        runs["sample_warm"].append(b.sample(f"sample_warm_{i}")["seconds"])
        runs["cold"].append(cold["seconds"])
        runs["warm"].append(warm["seconds"])
    figures_after = figure_mtimes(b.clone)
    cold_s, warm_s = median(runs["cold"]), median(runs["warm"])
    sample_cold_s, sample_warm_s = median(runs["sample_cold"]), median(runs["sample_warm"])
    last_cold = cold_runs[-1]["output"]
    cold_build = {
        "seconds": cold_s,
        "runs": runs["cold"],
        "sample_seconds": sample_cold_s,
        "sample_runs": runs["sample_cold"],
        "ratio": round(cold_s / sample_cold_s, 2) if cold_s and sample_cold_s else None,
        "ok": all(r["exit"] == 0 for r in cold_runs),
        "executed": cold_runs[-1]["executed"],
        "data_pages_notebooks_seconds": last_float(r"done at ([\d.]+) s", last_cold),
        "sphinx_seconds": last_float(r"Sphinx pass: ([\d.]+) s", last_cold),
        "figures_rewritten_in_clone": sum(figures_after.get(k) != v for k, v in figures_before.items()),
    }
    warm_rebuild = {
        "seconds": warm_s,
        "runs": runs["warm"],
        "sample_seconds": sample_warm_s,
        "sample_runs": runs["sample_warm"],
        "ratio": round(warm_s / sample_warm_s, 2) if warm_s and sample_warm_s else None,
        "ok": all(r["exit"] == 0 for r in warm_runs),
        "executed": warm_runs[-1]["executed"],
        "sphinx_ran": any(r["sphinx_ran"] for r in warm_runs),
    }
    return cold_build, warm_rebuild


def data_build(b: Bench) -> dict[str, Any]:
    """Step 4: the data build alone (`python -m eastwest build` always builds)."""
    data_only = b.run("data_build", [PYTHON, "-m", "eastwest", "build"])
    return {
        "seconds": data_only["seconds"],
        "ok": data_only["exit"] == 0,
        "summary": data_only["output"].strip().splitlines()[-1:] or [],
    }


def nbmake(b: Bench) -> dict[str, Any]:
    """Step 5: nbmake over every chapter."""
    run = b.run("nbmake", [PYTHON, "-m", "pytest", "--nbmake", "chapters", "-q", "-p", "no:cacheprovider"])
    return {
        "seconds": run["seconds"],
        "ok": run["exit"] == 0,
        "summary": [line for line in run["output"].splitlines() if " passed" in line or " failed" in line][-1:],
    }


def page_weight_max(b: Bench) -> dict[str, Any]:
    """Step 6: page weights, of the site a warm build leaves."""
    b.make_book("page_weight_build")
    weights = page_weights(b.clone / "_build" / "html")
    top = heaviest(weights)
    return {
        "bytes": top["total_bytes"] if top else None,
        "page": top["page"] if top else None,
        "pages": weights,
        "ok": bool(weights) and not any(r["missing_images"] for r in weights),
    }


def report(results: dict[str, Any]) -> None:
    """Print the table and the details under it; write bench/results.json."""
    s = results["steps"]
    rows = result_rows(s)
    print()
    print_table(rows)
    print()
    print_page_weights(s["page_weight_max"]["pages"])
    print_first_content(s.get("first_content"))
    if s["synthetic_1000_build"]["error"]:
        print(f"\nsynthetic build error: {s['synthetic_1000_build']['error']}")
    print_scaling_details(s.get("scaling", {}).get("points", []))
    print()
    print_draft_summary(s["draft_agreement"])
    missed = missed_steps(rows)
    print()
    print("MISSED: " + "; ".join(missed) if missed else "all targets met")
    if results["working_tree_had_uncommitted_changes"]:
        print("note: the working tree has uncommitted changes; the bench measured the committed HEAD", results["commit"][:12])
    results["table"] = [dict(zip(rows[0], r)) for r in rows[1:]]
    results["missed"] = missed
    write_results(results)
    print(f"wrote {RESULTS.relative_to(PROJECT)}")


def run_build_only(b: Bench, results: dict[str, Any], repeat: int) -> int:
    """`--only build`: steps 1 and 2 alone; their results replace the steps' in bench/results.json."""
    if not create_sample(b):
        return 2
    steps = results["steps"]
    steps["cold_build"], steps["warm_rebuild"] = cold_and_warm(b, repeat)
    table = Table()
    cold_warm_rows(table, steps)
    print()
    print_table(table.rows)
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {"steps": {}}
    previous.setdefault("steps", {}).update({k: steps[k] for k in ("cold_build", "warm_rebuild")})
    previous["build_measured"] = {"commit": results["commit"], "date": results["machine"]["date"]}
    write_results(previous)
    print(f"wrote {RESULTS.relative_to(PROJECT)} (steps 1 and 2 only)")
    return 0 if steps["cold_build"]["ok"] and steps["warm_rebuild"]["ok"] else 1


def run_draft_only(b: Bench, results: dict[str, Any]) -> int:
    """`--only draft`: step 8 alone; its result replaces the step's in bench/results.json."""
    steps = results["steps"]
    steps["draft_agreement"] = draft_agreement(b)
    rows = [HEADER, *draft_rows(steps["draft_agreement"])]
    print()
    print_table(rows)
    print_draft_summary(steps["draft_agreement"])
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {"steps": {}}
    previous.setdefault("steps", {})["draft_agreement"] = steps["draft_agreement"]
    write_results(previous)
    print(f"wrote {RESULTS.relative_to(PROJECT)} (step 8 only)")
    return 0


def run_pages_only(b: Bench, results: dict[str, Any]) -> int:
    """`--only pages`: steps 6 and 10 on one build; their results replace the steps' in bench/results.json."""
    steps = results["steps"]
    steps["page_weight_max"] = page_weight_max(b)
    steps["first_content"] = first_content(b.clone / "_build" / "html")
    table = Table()
    page_rows(table, steps)
    print()
    print_table(table.rows)
    print()
    print_page_weights(steps["page_weight_max"]["pages"])
    print_first_content(steps["first_content"])
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {"steps": {}}
    previous.setdefault("steps", {}).update({k: steps[k] for k in ("page_weight_max", "first_content")})
    previous["pages_measured"] = {"commit": results["commit"], "date": results["machine"]["date"]}
    write_results(previous)
    print(f"wrote {RESULTS.relative_to(PROJECT)} (steps 6 and 10 only)")
    return 0 if steps["first_content"]["ok"] else 1


def run_quick(b: Bench, results: dict[str, Any]) -> int:
    """`--quick`: step 4, then one warm rebuild after an untimed first build; no sample book, no file."""
    steps = results["steps"]
    steps["data_build"] = data_build(b)
    first = b.make_book("quick_first_book")
    warm = b.make_book("quick_warm_book")
    rows: list[Row] = [HEADER]
    data = steps["data_build"]
    rows.append(("4 data build alone", f"{data['seconds']:.2f} s", "", "" if data["ok"] else "FAILED"))
    shown = f"{warm['seconds']:.2f} s ({len(warm['executed'])} executed, Sphinx {'ran' if warm['sphinx_ran'] else 'not run'})"
    rows.append(("2 warm rebuild, nothing changed", shown, "", "" if first["exit"] == warm["exit"] == 0 else "FAILED"))
    print()
    print_table(rows)
    print("\nquick: no sample book, so no ratios and no verdicts; bench/results.json not written")
    return 0 if data["ok"] and first["exit"] == warm["exit"] == 0 else 1


def write_results(results: dict[str, Any]) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
