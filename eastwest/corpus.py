"""Clean every seed named in the provenance records into data/clean/ and the quality log."""
from __future__ import annotations

from .cleaning import CleanResult, clean_seed
from .io import write_json, write_text
from .paths import PROJECT, ProjectPaths
from .provenance import SourceRecord, check_seeds_match_records, load_records, read_seed


def clean_corpus(paths: ProjectPaths = PROJECT) -> tuple[list[SourceRecord], dict[str, CleanResult]]:
    records = load_records(paths)
    check_seeds_match_records(records, paths)
    results = {}
    for record in records:
        seed_path = paths.seed_file(record.source_id)
        results[record.source_id] = clean_seed(read_seed(seed_path), record, seed_path)
    paths.clean.mkdir(parents=True, exist_ok=True)
    expected = {paths.clean_text(sid).name for sid in results}
    for stale in paths.clean.glob("*.txt"):
        if stale.name not in expected:
            stale.unlink()
    for sid, result in results.items():
        write_text(paths.clean_text(sid), result.text)
    return records, results


def write_quality_log(results: dict[str, CleanResult], extra: dict[str, dict], paths: ProjectPaths = PROJECT) -> None:
    log = {sid: {**res.log(), **extra.get(sid, {})} for sid, res in sorted(results.items())}
    write_json(paths.quality_log, log)
