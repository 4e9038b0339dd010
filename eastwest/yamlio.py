"""Reading curated YAML with errors that name the file, line and column."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

# libyaml's C parser is an order of magnitude faster on large annotation files; same safe subset.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not valid UTF-8 at byte {exc.start}") from exc
    try:
        return yaml.load(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        raise DataError(f"{path}: malformed YAML at {where}: {exc.problem}") from exc
