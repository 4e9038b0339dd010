"""The package's shape, read from its source with `ast`: layers import downwards only, no import
cycle between modules (function-level imports included), no private name used across modules,
no module of 500 lines or more. Each check also runs on a small made-up package so that it is
seen to fail."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from eastwest.core.paths import PROJECT

pytestmark = pytest.mark.fast

# Pipeline stages, lowest first: a module may import from its own layer or an earlier one.
LAYERS = [
    "core",
    "reference",
    "reader",
    "sources",
    "annotate",
    "dataset",
    "draft",
    "analysis",
    "charts",
    "pages",
    "build",
    "sphinx_ext",
    "__main__",
]
MAX_LINES = 500


@dataclass
class Module:
    name: str  # dotted, e.g. eastwest.dataset.builder
    path: Path
    tree: ast.Module
    imports: set[str] = field(default_factory=set)  # modules of the package it imports
    private: list[str] = field(default_factory=list)  # private names it takes from another module


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def read_package(root: Path) -> dict[str, Module]:
    """Every module under root (a package folder), with what it imports from the package."""
    package = root.name
    modules = {}
    for path in sorted(root.rglob("*.py")):
        name = module_name(path, root)
        modules[name] = Module(name, path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    for module in modules.values():
        is_package = module.path.name == "__init__.py"
        aliases: dict[str, str] = {}  # local name -> package module it names
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == package:
                        module.imports.add(alias.name)
                        if alias.asname:
                            aliases[alias.asname] = alias.name
            elif isinstance(node, ast.ImportFrom):
                base = resolve_from(module.name, is_package, node)
                if base.split(".")[0] != package:
                    continue
                for alias in node.names:
                    target = f"{base}.{alias.name}"
                    if target in modules:  # `from eastwest.dataset import load`: a module
                        module.imports.add(target)
                        aliases[alias.asname or alias.name] = target
                    else:  # `from eastwest.dataset.load import facts`: a name in a module
                        module.imports.add(base)
                        if alias.name.startswith("_") and base != module.name:
                            module.private.append(f"from {base} import {alias.name}")
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                owner = dotted(node.value)
                target = aliases.get(owner, owner) if owner else None
                if target in modules and target != module.name:
                    module.private.append(f"{owner}.{node.attr}")
    return modules


def resolve_from(name: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module an ImportFrom reads from (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    parts = name.split(".") if is_package else name.split(".")[:-1]
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join(parts + ([node.module] if node.module else []))


def dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def layer(name: str) -> int | None:
    """The layer index of a module (None for the package's own __init__)."""
    parts = name.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def upward_imports(modules: dict[str, Module]) -> list[str]:
    found = []
    for module in modules.values():
        own = layer(module.name)
        if own is None:
            continue
        for target in sorted(module.imports):
            theirs = layer(target)
            if theirs is None or theirs > own:
                found.append(f"{module.name} imports {target} (a later layer)")
    return found


def cycles(modules: dict[str, Module]) -> list[list[str]]:
    """Import cycles between modules (strongly connected components of more than one module, or
    a module importing itself), by Tarjan's algorithm."""
    graph = {name: sorted(t for t in m.imports if t in modules) for name, m in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1 or node in graph[node]:
                found.append(sorted(component))

    for name in graph:
        if name not in index:
            visit(name)
    return found


def private_uses(modules: dict[str, Module]) -> list[str]:
    return sorted({f"{m.name}: {use}" for m in modules.values() for use in m.private})


def long_modules(modules: dict[str, Module]) -> list[str]:
    found = []
    for module in modules.values():
        lines = len(module.path.read_text(encoding="utf-8").splitlines())
        if lines >= MAX_LINES:
            found.append(f"{module.path.relative_to(module.path.parents[len(module.name.split('.')) - 1])}: {lines} lines")
    return found


@pytest.fixture(scope="module")
def package() -> dict[str, Module]:
    modules = read_package(PROJECT.root / "eastwest")
    assert len(modules) > 20, "found no package modules to check"
    return modules


def test_layers_import_downwards_only(package):
    assert upward_imports(package) == []


def test_no_import_cycle_between_modules(package):
    assert cycles(package) == []


def test_no_private_name_is_used_across_modules(package):
    assert private_uses(package) == []


def test_every_module_is_under_500_lines(package):
    assert long_modules(package) == []


# --- The checks can fail: a small made-up package breaking each rule ---------------------------


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "eastwest" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "eastwest"


def test_the_checks_catch_an_upward_import_a_cycle_a_private_name_and_a_long_module(tmp_path):
    fake = write(
        tmp_path,
        {
            "__init__.py": "",
            "core/__init__.py": "",
            "core/paths.py": "def where():\n    from eastwest.pages import book  # upward, in a function\n",
            "core/errors.py": "from . import files\n\n_SECRET = 1\n",
            "core/files.py": "from eastwest.core import errors\n",  # a cycle with core.errors
            "pages/__init__.py": "",
            "pages/book.py": "from eastwest.core.errors import _SECRET\nfrom eastwest.core import errors\nx = errors._SECRET\n",
            "pages/long.py": "x = 1\n" * MAX_LINES,
            "pages/fine.py": "from eastwest.core import paths\nfrom .book import x\n\n_OWN = paths.where\n",
        },
    )
    modules = read_package(fake)
    assert upward_imports(modules) == ["eastwest.core.paths imports eastwest.pages.book (a later layer)"]
    assert cycles(modules) == [["eastwest.core.errors", "eastwest.core.files"]]
    assert sorted(private_uses(modules)) == [
        "eastwest.pages.book: errors._SECRET",
        "eastwest.pages.book: from eastwest.core.errors import _SECRET",
    ]
    assert long_modules(modules) == [f"eastwest/pages/long.py: {MAX_LINES} lines"]


def test_the_checks_pass_a_package_that_keeps_the_rules(tmp_path):
    fake = write(
        tmp_path,
        {
            "__init__.py": "",
            "core/__init__.py": "",
            "core/errors.py": "_OWN = 1\nx = _OWN\n",
            "pages/__init__.py": "",
            "pages/book.py": "from eastwest.core import errors\n\n\ndef f():\n    from . import fine\n    return errors.x\n",
            "pages/fine.py": "import eastwest.core.errors\n",
        },
    )
    modules = read_package(fake)
    assert upward_imports(modules) == [] and cycles(modules) == [] and private_uses(modules) == []
    assert long_modules(modules) == []
