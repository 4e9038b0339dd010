"""Reading curated YAML with errors that name the file, line and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from eastwest.core.errors import DataError

# libyaml's C parser is an order of magnitude faster on large annotation files; same safe subset.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKeyError(yaml.MarkedYAMLError):
    pass


class SafeLoader(_BaseLoader):  # type: ignore[valid-type,misc]  # the C loader where libyaml is built in
    """The safe loader, but a key repeated in one mapping is an error, not a silent overwrite."""

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise DuplicateKeyError(None, None, f"duplicate key {key!r} (first at line {seen[key] + 1})", key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


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
