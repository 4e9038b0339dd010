"""Print the project root of the eastwest package Python imports (eastwest.core.paths.ROOT): the bench
checks it is the clone's before building anything."""

from __future__ import annotations

import eastwest.core.paths as paths

if __name__ == "__main__":
    print(paths.ROOT)
