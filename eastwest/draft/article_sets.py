"""Sets of articles with their gold annotations, kept outside the book (development and held-out sets).

A set is a folder of article folders, each self-contained:

    <set>/<source_id>/article.txt    the raw article as received (site furniture included)
    <set>/<source_id>/source.yml     its one provenance record (the fields of seeds/sources.yml)
    <set>/<source_id>/reference.yml  {places: [...], pairings: [...]} it needs beyond data/reference/
    <set>/<source_id>/gold.yml       the hand-made annotations (the format of data/annotations/)

`overlay_project` copies the project's inputs into a scratch root and adds the articles there as if
an analyst had added them by the README's steps, so the draft can be measured on them (and tests can
add one) without touching the book.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from eastwest.core.errors import DataError
from eastwest.core.paths import ProjectPaths
from eastwest.core.yamlio import load_yaml

ARTICLE_FILES = ("article.txt", "source.yml", "reference.yml", "gold.yml")
# Input files an article extends: file -> the list in it that the article's entries are appended to.
EXTENDED = (
    ("seeds/sources.yml", "sources"),
    ("data/reference/places.yml", "places"),
    ("data/reference/pairings.yml", "pairings"),
)
# What else the draft reads from a project root besides its inputs.
ALSO_COPIED = ("glossary.md",)


@dataclass(frozen=True)
class Article:
    """One article folder of a set."""

    folder: Path

    @property
    def source_id(self) -> str:
        return self.folder.name

    def record(self) -> dict:
        doc = load_yaml(self.folder / "source.yml")
        record = doc[0] if isinstance(doc, list) else (doc.get("sources", [doc])[0] if isinstance(doc, dict) else None)
        if not isinstance(record, dict) or record.get("source_id") != self.source_id:
            raise DataError(f"{self.folder / 'source.yml'}: expected one record with source_id {self.source_id}")
        return record

    def reference(self, key: str) -> list:
        path = self.folder / "reference.yml"
        doc = (load_yaml(path) or {}) if path.exists() else {}
        return list(doc.get(key) or [])

    def gold(self) -> dict:
        return load_yaml(self.folder / "gold.yml") or {}


def articles(set_dir: Path) -> list[Article]:
    """The article folders of a set, in source-id order; a folder missing a file is an error."""
    if not set_dir.is_dir():
        raise DataError(f"{set_dir}: no such folder of articles")
    found = []
    for folder in sorted(p for p in set_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        missing = [name for name in ARTICLE_FILES if not (folder / name).exists()]
        if missing:
            raise DataError(f"{folder}: article folder lacks {', '.join(missing)}")
        found.append(Article(folder))
    return found


def overlay_project(project: ProjectPaths, added: list[Article], root: Path, with_annotations: bool = True) -> ProjectPaths:
    """A scratch copy of `project`'s inputs at `root` with `added` registered as new sources.

    The project's own curated annotations are copied only when `with_annotations`; the articles'
    gold files become their curated annotations. Places and pairings the project already defines
    identically are not added twice; a conflicting definition is an error.
    """
    shutil.copytree(project.seeds, root / "seeds")
    shutil.copytree(project.reference, root / "data" / "reference")
    annotations = root / "data" / "annotations"
    if with_annotations:
        shutil.copytree(project.annotations, annotations, ignore=shutil.ignore_patterns("*.draft.yml"))
    else:
        annotations.mkdir(parents=True)
    for name in ALSO_COPIED:
        if (project.root / name).exists():
            shutil.copyfile(project.root / name, root / name)
    for name, key in EXTENDED:
        path = root / name
        doc = load_yaml(path) or {}
        entries = list(doc.get(key) or [])
        by_id = {e.get("source_id") or e.get("id"): e for e in entries}
        for article in added:
            new = [article.record()] if key == "sources" else article.reference(key)
            for entry in new:
                entry_id = entry.get("source_id") or entry.get("id")
                if entry_id in by_id:
                    if by_id[entry_id] != entry:
                        raise DataError(f"{article.folder}: {key} entry {entry_id!r} differs from the one already in {name}")
                    continue
                by_id[entry_id] = entry
                entries.append(entry)
        doc[key] = entries
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for article in added:
        shutil.copyfile(article.folder / "article.txt", root / "seeds" / f"{article.source_id}.txt")
        shutil.copyfile(article.folder / "gold.yml", annotations / f"{article.source_id}.yml")
    return ProjectPaths(root)
