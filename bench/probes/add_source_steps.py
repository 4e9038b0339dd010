"""One step of README "How to add a source" on a copy of the project, with tests/add_source.py:
`copy <dest>` makes the copy (`copy_project`), `add <dest>` adds the fixture article to it and prints
its id (`add_article`). Run by bench/rebuilds.py (step 3c) from the clone's root."""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    # tests/ is not a package: its helpers are importable from the clone's root with tests/ on the path.
    sys.path.insert(0, "tests")
    from add_source import add_article, copy_project

    step, dest = sys.argv[1], Path(sys.argv[2])
    if step == "copy":
        copy_project(dest)
    else:
        print(add_article(dest).source_id)


if __name__ == "__main__":
    main()
