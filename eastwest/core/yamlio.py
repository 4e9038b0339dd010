"""Reading curated YAML with errors that name the file, line and column."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from eastwest.core.errors import DataError

# libyaml's C parser is an order of magnitude faster on large annotation files; same safe subset.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Values a document may hold once its aliases (*name) are expanded. The largest curated file holds a
# few thousand; an "alias bomb" (each list repeating the one before nine times) reaches billions in
# a few lines and would exhaust memory wherever the value is walked, printed or written out.
MAX_EXPANDED_NODES = 1_000_000
# Collections inside collections: libyaml's C composer recurses once per level and crashes the
# interpreter (no message at all) some tens of thousands of levels down; no curated file needs ten.
MAX_DEPTH = 100
_BRACKET = re.compile(r"[\[\]{}]")
_OPENERS = re.compile(r"[-\[{:?]")  # what can open a collection within one line ("- - - x", "a: b: [")


class DuplicateKeyError(yaml.MarkedYAMLError):
    pass


class ExpansionError(yaml.MarkedYAMLError):
    pass


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _expanded_size(root: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values `root` stands for with every alias written out; `sizes` gets each node's
    count (a node an alias repeats is counted once, so this takes time in the file's size)."""
    counting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_counted = stack.pop()
        if children_counted:
            sizes[id(node)] = 1 + sum(sizes.get(id(child), 0) for child in _children(node))  # a cycle adds 0
            counting.discard(id(node))
        elif id(node) not in sizes and id(node) not in counting:
            counting.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    return sizes[id(root)]


def _where_it_explodes(node: yaml.Node, sizes: dict[int, int]) -> yaml.Node:
    """The innermost value that alone expands past the cap (the line to point at)."""
    while True:
        larger = [child for child in _children(node) if sizes.get(id(child), 0) > MAX_EXPANDED_NODES]
        if not larger:
            return node
        node = larger[0]


class SafeLoader(_BaseLoader):  # type: ignore[valid-type,misc]  # the C loader where libyaml is built in
    """The safe loader, but a key repeated in one mapping is an error, not a silent overwrite, and
    a document whose aliases expand past MAX_EXPANDED_NODES values is refused before it is built."""

    def construct_document(self, node):
        sizes: dict[int, int] = {}
        if _expanded_size(node, sizes) > MAX_EXPANDED_NODES:
            raise ExpansionError(
                None,
                None,
                f"its aliases (*name) expand to more than {MAX_EXPANDED_NODES:,} values; write the values out "
                "without anchors (&name) and aliases",
                _where_it_explodes(node, sizes).start_mark,
            )
        return super().construct_document(node)

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise DuplicateKeyError(None, None, f"duplicate key {key!r} (first at line {seen[key] + 1})", key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def _too_deep(text: str) -> Any:
    """Where (a yaml Mark) `text` nests collections more than MAX_DEPTH deep, or None. Brackets are counted first
    (cheap, and quotes may hold brackets); only a text they put past the limit is parsed for events."""
    depth = deepest = 0
    for match in _BRACKET.finditer(text):
        depth = max(0, depth + (1 if match.group(0) in "[{" else -1))
        deepest = max(deepest, depth)
    if deepest <= MAX_DEPTH and all(len(_OPENERS.findall(line)) <= MAX_DEPTH for line in text.splitlines()):
        return None  # deeper block nesting needs ever longer indentation: a file of gigabytes
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


def _code(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character)


def load_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not valid UTF-8 at byte {exc.start}") from exc
    try:
        deep = _too_deep(text)
        if deep:
            raise ExpansionError(None, None, f"collections nested more than {MAX_DEPTH} deep; write it flatter", deep)
        return yaml.load(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        raise DataError(f"{path}: malformed YAML at {where}: {exc.problem}") from exc
    except yaml.reader.ReaderError as exc:  # a control character (NUL, …) the YAML reader refuses
        raise DataError(
            f"{path}: character U+{_code(exc.character):04X} at position {exc.position} is not allowed in YAML; remove it"
        ) from exc
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: malformed YAML: {exc}") from exc
