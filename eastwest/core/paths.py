"""Every path the project uses, derived from one project root.

Notebooks, tests and the build import from here instead of spelling out "../data".
`ProjectPaths(root)` lets tests build a copy of the project in a temporary folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
ROOT = PACKAGE_DIR.parent
# Generic line rules for cleaning seeds, kept with the other reference files an analyst edits.
CLEANING_RULES = ROOT / "data" / "reference" / "cleaning_rules.yml"
DRAFT_SUFFIX = ".draft.yml"  # annotations proposed by `python -m eastwest draft`, never read by the build


@dataclass(frozen=True)
class ProjectPaths:
    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def provenance(self) -> Path:
        return self.seeds / "sources.yml"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def clean(self) -> Path:
        return self.data / "clean"

    @property
    def annotations(self) -> Path:
        return self.data / "annotations"

    @property
    def reference(self) -> Path:
        return self.data / "reference"

    @property
    def places_input(self) -> Path:
        return self.reference / "places.yml"

    @property
    def pairings_input(self) -> Path:
        return self.reference / "pairings.yml"

    @property
    def vocabulary(self) -> Path:
        return self.reference / "vocabulary.yml"

    @property
    def indicators(self) -> Path:
        return self.reference / "indicators.yml"

    @property
    def indicators_csv(self) -> Path:
        return self.data / "indicators.csv"

    @property
    def quality_log(self) -> Path:
        return self.data / "quality_log.json"

    @property
    def sources_csv(self) -> Path:
        return self.data / "sources.csv"

    @property
    def facts_csv(self) -> Path:
        return self.data / "facts.csv"

    @property
    def mentions_csv(self) -> Path:
        return self.data / "mentions.csv"

    @property
    def places_csv(self) -> Path:
        return self.data / "places.csv"

    @property
    def pairings_csv(self) -> Path:
        return self.data / "pairings.csv"

    @property
    def build_report(self) -> Path:
        return self.data / "build_report.json"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def chapters(self) -> Path:
        return self.root / "chapters"

    @property
    def source_pages(self) -> Path:
        return self.root / "sources"

    @property
    def html(self) -> Path:
        return self.root / "_build" / "html"

    @property
    def bibliography(self) -> Path:
        return self.root / "references.bib"

    def seed_file(self, source_id: str) -> Path:
        return self.seeds / f"{source_id}.txt"

    def clean_text(self, source_id: str) -> Path:
        return self.clean / f"{source_id}.txt"

    def annotation_file(self, source_id: str) -> Path:
        return self.annotations / f"{source_id}.yml"

    def annotation_draft(self, source_id: str) -> Path:
        """The draft `python -m eastwest draft` writes; the build never reads it."""
        return self.annotations / f"{source_id}{DRAFT_SUFFIX}"

    def annotation_files(self) -> list[Path]:
        """The curated annotation files, drafts (`*.draft.yml`) left out."""
        return sorted(p for p in self.annotations.glob("*.yml") if not p.name.endswith(DRAFT_SUFFIX))


PROJECT = ProjectPaths(ROOT)
DATA_DIR = PROJECT.data
FIGURES_DIR = PROJECT.figures
HTML_DIR = PROJECT.html
