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
  2. warm rebuild, nothing changed: `make book` again, alternated with the sample book built again
  3a. rebuild after a markdown-only edit of chapters/03_labour.ipynb (nothing should execute)
  3b. rebuild after a code-comment edit of chapters/03_labour.ipynb (only it should execute)
  3c. rebuild after one new source is added (tests/add_source.py: `copy_project` of the clone,
      built, then `add_fixture_source`), the way README "How to add a source" does it
  4. data build alone (`python -m eastwest build`, which always builds)
  5. nbmake over chapters/
  6. page weights: each html page plus the images it shows and the page data it loads from
     _static/generated/
  7. synthetic corpus: the 5 seeds replicated to 1,000 articles, `eastwest.dataset.builder.build` timed
  8. drafting: `eastwest.draft.drafting.agreement()` drafts every curated source from scratch and compares the
     proposals with the curated annotations (the answer key); the same on the add-source test
     fixture, which the drafting rules were not written from. Writes bench/draft_agreement.md,
     which the method page includes. `bench/run.py --only draft` runs this step alone.
  9. scaling curve: the whole book (cold `make book`) with 5, 50 and 200 synthetic sources (the
     generator of step 7, in a temporary copy): build time, seconds per added source, and the
     largest page; `--scaling 5,50` chooses the sizes, `--scaling ''` skips the step.

Results: a table on stdout and bench/results.json (keys sorted).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
VENV_BIN = PROJECT / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
JUPYTER_BOOK = VENV_BIN / "jupyter-book"
RESULTS = PROJECT / "bench" / "results.json"
DRAFT_AGREEMENT_MD = PROJECT / "bench" / "draft_agreement.md"

TOUCHED = "chapters/03_labour.ipynb"
SYNTHETIC_ARTICLES = 1000
SYNTHETIC_TIMEOUT_S = 900

SCALING_SIZES = (5, 50, 200)
SCALING_TIMEOUT_S = 3600
REPEAT = 3

TARGETS = {  # step -> (limit, unit) ; the check is value <= limit
    "cold_ratio": (4.0, "x"),  # cold make book / cold sample book
    "warm_ratio": (1.5, "x"),  # warm make book, nothing changed / sample book built again
    "data_build": (3.0, "s"),
    "page_weight_max": (1.5 * 1024 * 1024, "bytes"),
    "synthetic_1000_build": (60.0, "s"),
    "scaling_page_weight": (1.5 * 1024 * 1024, "bytes"),  # the largest page at the largest size
    "scaling_growth": (1.25, "x"),  # seconds per source, largest step / first step (<= 1: linear or better)
}

# Notebooks that ran: eastwest.build.execute logs "<path>: Executed notebook in …" for each one it
# executes (before the Sphinx pass); myst-nb logs "<path>: Executing notebook using local CWD
# [mystnb]" for any it executes itself (.ipynb files and MyST text notebooks such as index.md).
EXECUTED_LOG = re.compile(r"(?P<path>[^\s:]+\.(?:ipynb|md))\S*: Execut(?:ing|ed) notebook")


# --- Running things in the clone ---------------------------------------------------------------


