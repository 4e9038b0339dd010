"""Step 8, the drafting agreement: run bench/probes/draft_agreement.py in the clone, write
bench/draft_agreement.md (which the method page includes), and turn the result into table rows."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

from settings import DRAFT_AGREEMENT_MD, DRAFT_TIMEOUT_S, PROJECT
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
    return {"ok": True, "seconds": round(time.perf_counter() - start, 2), "date": date, **out}


def draft_rows(d: dict[str, Any]) -> list[Row]:
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


def print_draft_summary(d: dict[str, Any]) -> None:
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
