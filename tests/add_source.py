"""Add an article folder to a copy of the project the way README.md "How to add a source" says.

An article folder holds
  article.txt    the raw seed, byte for byte;
  source.yml     its provenance record (the fields of seeds/sources.yml, one record);
  reference.yml  {places: [...], pairings: [...]}: what data/reference/ may lack for it;
  gold.yml       its annotations, in the format of data/annotations/README.md.
The ids in the folder are placeholders: the article takes the next free source number of the
project it is added to, and its source id, fact id prefixes and pairing start sources follow.

Nothing here touches the real seeds/ or data/: `copy_project` makes the copy and `add_article`
only writes inside the root it is given.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.dataset import builder
from eastwest.draft import article_sets
from eastwest.draft.checklist import Review, review_source
from eastwest.draft.propose import CHECK, write_draft

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The article folder the add-source tests add (development article 102: one Tianjin district's aid to
# its four partner counties, mostly as totals for the four together); point this at another folder
# of the same layout to add that article instead.
ARTICLE_DIR = FIXTURES / "devset" / "102_e7a00e9aa3be38d9"
EXCLUDED_TOP_LEVEL = (".venv", "_build")
SOURCE_NUMBER = re.compile(r"^(\d{3})_[0-9a-f]{16}$")
START_FIELDS = ("start_date", "start_source", "start_quote", "start_flags")


@dataclass(frozen=True)
class Article:
    """An article folder, loaded: the seed's bytes, its record, reference entries and gold."""

    folder: Path
    seed: bytes
    record: dict
    places: list[dict]
    pairings: list[dict]
    gold: dict

    @property
    def source_id(self) -> str:
        return self.record["source_id"]

    @property
    def facts(self) -> list[dict]:
        return list(self.gold.get("facts") or [])

    def dated_pairings(self) -> list[dict]:
        """The pairings whose start sentence is in this article."""
        return [p for p in self.pairings if p.get("start_source") == self.source_id]


def load_article(folder: Path = ARTICLE_DIR) -> Article:
    """The article folder as it is written (placeholder ids), read by the package's reader of the layout."""
    folder_ = article_sets.Article(folder)
    return Article(
        folder,
        (folder / "article.txt").read_bytes(),
        folder_.record(),
        folder_.reference("places"),
        folder_.reference("pairings"),
        folder_.gold(),
    )


def next_source_number(paths: ProjectPaths) -> int:
    """One more than the highest source number among the seeds and provenance records."""
    names = [p.stem for p in paths.seeds.glob("*.txt")]
    names += [r["source_id"] for r in (_load(paths.provenance) or {}).get("sources") or []]
    numbers = [int(m.group(1)) for m in map(SOURCE_NUMBER.match, names) if m]
    return max(numbers, default=-1) + 1


def renumbered(article: Article, number: int) -> Article:
    """The article with the source id `NNN_<16 hex of its sha256>`, and every reference to its
    old id (fact id prefixes, pairing start sources, the gold's source_id) following it."""
    digest = hashlib.sha256(article.seed).hexdigest()
    old, new = article.source_id, f"{number:03d}_{digest[:16]}"
    old_prefix, new_prefix = old.split("_")[0] + "-", f"{number:03d}-"

    def fact_id(value: str) -> str:
        return new_prefix + value[len(old_prefix) :] if value.startswith(old_prefix) else value

    facts = [{**f, "id": fact_id(str(f["id"]))} for f in article.facts]
    pairings = [{**p, "start_source": new} if p.get("start_source") == old else p for p in article.pairings]
    return replace(
        article,
        record={**article.record, "source_id": new, "sha256": digest},
        pairings=pairings,
        gold={**article.gold, "source_id": new, "facts": facts},
    )


def copy_project(dest: Path) -> Path:
    """Copy the project's working tree to `dest` as git sees it: tracked files as they are now, and
    untracked files git does not ignore (a source being added is not committed yet); return `dest`.
    Nothing under .venv/ or _build/, and no tracked file deleted from the working tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT.root,
        check=True,
        capture_output=True,
    ).stdout
    dest.mkdir(parents=True, exist_ok=True)
    for name in dict.fromkeys(filter(None, listed.decode("utf-8").split("\0"))):
        if name.split("/", 1)[0] in EXCLUDED_TOP_LEVEL:
            continue
        source = PROJECT.root / name
        if not source.is_file():
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return dest


@dataclass
class Added:
    """What `add_article` did: the article as added (renumbered) and `check`'s view at each step."""

    article: Article
    before_annotations: Review
    draft: dict
    draft_as_curated: Review
    empty: builder.SourceBuild
    before_start_quote: Review
    done: Review

    @property
    def source_id(self) -> str:
        return self.article.source_id


