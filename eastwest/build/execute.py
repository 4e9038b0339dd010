"""Execute the book's notebooks in parallel, into the execution cache Jupyter Book reads.

Jupyter Book (myst-nb, `execute_notebooks: cache`) executes a notebook while Sphinx reads it,
one at a time, so one core idles. This module runs first and fills the same cache,
`_build/.jupyter_cache`, with a pool of one worker per core: myst-nb then finds every notebook
there ("Using cached notebook") and executes nothing.

It does exactly what myst-nb would have done for each notebook: the same reader (`.ipynb`, or a
MyST Markdown notebook such as index.md, read with the book's MyST extensions), the same cache
key (jupyter-cache's hash of the code cells and kernelspec: a notebook whose code did not change
is not executed again), the same execution (nbclient, in the notebook's own folder, with
`_config.yml`'s timeout and allow_errors, or the notebook's own) and the same cache record. Only
the kernel differs: each worker runs its notebooks in one kernel, cleared between notebooks
(see `_execute`). Notebooks that myst-nb would not
execute from the cache (execution off or forced, excluded, run in a temporary folder,
per-notebook overrides) are left to Jupyter Book.
"""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.util
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

CACHE_DIR = Path("_build") / ".jupyter_cache"
SECONDS_FILE = Path("_build") / ".stamps" / "notebook-seconds.json"


class NotebookFailed(Exception):
    """A notebook raised while executing; the message names it and carries the traceback."""


@dataclass(frozen=True)
class Settings:
    mode: str
    timeout: int | None
    allow_errors: bool
    in_temp: bool
    exclude: tuple[str, ...]
    myst_extensions: tuple[str, ...]


def settings(root: Path) -> Settings:
    """The execution settings Jupyter Book derives from _config.yml."""
    from jupyter_book.config import get_final_config

    config, _ = get_final_config(
        user_yaml=root / "_config.yml", cli_config={"latex_individualpages": False}, sourcedir=root, validate=False
    )
    return Settings(
        mode=str(config.get("nb_execution_mode", "auto")),
        timeout=config.get("nb_execution_timeout", 30),
        allow_errors=bool(config.get("nb_execution_allow_errors", False)),
        in_temp=bool(config.get("nb_execution_in_temp", False)),
        exclude=tuple(config.get("nb_execution_excludepatterns") or ()),
        myst_extensions=tuple(config.get("myst_enable_extensions") or ()),
    )


def book_documents(root: Path) -> list[Path]:
    """The source files the table of contents lists (globs expanded), in toc order."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    site = parse_toc_yaml(root / "_toc.yml")
    names = list(site)
    for pattern in sorted(site.globs()):
        names += sorted(
            p.with_suffix("").relative_to(root).as_posix() for p in root.glob(pattern + ".*") if p.suffix in (".md", ".ipynb")
        )
    out = []
    for name in dict.fromkeys(names):
        for suffix in (".ipynb", ".md"):
            if (root / f"{name}{suffix}").is_file():
                out.append(root / f"{name}{suffix}")
                break
    return out


def _reader(path: Path, text: str, cfg: Settings):
    """myst-nb's reader for this file, or None when myst-nb reads it as plain Markdown."""
    from myst_nb.core.config import NbParserConfig
    from myst_nb.core.read import create_nb_reader
    from myst_parser.config.main import MdParserConfig

    md_config = MdParserConfig(enable_extensions=set(cfg.myst_extensions))
    return create_nb_reader(str(path), md_config, NbParserConfig(), text)


def notebooks(root: Path, cfg: Settings | None = None) -> list[tuple[Path, object]]:
    """(path, notebook) for every document of the book myst-nb executes from the cache."""
    cfg = cfg or settings(root)
    if cfg.mode not in ("cache", "auto") or cfg.in_temp:
        return []
    out = []
    for path in book_documents(root):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md" and "kernelspec" not in text and "file_format" not in text:
            continue  # cheap test first: a MyST notebook names its kernel in its front matter
        reader = _reader(path, text, cfg)
        if reader is None:
            continue
        rel = path.relative_to(root).as_posix()
        if any(fnmatch(rel, pattern) or fnmatch(str(path), pattern) for pattern in cfg.exclude):
            continue
        nb = reader.read(text)
        if "mystnb" in nb.metadata:  # per-notebook execution settings: leave it to Jupyter Book
            continue
        out.append((path, nb))
    return out


