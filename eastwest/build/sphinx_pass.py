"""The Sphinx pass (`jupyter-book build -W -n --keep-going .`) in a process that can start early.

Starting Jupyter Book takes a few seconds before it reads a page: importing Sphinx, myst-nb and the
theme, and loading jieba's Chinese dictionary for the search index. When notebooks are about to
execute, `make book` starts this process first, so that start-up overlaps the executions; the
process then waits on its standard input for `go` (build) or anything else (exit without
building). `python -m eastwest.build.sphinx_pass --now` builds at once.
"""

from __future__ import annotations

import sys

ARGS = ["build", "-W", "-n", "--keep-going", "."]
COMMAND = "jupyter-book " + " ".join(ARGS)  # as the build log shows it


def warm_up() -> None:
    import jieba
    import jupyter_book.cli.main  # noqa: F401  (Sphinx comes with it)
    import myst_nb  # noqa: F401
    import sphinx_book_theme  # noqa: F401
    import sphinxcontrib.bibtex  # noqa: F401

    jieba.initialize()  # what the search index's Chinese word splitter would load first


def build() -> int:
    from jupyter_book.cli.main import main as jupyter_book

    try:
        jupyter_book(ARGS, prog_name="jupyter-book", standalone_mode=False)
    except SystemExit as stop:
        return int(stop.code or 0)
    except Exception as error:  # Jupyter Book reports a failed build as an exception after its log
        print(error, file=sys.stderr)
        return 1
    return 0


def main(argv: list[str]) -> int:
    if "--now" not in argv:
        warm_up()
        if sys.stdin.readline().strip() != "go":
            return 0
    return build()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
