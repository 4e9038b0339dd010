"""Step 8, the drafting agreement: run bench/probes/draft_agreement.py in the clone, write
bench/draft_agreement.md and bench/draft_agreement_zh.md (which the method pages include), and turn
the result into table rows."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

from settings import DRAFT_AGREEMENT_MD, DRAFT_AGREEMENT_ZH_MD, DRAFT_TIMEOUT_S, PROJECT
from timing import Bench

Row = tuple[str, str, str, str]


def draft_agreement(b: Bench) -> dict[str, Any]:
    """Step 8, in the clone: the drafted annotations against the curated ones."""
    date = dt.date.today().isoformat()
    start = time.perf_counter()
    proc = b.probe("draft_agreement.py", [b.clone, date], timeout=DRAFT_TIMEOUT_S)
    (b.logs / "draft_agreement.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"ok": False, "error": proc.stderr.strip()[-2000:], "seconds": round(time.perf_counter() - start, 2)}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    DRAFT_AGREEMENT_MD.write_text(out.pop("markdown"), encoding="utf-8")
    DRAFT_AGREEMENT_ZH_MD.write_text(out.pop("markdown_zh"), encoding="utf-8")  # the Chinese method page's
    return {"ok": True, "seconds": round(time.perf_counter() - start, 2), "date": date, **out}


def draft_rows(d: dict[str, Any]) -> list[Row]:
    """Table rows for step 8: each measured field against its target, on each article set (the
    target is judged on the sets the rules were not written from: held-out if measured, else development)."""
    if not d.get("ok"):
        return [("8 drafting agreement", f"not measured: {(d.get('error') or '')[:120]}", "", "FAILED")]
    by_set = d["by_set"]
    judged = next(by_set[name] for name in ("Held-out", "Development", "Seeds") if name in by_set)
    rows = []
    for field, target in judged["targets_percent"].items():
        share = judged["shares_percent"][field]
        d.setdefault("target_met", {})[field] = share >= target
        shown = ", ".join(f"{name} {r['shares_percent'][field]:.1f} %" for name, r in by_set.items())
        rows.append((f"8 draft agreement: {field}", shown, f">= {target:g} %", "pass" if share >= target else "MISSED"))
    unverbatim = sum(r["proposals_not_verbatim"] for r in by_set.values())
    rows.append(("8 draft: quotes not verbatim", str(unverbatim), "0", "pass" if unverbatim == 0 else "MISSED"))
    return rows


def print_draft_summary(d: dict[str, Any]) -> None:
    if not d.get("ok"):
        return
    for name, c in d["by_set"].items():
        print(
            f"drafting, {name} ({c['sources']} articles): {c['curated_facts_with_number']} curated facts with a number, "
            f"{c['curated_facts_matched']} proposed at the same place; {c['proposed_facts']} facts proposed, "
            f"{c['proposals_not_curated_facts']} not curated facts, {c['proposals_passing_build_checks']} pass the build's fact checks"
        )
    print(f"drafting took {d['seconds']:.1f} s; wrote {DRAFT_AGREEMENT_MD.relative_to(PROJECT)}")
