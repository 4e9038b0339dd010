"""The record of the book's independent readings, read from data/review/ for the method page, so
that its account lists every reading the directory holds (a new record joins it on the next build)."""

from __future__ import annotations

from html import escape

from eastwest.core.paths import PROJECT, ProjectPaths


def records(paths: ProjectPaths = PROJECT) -> list[tuple[str, list[str]]]:
    """Each note in data/review/, in file order: its title (the first heading) and its files (the
    note and a table of the same name, if any), as paths relative to data/."""
    review = paths.data / "review"
    found = []
    for note in sorted(review.glob("*.md")):
        title = next(
            (line[2:].strip() for line in note.read_text(encoding="utf-8").splitlines() if line.startswith("# ")), note.stem
        )
        files = [p.relative_to(paths.data).as_posix() for p in (note, note.with_suffix(".csv")) if p.is_file()]
        found.append((title, files))
    return found


def records_html(paths: ProjectPaths = PROJECT, lang: str = "") -> str:
    """The records as a list: each note's title, then its files (`lang`: the language the list is
    marked as, where the page is in another: the notes are English)."""
    items = "".join(
        f"<li>{escape(title)}: " + ", ".join(f"<code>data/{escape(f)}</code>" for f in files) + "</li>"
        for title, files in records(paths)
    )
    marked = f' lang="{escape(lang)}"' if lang else ""
    return f'<ul class="review-records"{marked}>{items}</ul>'