def add_article(root: Path, folder: Path = ARTICLE_DIR) -> Added:
    """Add the article folder to the project copy at `root` by README.md's steps:

    1. the raw seed into seeds/ under the next free number; 2. its provenance record; the places
    and pairings data/reference/ lacks, a pairing's start sentence left for later;
    3. `make draft`; 4. the draft saved as the curated file (what `check` then lists), an empty
    annotation file (every mention unaccounted), then the gold as the curated file with the draft
    beside it and the pairings' start sentences filled in from the clean text: `check` says OK,
    and the draft is deleted.
    """
    paths = ProjectPaths(Path(root))
    article = renumbered(load_article(folder), next_source_number(paths))
    source_id = article.source_id

    paths.seed_file(source_id).write_bytes(article.seed)
    _append(paths.provenance, "sources", [article.record])
    known_places = {p["id"] for p in _load(paths.places_input)["places"]}
    _append(paths.places_input, "places", [p for p in article.places if p["id"] not in known_places])
    known_pairings = {p["id"] for p in _load(paths.pairings_input)["pairings"]}
    new_pairings = [p for p in article.pairings if p["id"] not in known_pairings]
    # Until the clean text exists, a pairing this article dates names the article and waits for its quote.
    _append(paths.pairings_input, "pairings", [{**p, **_start_pending(p, source_id)} for p in new_pairings])
    before_annotations = review_source(source_id, paths)

    draft_path, draft = write_draft(source_id, paths)
    assert paths.clean_text(source_id).exists(), f"{source_id}: `draft` wrote no clean text"
    shutil.copyfile(draft_path, paths.annotation_file(source_id))
    draft_as_curated = review_source(source_id, paths)

    _dump({"source_id": source_id, "facts": [], "exclusions": []}, paths.annotation_file(source_id))
    empty = check_source(paths, source_id)

    _dump(article.gold, paths.annotation_file(source_id))
    before_start_quote = review_source(source_id, paths)
    _set_starts(paths, [p for p in new_pairings if p.get("start_source") == source_id])
    done = review_source(source_id, paths)
    draft_path.unlink()
    return Added(article, before_annotations, draft, draft_as_curated, empty, before_start_quote, done)


def _start_pending(pairing: dict, source_id: str) -> dict:
    if pairing.get("start_source") != source_id:
        return {}
    return {"start_date": None, "start_source": source_id, "start_quote": None, "start_flags": []}


def _set_starts(paths: ProjectPaths, pairings: list[dict]) -> None:
    """Fill in each pairing's start fields as the article folder gives them."""
    by_id = {p["id"]: p for p in pairings}
    doc = _load(paths.pairings_input)
    doc["pairings"] = [
        {**p, **{k: by_id[p["id"]].get(k) for k in START_FIELDS}} if p["id"] in by_id else p for p in doc["pairings"]
    ]
    _dump(doc, paths.pairings_input)


def check_source(paths: ProjectPaths, source_id: str) -> builder.SourceBuild:
    """The source's build as `check` sees it: its problems in `.errors`, its mentions in `.mentions`."""
    _, _, _, builds = builder.collect(paths, only=source_id)
    assert source_id in builds, f"unknown source id {source_id!r}"
    return builds[source_id]


def drafted_notes(draft: dict) -> list[str]:
    """The ids of the draft's facts that carry a `check:` note."""
    return [str(f["id"]) for f in draft["facts"] if CHECK in f]


def run_make(root: Path, *targets: str, env: dict[str, str] | None = None, timeout: float = 1800) -> str:
    """`make <targets>` in the project copy at `root`, with this .venv and the copy's own package in every
    kernel; return its log (the test fails with the log's end if the build fails). The build runs in a
    session of its own whose log goes to a file, not a pipe: when make ends (or times out) whatever it
    left running is stopped, and cannot keep the test waiting for the end of the log."""
    import signal
    import tempfile

    venv = Path(sys.executable).parent.parent
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        process = subprocess.Popen(
            ["make", "--no-print-directory", *targets, f"VENV={venv}", "-o", f"{venv}/.installed"],
            cwd=root,
            env=dict(os.environ, PYTHONPATH=str(root), **(env or {})),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            returncode: int | None = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            returncode = None
        finally:
            with contextlib.suppress(ProcessLookupError):  # nothing of it is left
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.seek(0)
        text = log.read()
    assert returncode is not None, f"make {' '.join(targets)} did not end within {timeout:.0f} s:\n{text[-6000:]}"
    assert returncode == 0, text[-8000:]
    return text


def make_book(root: Path) -> str:
    """`make book` (the site alone, PDF=0) in the project copy at `root`; its log."""
    return run_make(root, "book", "PDF=0")


def _append(path: Path, key: str, entries: list[dict]) -> None:
    """Append entries to the `key` list of the YAML file at `path` (load, append, dump)."""
    doc = _load(path)
    doc[key] = list(doc.get(key) or []) + entries
    _dump(doc, path)


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(doc, path: Path) -> None:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def register_text(
    paths: ProjectPaths,
    text: str,
    pairings: list[str],
    published: str | None = "2020-10-15",
    prefix: str = "900",
    undated_estimate: str = "2019-06",
) -> str:
    """Append `text` to a project copy as a new source (seed + provenance record) covering `pairings`,
    dated `published` (None: undated, estimated `undated_estimate`); return its id. For tests that
    draft a short text of their own, with no annotations."""
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    source_id = f"{prefix}_{digest[:16]}"
    paths.seed_file(source_id).write_bytes(data)
    provenance = yaml.safe_load(paths.provenance.read_text(encoding="utf-8"))
    provenance["sources"].append(
        {
            "source_id": source_id,
            "sha256": digest,
            "title_zh": None,
            "title_en": "Test article",
            "outlet": "test",
            "author": None,
            "published": published,
            "date_status": "as_given" if published else "undated",
            "date_evidence": "written for the tests",
            "date_estimate": published or undated_estimate,
            "url": None,
            "url_kind": "none",
            "genre": "news_report",
            "script": "simplified",
            "language": "zh",
            "pairings": list(pairings),
            "reliability": "test",
        }
    )
    paths.provenance.write_text(yaml.safe_dump(provenance, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return source_id
