# kuntatalous — two commands on a fresh machine:
#   make build   install what it needs, extract reports/ and build the warehouse
#   make test    every check: ruff, mypy, sqlfluff and pytest (unit, CLI, end-to-end)

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

REPORTS ?= reports
DATABASE ?= warehouse/kuntatalous.duckdb

.PHONY: build test lint extract clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

build: $(STAMP)
	REPORTS="$(REPORTS)" DATABASE="$(DATABASE)" VENV_BIN="$(CURDIR)/$(BIN)" scripts/build.sh

extract: $(STAMP)
	$(BIN)/kuntatalous extract $(REPORTS) --out seeds/raw

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	KUNTATALOUS_DATABASE=:memory: $(BIN)/sqlfluff lint models tests/dbt

test: lint
	$(BIN)/pytest

clean:
	rm -rf target logs $(VENV)
