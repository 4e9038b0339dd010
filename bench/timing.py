"""Running commands in the bench's clone of the project and timing them: every command's output
goes to a log file, and its seconds, exit code and output come back as a dict."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from settings import EXECUTED_LOG, JUPYTER_BOOK, PROBES, PYTHON, VENV_BIN


class Bench:
    """The bench's working folder: the clone (`proj`), the logs, and the environment its commands run in."""

    def __init__(self, work: Path):
        self.work = work
        self.clone = work / "proj"
        self.logs = work / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.env = {**os.environ, "PYTHONPATH": str(self.clone), "PYTHONDONTWRITEBYTECODE": "1"}
        self.env.pop("VIRTUAL_ENV", None)

    def run(self, name: str, args: list[Any], cwd: Path | None = None, timeout: float | None = None) -> dict[str, Any]:
        """Run a command in the clone; return seconds, exit code and the log file."""
        log = self.logs / f"{name}.log"
        start = time.perf_counter()
        code: int | str
        try:
            proc = subprocess.run(
                [str(a) for a in args],
                cwd=cwd or self.clone,
                env=self.env,
                timeout=timeout,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            code, output = proc.returncode, proc.stdout
        except subprocess.TimeoutExpired as exc:
            code = "timeout"
            output = exc.stdout.decode("utf-8", "replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        seconds = time.perf_counter() - start
        log.write_text(output, encoding="utf-8")
        if code != 0:
            tail = "\n".join(output.splitlines()[-25:])
            print(f"[{name}] exit {code} after {seconds:.1f}s; last lines of {log}:\n{tail}", file=sys.stderr)
        return {"seconds": round(seconds, 2), "exit": code, "log": str(log), "output": output}

    def make_book(self, name: str, root: Path | None = None, timeout: float | None = None) -> dict[str, Any]:
        """`make book PDF=0` (the site: the PDF edition is printed apart and is not what the sample book is compared with) in the clone (or in `root`, a copy of it, with its own package first on the path)."""
        root = root or self.clone
        args = ["make", "--no-print-directory", "book", "PDF=0", f"VENV={VENV_BIN.parent}", "-o", f"{VENV_BIN.parent}/.installed"]
        saved = self.env
        self.env = {**saved, "PYTHONPATH": str(root)}
        try:
            result = self.run(name, args, cwd=root, timeout=timeout)
        finally:
            self.env = saved
        result["executed"] = executed_notebooks(result["output"], root)
        result["sphinx_ran"] = "Sphinx not run" not in result["output"]
        return result

    def sample(self, name: str) -> dict[str, Any]:
        """Build Jupyter Book's sample book (written by `jupyter-book create`) with the project's tools."""
        return self.run(name, [JUPYTER_BOOK, "build", "."], cwd=self.work / "sample")

    def probe(self, script: str, args: list[Any], timeout: float | None = None) -> subprocess.CompletedProcess[str]:
        """Run bench/probes/<script> with the .venv's python in the bench's environment (the clone's
        package first); stdout and stderr are kept apart, for the probe's JSON line is on stdout."""
        return subprocess.run(
            [str(a) for a in (PYTHON, PROBES / script, *args)],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def executed_notebooks(output: str, root: Path) -> list[str]:
    """Notebooks executed, from the log lines '<path>: Executed notebook …' (eastwest.build.execute) or
    '<path>: Executing notebook using …' (myst-nb)."""
    found = set()
    for match in EXECUTED_LOG.finditer(output):
        path = Path(match["path"])
        try:
            found.add(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            found.add(path.as_posix())
    return sorted(found)


def median(values: list[float]) -> float | None:
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def last_float(pattern: str, text: str) -> float | None:
    """The last number `pattern` captures in a build log (a phase's seconds), or None."""
    found = re.findall(pattern, text)
    return float(found[-1]) if found else None
