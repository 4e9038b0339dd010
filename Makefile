# Two commands do everything: `make book` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ENV_STAMP := $(VENV)/.installed
# Anything whose change must force the notebooks to re-execute (the execution cache only
# watches code cells, and Sphinx re-reads only edited sources): the dataset and the package that
# draws the figures. A change clears both the execution cache and Sphinx's doctrees.
CACHE_KEY_FILES = data/*.csv data/*.json eastwest/*.py eastwest/*.yml references.bib

.PHONY: help env data check draft pages book test bench clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(ENV_STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "eastwest-project.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	touch $@

env: $(ENV_STAMP) ## create .venv from the pinned requirements.txt

data: env ## clean the seeds and rebuild every table in data/
	$(PY) -m eastwest build

check: env ## check one source's annotations: make check ID=<source_id>
	@test -n "$(ID)" || { echo "usage: make check ID=<source_id>"; exit 2; }
	$(PY) -m eastwest check $(ID)

draft: env ## propose annotations for a new source: make draft ID=<source_id> (writes data/annotations/<ID>.draft.yml)
	@test -n "$(ID)" || { echo "usage: make draft ID=<source_id>"; exit 2; }
	$(PY) -m eastwest draft $(ID)

pages: data ## generate the source pages and bibliography from data/
	$(PY) -m eastwest pages

book: pages ## build data/, execute the notebooks (figures/) and write the site to _build/html
	@mkdir -p _build
	@key=$$(cat $(CACHE_KEY_FILES) | sha256sum | cut -c1-64); \
	if [ "$$key" != "$$(cat _build/.cache-key 2>/dev/null || true)" ]; then \
	  echo "data or package changed: re-executing every notebook"; rm -rf _build/.jupyter_cache _build/.doctrees; \
	fi; echo "$$key" > _build/.cache-key
	@# The site is written afresh each time (the execution cache and doctrees are kept): a warm
	@# build then gives the same bytes as a cold one — no stale pages or images, a complete
	@# search index, no stylesheet checksums that only a second build adds.
	rm -rf _build/html
	$(VENV)/bin/jupyter-book build -W -n --keep-going .
	@echo "site written to _build/html/index.html"

pdf: book ## print the whole report to _build/pdf/report.pdf (one HTML page, printed offline by Chromium)
	$(VENV)/bin/jupyter-book build -W -n --keep-going --builder singlehtml .
	bash .ci/install-test-deps
	$(PY) -m eastwest.pdf

test: book pdf ## run every test: unit, data, notebooks (nbmake), built site and browser (installs Chromium and a CJK font if missing)
	bash .ci/install-test-deps
	$(PY) -m pytest tests --nbmake chapters

bench: book ## measure build and data speed; writes bench/results.json
	$(PY) bench/run.py

clean: ## remove the built site and execution cache (keeps .venv)
	rm -rf _build