# Each worker process keeps one kernel and runs its notebooks in it one after another: starting a
# kernel and importing pandas, matplotlib and the package took about 3 s of every notebook's
# execution, most of the work when the chapters are short. Before each notebook the kernel's
# namespace is cleared (%reset -f), open figures closed and its folder made the working directory;
# what remains shared is only imported modules, whose caches key on the files they read. The cells'
# execution counts are renumbered from 1, as a fresh kernel numbers them, so the cache and the
# pages do not depend on which worker ran what.
_KERNEL = None  # (KernelManager, BlockingKernelClient, its private folder) of this worker process
PREPARE = "%reset -f\nimport os as _os, matplotlib.pyplot as _plt\n_plt.close('all')\n_os.chdir({cwd!r})\ndel _os, _plt"
# The kernel talks over Unix sockets in a folder of its own, not TCP ports: a port the client picks
# free can be taken by another process (a test run's kernels, a second build) before the kernel
# binds it, and the kernel then dies at start ("Address already in use"). A start that fails anyway
# is tried again, after the half-started kernel is stopped.
KERNEL_STARTS = 3


def _start_kernel():
    import shutil
    import tempfile

    from jupyter_client.manager import KernelManager

    folder = tempfile.mkdtemp(prefix="eastwest-kernel-")  # short: a socket's path is at most ~100 bytes
    manager = KernelManager(
        kernel_name="python3",
        transport="ipc",
        connection_file=os.path.join(folder, "kernel.json"),
        ip=os.path.join(folder, "k"),
    )
    try:
        manager.start_kernel()
        client = manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
        except BaseException:
            client.stop_channels()
            raise
    except BaseException:
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return manager, client, folder


def _started_kernel():
    """A kernel started afresh, tried again after a failed start (KERNEL_STARTS tries)."""
    for attempt in range(1, KERNEL_STARTS):
        try:
            return _start_kernel()
        except (RuntimeError, TimeoutError) as err:
            print(f"the notebook kernel did not start (try {attempt}): {err}", file=sys.stderr, flush=True)
    try:
        return _start_kernel()
    except (RuntimeError, TimeoutError) as err:
        raise RuntimeError(f"the notebook kernel did not start ({KERNEL_STARTS} tries): {err}") from err


def _kernel():
    global _KERNEL
    if _KERNEL is None:
        _KERNEL = _started_kernel()
        # A pool's worker leaves through os._exit, which skips atexit: multiprocessing's own
        # finalizers still run, so the kernel never outlives the build.
        multiprocessing.util.Finalize(None, _stop_kernel, exitpriority=10)
    manager, client, _ = _KERNEL
    return manager, client


def _stop_kernel() -> None:
    global _KERNEL
    if _KERNEL is not None:
        import shutil

        manager, client, folder = _KERNEL
        _KERNEL = None
        client.stop_channels()
        manager.shutdown_kernel(now=True)
        shutil.rmtree(folder, ignore_errors=True)


def _renumber(nb) -> None:
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
            for output in cell.get("outputs", []):
                if output.get("output_type") == "execute_result":
                    output["execution_count"] = count


def _execute(job: tuple[str, str, int | None, bool]) -> tuple[str, str | None, float, str | None]:
    """Worker: execute one notebook, in its own folder, in this worker's kernel; return it (as
    JSON) or the error (after which the kernel is replaced)."""
    import traceback

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    path, nb_json, timeout, allow_errors = job
    nb = nbformat.reads(nb_json, as_version=4)
    execution = nb.metadata.get("execution", {})  # per-notebook overrides, as jupyter-cache honours them
    timeout = execution.get("timeout", timeout)
    allow_errors = execution.get("allow_errors", allow_errors)
    started = time.perf_counter()
    try:
        manager, client = _kernel()
        reply = client.execute_interactive(PREPARE.format(cwd=str(Path(path).parent)), store_history=False, timeout=60)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"preparing the kernel failed: {reply['content'].get('evalue')}")
        runner = NotebookClient(nb, km=manager, timeout=timeout, allow_errors=allow_errors, record_timing=False)
        runner.kc = client
        runner.execute(cleanup_kc=False)
    except (CellExecutionError, CellTimeoutError, RuntimeError, TimeoutError) as err:
        _stop_kernel()
        return path, None, time.perf_counter() - started, "".join(traceback.format_exception(err)) or repr(err)
    _renumber(nb)
    return path, nbformat.writes(nb), time.perf_counter() - started, None


