"""The Sphinx pass (`jupyter-book build -W -n --keep-going .`, and beside it the Chinese edition's
`jupyter-book build -W -n --keep-going zh --path-output _build/zh`) in a process that can start early.

Starting Jupyter Book takes a few seconds before it reads a page: importing Sphinx, myst-nb and the
theme, and loading jieba's Chinese dictionary for the search index. When notebooks are about to
execute, `make book` starts this process first, so that start-up overlaps the executions; the
process then waits on its standard input for `go` (build) or anything else (exit without
building). `python -m eastwest.build.sphinx_pass --now` builds at once.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ARGS = ["build", "-W", "-n", "--keep-going", "."]
COMMAND = "jupyter-book " + " ".join(ARGS)  # as the build log shows it
CHINESE_BOOK = "zh"  # the Chinese edition's sources (zh/_config.yml); its site goes to _build/html/zh
CHINESE_OUTPUT = Path("_build") / "zh"  # where Jupyter Book writes it first (CHINESE_OUTPUT/_build/html)
CHINESE_ARGS = ["build", "-W", "-n", "--keep-going", CHINESE_BOOK, "--path-output", str(CHINESE_OUTPUT)]
CHINESE_COMMAND = "jupyter-book " + " ".join(CHINESE_ARGS)


def has_chinese_book() -> bool:
    return (Path(CHINESE_BOOK) / "_config.yml").exists()


def warm_up() -> None:
    import jieba
    import jupyter_book.cli.main  # noqa: F401  (Sphinx comes with it)
    import myst_nb  # noqa: F401
    import sphinx_book_theme  # noqa: F401
    import sphinxcontrib.bibtex  # noqa: F401

    jieba.initialize()  # what the search index's Chinese word splitter would load first


def build() -> int:
    """Both books at once, the Chinese one in a second process (they share nothing but the
    execution cache, which the notebooks step filled and both only read): on two cores the pass
    takes about as long as the English book alone. The Chinese book's log follows the English's."""
    chinese = None
    if has_chinese_book():
        chinese = subprocess.Popen(
            [sys.executable, "-m", "eastwest.build.sphinx_pass", "--now", "--chinese"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
    code = build_one(ARGS)
    if chinese is not None:
        log, _ = chinese.communicate()
        print(f"$ {CHINESE_COMMAND}\n{log}", end="", flush=True)
        code = code or chinese.returncode
    return code


def build_one(args: list[str]) -> int:
    from jupyter_book.cli.main import main as jupyter_book

    try:
        jupyter_book(args, prog_name="jupyter-book", standalone_mode=False)
    except SystemExit as stop:
        return int(stop.code or 0)
    except Exception as error:  # Jupyter Book reports a failed build as an exception after its log
        print(error, file=sys.stderr)
        return 1
    return 0


def main(argv: list[str]) -> int:
    if "--chinese" in argv:
        return build_one(CHINESE_ARGS)
    if "--now" not in argv:
        warm_up()
        if sys.stdin.readline().strip() != "go":
            return 0
    return build()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
