"""The results table: each step's result against its target (pass / MISSED / FAILED), and the
details printed under it (page weights, the synthetic build's error, the scaling points)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafting import Row, draft_rows
from settings import TARGETS

HEADER: Row = ("step", "result", "target", "pass/fail")


def mb(n: float) -> str:
    return f"{n / (1024 * 1024):.2f} MB"


def verdict(step: str, value: float | None) -> str:
    if step not in TARGETS or value is None:
        return ""
    return "pass" if value <= TARGETS[step][0] else "MISSED"


def target_text(step: str) -> str:
    if step not in TARGETS:
        return ""
    limit, unit = TARGETS[step]
    if unit == "bytes":
        return f"<= {limit / (1024 * 1024):.1f} MB"
    if unit == "B":
        return f"<= {limit / 1e6:g} MB"
    return f"<= {limit:g}×" if unit == "x" else f"<= {limit:g} s"


def print_table(rows: list[Row]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            print(line)


class Table:
    """The table's rows, header first; `add` judges a value against its step's target and records
    the verdict in the step's results (`target_met`)."""

    def __init__(self) -> None:
        self.rows: list[Row] = [HEADER]

    def add(self, label: str, step: str, value: Any, shown: str, ok: bool = True, record: dict[str, Any] | None = None) -> None:
        v = verdict(step, value) if step in TARGETS else ""
        if not ok:
            v = "FAILED" if not v else f"{v} (FAILED)"
        if record is not None:
            record["target_met"] = v == "pass"
        self.rows.append((label, shown, target_text(step), v))


def result_rows(s: dict[str, Any]) -> list[Row]:
    """The whole table for the steps' results (the results gain their `target_met` verdicts)."""
    table = Table()
    build_rows(table, s)
    data_rows(table, s)
    table.rows += draft_rows(s["draft_agreement"])
    if "scaling" in s:
        scaling_rows(table, s["scaling"])
    return table.rows


def build_rows(table: Table, s: dict[str, Any]) -> None:
    """Steps 1–3: cold and warm builds against the sample book, and the rebuilds after an edit."""
    cold_warm_rows(table, s)
    rebuild_rows(table, s)


def cold_warm_rows(table: Table, s: dict[str, Any]) -> None:
    """Steps 1 and 2: cold and warm builds against the sample book's."""
    c, w = s["cold_build"], s["warm_rebuild"]
    table.add(
        "1 cold build (make book, no _build)",
        "cold_ratio",
        c["ratio"],
        f"{c['ratio']}× the sample book: {c['seconds']:.1f} s vs {c['sample_seconds']:.1f} s "
        f"(medians of {len(c['runs'])}; data+pages+{len(c['executed'])} notebooks {c['data_pages_notebooks_seconds']} s, "
        f"Sphinx {c['sphinx_seconds']} s)",
        c["ok"],
        record=c,
    )
    table.add(
        "2 warm rebuild, nothing changed",
        "warm_ratio",
        w["ratio"],
        f"{w['ratio']}× the sample book: {w['seconds']:.2f} s vs {w['sample_seconds']:.2f} s "
        f"({len(w['executed'])} executed, Sphinx {'ran' if w['sphinx_ran'] else 'not run'})",
        w["ok"],
        record=w,
    )


def rebuild_rows(table: Table, s: dict[str, Any]) -> None:
    """Steps 3a–3c: the rebuilds after an edit or a new source."""
    c = s["cold_build"]
    for key, label in (("touch_markdown", "3a markdown edit in 03_labour"), ("touch_code", "3b code edit in 03_labour")):
        t = s[key]
        ran = ", ".join(Path(p).stem for p in t["executed"]) or "none"
        verdict_text = "pass" if t["only_expected_ran"] else "MISSED"
        if not t["ok"]:
            verdict_text += " (FAILED)"
        t["target_met"] = t["only_expected_ran"]
        expected = ", ".join(Path(p).stem for p in t["expected_executed"]) or "none"
        table.rows.append((label, f"{t['seconds']:.1f} s; executed: {ran}", f"executes: {expected}", verdict_text))
    a = s["add_source"]
    if a.get("seconds") is not None:
        ratio = round(a["seconds"] / c["sample_seconds"], 2) if c["sample_seconds"] else None
        a["ratio_to_sample_cold"] = ratio
        shown = f"{a['seconds']:.1f} s ({ratio}× the sample's cold build; {len(a['executed'])} notebooks executed)"
        table.rows.append(("3c rebuild after adding a source", shown, "", "" if a["ok"] else "FAILED"))
    else:
        table.rows.append(("3c rebuild after adding a source", f"not measured: {(a.get('error') or '')[:120]}", "", "FAILED"))


