"""Clean every seed named in the provenance records (in memory; the build publishes the texts)."""
from __future__ import annotations

from pathlib import Path

from eastwest.sources.cleaning import CleanResult, clean_seed
from eastwest.core.files import json_text
from eastwest.core.inputs import refuse_links
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.sources.provenance import SourceRecord, check_seeds_match_records, load_records, read_seed


def clean_corpus(paths: ProjectPaths = PROJECT) -> tuple[list[SourceRecord], dict[str, CleanResult]]:
    refuse_links(paths.seeds, paths.data)  # the build and drafting read only regular files in the project
    records = load_records(paths)
    check_seeds_match_records(records, paths)
    results = {}
    for record in records:
        seed_path = paths.seed_file(record.source_id)
        results[record.source_id] = clean_seed(read_seed(seed_path), record, seed_path)
    return records, results


def clean_text_outputs(results: dict[str, CleanResult], paths: ProjectPaths = PROJECT) -> tuple[dict[Path, str], list[Path]]:
    """The clean texts to publish, and the stale ones (of sources no longer in the records) to delete."""
    outputs = {paths.clean_text(sid): result.text for sid, result in results.items()}
    stale = [p for p in paths.clean.glob("*.txt") if p not in outputs] if paths.clean.exists() else []
    return outputs, stale


def quality_log_text(results: dict[str, CleanResult], extra: dict[str, dict]) -> str:
    return json_text({sid: {**res.log(), **extra.get(sid, {})} for sid, res in sorted(results.items())})