def jobs_wanted() -> int:
    """Workers: EASTWEST_JOBS if set, else one per core."""
    try:
        return max(1, int(os.environ["EASTWEST_JOBS"]))
    except (KeyError, ValueError):
        return os.cpu_count() or 1


class Pending:
    """Executions started by `start`; `wait()` caches the results and says what ran."""

    def __init__(self, root: Path, todo: list[tuple[Path, object]], cfg: Settings, jobs: int):
        self.root, self.todo, self.cfg = root, todo, cfg
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list = []
        if not todo:
            return
        import nbformat

        seconds = _load_seconds(root)
        # longest first (times from the last run), so that the short ones fill in at the end
        todo = sorted(todo, key=lambda item: -seconds.get(self._rel(item[0]), 0.0))
        workers = max(1, min(jobs, len(todo)))
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
        self.workers = workers
        for path, nb in todo:
            job = (str(path), nbformat.writes(nb), cfg.timeout, cfg.allow_errors)
            self.futures.append(self.pool.submit(_execute, job))

    def _rel(self, path) -> str:
        return Path(path).relative_to(self.root).as_posix()

    def wait(self, after_each: Callable[[], None] | None = None) -> list[str]:
        """Wait for every execution; cache each success. Raise NotebookFailed naming any failure.
        `after_each` is called as each notebook ends, before its execution is cached: a record of
        figures/ it writes then covers everything the cache holds, even if the build is killed."""
        if not self.futures:
            return []
        import nbformat
        from jupyter_cache import get_cache
        from jupyter_cache.base import CacheBundleIn

        cache = get_cache(str(self.root / CACHE_DIR))
        seconds = _load_seconds(self.root)
        executed, failures = [], []
        try:
            for future in as_completed(self.futures):
                path, nb_json, took, error = future.result()
                rel = self._rel(path)
                if after_each is not None:
                    after_each()
                if error is not None:
                    failures.append((rel, error))
                    print(f"{rel}: executing the notebook failed after {took:.1f} s", file=sys.stderr, flush=True)
                    continue
                nb = nbformat.reads(nb_json, as_version=4)
                cache.cache_notebook_bundle(
                    CacheBundleIn(nb, str(path), data={"execution_seconds": took}), check_validity=False, overwrite=True
                )
                seconds[rel] = round(took, 2)
                executed.append(rel)
                print(f"{rel}: Executed notebook in {took:.2f} s (into {CACHE_DIR}, {self.workers} in parallel)", flush=True)
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True)
            _save_seconds(self.root, seconds)
        if failures:
            details = "\n\n".join(f"--- {rel}\n{error}" for rel, error in failures)
            raise NotebookFailed(f"{len(failures)} notebook(s) failed to execute:\n{details}")
        return sorted(executed)


def start(root: Path, jobs: int | None = None) -> Pending:
    """Start executing, in the background, every notebook of the book that has no cached
    execution of its current code; `.wait()` on the result."""
    from jupyter_cache import get_cache

    cfg = settings(root)
    candidates = notebooks(root, cfg)
    todo = []
    if candidates:
        cache = get_cache(str(root / CACHE_DIR))
        for path, nb in candidates:
            try:
                cache.match_cache_notebook(nb)
            except KeyError:
                todo.append((path, nb))
        cache.db.dispose()  # no database connection is shared with the forked workers
    return Pending(root, todo, cfg, jobs or jobs_wanted())


def _load_seconds(root: Path) -> dict[str, float]:
    try:
        return json.loads((root / SECONDS_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _save_seconds(root: Path, seconds: dict[str, float]) -> None:
    path = root / SECONDS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(seconds, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def run(root: Path, jobs: int | None = None) -> list[str]:
    start_time = time.perf_counter()
    executed = start(root, jobs).wait()
    if executed:
        print(f"executed {len(executed)} notebook(s) in {time.perf_counter() - start_time:.1f} s")
    return executed
