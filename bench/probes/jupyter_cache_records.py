"""Print jupyter-cache's records of the cache folder argv[1] as one JSON line: notebook uri -> id of
its newest execution record. Run by bench/rebuilds.py (step 3b)."""

from __future__ import annotations

import json
import sys

from jupyter_cache import get_cache


def main() -> None:
    records: dict[str, int] = {}
    for r in get_cache(sys.argv[1]).list_cache_records():
        records[r.uri] = max(records.get(r.uri, 0), r.pk)
    print(json.dumps(records))


if __name__ == "__main__":
    main()
