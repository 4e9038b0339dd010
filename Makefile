# Two commands do everything: `make book` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PDF ?= 1
PY := $(VENV)/bin/python
ENV_STAMP := $(VENV)/.installed
# The build's Python processes (this one, the notebook kernels, the Chinese Sphinx pass) share one
# bytecode cache inside _build/, so each module is compiled once per build, not once per process,
# even where the environment asks Python not to write bytecode beside the sources. `make clean`
# (or removing _build/) removes it with the rest.
BUILD_PY := PYTHONPYCACHEPREFIX="$(CURDIR)/_build/.pycache" PYTHONDONTWRITEBYTECODE= $(PY)
# `data`, `pages` and `book` run through `python -m eastwest update` (eastwest/build/update.py): each
# step (data build, page generation, notebook execution, Sphinx pass) runs only when the files it
# reads or wrote changed, by content hash (stamps in _build/.stamps/). A change to anything a
# notebook reads other than its own code (data/, seeds/, the package, references.bib, ...)
# clears the execution cache and Sphinx's doctrees, so no figure is served stale. Notebooks
# execute in parallel (one per core) before the Sphinx pass, into the cache Jupyter Book reads.

.PHONY: help env lock lint format data check draft clean-explain agreement pages book png pdf print-pdf publish test test-fast bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(ENV_STAMP): requirements.txt pyproject.toml
	@# uv installs the lock (requirements.txt, exact versions with hashes) in seconds where its cache
	@# holds the packages; the project itself is installed editable, so `import eastwest` finds it.
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "$$(grep -m1 -o '^uv==[^ ]*' requirements.txt)"
	$(VENV)/bin/uv pip sync --quiet --python $(PY) --require-hashes requirements.txt
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps --no-build-isolation -e .
	touch $@

env: $(ENV_STAMP) ## create .venv from the lock (requirements.txt) and install the package editable

lock: env ## re-lock requirements.txt from pyproject.toml (exact versions, hashes)
	@# The current lock is the starting point (uv keeps its pins where they still fit), so a new
	@# dependency adds its own packages without upgrading the others.
	sed '1,2d' requirements.txt > requirements.lock.new
	$(VENV)/bin/uv pip compile pyproject.toml --extra docs --extra test --extra dev --generate-hashes \
	  --python-version 3.11.7 --python-platform x86_64-unknown-linux-gnu --no-header --quiet \
	  --custom-compile-command "make lock" -o requirements.lock.new
	{ sed -n '1,2p' requirements.txt; cat requirements.lock.new; } > requirements.txt.new && rm requirements.lock.new
	mv requirements.txt.new requirements.txt

lint: env ## ruff (lint and format check) and mypy, configured in pyproject.toml
	$(VENV)/bin/ruff check eastwest tests bench
	$(VENV)/bin/ruff format --check eastwest tests bench
	$(VENV)/bin/mypy

format: env ## apply ruff's formatting and safe fixes
	$(VENV)/bin/ruff check --fix eastwest tests bench
	$(VENV)/bin/ruff format eastwest tests bench

data: env ## clean the seeds and rebuild every table in data/ (when its inputs changed)
	$(BUILD_PY) -m eastwest update data

check: env ## check one source's annotations: make check ID=<source_id>
	@test -n "$(ID)" || { echo "usage: make check ID=<source_id>"; exit 2; }
	$(PY) -m eastwest check $(ID)

draft: env ## propose annotations for a new source: make draft ID=<source_id> (writes data/annotations/<ID>.draft.yml)
	@test -n "$(ID)" || { echo "usage: make draft ID=<source_id>"; exit 2; }
	$(PY) -m eastwest draft $(ID)

clean-explain: env ## show what each cleaning rule removes from every seed; ARGS="--raw DIR" adds articles not in seeds/
	$(PY) -m eastwest clean --explain $(ARGS)

agreement: env ## how far drafts agree with hand-made annotations: the seeds, the development and the held-out articles
	$(PY) -m eastwest agreement

pages: env ## generate the source pages and bibliography from data/ (building data/ first if needed)
	$(BUILD_PY) -m eastwest update pages

book: env ## build data/, execute the notebooks (figures/), write the site to _build/html and print its PDF edition (PDF=0: the site alone)
	@# Whenever the Sphinx pass runs, the site is written afresh (the execution cache and doctrees
	@# are kept): a warm build then gives the same bytes as a cold one — no stale pages or images,
	@# a complete search index, no stylesheet checksums that only a second build adds. With
	@# nothing changed the pass is skipped and the site left as it is. Every page links the PDF:
	@# it is printed whenever the site lacks the one printed from its own inputs (eastwest.build.pdf).
	$(BUILD_PY) -m eastwest update book
	@if [ "$(PDF)" != 0 ] && [ ! -f _build/html/report.pdf ]; then $(MAKE) --no-print-directory print-pdf; fi

png: data ## also write PNG copies of every chart (figures/*.png, figures/pairings/*.png), e.g. for slides; the book uses the SVGs
	EASTWEST_PNG=1 $(PY) -m eastwest figures
	EASTWEST_PNG=1 $(PY) -m eastwest pages

pdf: book ## the PDF edition, _build/pdf/report.pdf (make book prints it): the book as one HTML page, printed offline by Chromium

print-pdf: env
	$(VENV)/bin/jupyter-book build -W -n --keep-going --builder singlehtml .
	bash .ci/install-browser
	$(PY) -m eastwest.build.pdf

publish: env ## the dated, versioned archive of this edition: site, PDF, data tables and their zip, checksums (_build/publish/)
	@# The book built with PNG copies of its charts (EASTWEST_PNG=1: a build step run in the other mode
	@# runs again), since each page's link-preview card shows its first chart (eastwest.sphinx_ext.published).
	@# The base URL comes from EASTWEST_BASEURL (none: a site for reading offline).
	EASTWEST_PNG=1 $(MAKE) --no-print-directory book PDF=1
	$(PY) -m eastwest publish

test-fast: env ## the tests that need no built book or browser (about a minute)
	$(PY) -m pytest -m fast -q

test: book pdf ## run every test: unit, data, notebooks (nbmake), built site and browser (installs Chromium and a CJK font if missing)
	bash .ci/install-test-deps
	$(PY) -m pytest tests --nbmake chapters

bench: book ## measure build and data speed; writes bench/results.json
	$(PY) bench/run.py

clean: ## remove the built site and execution cache (keeps .venv)
	rm -rf _build
