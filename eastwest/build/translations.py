"""Keeping the Chinese edition (zh/) in step with the English book.

Code: a Chinese notebook's code cells are the English notebook's, copied here before every build
(`sync_code`), so both books show one execution and a change to the argument's computation reaches
both, code cells added or removed included. The two must have the same Markdown cells in the same
order (a Chinese MyST page, the same code cells); a Chinese page that does not is an error naming
it, never a silent mismatch.

Prose: each hand-written Chinese page records the English prose it was translated from, as a
digest in zh/translated-from.yml (`record`); `stale` names the pages whose English prose changed
since, for the tests and `python -m eastwest translations`. Generated pages (sources, pairings,
explorer, bibliography) are written in both languages by the pages step and are not translations.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from eastwest.core.errors import DataError
from eastwest.core.files import write_text
from eastwest.core.yamlio import load_yaml

CHINESE = "zh"
RECORD = "translated-from.yml"
# What the pages step writes in both languages (eastwest.pages.generate): not translations.
GENERATED = ("sources", "pairings", "explore", "bibliography.md")
_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n.*?^```[ \t]*$", re.S | re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


@dataclass(frozen=True)
class Page:
    english: Path
    chinese: Path
    rel: str  # the page's path within each book, e.g. chapters/03_labour.ipynb


def translated_pages(root: Path) -> list[Page]:
    """Every hand-written Chinese page (Markdown or notebook) with its English original."""
    book = root / CHINESE
    pages = []
    for path in sorted(book.rglob("*")):
        rel = path.relative_to(book).as_posix()
        if (
            path.suffix not in (".md", ".ipynb")
            or rel.split("/")[0] in GENERATED
            or "/." in f"/{rel}"
            or rel.startswith("_build")
        ):
            continue
        english = root / rel
        if not english.is_file():
            raise DataError(f"{CHINESE}/{rel}: the Chinese page has no English original ({rel}); every page is in both books")
        pages.append(Page(english, path, rel))
    return pages


# --- Code cells --------------------------------------------------------------------------------


def _notebook(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DataError(f"{path}: not a valid notebook (line {error.lineno}: {error.msg})") from None


def _notebook_text(nb: dict) -> str:
    return json.dumps(nb, ensure_ascii=False, indent=1) + "\n"


def synced_notebook(english: dict, chinese: dict, name: str) -> dict:
    """The English notebook's cells, code and kernel, each Markdown cell replaced by the Chinese
    notebook's Markdown cell of the same rank: code cells added to or removed from the English
    notebook reach the Chinese one; a Markdown cell added or removed must be translated first."""
    prose_en = [c for c in english["cells"] if c["cell_type"] != "code"]
    prose_zh = [c for c in chinese["cells"] if c["cell_type"] != "code"]
    if len(prose_en) != len(prose_zh) or [c["cell_type"] for c in prose_en] != [c["cell_type"] for c in prose_zh]:
        raise DataError(
            f"{CHINESE}/{name}: {len(prose_zh)} Markdown cells against the English notebook's {len(prose_en)}; "
            "give it one Chinese Markdown cell for each English one, in the same order"
        )
    translated = iter(prose_zh)
    out = dict(chinese)
    out["metadata"] = {
        **chinese.get("metadata", {}),
        **{k: english["metadata"][k] for k in ("kernelspec", "language_info") if k in english["metadata"]},
    }
    out["cells"] = [dict(cell) if cell["cell_type"] == "code" else next(translated) for cell in english["cells"]]
    for key in ("nbformat", "nbformat_minor"):
        out[key] = english[key]
    return out


def synced_markdown(english: str, chinese: str, name: str) -> str:
    """A MyST Markdown notebook's Chinese text with the English front matter and code cells."""
    code_en, code_zh = _CODE_CELL.findall(english), _CODE_CELL.findall(chinese)
    if len(code_en) != len(code_zh):
        raise DataError(
            f"{CHINESE}/{name}: {len(code_zh)} code cells against the English page's {len(code_en)}; "
            "give it the English code cells in the same order"
        )
    cells = iter(code_en)
    text = _CODE_CELL.sub(lambda _m: next(cells), chinese)
    front_en, front_zh = _FRONT_MATTER.match(english), _FRONT_MATTER.match(text)
    if front_en and front_zh:
        text = front_en.group(0) + text[front_zh.end() :]
    elif front_en or front_zh:
        raise DataError(f"{CHINESE}/{name}: front matter differs from the English page's (one has it, the other not)")
    return text


def sync_code(root: Path, write: bool = True) -> list[str]:
    """Copy the English code cells into every Chinese page; returns the pages rewritten (with
    write=False, the pages out of step, left as they are)."""
    changed = []
    for page in translated_pages(root):
        old = page.chinese.read_text(encoding="utf-8")
        if page.chinese.suffix == ".ipynb":
            new = _notebook_text(synced_notebook(_notebook(page.english), _notebook(page.chinese), page.rel))
            if json.loads(new) == json.loads(old):
                continue
        else:
            new = synced_markdown(page.english.read_text(encoding="utf-8"), old, page.rel)
        if new != old:
            if write:
                write_text(page.chinese, new)
            changed.append(f"{CHINESE}/{page.rel}")
    return changed


# --- Prose ---------------------------------------------------------------------------------------


def english_prose(path: Path) -> str:
    """The English page's words, code aside: what its translation must follow."""
    if path.suffix == ".ipynb":
        cells = _notebook(path)["cells"]
        return "\n\n".join(
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cells if c["cell_type"] == "markdown"
        )
    return _CODE_CELL.sub("", path.read_text(encoding="utf-8"))


def prose_digest(path: Path) -> str:
    return hashlib.sha256(english_prose(path).encode("utf-8")).hexdigest()[:16]


def recorded(root: Path) -> dict[str, str]:
    path = root / CHINESE / RECORD
    data = load_yaml(path) if path.exists() else {}
    return {str(k): str(v) for k, v in (data or {}).items()}


def stale(root: Path) -> list[str]:
    """The Chinese pages whose English prose changed since they were translated (or never recorded)."""
    record = recorded(root)
    return [page.rel for page in translated_pages(root) if record.get(page.rel) != prose_digest(page.english)]


def record(root: Path, rels: list[str]) -> None:
    """Record that the Chinese pages `rels` follow their English pages' current prose."""
    pages = {page.rel: page for page in translated_pages(root)}
    unknown = [rel for rel in rels if rel not in pages]
    if unknown:
        raise DataError(f"no Chinese page {', '.join(unknown)} in {CHINESE}/ (pages: {', '.join(pages)})")
    data = recorded(root)
    data.update({rel: prose_digest(pages[rel].english) for rel in rels})
    lines = [
        "# The English prose each Chinese page was translated from (a digest of its words, code aside).",
        "# When the English page's words change, the page is named by `python -m eastwest translations` and",
        "# the tests; update the Chinese, then `python -m eastwest translations --done PAGE`.",
        *(f"{rel}: {data[rel]}" for rel in sorted(data) if rel in pages),
    ]
    write_text(root / CHINESE / RECORD, "\n".join(lines) + "\n")
