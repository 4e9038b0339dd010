"""Keeping the Chinese edition in step (eastwest.build.translations): a Chinese notebook gets the
English code cells and kernel, keeps its own Markdown; a page whose cells do not line up is an
error naming it; a page whose English words changed since it was translated is named. Built on
made-up pages in a temporary project, so no test depends on the book's chapters."""

from __future__ import annotations

import json

import pytest

from eastwest.build import translations
from eastwest.core.errors import DataError

pytestmark = pytest.mark.fast


def notebook(*cells, kernel="python3"):
    return {
        "cells": [
            {
                "cell_type": kind,
                "metadata": meta,
                "source": text,
                **({"outputs": [], "execution_count": None} if kind == "code" else {}),
            }
            for kind, text, meta in cells
        ],
        "metadata": {"kernelspec": {"name": kernel, "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def write(path, payload):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


@pytest.fixture
def project(tmp_path):
    (tmp_path / "data" / "reference").mkdir(parents=True)
    english = notebook(("markdown", "# Jobs\n\n{glue}`x` people", {}), ("code", "book.glue('x', 1)", {"tags": ["remove-input"]}))
    chinese = notebook(("markdown", "# 就业\n\n{glue}`x`", {}), ("code", "old code", {}), kernel="old")
    write(tmp_path / "chapters" / "01_jobs.ipynb", english)
    write(tmp_path / "zh" / "chapters" / "01_jobs.ipynb", chinese)
    write(
        tmp_path / "index.md",
        "---\nkernelspec:\n  name: python3\n---\n\n# Title\n\n```{code-cell} python\nprint(1)\n```\n\nWords.\n",
    )
    write(
        tmp_path / "zh" / "index.md",
        "---\nkernelspec:\n  name: old\n---\n\n# 标题\n\n```{code-cell} python\nprint(0)\n```\n\n文字。\n",
    )
    write(tmp_path / "zh" / "sources" / "src-1.md", "# 生成的页面\n")  # generated pages are not translations
    return tmp_path


def test_the_chinese_pages_get_the_english_code_and_keep_their_words(project):
    assert sorted(translations.sync_code(project)) == ["zh/chapters/01_jobs.ipynb", "zh/index.md"]
    nb = json.loads((project / "zh" / "chapters" / "01_jobs.ipynb").read_text(encoding="utf-8"))
    assert nb["cells"][1]["source"] == "book.glue('x', 1)" and nb["cells"][1]["metadata"] == {"tags": ["remove-input"]}
    assert nb["cells"][0]["source"].startswith("# 就业") and nb["metadata"]["kernelspec"]["name"] == "python3"
    page = (project / "zh" / "index.md").read_text(encoding="utf-8")
    assert "print(1)" in page and "print(0)" not in page and "name: python3" in page and "文字。" in page
    assert translations.sync_code(project) == []  # in step: nothing rewritten


def test_a_chinese_notebook_without_a_markdown_cell_of_the_english_is_named(project):
    path = project / "zh" / "chapters" / "01_jobs.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    del nb["cells"][0]
    write(path, nb)
    with pytest.raises(DataError, match=r"zh/chapters/01_jobs.ipynb: 0 Markdown cells against the English notebook's 1"):
        translations.sync_code(project)


def test_a_code_cell_added_to_the_english_notebook_reaches_the_chinese_one(project):
    english = project / "chapters" / "01_jobs.ipynb"
    nb = json.loads(english.read_text(encoding="utf-8"))
    nb["cells"].insert(0, {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "import time"})
    write(english, nb)
    translations.sync_code(project)
    chinese = json.loads((project / "zh" / "chapters" / "01_jobs.ipynb").read_text(encoding="utf-8"))
    assert [c["source"] for c in chinese["cells"]] == ["import time", "# 就业\n\n{glue}`x`", "book.glue('x', 1)"]


def test_a_chinese_page_with_a_missing_code_cell_is_named(project):
    write(project / "zh" / "index.md", "# 标题\n\n文字。\n")
    with pytest.raises(DataError, match=r"zh/index.md: 0 code cells against the English page's 1"):
        translations.sync_code(project)


def test_a_chinese_page_without_an_english_original_is_named(project):
    write(project / "zh" / "extra.md", "# 多余\n")
    with pytest.raises(DataError, match=r"zh/extra.md: the Chinese page has no English original"):
        translations.translated_pages(project)


def test_a_page_whose_english_words_changed_is_named_until_recorded(project):
    assert translations.stale(project) == ["chapters/01_jobs.ipynb", "index.md"]
    translations.record(project, ["chapters/01_jobs.ipynb", "index.md"])
    assert translations.stale(project) == []
    english = project / "chapters" / "01_jobs.ipynb"
    nb = json.loads(english.read_text(encoding="utf-8"))
    nb["cells"][1]["source"] = "book.glue('x', 2)"  # code is not prose: still in step
    write(english, nb)
    assert translations.stale(project) == []
    nb["cells"][0]["source"] = "# Jobs\n\n{glue}`x` people, fewer than planned"
    write(english, nb)
    assert translations.stale(project) == ["chapters/01_jobs.ipynb"]
    with pytest.raises(DataError, match=r"no Chinese page chapters/none\.ipynb"):
        translations.record(project, ["chapters/none.ipynb"])


def test_the_project_s_chinese_pages_follow_their_english_pages():
    """The book as committed: every Chinese page has the English code and was translated from the
    English words as they are (after changing an English page, update its Chinese page and run
    `python -m eastwest translations --done PAGE`)."""
    from eastwest.core.paths import PROJECT

    assert translations.sync_code(PROJECT.root, write=False) == []
    assert translations.stale(PROJECT.root) == []