def data_rows(table: Table, s: dict[str, Any]) -> None:
    """Steps 4–7: data build, nbmake, page weights, synthetic corpus."""
    d = s["data_build"]
    table.add("4 data build alone", "data_build", d["seconds"], f"{d['seconds']:.2f} s", d["ok"], record=d)
    nb = s["nbmake"]
    shown = f"{nb['seconds']:.1f} s; {' '.join(nb['summary']).strip() or 'no summary'}"
    table.rows.append(("5 nbmake chapters/", shown, "", "" if nb["ok"] else "FAILED"))
    pw = s["page_weight_max"]
    table.add(
        "6 heaviest page + images + data",
        "page_weight_max",
        pw["bytes"],
        f"{mb(pw['bytes'])} ({pw['page']})" if pw["bytes"] is not None else "no pages",
        pw["ok"],
        record=pw,
    )
    page_rows(table, s)
    sy = s["synthetic_1000_build"]
    table.add(
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
        table.rows[-1] = (*table.rows[-1][:3], "MISSED (FAILED)")
        sy["target_met"] = False


def page_rows(table: Table, s: dict[str, Any]) -> None:
    """Steps 6b and 10: the heaviest page before images, and the slowest first content on a phone."""
    pages = s.get("page_weight_max", {}).get("pages", [])
    if pages and "before_images_bytes" in pages[0]:
        top = max(pages, key=lambda r: r["before_images_bytes"])
        shown = (
            f"{top['before_images_bytes'] / 1e6:.2f} MB, {top['before_images_gzip_bytes'] / 1e6:.2f} MB gzipped ({top['page']})"
        )
        table.add("6b heaviest page before images", "before_images_max", top["before_images_bytes"], shown)
    fc = s.get("first_content")
    if fc is not None:
        slowest = fc["slowest_ms"] / 1000 if fc["slowest_ms"] is not None else None
        shown = f"{slowest:.2f} s ({fc['slowest_page']}; {len(fc['pages'])} page kinds)" if slowest is not None else fc["error"]
        table.add("10 first content, slow-4G phone", "first_content_max", slowest, shown, fc["ok"], record=fc)


def print_first_content(fc: dict[str, Any] | None) -> None:
    if not fc or not fc["pages"]:
        return
    print(f"first content on a phone ({fc['conditions']}; median of {fc['runs']} first visits):")
    for r in fc["pages"]:
        shown = f"{r['fcp_ms']} ms" if r["fcp_ms"] is not None else "no paint"
        print(
            f"  {r['kind']:<24} {r['page']:<44} {shown:>9}  {r['transferred_bytes'] / 1024:.0f} KB sent"
            + ("" if r["ok"] else "  MISSED")
        )


def scaling_rows(table: Table, sc: dict[str, Any]) -> None:
    """Step 9: one row per size, then the growth and the largest page against their targets."""
    for point in sc["points"]:
        per = f", +{point['seconds_per_added_source']} s per added source" if "seconds_per_added_source" in point else ""
        warned = len(point["sphinx_warnings"])
        shown = (
            f"{point['seconds']:.1f} s{per}; largest page {mb(point['largest_page_bytes'])} ({point['largest_page']})"
            + (f"; completes with {warned} Sphinx warning(s), so -W fails" if not point["ok"] else "")
            if point["measured"]
            else f"failed after {point['seconds']:.0f} s (exit {point['exit']})"
        )
        label = f"9 book with {point['sources']} sources ({point['facts']} facts)"
        table.rows.append((label, shown, "", "" if point["ok"] else ("WARNINGS" if point["measured"] else "FAILED")))
    table.add(
        "9 growth: s per source, last step / first",
        "scaling_growth",
        sc["growth"],
        f"{sc['growth']}× (1 = linear)" if sc["growth"] is not None else "not measured",
        sc["ok"],
    )
    table.add(
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


def print_page_weights(pages: list[dict[str, Any]]) -> None:
    print("page weights (html + images + page data):")
    for r in sorted(pages, key=lambda r: -r["total_bytes"])[:15]:
        print(
            f"  {r['page']:<45} {r['total_bytes']:>9,d} B  (html {r['html_bytes']:,d}, {r['images']} images {r['image_bytes']:,d}"
            + (f", data {r['data_script_bytes']:,d}" if r["data_script_bytes"] else "")
            + ")"
            + (f"  missing: {r['missing_images']}" if r["missing_images"] else "")
        )
    print("before images (page, stylesheets, scripts; uncompressed / gzipped), the heaviest:")
    for r in sorted(pages, key=lambda r: -r.get("before_images_bytes", 0))[:10]:
        if "before_images_bytes" in r:
            print(f"  {r['page']:<45} {r['before_images_bytes']:>9,d} B / {r['before_images_gzip_bytes']:>8,d} B gzipped")


def print_scaling_details(points: list[dict[str, Any]]) -> None:
    for point in points:
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


def missed_steps(rows: list[Row]) -> list[str]:
    """The labels of the rows that missed a target, failed, or warned."""
    return [r[0] for r in rows[1:] if "MISSED" in r[3] or "FAILED" in r[3] or "WARNINGS" in r[3]]
