# Two commands do everything: `make book` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ENV_STAMP := $(VENV)/.installed
# `data`, `pages` and `book` run through `python -m eastwest update` (eastwest/update.py): each
# step (data build, page generation, notebook execution, Sphinx pass) runs only when the files it
# reads or wrote changed, by content hash (stamps in _build/.stamps/). A change to anything a
# notebook reads other than its own code (data/, seeds/, the package, references.bib, ...)
# clears the execution cache and Sphinx's doctrees, so no figure is served stale. Notebooks
# execute in parallel (one per core) before the Sphinx pass, into the cache Jupyter Book reads.

.PHONY: help env data check draft pages book png test bench clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(ENV_STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "eastwest-project.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	touch $@

env: $(ENV_STAMP) ## create .venv from the pinned requirements.txt

data: env ## clean the seeds and rebuild every table in data/ (when its inputs changed)
	$(PY) -m eastwest update data

check: env ## check one source's annotations: make check ID=<source_id>
	@test -n "$(ID)" || { echo "usage: make check ID=<source_id>"; exit 2; }
	$(PY) -m eastwest check $(ID)

draft: env ## propose annotations for a new source: make draft ID=<source_id> (writes data/annotations/<ID>.draft.yml)
	@test -n "$(ID)" || { echo "usage: make draft ID=<source_id>"; exit 2; }
	$(PY) -m eastwest draft $(ID)

pages: env ## generate the source pages and bibliography from data/ (building data/ first if needed)
	$(PY) -m eastwest update pages

book: env ## build data/, execute the notebooks (figures/) and write the site to _build/html
	@# Whenever the Sphinx pass runs, the site is written afresh (the execution cache and doctrees
	@# are kept): a warm build then gives the same bytes as a cold one — no stale pages or images,
	@# a complete search index, no stylesheet checksums that only a second build adds. With
	@# nothing changed the pass is skipped and the site left as it is.
	$(PY) -m eastwest update book

png: data ## also write PNG copies of every chart (figures/*.png, figures/pairings/*.png), e.g. for slides; the book uses the SVGs
	EASTWEST_PNG=1 $(PY) -m eastwest figures
	EASTWEST_PNG=1 $(PY) -m eastwest pages

pdf: book ## print the whole report to _build/pdf/report.pdf (one HTML page, printed offline by Chromium)
	$(VENV)/bin/jupyter-book build -W -n --keep-going --builder singlehtml .
	bash .ci/install-test-deps
	$(PY) -m eastwest.build.pdf

test: book pdf ## run every test: unit, data, notebooks (nbmake), built site and browser (installs Chromium and a CJK font if missing)
	bash .ci/install-test-deps
	$(PY) -m pytest tests --nbmake chapters

bench: book ## measure build and data speed; writes bench/results.json
	$(PY) bench/run.py

clean: ## remove the built site and execution cache (keeps .venv)
	rm -rf _build
