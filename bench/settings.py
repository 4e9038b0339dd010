"""Where the bench finds its tools and writes its results, what it measures with, and its targets."""

from __future__ import annotations

import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
VENV_BIN = PROJECT / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
JUPYTER_BOOK = VENV_BIN / "jupyter-book"
RESULTS = PROJECT / "bench" / "results.json"
DRAFT_AGREEMENT_MD = PROJECT / "bench" / "draft_agreement.md"
DRAFT_AGREEMENT_ZH_MD = PROJECT / "bench" / "draft_agreement_zh.md"
# Programs run inside the clone with the .venv's python (each prints one JSON line or plain text).
PROBES = PROJECT / "bench" / "probes"

TOUCHED = "chapters/03_labour.ipynb"
SYNTHETIC_ARTICLES = 1000
SYNTHETIC_TIMEOUT_S = 900
DRAFT_TIMEOUT_S = 600

SCALING_SIZES = (5, 50, 200)
SCALING_TIMEOUT_S = 3600
REPEAT = 3

TARGETS = {  # step -> (limit, unit) ; the check is value <= limit
    "cold_ratio": (4.0, "x"),  # cold make book / cold sample book
    "warm_ratio": (0.5, "x"),  # warm make book, nothing changed / sample book built again
    "data_build": (3.0, "s"),
    "page_weight_max": (1.5 * 1024 * 1024, "bytes"),
    "before_images_max": (900_000, "B"),  # the heaviest page before images (tests/test_browser.py holds it too)
    "first_content_max": (2.0, "s"),  # the slowest page kind's first content on a slow-4G phone, gzipped
    "synthetic_1000_build": (60.0, "s"),
    "scaling_page_weight": (1.5 * 1024 * 1024, "bytes"),  # the largest page at the largest size
    "scaling_growth": (1.25, "x"),  # seconds per source, largest step / first step (<= 1: linear or better)
}

# Notebooks that ran: eastwest.build.execute logs "<path>: Executed notebook in …" for each one it
# executes (before the Sphinx pass); myst-nb logs "<path>: Executing notebook using local CWD
# [mystnb]" for any it executes itself (.ipynb files and MyST text notebooks such as index.md).
EXECUTED_LOG = re.compile(r"(?P<path>[^\s:]+\.(?:ipynb|md))\S*: Execut(?:ing|ed) notebook")
