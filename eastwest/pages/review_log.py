"""The record of the book's independent readings, read from data/review/ for the method page, so
that its account lists every reading the directory holds (a new record joins it on the next build)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.yamlio import load_yaml


def records(paths: ProjectPaths = PROJECT) -> list[tuple[str, list[str]]]:
    """Each note in data/review/, in file order: its title (the first heading) and its files (the
    note, a table of the same name, if any, and any other table the note names), as paths relative
    to data/. A table no note names is listed on its own, by its file name."""
    review = paths.data / "review"
    found = []
    tables = sorted(review.glob("*.csv"))
    claimed: set[Path] = set()
    for note in sorted(review.glob("*.md")):
        text = note.read_text(encoding="utf-8")
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), note.stem)
        own = [p for p in (note.with_suffix(".csv"),) if p.is_file()]
        named = [t for t in tables if t not in own and not t.with_suffix(".md").is_file() and t.name in text]
        files = [note, *own, *[t for t in named if t not in claimed]]
        claimed.update(files)
        found.append((title, [p.relative_to(paths.data).as_posix() for p in files]))
    found += [(t.stem, [t.relative_to(paths.data).as_posix()]) for t in tables if t not in claimed]
    return found


def titles_zh(paths: ProjectPaths = PROJECT) -> dict[str, str]:
    """Each note's Chinese title (data/review/titles_zh.yml), by file name."""
    path = paths.data / "review" / "titles_zh.yml"
    found = load_yaml(path) if path.is_file() else {}
    if not isinstance(found, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in found.items()):
        raise DataError(f"{path}: expected a mapping of note file names to Chinese titles")
    return found


def records_html(paths: ProjectPaths = PROJECT, lang: str = "") -> str:
    """The records as a list: each note's title, then its files. In Chinese (`lang` "zh") a note is
    named by its Chinese title where titles_zh.yml has one, else by its English title, marked so."""
    chinese = titles_zh(paths) if lang == "zh" else {}
    listed = records(paths)
    if chinese:  # in the order the Chinese titles are listed (the readings' order), the rest after
        order = {name: i for i, name in enumerate(chinese)}
        listed.sort(key=lambda record: order.get(record[1][0].rsplit("/", 1)[-1], len(order)))

    def title_html(title: str, files: list[str]) -> str:
        zh = chinese.get(files[0].rsplit("/", 1)[-1], "")
        if zh:
            return escape(zh)
        return f'<span lang="en">{escape(title)}</span>' if lang == "zh" else escape(title)

    colon, comma = ("：", "、") if lang == "zh" else (": ", ", ")
    items = "".join(
        f"<li>{title_html(title, files)}{colon}" + comma.join(f"<code>data/{escape(f)}</code>" for f in files) + "</li>"
        for title, files in listed
    )
    return f'<ul class="review-records">{items}</ul>'
