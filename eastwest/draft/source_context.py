"""What drafting knows of one source beyond its text: its record, pairings and the article's date."""

from __future__ import annotations

from dataclasses import dataclass

from eastwest.core.errors import DataError
from eastwest.core.paths import ProjectPaths
from eastwest.core.yamlio import load_yaml
from eastwest.reference.vocabulary import Vocabulary
from eastwest.sources.cleaning import CleanResult, clean_seed
from eastwest.sources.provenance import SourceRecord, check_pairings_defined, read_seed


@dataclass
class SourceContext:
    """One source as drafting reads it: its record, clean text, pairings and the article's date."""

    record: SourceRecord
    clean: CleanResult
    vocab: Vocabulary
    pairings: list[dict]
    article: str
    article_ym: tuple[int, int]
    article_estimated: bool

    @property
    def pairing_start(self) -> str:
        starts = {str(p.get("start_date") or "")[:7] for p in self.pairings}
        return starts.pop() if len(starts) == 1 else ""

    def start_for(self, east: str | list | None, west: str | list | None) -> str:
        """The start (YYYY-MM) of the pairing of these places, or else of the source's only pairing
        (several places on one side: the start the source's pairings share, if they share one)."""
        if isinstance(east, list) or isinstance(west, list):
            return self.pairing_start
        pairing = self.pairing_for(east, west)
        return str(pairing.get("start_date") or "")[:7] if pairing else self.pairing_start

    def pairing_for(self, east: str | None, west: str | None) -> dict | None:
        def family(place_id):
            out = set()
            while place_id:
                out.add(place_id)
                place_id = self.vocab.places.get(place_id, {}).get("parent")
            return out

        candidates = [
            pr
            for pr in self.pairings
            if (east is None or pr["east"] in family(east)) and (west is None or pr["west"] in family(west))
        ]
        if len(candidates) == 1 or (candidates and not (east or west) and len(self.pairings) == 1):
            return candidates[0]
        return None


def clean_source(record: SourceRecord, paths: ProjectPaths) -> CleanResult:
    """Clean one seed in memory with the build's cleaning (nothing is written)."""
    seed = paths.seed_file(record.source_id)
    if not seed.exists():
        raise DataError(f"{seed}: no seed file for source {record.source_id}")
    return clean_seed(read_seed(seed), record, seed)


def source_context(record: SourceRecord, clean: CleanResult, vocab: Vocabulary, paths: ProjectPaths) -> SourceContext:
    raw = load_yaml(paths.pairings_input) or {}
    by_id = {p["id"]: p for p in raw.get("pairings", [])}
    check_pairings_defined(record, set(by_id), paths)
    pairings = [by_id[p] for p in record.pairings]
    article, ym, estimated = _article_date(record)
    return SourceContext(record, clean, vocab, pairings, article, ym, estimated)


def _article_date(record: SourceRecord) -> tuple[str, tuple[int, int], bool]:
    """The article's date as YYYY-MM, (year, month), and whether it is an estimate."""
    estimated = not record.published or record.date_status in ("undated", "estimated", "repost_date")
    raw = (record.date_estimate or record.published) if estimated else (record.published or record.date_estimate)
    if not raw:
        return "", (0, 0), True
    first = raw.split("/")[0]
    parts = first.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 12
    return f"{year}-{month:02d}" if len(parts) > 1 else str(year), (year, month), estimated
