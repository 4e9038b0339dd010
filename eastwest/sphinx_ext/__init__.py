from __future__ import annotations

from pathlib import Path


def project_root(srcdir) -> Path:
    """The project folder (the one holding data/) for a book's source folder: the English book's is
    the project itself, the Chinese book's (zh/) lies inside it."""
    start = Path(srcdir).resolve()
    for folder in (start, *start.parents):
        if (folder / "data" / "reference").is_dir():
            return folder
    return start
