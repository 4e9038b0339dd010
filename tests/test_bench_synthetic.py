"""The bench's synthetic corpus (bench/synthetic.py, steps 7 and 9 of `make bench`) builds, and its
50 sources, ten copies of each real one (one outlet and date ten times), are cited under labels
told apart: the scaling step's 50- and 200-source books once failed on 45 "duplicate label"
warnings, one per copy past the first. Not timed: `make bench` measures the time."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from pybtex.database import parse_file

from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.dataset import builder, load
from eastwest.pages.bibliography import write_bibliography
from eastwest.sphinx_ext.bibstyle import KeyLabelStyle

pytestmark = pytest.mark.fast

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> ProjectPaths:
    sys.path.insert(0, str(BENCH))
    try:
        from synthetic import make_synthetic  # bench/ is a folder of scripts, not a package
    finally:
        sys.path.remove(str(BENCH))
    root = tmp_path_factory.mktemp("synthetic") / "project"
    made = make_synthetic(PROJECT.root, root, 50)
    assert made["articles"] == 50
    paths = ProjectPaths(root)
    builder.build(paths)
    write_bibliography(paths)
    return paths


def test_the_synthetic_50_sources_build(synthetic):
    assert len(load.sources(synthetic)) == 50


def test_the_synthetic_50_sources_are_cited_under_labels_told_apart(synthetic):
    entries = parse_file(str(synthetic.bibliography), bib_format="bibtex").entries
    labels = list(KeyLabelStyle().format_labels(entries.values()))  # the labels Sphinx gives the citations
    assert len(labels) >= 50
    repeated = {label: n for label, n in Counter(labels).items() if n > 1}
    assert not repeated, f"{len(repeated)} citation labels used more than once: {sorted(repeated)[:5]}"
    names = load.sources(synthetic).apply(lambda r: r["outlet"] + r["published"] + r["label_suffix"], axis=1)
    assert names.is_unique