class Bench:
    def __init__(self, work: Path):
        self.work = work
        self.clone = work / "proj"
        self.logs = work / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.env = {**os.environ, "PYTHONPATH": str(self.clone), "PYTHONDONTWRITEBYTECODE": "1"}
        self.env.pop("VIRTUAL_ENV", None)

    def run(self, name: str, args: list[str], cwd: Path | None = None, timeout: float | None = None) -> dict:
        """Run a command in the clone; return seconds, exit code and the log file."""
        log = self.logs / f"{name}.log"
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                [str(a) for a in args],
                cwd=cwd or self.clone,
                env=self.env,
                timeout=timeout,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            code, output = proc.returncode, proc.stdout
        except subprocess.TimeoutExpired as exc:
            code = "timeout"
            output = (exc.stdout or b"").decode("utf-8", "replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        seconds = time.perf_counter() - start
        log.write_text(output, encoding="utf-8")
        if code != 0:
            tail = "\n".join(output.splitlines()[-25:])
            print(f"[{name}] exit {code} after {seconds:.1f}s; last lines of {log}:\n{tail}", file=sys.stderr)
        return {"seconds": round(seconds, 2), "exit": code, "log": str(log), "output": output}

    def make_book(self, name: str, root: Path | None = None, timeout: float | None = None) -> dict:
        """`make book` in the clone (or in `root`, a copy of it, with its own package first on the path)."""
        root = root or self.clone
        args = ["make", "--no-print-directory", "book", f"VENV={VENV_BIN.parent}", "-o", f"{VENV_BIN.parent}/.installed"]
        saved = self.env
        self.env = {**saved, "PYTHONPATH": str(root)}
        try:
            result = self.run(name, args, cwd=root, timeout=timeout)
        finally:
            self.env = saved
        result["executed"] = executed_notebooks(result["output"], root)
        result["sphinx_ran"] = "Sphinx not run" not in result["output"]
        return result

    def sample(self, name: str) -> dict:
        """Build Jupyter Book's sample book (written by `jupyter-book create`) with the project's tools."""
        return self.run(name, [JUPYTER_BOOK, "build", "."], cwd=self.work / "sample")


def executed_notebooks(output: str, root: Path) -> list[str]:
    """Notebooks executed, from the log lines '<path>: Executed notebook …' (eastwest.build.execute) or
    '<path>: Executing notebook using …' (myst-nb)."""
    found = set()
    for match in EXECUTED_LOG.finditer(output):
        path = Path(match["path"])
        try:
            found.add(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            found.add(path.as_posix())
    return sorted(found)


def cache_records(root: Path) -> dict[str, int]:
    """jupyter-cache's view: notebook (relative path) -> id of its newest cached execution record.

    An execution adds a record with a new id, so comparing before/after names what ran."""
    code = (
        "import json, sys\n"
        "from jupyter_cache import get_cache\n"
        "records = {}\n"
        "for r in get_cache(sys.argv[1]).list_cache_records():\n"
        "    records[r.uri] = max(records.get(r.uri, 0), r.pk)\n"
        "print(json.dumps(records))\n"
    )
    proc = subprocess.run([PYTHON, "-c", code, root / "_build" / ".jupyter_cache"], capture_output=True, text=True)
    if proc.returncode != 0:
        return {}
    out = {}
    for uri, pk in json.loads(proc.stdout).items():
        try:
            out[Path(uri).resolve().relative_to(root.resolve()).as_posix()] = pk
        except ValueError:
            out[uri] = pk
    return out


def touch_notebook(path: Path, kind: str) -> None:
    """Edit a notebook as a person would: a space in markdown, or a comment line in code."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    cell_type = "markdown" if kind == "markdown" else "code"
    cell = next(c for c in nb.cells if c.cell_type == cell_type)
    cell.source = cell.source + (" " if kind == "markdown" else "\n# bench: edited to force re-execution")
    nbformat.write(nb, path)


def figure_mtimes(root: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted((root / "figures").glob("*"))}


# --- Page weights ------------------------------------------------------------------------------


def page_weights(html: Path) -> list[dict]:
    """Each page's weight: its HTML, the images it shows and the page data it loads from
    _static/generated/ (the theme's shared scripts and stylesheets are not counted)."""
    from bs4 import BeautifulSoup

    rows = []
    skip = {"_static", "_sources", "_downloads", "_images"}
    for page in sorted(html.rglob("*.html")):
        rel = page.relative_to(html)
        if skip & set(rel.parts):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        images, scripts, missing = {}, {}, []
        for tag, attr, found in [("img", "src", images), ("script", "src", scripts)]:
            for element in soup.find_all(tag, **{attr: True}):
                src = element[attr]
                if src.startswith(("data:", "http:", "https:", "//")):
                    continue
                target = (page.parent / unquote(urlsplit(src).path)).resolve()
                if tag == "script" and "generated" not in target.parts:
                    continue
                if target.is_file():
                    found[str(target)] = target.stat().st_size
                else:
                    missing.append(src)
        page_bytes = page.stat().st_size
        rows.append(
            {
                "page": rel.as_posix(),
                "html_bytes": page_bytes,
                "image_bytes": sum(images.values()),
                "images": len(images),
                "data_script_bytes": sum(scripts.values()),
                "total_bytes": page_bytes + sum(images.values()) + sum(scripts.values()),
                "missing_images": missing,
            }
        )
    return rows


# --- Synthetic corpus ----------------------------------------------------------------------------

SYNTHETIC_BUILD = r"""
import json, sys, time
from pathlib import Path
from eastwest.core.paths import ProjectPaths
import eastwest
start = time.perf_counter()
error = None
try:
    from eastwest.dataset.builder import build
    report = build(ProjectPaths(Path(sys.argv[1])))
except Exception as exc:  # reported, not raised: the bench is a report
    report, error = None, f"{type(exc).__name__}: {str(exc)[:2000]}"
print(json.dumps({"seconds": time.perf_counter() - start, "report": report, "error": error,
                  "package": eastwest.__file__}))
"""


def make_synthetic(clone: Path, dest: Path, n: int) -> dict:
    """A copy of the project's inputs with the 5 seeds replicated to n articles under new ids.

    Copy 0 keeps the original ids (reference/pairings.yml quotes from them); every other copy gets
    the id NNN_<16 hex> with a fresh 3-digit prefix, the original's bytes (so its sha256 holds), a
    provenance record and an annotation file whose fact ids carry the new prefix."""
    import yaml

    if n > 1000:
        raise ValueError("source ids have a 3-digit prefix: at most 1,000 articles")
    shutil.copytree(clone / "seeds", dest / "seeds")
    shutil.copytree(clone / "data" / "reference", dest / "data" / "reference")
    shutil.copytree(clone / "data" / "annotations", dest / "data" / "annotations")

    provenance_path = dest / "seeds" / "sources.yml"
    provenance = yaml.safe_load(provenance_path.read_text(encoding="utf-8"))
    originals = sorted(provenance["sources"], key=lambda r: r["source_id"])
    annotations = {
        r["source_id"]: yaml.safe_load((dest / "data" / "annotations" / f"{r['source_id']}.yml").read_text(encoding="utf-8"))
        for r in originals
    }
    used_prefixes = {r["source_id"].split("_")[0] for r in originals}
    fresh = (f"{i:03d}" for i in range(1000) if f"{i:03d}" not in used_prefixes)
    records = list(originals)
    for k in range(len(originals), n):
        original = originals[k % len(originals)]
        old_id, old_prefix = original["source_id"], original["source_id"].split("_")[0]
        prefix = next(fresh)
        new_id = f"{prefix}_{hashlib.sha256(f'synthetic-{k}-{old_id}'.encode()).hexdigest()[:16]}"
        shutil.copyfile(dest / "seeds" / f"{old_id}.txt", dest / "seeds" / f"{new_id}.txt")
        records.append({**original, "source_id": new_id})
        ann = dict(annotations[old_id])
        ann["source_id"] = new_id
        ann["facts"] = [
            {**fact, "id": prefix + str(fact["id"])[len(old_prefix) :]}
            if str(fact.get("id", "")).startswith(old_prefix + "-")
            else dict(fact)
            for fact in (ann.get("facts") or [])
        ]
        (dest / "data" / "annotations" / f"{new_id}.yml").write_text(
            yaml.safe_dump(ann, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    provenance_path.write_text(yaml.safe_dump({"sources": records}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    facts = sum(len(annotations[originals[k % len(originals)]["source_id"]].get("facts") or []) for k in range(len(records)))
    return {"articles": len(records), "annotated_facts": facts}


def synthetic_book(clone: Path, dest: Path, n: int) -> dict:
    """A whole copy of the project (for `make book`) whose sources are the synthetic corpus of n articles."""
    shutil.copytree(clone, dest, ignore=shutil.ignore_patterns(".git", "_build"))
    for folder in ("seeds", "data/reference", "data/annotations"):
        shutil.rmtree(dest / folder)
    return make_synthetic(clone, dest, n)


# --- Adding a source -------------------------------------------------------------------------------

ADD_SOURCE = r"""
import sys
from pathlib import Path
sys.path.insert(0, "tests")
from add_source import add_fixture_source, copy_project
step, dest = sys.argv[1], Path(sys.argv[2])
if step == "copy":
    copy_project(dest)
else:
    print(add_fixture_source(dest))
"""


def add_source_rebuild(b: Bench) -> dict:
    """Step 3c: a copy of the clone (tests/add_source.py `copy_project`), built; the fixture source
    added as README describes (`add_fixture_source`); then `make book` timed."""
    dest = b.work / "add-source"
    copy = b.run("add_source_copy", [PYTHON, "-c", ADD_SOURCE, "copy", dest])
    if copy["exit"] != 0:
        return {"ok": False, "error": copy["output"][-2000:]}
    first = b.make_book("add_source_first_build", root=dest)
    added = b.run("add_source_add", [PYTHON, "-c", ADD_SOURCE, "add", dest])
    rebuild = b.make_book("add_source_rebuild", root=dest)
    shutil.rmtree(dest, ignore_errors=True)
    return {
        "seconds": rebuild["seconds"],
        "ok": first["exit"] == added["exit"] == rebuild["exit"] == 0,
        "source_id": added["output"].strip().splitlines()[-1] if added["output"].strip() else None,
        "executed": rebuild["executed"],
        "first_build_seconds": first["seconds"],
    }


# --- Scaling curve ---------------------------------------------------------------------------------


def scaling_curve(b: Bench, sizes: tuple[int, ...]) -> dict:
    """Step 9: the whole book, cold, with n synthetic sources for each n in `sizes`.

    The synthetic sources repeat the five real ones, so every chart and listing gets n/5 times
    the facts. A build that fails only because Sphinx warned (a chart that no longer fits, say)
    has still written the whole site (--keep-going): it is measured, and its warnings reported."""
    points = []
    for n in sizes:
        dest = b.work / f"scaling-{n}"
        made = synthetic_book(b.clone, dest, n)
        build = b.make_book(f"scaling_{n}", root=dest, timeout=SCALING_TIMEOUT_S)
        output = build["output"]
        html = dest / "_build" / "html"
        completed = build["exit"] == 0 or ("build finished with problems" in output and (html / "index.html").exists())
        weights = page_weights(html) if completed else []
        heaviest = max(weights, key=lambda r: r["total_bytes"]) if weights else None
        facts = None
        report = dest / "data" / "build_report.json"
        if report.exists():
            facts = json.loads(report.read_text(encoding="utf-8")).get("facts")
        warnings = sorted(
            {
                re.sub(r"\x1b\[[0-9;]*m", "", line).strip()
                for line in output.splitlines()
                if "WARNING:" in line and "IPKernelApp" not in line
            }
        )
        points.append(
            {
                "sources": n,
                "facts": facts,
                "annotated_facts": made["annotated_facts"],
                "seconds": build["seconds"],
                "ok": build["exit"] == 0,
                "measured": completed,
                "exit": build["exit"],
                "pages": len(weights),
                "sphinx_warnings": [w.replace(str(dest) + "/", "") for w in warnings],
                "data_pages_notebooks_seconds": _last_float(r"done at ([\d.]+) s", output),
                "pages_seconds": _last_float(r"pages generated in ([\d.]+) s", output),
                "largest_page": heaviest["page"] if heaviest else None,
                "largest_page_bytes": heaviest["total_bytes"] if heaviest else None,
                "heaviest_pages": [
                    {k: r[k] for k in ("page", "total_bytes", "html_bytes", "image_bytes", "data_script_bytes")}
                    for r in sorted(weights, key=lambda r: -r["total_bytes"])[:8]
                ],
                "site_bytes": sum(p.stat().st_size for p in html.rglob("*") if p.is_file()) if html.is_dir() else None,
                "error": None if completed else "\n".join(output.splitlines()[-15:]),
            }
        )
        shutil.rmtree(dest, ignore_errors=True)
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


def median(values: list[float]) -> float | None:
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


# --- Drafting agreement ----------------------------------------------------------------------------

DRAFT_AGREEMENT = r"""
import json, shutil, sys, tempfile
from pathlib import Path
import yaml
from eastwest.draft.agreement import agreement, agreement_markdown
from eastwest.core.paths import ProjectPaths
clone, date = Path(sys.argv[1]), sys.argv[2]
curated = agreement(ProjectPaths(clone))
# held out: the add-source test fixture, on a copy of the inputs holding only its annotations
fixture = clone / "tests" / "fixtures" / "add_source"
root = Path(tempfile.mkdtemp(prefix="draft-heldout-"))
shutil.copytree(clone / "seeds", root / "seeds")
shutil.copytree(clone / "data" / "reference", root / "data" / "reference")
(root / "data" / "annotations").mkdir(parents=True)
shutil.copyfile(clone / "glossary.md", root / "glossary.md")
for name, key in (("seeds/sources.yml", "sources"), ("data/reference/places.yml", "places"), ("data/reference/pairings.yml", "pairings")):
    doc = yaml.safe_load((root / name).read_text(encoding="utf-8"))
    extra = yaml.safe_load((fixture / Path(name).name).read_text(encoding="utf-8"))[key]
    doc[key] = list(doc.get(key) or []) + list(extra)
    (root / name).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
for seed in fixture.glob("*.txt"):
    shutil.copyfile(seed, root / "seeds" / seed.name)
    shutil.copyfile(fixture / f"{seed.stem}.yml", root / "data" / "annotations" / f"{seed.stem}.yml")
held_out = agreement(ProjectPaths(root))
shutil.rmtree(root, ignore_errors=True)
s = held_out["shares_percent"]
markdown = agreement_markdown(curated, date) + (
    f"\nOn the add-source test fixture, an article written for the tests that the rules were not written from "
    f"({held_out['curated_facts_with_number']} facts): value {s['value']:.0f} %, unit {s['unit']:.0f} %, "
    f"qualifier {s['qualifier']:.0f} %, status {s['status']:.0f} %, scope {s['scope']:.0f} %, theme {s['theme']:.0f} %, "
    f"indicator {s['indicator']:.0f} %.\n")
print(json.dumps({"curated": curated, "held_out": held_out, "markdown": markdown}))
"""


def draft_agreement(b: Bench) -> dict:
    """Step 8, in the clone: the drafted annotations against the curated ones."""
    date = dt.date.today().isoformat()
    start = time.perf_counter()
    proc = subprocess.run(
        [PYTHON, "-c", DRAFT_AGREEMENT, b.clone, date], cwd=b.work, env=b.env, capture_output=True, text=True, timeout=600
    )
    (b.logs / "draft_agreement.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"ok": False, "error": proc.stderr.strip()[-2000:], "seconds": round(time.perf_counter() - start, 2)}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    DRAFT_AGREEMENT_MD.write_text(out.pop("markdown"), encoding="utf-8")
    return {"ok": True, "seconds": round(time.perf_counter() - start, 2), "date": date, **out}


def draft_rows(d: dict) -> list[tuple[str, str, str, str]]:
    """Table rows for step 8: each measured field against its target."""
    if not d.get("ok"):
        return [("8 drafting agreement", f"not measured: {(d.get('error') or '')[:120]}", "", "FAILED")]
    c, h = d["curated"], d["held_out"]
    rows = []
    for field, target in c["targets_percent"].items():
        share = c["shares_percent"][field]
        d.setdefault("target_met", {})[field] = share >= target
        rows.append(
            (
                f"8 draft vs curated: {field}",
                f"{share:.1f} % (held-out fixture {h['shares_percent'][field]:.0f} %)",
                f">= {target:g} %",
                "pass" if share >= target else "MISSED",
            )
        )
    rows.append(
        (
            "8 draft: quotes not verbatim",
            str(c["proposals_not_verbatim"]),
            "0",
            "pass" if c["proposals_not_verbatim"] == 0 else "MISSED",
        )
    )
    return rows


def print_draft_summary(d: dict) -> None:
    if not d.get("ok"):
        return
    c = d["curated"]
    print(
        f"drafting ({d['seconds']:.1f} s): {c['curated_facts_with_number']} curated facts with a number in {c['sources']} sources, "
        f"{c['curated_facts_matched']} proposed at the same place; {c['proposed_facts']} facts proposed, "
        f"{c['proposals_not_curated_facts']} not curated facts, {c['proposals_passing_build_checks']} pass the build's fact checks; "
        f"other fields: period {c['shares_percent']['period']:.1f} %, east {c['shares_percent']['east']:.1f} %, "
        f"west {c['shares_percent']['west']:.1f} %; wrote {DRAFT_AGREEMENT_MD.relative_to(PROJECT)}"
    )


# --- Report --------------------------------------------------------------------------------------


def verdict(step: str, value) -> str:
    if step not in TARGETS or value is None:
        return ""
    return "pass" if value <= TARGETS[step][0] else "MISSED"


def target_text(step: str) -> str:
    if step not in TARGETS:
        return ""
    limit, unit = TARGETS[step]
    if unit == "bytes":
        return f"<= {limit / (1024 * 1024):.1f} MB"
    return f"<= {limit:g}×" if unit == "x" else f"<= {limit:g} s"


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary clone (path printed) for inspection")
    parser.add_argument("--articles", type=int, default=SYNTHETIC_ARTICLES, help="size of the synthetic corpus")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="cold and warm builds of each book (medians are reported)")
    parser.add_argument(
        "--scaling",
        default=",".join(map(str, SCALING_SIZES)),
        help="numbers of sources for the scaling curve, comma-separated ('' skips it)",
    )
    parser.add_argument("--only", choices=["draft"], help="run one step alone (draft: step 8, the drafting agreement)")
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


def run_all(b: Bench, args) -> int:
    head = subprocess.run(["git", "-C", PROJECT, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", PROJECT, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
    ).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", PROJECT, b.clone], check=True)

    # Safety: the clone's package must be the one imported, or notebooks would write to the working tree.
    probe = subprocess.run(
        [PYTHON, "-c", "import eastwest.core.paths as p; print(p.ROOT)"], cwd=b.work, env=b.env, capture_output=True, text=True
    )
    if Path(probe.stdout.strip() or "/nonexistent").resolve() != b.clone.resolve():
        print(
            f"error: PYTHONPATH={b.clone} does not make the clone's eastwest win ({probe.stdout.strip() or probe.stderr.strip()}); "
            "refusing to build",
            file=sys.stderr,
        )
        return 2

    results: dict = {
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
    steps = results["steps"]

    if getattr(args, "only", None) == "draft":
        steps["draft_agreement"] = draft_agreement(b)
        rows = [("step", "result", "target", "pass/fail"), *draft_rows(steps["draft_agreement"])]
        print()
        print_table(rows)
        print_draft_summary(steps["draft_agreement"])
        previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {"steps": {}}
        previous.setdefault("steps", {})["draft_agreement"] = steps["draft_agreement"]
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(previous, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(PROJECT)} (step 8 only)")
        return 0

    # The reference: Jupyter Book's own sample book, built with the same tools.
    created = b.run("sample_create", [JUPYTER_BOOK, "create", b.work / "sample"], cwd=b.work)
    if created["exit"] != 0:
        print("error: `jupyter-book create` failed; no reference to compare with", file=sys.stderr)
        return 2

    # 1 and 2. Cold and warm builds, alternating with the sample book's; medians.
    runs = {"cold": [], "warm": [], "sample_cold": [], "sample_warm": []}
    figures_before = figure_mtimes(b.clone)
    cold_runs, warm_runs = [], []
    for i in range(max(1, args.repeat)):
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
    phases = {
        "data_pages_notebooks_seconds": _last_float(r"done at ([\d.]+) s", last_cold),
        "sphinx_seconds": _last_float(r"Sphinx pass: ([\d.]+) s", last_cold),
    }
    steps["cold_build"] = {
        "seconds": cold_s,
        "runs": runs["cold"],
        "sample_seconds": sample_cold_s,
        "sample_runs": runs["sample_cold"],
        "ratio": round(cold_s / sample_cold_s, 2) if cold_s and sample_cold_s else None,
        "ok": all(r["exit"] == 0 for r in cold_runs),
        "executed": cold_runs[-1]["executed"],
        **phases,
        "figures_rewritten_in_clone": sum(figures_after.get(k) != v for k, v in figures_before.items()),
    }
    steps["warm_rebuild"] = {
        "seconds": warm_s,
        "runs": runs["warm"],
        "sample_seconds": sample_warm_s,
        "sample_runs": runs["sample_warm"],
        "ratio": round(warm_s / sample_warm_s, 2) if warm_s and sample_warm_s else None,
        "ok": all(r["exit"] == 0 for r in warm_runs),
        "executed": warm_runs[-1]["executed"],
        "sphinx_ran": any(r["sphinx_ran"] for r in warm_runs),
    }

    # 3a. Markdown-only edit: the execution cache watches code cells only, so nothing should run.
    touch_notebook(b.clone / TOUCHED, "markdown")
    md = b.make_book("touch_markdown_book")
    steps["touch_markdown"] = {
        "seconds": md["seconds"],
        "ok": md["exit"] == 0,
        "touched": TOUCHED,
        "executed": md["executed"],
        "expected_executed": [],
        "only_expected_ran": md["executed"] == [],
    }

    # 3b. Code edit (a comment): only this notebook should re-execute.
    before = cache_records(b.clone)
    touch_notebook(b.clone / TOUCHED, "code")
    code = b.make_book("touch_code_book")
    after = cache_records(b.clone)
    new_in_cache = sorted(uri for uri, pk in after.items() if before.get(uri) != pk)
    steps["touch_code"] = {
        "seconds": code["seconds"],
        "ok": code["exit"] == 0,
        "touched": TOUCHED,
        "executed": code["executed"],
        "new_cache_records": new_in_cache,
        "expected_executed": [TOUCHED],
        "only_expected_ran": code["executed"] == [TOUCHED] and new_in_cache == [TOUCHED],
    }
    subprocess.run(["git", "-C", b.clone, "checkout", "--quiet", "--", TOUCHED], check=True)

    # 3c. One new source added.
    steps["add_source"] = add_source_rebuild(b)

    # 4. Data build alone.
    data_only = b.run("data_build", [PYTHON, "-m", "eastwest", "build"])
    steps["data_build"] = {
        "seconds": data_only["seconds"],
        "ok": data_only["exit"] == 0,
        "summary": data_only["output"].strip().splitlines()[-1:] or [],
    }

    # 5. nbmake over every chapter.
    nbmake = b.run("nbmake", [PYTHON, "-m", "pytest", "--nbmake", "chapters", "-q", "-p", "no:cacheprovider"])
    steps["nbmake"] = {
        "seconds": nbmake["seconds"],
        "ok": nbmake["exit"] == 0,
        "summary": [line for line in nbmake["output"].splitlines() if " passed" in line or " failed" in line][-1:],
    }

    # 6. Page weights (of the site the warm builds left).
    b.make_book("page_weight_build")
    weights = page_weights(b.clone / "_build" / "html")
    heaviest = max(weights, key=lambda r: r["total_bytes"]) if weights else None
    steps["page_weight_max"] = {
        "bytes": heaviest["total_bytes"] if heaviest else None,
        "page": heaviest["page"] if heaviest else None,
        "pages": weights,
        "ok": bool(weights) and not any(r["missing_images"] for r in weights),
    }

    # 7. Synthetic corpus.
    synthetic_root = b.work / "synthetic"
    made = make_synthetic(b.clone, synthetic_root, args.articles)
    log = b.logs / "synthetic.log"
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [PYTHON, "-c", SYNTHETIC_BUILD, synthetic_root],
            cwd=b.work,
            env=b.env,
            capture_output=True,
            text=True,
            timeout=SYNTHETIC_TIMEOUT_S,
        )
        log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
        outcome = (
            json.loads(proc.stdout.strip().splitlines()[-1])
            if proc.returncode == 0 and proc.stdout.strip()
            else {"seconds": None, "report": None, "error": f"exit {proc.returncode}: {proc.stderr.strip()[-2000:]}"}
        )
    except subprocess.TimeoutExpired:
        outcome = {
            "seconds": None,
            "report": None,
            "error": f"did not finish within {SYNTHETIC_TIMEOUT_S} s (wall {time.perf_counter() - start:.0f} s)",
        }
    shutil.rmtree(synthetic_root, ignore_errors=True)
    report = outcome.get("report") or {}
    steps["synthetic_1000_build"] = {
        "seconds": round(outcome["seconds"], 2) if outcome.get("seconds") is not None else None,
        "ok": outcome.get("error") is None,
        "error": outcome.get("error"),
        "articles": made["articles"],
        "annotated_facts": made["annotated_facts"],
        "built_sources": report.get("sources"),
        "built_facts": report.get("facts"),
        "built_mentions": report.get("mentions"),
    }

    # 8. Drafting agreement.
    steps["draft_agreement"] = draft_agreement(b)

    # 9. Scaling curve.
    sizes = tuple(int(n) for n in args.scaling.split(",") if n.strip())
    if sizes:
        steps["scaling"] = scaling_curve(b, sizes)

    # Table.
    mb = lambda n: f"{n / (1024 * 1024):.2f} MB"  # noqa: E731
    rows = [("step", "result", "target", "pass/fail")]

    def add(label: str, step: str, value, shown: str, ok: bool = True, record: dict | None = None) -> None:
        v = verdict(step, value) if step in TARGETS else ""
        if not ok:
            v = "FAILED" if not v else f"{v} (FAILED)"
        if record is not None:
            record["target_met"] = v == "pass"
        rows.append((label, shown, target_text(step), v))

    s = steps
    c, w = s["cold_build"], s["warm_rebuild"]
    add(
        "1 cold build (make book, no _build)",
        "cold_ratio",
        c["ratio"],
        f"{c['ratio']}× the sample book: {c['seconds']:.1f} s vs {c['sample_seconds']:.1f} s "
        f"(medians of {len(c['runs'])}; data+pages+{len(c['executed'])} notebooks {c['data_pages_notebooks_seconds']} s, "
        f"Sphinx {c['sphinx_seconds']} s)",
        c["ok"],
        record=c,
    )
    add(
        "2 warm rebuild, nothing changed",
        "warm_ratio",
        w["ratio"],
        f"{w['ratio']}× the sample book: {w['seconds']:.2f} s vs {w['sample_seconds']:.2f} s "
        f"({len(w['executed'])} executed, Sphinx {'ran' if w['sphinx_ran'] else 'not run'})",
        w["ok"],
        record=w,
    )
    for key, label in (("touch_markdown", "3a markdown edit in 03_labour"), ("touch_code", "3b code edit in 03_labour")):
        t = s[key]
        ran = ", ".join(Path(p).stem for p in t["executed"]) or "none"
        verdict_text = "pass" if t["only_expected_ran"] else "MISSED"
        if not t["ok"]:
            verdict_text += " (FAILED)"
        t["target_met"] = t["only_expected_ran"]
        expected = ", ".join(Path(p).stem for p in t["expected_executed"]) or "none"
        rows.append((label, f"{t['seconds']:.1f} s; executed: {ran}", f"executes: {expected}", verdict_text))
    a = s["add_source"]
    if a.get("seconds") is not None:
        ratio = round(a["seconds"] / c["sample_seconds"], 2) if c["sample_seconds"] else None
        a["ratio_to_sample_cold"] = ratio
        rows.append(
            (
                "3c rebuild after adding a source",
                f"{a['seconds']:.1f} s ({ratio}× the sample's cold build; {len(a['executed'])} notebooks executed)",
                "",
                "" if a["ok"] else "FAILED",
            )
        )
    else:
        rows.append(("3c rebuild after adding a source", f"not measured: {(a.get('error') or '')[:120]}", "", "FAILED"))
    add(
        "4 data build alone",
        "data_build",
        s["data_build"]["seconds"],
        f"{s['data_build']['seconds']:.2f} s",
        s["data_build"]["ok"],
        record=s["data_build"],
    )
    rows.append(
        (
            "5 nbmake chapters/",
            f"{s['nbmake']['seconds']:.1f} s; {' '.join(s['nbmake']['summary']).strip() or 'no summary'}",
            "",
            "" if s["nbmake"]["ok"] else "FAILED",
        )
    )
    pw = s["page_weight_max"]
    add(
        "6 heaviest page + images + data",
        "page_weight_max",
        pw["bytes"],
        f"{mb(pw['bytes'])} ({pw['page']})" if pw["bytes"] is not None else "no pages",
        pw["ok"],
        record=pw,
    )
    sy = s["synthetic_1000_build"]
    add(
        f"7 synthetic {sy['articles']} articles",
        "synthetic_1000_build",
        sy["seconds"],
        (
            f"{sy['seconds']:.1f} s ({sy['built_facts']} facts, {sy['built_mentions']} mentions)"
            if sy["seconds"] is not None
            else f"not built: {(sy['error'] or '')[:120]}"
        ),
        sy["ok"],
        record=sy,
    )
    if sy["seconds"] is None:
        rows[-1] = (*rows[-1][:3], "MISSED (FAILED)")
        sy["target_met"] = False
    rows += draft_rows(s["draft_agreement"])
    if "scaling" in s:
        sc = s["scaling"]
        for point in sc["points"]:
            per = f", +{point['seconds_per_added_source']} s per added source" if "seconds_per_added_source" in point else ""
            warned = len(point["sphinx_warnings"])
            shown = (
                f"{point['seconds']:.1f} s{per}; largest page {mb(point['largest_page_bytes'])} ({point['largest_page']})"
                + (f"; completes with {warned} Sphinx warning(s), so -W fails" if not point["ok"] else "")
                if point["measured"]
                else f"failed after {point['seconds']:.0f} s (exit {point['exit']})"
            )
            rows.append(
                (
                    f"9 book with {point['sources']} sources ({point['facts']} facts)",
                    shown,
                    "",
                    "" if point["ok"] else ("WARNINGS" if point["measured"] else "FAILED"),
                )
            )
        add(
            "9 growth: s per source, last step / first",
            "scaling_growth",
            sc["growth"],
            f"{sc['growth']}× (1 = linear)" if sc["growth"] is not None else "not measured",
            sc["ok"],
        )
        add(
            f"9 largest page at {sc['points'][-1]['sources']} sources",
            "scaling_page_weight",
            sc["largest_page_bytes"],
            f"{mb(sc['largest_page_bytes'])} ({sc['largest_page']})" if sc["largest_page_bytes"] else "not built",
            sc["ok"],
        )
        sc["target_met"] = {
            "growth": verdict("scaling_growth", sc["growth"]) == "pass",
            "page_weight": verdict("scaling_page_weight", sc["largest_page_bytes"]) == "pass",
        }

    print()
    print_table(rows)
    print()
    print("page weights (html + images + page data):")
    for r in sorted(pw["pages"], key=lambda r: -r["total_bytes"])[:15]:
        print(
            f"  {r['page']:<45} {r['total_bytes']:>9,d} B  (html {r['html_bytes']:,d}, {r['images']} images {r['image_bytes']:,d}"
            + (f", data {r['data_script_bytes']:,d}" if r["data_script_bytes"] else "")
            + ")"
            + (f"  missing: {r['missing_images']}" if r["missing_images"] else "")
        )
    if sy["error"]:
        print(f"\nsynthetic build error: {sy['error']}")
    for point in s.get("scaling", {}).get("points", []):
        if point["error"]:
            print(f"\nscaling, {point['sources']} sources, failed:\n{point['error']}")
        for warning in point["sphinx_warnings"]:
            print(f"scaling, {point['sources']} sources: {warning}")
        if point["measured"]:
            print(
                f"scaling, {point['sources']} sources, heaviest pages: "
                + "; ".join(
                    f"{r['page']} {mb(r['total_bytes'])} (html {mb(r['html_bytes'])}, images {mb(r['image_bytes'])}"
                    + (f", data {mb(r['data_script_bytes'])}" if r["data_script_bytes"] else "")
                    + ")"
                    for r in point["heaviest_pages"][:5]
                )
            )
    print()
    print_draft_summary(s["draft_agreement"])
    missed = [r[0] for r in rows[1:] if "MISSED" in r[3] or "FAILED" in r[3] or "WARNINGS" in r[3]]
    print()
    print("MISSED: " + "; ".join(missed) if missed else "all targets met")
    if results["working_tree_had_uncommitted_changes"]:
        print("note: the working tree has uncommitted changes; the bench measured the committed HEAD", head[:12])

    results["table"] = [dict(zip(rows[0], r)) for r in rows[1:]]
    results["missed"] = missed
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(PROJECT)}")
    return 0


def _last_float(pattern: str, text: str) -> float | None:
    found = re.findall(pattern, text)
    return float(found[-1]) if found else None


if __name__ == "__main__":
    sys.exit(main())
