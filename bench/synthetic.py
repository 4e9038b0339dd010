"""The synthetic corpus: the project's 5 seeds replicated to n articles under new ids (step 7 builds
its data, step 9 the whole book), and step 7 itself."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from settings import SYNTHETIC_TIMEOUT_S
from timing import Bench


def make_synthetic(clone: Path, dest: Path, n: int) -> dict[str, int]:
    """A copy of the project's inputs with the 5 seeds replicated to n articles under new ids.

    Copy 0 keeps the original ids (reference/pairings.yml quotes from them); every other copy gets
    the id NNN_<16 hex> with a fresh 3-digit prefix, the original's bytes (so its sha256 holds), a
    provenance record and an annotation file whose fact ids carry the new prefix."""
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
        records.append(replicate(dest, k, original, annotations[original["source_id"]], fresh))
    provenance_path.write_text(yaml.safe_dump({"sources": records}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    facts = sum(len(annotations[originals[k % len(originals)]["source_id"]].get("facts") or []) for k in range(len(records)))
    return {"articles": len(records), "annotated_facts": facts}


def replicate(dest: Path, k: int, original: dict[str, Any], annotation: dict[str, Any], fresh: Iterator[str]) -> dict[str, Any]:
    """Copy k of an original source under a new id: its seed text and annotations written under `dest`;
    return its provenance record."""
    old_id, old_prefix = original["source_id"], original["source_id"].split("_")[0]
    prefix = next(fresh)
    new_id = f"{prefix}_{hashlib.sha256(f'synthetic-{k}-{old_id}'.encode()).hexdigest()[:16]}"
    shutil.copyfile(dest / "seeds" / f"{old_id}.txt", dest / "seeds" / f"{new_id}.txt")
    ann = dict(annotation)
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
    return {**original, "source_id": new_id}


def synthetic_book(clone: Path, dest: Path, n: int) -> dict[str, int]:
    """A whole copy of the project (for `make book`) whose sources are the synthetic corpus of n articles."""
    shutil.copytree(clone, dest, ignore=shutil.ignore_patterns(".git", "_build"))
    for folder in ("seeds", "data/reference", "data/annotations"):
        shutil.rmtree(dest / folder)
    return make_synthetic(clone, dest, n)


def synthetic_build(b: Bench, articles: int) -> dict[str, Any]:
    """Step 7: the data build (eastwest.dataset.builder.build) of a synthetic corpus of `articles`, timed
    inside bench/probes/synthetic_build.py so the interpreter's start-up is not counted."""
    synthetic_root = b.work / "synthetic"
    made = make_synthetic(b.clone, synthetic_root, articles)
    outcome = run_synthetic_probe(b, synthetic_root)
    shutil.rmtree(synthetic_root, ignore_errors=True)
    report = outcome.get("report") or {}
    return {
        "seconds": round(outcome["seconds"], 2) if outcome.get("seconds") is not None else None,
        "ok": outcome.get("error") is None,
        "error": outcome.get("error"),
        "articles": made["articles"],
        "annotated_facts": made["annotated_facts"],
        "built_sources": report.get("sources"),
        "built_facts": report.get("facts"),
        "built_mentions": report.get("mentions"),
    }


def run_synthetic_probe(b: Bench, root: Path) -> dict[str, Any]:
    """The probe's JSON line, or seconds None and the error if it failed or ran out of time."""
    start = time.perf_counter()
    try:
        proc = b.probe("synthetic_build.py", [root], timeout=SYNTHETIC_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return {
            "seconds": None,
            "report": None,
            "error": f"did not finish within {SYNTHETIC_TIMEOUT_S} s (wall {time.perf_counter() - start:.0f} s)",
        }
    (b.logs / "synthetic.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if proc.returncode == 0 and proc.stdout.strip():
        outcome: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        return outcome
    return {"seconds": None, "report": None, "error": f"exit {proc.returncode}: {proc.stderr.strip()[-2000:]}"}
