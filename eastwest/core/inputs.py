"""Only regular files inside the project are read or published.

A symbolic link under seeds/ or data/ would let the build read, and the data page copy into the
site's downloads and its zip, a file from anywhere on the machine (a key, another project's data),
and would make a seed's checksum vouch for whatever the link points at today. Such links, and
anything that is not a regular file or folder (a pipe, a device), are refused with their path."""

from __future__ import annotations

import os
from pathlib import Path

from eastwest.core.errors import DataError


def refuse_links(*folders: Path) -> None:
    """Raise DataError naming the first symbolic link or non-regular file in `folders` (walked
    without following links); a folder that does not exist is skipped."""
    for folder in folders:
        if folder.is_symlink():
            raise DataError(_linked(folder))
        for directory, subfolders, files in os.walk(folder):  # never enters a linked folder
            for name in sorted(subfolders + files):
                path = Path(directory) / name
                if path.is_symlink():
                    raise DataError(_linked(path))
                if name in files and not path.is_file():
                    raise DataError(f"{path}: not a regular file; only plain files are read or published")


def _linked(path: Path) -> str:
    return (
        f"{path}: a symbolic link (to {os.readlink(path)}); only regular files inside the project are read or "
        "published: put a copy of the file itself in its place, or remove the link"
    )
