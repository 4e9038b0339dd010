"""Measure how fast the project builds, how heavy its pages are and how the data build scales.

`make bench` runs this script. It is a report, not a test: it always exits 0 (unless the bench
itself cannot run) and prints MISSED next to every target it does not meet.

Everything happens in a throwaway clone of the committed HEAD (`git clone` into a temporary
folder), so the working tree, its _build/, figures/ and data/ are never touched. The tools come
from the project's .venv; PYTHONPATH points at the clone so the clone's `eastwest` package wins
over the .venv's .pth entry (which names the working tree). Steps:

  1. cold build: no _build/; data build, source pages, `jupyter-book build` (executes all notebooks)
  2. warm rebuild, nothing changed
  3a. rebuild after a markdown-only edit of chapters/03_labour.ipynb (nothing should execute)
  3b. rebuild after a code-comment edit of chapters/03_labour.ipynb (only it should execute)
  4. data build alone (`python -m eastwest build`)
  5. nbmake over chapters/
  6. page weights: each html page plus the images it shows
  7. synthetic corpus: the 5 seeds replicated to 1,000 articles, `eastwest.dataset.build` timed
  8. drafting: `eastwest.draft.agreement()` drafts every curated source from scratch and compares the
     proposals with the curated annotations (the answer key); the same on the add-source test
     fixture, which the drafting rules were not written from. Writes bench/draft_agreement.md,
     which the method page includes. `bench/run.py --only draft` runs this step alone.

Results: a table on stdout and bench/results.json (keys sorted).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
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

TARGETS = {  # step -> (limit, unit) ; the check is value <= limit
    "cold_build": (60.0, "s"),
    "warm_rebuild": (10.0, "s"),
    "data_build": (3.0, "s"),
    "page_weight_max": (1.5 * 1024 * 1024, "bytes"),
    "synthetic_1000_build": (60.0, "s"),
}

# myst-nb logs "<path>: Executing notebook using local CWD [mystnb]" for every notebook it runs,
# .ipynb files and MyST text notebooks (.md with code cells, e.g. index.md) alike.
EXECUTED_LOG = re.compile(r"(?P<path>[^\s:]+\.(?:ipynb|md))\S*: Executing notebook")


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
                [str(a) for a in args], cwd=cwd or self.clone, env=self.env, timeout=timeout,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
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

    def book(self, name: str) -> dict:
        result = self.run(name, [JUPYTER_BOOK, "build", "-W", "-n", "--keep-going", "."])
        result["executed"] = executed_notebooks(result["output"], self.clone)
        return result


def executed_notebooks(output: str, root: Path) -> list[str]:
    """Notebooks myst-nb executed, from its log lines '<path>: Executing notebook using …'."""
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
    proc = subprocess.run([PYTHON, "-c", code, root / "_build" / ".jupyter_cache"],
                          capture_output=True, text=True)
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
    from bs4 import BeautifulSoup

    rows = []
    skip = {"_static", "_sources", "_downloads", "_images"}
    for page in sorted(html.rglob("*.html")):
        rel = page.relative_to(html)
        if skip & set(rel.parts):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        images, missing = {}, []
        for img in soup.find_all("img", src=True):
            src = img["src"]
            if src.startswith(("data:", "http:", "https:", "//")):
                continue
            target = (page.parent / unquote(urlsplit(src).path)).resolve()
            if target.is_file():
                images[str(target)] = target.stat().st_size
            else:
                missing.append(src)
        page_bytes = page.stat().st_size
        rows.append({
            "page": rel.as_posix(), "html_bytes": page_bytes, "image_bytes": sum(images.values()),
            "images": len(images), "total_bytes": page_bytes + sum(images.values()), "missing_images": missing,
        })
    return rows


# --- Synthetic corpus ----------------------------------------------------------------------------

SYNTHETIC_BUILD = r"""
import json, sys, time
from pathlib import Path
from eastwest.paths import ProjectPaths
import eastwest
start = time.perf_counter()
error = None
try:
    from eastwest.dataset import build
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
            {**fact, "id": prefix + str(fact["id"])[len(old_prefix):]} if str(fact.get("id", "")).startswith(old_prefix + "-") else dict(fact)
            for fact in (ann.get("facts") or [])
        ]
        (dest / "data" / "annotations" / f"{new_id}.yml").write_text(
            yaml.safe_dump(ann, allow_unicode=True, sort_keys=False), encoding="utf-8")
    provenance_path.write_text(
        yaml.safe_dump({"sources": records}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    facts = sum(len(annotations[originals[k % len(originals)]["source_id"]].get("facts") or []) for k in range(len(records)))
    return {"articles": len(records), "annotated_facts": facts}


# --- Drafting agreement ----------------------------------------------------------------------------

DRAFT_AGREEMENT = r"""
import json, shutil, sys, tempfile
from pathlib import Path
import yaml
from eastwest.draft import agreement, agreement_markdown
from eastwest.paths import ProjectPaths
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


def draft_agreement(b: "Bench") -> dict:
    """Step 8, in the clone: the drafted annotations against the curated ones."""
    date = dt.date.today().isoformat()
    start = time.perf_counter()
    proc = subprocess.run([PYTHON, "-c", DRAFT_AGREEMENT, b.clone, date], cwd=b.work, env=b.env,
                          capture_output=True, text=True, timeout=600)
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
        rows.append((f"8 draft vs curated: {field}", f"{share:.1f} % (held-out fixture {h['shares_percent'][field]:.0f} %)",
                     f">= {target:g} %", "pass" if share >= target else "MISSED"))
    rows.append(("8 draft: quotes not verbatim", str(c["proposals_not_verbatim"]), "0",
                 "pass" if c["proposals_not_verbatim"] == 0 else "MISSED"))
    return rows


def print_draft_summary(d: dict) -> None:
    if not d.get("ok"):
        return
    c = d["curated"]
    print(f"drafting ({d['seconds']:.1f} s): {c['curated_facts_with_number']} curated facts with a number in {c['sources']} sources, "
          f"{c['curated_facts_matched']} proposed at the same place; {c['proposed_facts']} facts proposed, "
          f"{c['proposals_not_curated_facts']} not curated facts, {c['proposals_passing_build_checks']} pass the build's fact checks; "
          f"other fields: period {c['shares_percent']['period']:.1f} %, east {c['shares_percent']['east']:.1f} %, "
          f"west {c['shares_percent']['west']:.1f} %; wrote {DRAFT_AGREEMENT_MD.relative_to(PROJECT)}")


# --- Report --------------------------------------------------------------------------------------


def verdict(step: str, value) -> str:
    if step not in TARGETS or value is None:
        return ""
    return "pass" if value <= TARGETS[step][0] else "MISSED"


def target_text(step: str) -> str:
    if step not in TARGETS:
        return ""
    limit, unit = TARGETS[step]
    return f"<= {limit / (1024 * 1024):.1f} MB" if unit == "bytes" else f"<= {limit:g} s"


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
    dirty = subprocess.run(["git", "-C", PROJECT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", PROJECT, b.clone], check=True)

    # Safety: the clone's package must be the one imported, or notebooks would write to the working tree.
    probe = subprocess.run([PYTHON, "-c", "import eastwest.paths as p; print(p.ROOT)"], cwd=b.work, env=b.env,
                           capture_output=True, text=True)
    if Path(probe.stdout.strip() or "/nonexistent").resolve() != b.clone.resolve():
        print(f"error: PYTHONPATH={b.clone} does not make the clone's eastwest win ({probe.stdout.strip() or probe.stderr.strip()}); "
              "refusing to build", file=sys.stderr)
        return 2

    results: dict = {
        "commit": head,
        "working_tree_had_uncommitted_changes": bool(dirty),
        "machine": {
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "date": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
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

    # 1. Cold build.
    shutil.rmtree(b.clone / "_build", ignore_errors=True)
    figures_before = figure_mtimes(b.clone)
    data = b.run("cold_data", [PYTHON, "-m", "eastwest", "build"])
    pages = b.run("cold_pages", [PYTHON, "-m", "eastwest", "pages"])
    book = b.book("cold_book")
    figures_after = figure_mtimes(b.clone)
    cold = data["seconds"] + pages["seconds"] + book["seconds"]
    steps["cold_build"] = {
        "seconds": round(cold, 2),
        "data_seconds": data["seconds"], "pages_seconds": pages["seconds"], "book_seconds": book["seconds"],
        "ok": data["exit"] == pages["exit"] == book["exit"] == 0,
        "executed": book["executed"],
        "figures_rewritten_in_clone": sum(figures_after.get(k) != v for k, v in figures_before.items()),
    }

    # 2. Warm rebuild, nothing changed.
    warm = b.book("warm_book")
    steps["warm_rebuild"] = {"seconds": warm["seconds"], "ok": warm["exit"] == 0, "executed": warm["executed"]}

    # 3a. Markdown-only edit: the execution cache watches code cells only, so nothing should run.
    touch_notebook(b.clone / TOUCHED, "markdown")
    md = b.book("touch_markdown_book")
    steps["touch_markdown"] = {
        "seconds": md["seconds"], "ok": md["exit"] == 0, "touched": TOUCHED, "executed": md["executed"],
        "expected_executed": [], "only_expected_ran": md["executed"] == [],
    }

    # 3b. Code edit (a comment): only this notebook should re-execute.
    before = cache_records(b.clone)
    touch_notebook(b.clone / TOUCHED, "code")
    code = b.book("touch_code_book")
    after = cache_records(b.clone)
    new_in_cache = sorted(uri for uri, pk in after.items() if before.get(uri) != pk)
    steps["touch_code"] = {
        "seconds": code["seconds"], "ok": code["exit"] == 0, "touched": TOUCHED,
        "executed": code["executed"], "new_cache_records": new_in_cache,
        "expected_executed": [TOUCHED], "only_expected_ran": code["executed"] == [TOUCHED] and new_in_cache == [TOUCHED],
    }

    # 4. Data build alone.
    data_only = b.run("data_build", [PYTHON, "-m", "eastwest", "build"])
    steps["data_build"] = {"seconds": data_only["seconds"], "ok": data_only["exit"] == 0,
                           "summary": data_only["output"].strip().splitlines()[-1:] or []}

    # 5. nbmake over every chapter.
    nbmake = b.run("nbmake", [PYTHON, "-m", "pytest", "--nbmake", "chapters", "-q", "-p", "no:cacheprovider"])
    steps["nbmake"] = {"seconds": nbmake["seconds"], "ok": nbmake["exit"] == 0,
                       "summary": [l for l in nbmake["output"].splitlines() if " passed" in l or " failed" in l][-1:]}

    # 6. Page weights.
    weights = page_weights(b.clone / "_build" / "html")
    heaviest = max(weights, key=lambda r: r["total_bytes"]) if weights else None
    steps["page_weight_max"] = {
        "bytes": heaviest["total_bytes"] if heaviest else None, "page": heaviest["page"] if heaviest else None,
        "pages": weights, "ok": bool(weights) and not any(r["missing_images"] for r in weights),
    }

    # 7. Synthetic corpus.
    synthetic_root = b.work / "synthetic"
    made = make_synthetic(b.clone, synthetic_root, args.articles)
    log = b.logs / "synthetic.log"
    start = time.perf_counter()
    try:
        proc = subprocess.run([PYTHON, "-c", SYNTHETIC_BUILD, synthetic_root], cwd=b.work, env=b.env,
                              capture_output=True, text=True, timeout=SYNTHETIC_TIMEOUT_S)
        log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
        outcome = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 and proc.stdout.strip() else {
            "seconds": None, "report": None, "error": f"exit {proc.returncode}: {proc.stderr.strip()[-2000:]}"}
    except subprocess.TimeoutExpired:
        outcome = {"seconds": None, "report": None,
                   "error": f"did not finish within {SYNTHETIC_TIMEOUT_S} s (wall {time.perf_counter() - start:.0f} s)"}
    report = outcome.get("report") or {}
    steps["synthetic_1000_build"] = {
        "seconds": round(outcome["seconds"], 2) if outcome.get("seconds") is not None else None,
        "ok": outcome.get("error") is None, "error": outcome.get("error"),
        "articles": made["articles"], "annotated_facts": made["annotated_facts"],
        "built_sources": report.get("sources"), "built_facts": report.get("facts"), "built_mentions": report.get("mentions"),
    }

    # 8. Drafting agreement.
    steps["draft_agreement"] = draft_agreement(b)

    # Table.
    mb = lambda n: f"{n / (1024 * 1024):.2f} MB"  # noqa: E731
    rows = [("step", "result", "target", "pass/fail")]

    def add(label: str, step: str, value, shown: str, ok: bool = True) -> None:
        v = verdict(step, value) if step in TARGETS else ""
        if not ok:
            v = "FAILED" if not v else f"{v} (FAILED)"
        steps.get(step, {})["target_met"] = (v == "pass") if step in TARGETS else None
        rows.append((label, shown, target_text(step), v))

    s = steps
    add("1 cold build (data+pages+book)", "cold_build", s["cold_build"]["seconds"],
        f"{s['cold_build']['seconds']:.1f} s (data {s['cold_build']['data_seconds']:.1f}, pages {s['cold_build']['pages_seconds']:.1f}, "
        f"book {s['cold_build']['book_seconds']:.1f}; {len(s['cold_build']['executed'])} notebooks executed)", s["cold_build"]["ok"])
    add("2 warm rebuild, no change", "warm_rebuild", s["warm_rebuild"]["seconds"],
        f"{s['warm_rebuild']['seconds']:.1f} s ({len(s['warm_rebuild']['executed'])} executed)", s["warm_rebuild"]["ok"])
    for key, label in (("touch_markdown", "3a markdown edit in 03_labour"), ("touch_code", "3b code edit in 03_labour")):
        t = s[key]
        ran = ", ".join(Path(p).stem for p in t["executed"]) or "none"
        verdict_text = "pass" if t["only_expected_ran"] else "MISSED"
        if not t["ok"]:
            verdict_text += " (FAILED)"
        t["target_met"] = t["only_expected_ran"]
        expected = ", ".join(Path(p).stem for p in t["expected_executed"]) or "none"
        rows.append((label, f"{t['seconds']:.1f} s; executed: {ran}", f"executes: {expected}", verdict_text))
    add("4 data build alone", "data_build", s["data_build"]["seconds"], f"{s['data_build']['seconds']:.2f} s", s["data_build"]["ok"])
    rows.append(("5 nbmake chapters/", f"{s['nbmake']['seconds']:.1f} s; {' '.join(s['nbmake']['summary']).strip() or 'no summary'}",
                 "", "" if s["nbmake"]["ok"] else "FAILED"))
    pw = s["page_weight_max"]
    add("6 heaviest page + images", "page_weight_max", pw["bytes"],
        f"{mb(pw['bytes'])} ({pw['page']})" if pw["bytes"] is not None else "no pages", pw["ok"])
    sy = s["synthetic_1000_build"]
    add(f"7 synthetic {sy['articles']} articles", "synthetic_1000_build", sy["seconds"],
        (f"{sy['seconds']:.1f} s ({sy['built_facts']} facts, {sy['built_mentions']} mentions)" if sy["seconds"] is not None
         else f"not built: {(sy['error'] or '')[:120]}"), sy["ok"])
    if sy["seconds"] is None:
        rows[-1] = (*rows[-1][:3], "MISSED (FAILED)")
        sy["target_met"] = False
    rows += draft_rows(s["draft_agreement"])

    print()
    print_table(rows)
    print()
    print("page weights (html + images):")
    for r in sorted(pw["pages"], key=lambda r: -r["total_bytes"]):
        print(f"  {r['page']:<45} {r['total_bytes']:>9,d} B  (html {r['html_bytes']:,d}, {r['images']} images {r['image_bytes']:,d})"
              + (f"  missing: {r['missing_images']}" if r["missing_images"] else ""))
    if sy["error"]:
        print(f"\nsynthetic build error: {sy['error']}")
    print()
    print_draft_summary(s["draft_agreement"])
    missed = [r[0] for r in rows[1:] if "MISSED" in r[3] or "FAILED" in r[3]]
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


if __name__ == "__main__":
    sys.exit(main())
