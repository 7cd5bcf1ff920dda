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
EXPORTS ?= exports
BUILD_LOCK ?= warehouse/.build.lock
# Empty: the build prints to the terminal. The scheduled build appends to logs/scheduled-build.log.
BUILD_LOG ?=

.PHONY: build test lint spreadsheet-client extract export docs rollback last-run schedule-install schedule-uninstall bench bench-smoke clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Extract, dbt build into a candidate file, publish it only if every test passes, export.
build: $(STAMP)
	REPORTS="$(REPORTS)" DATABASE="$(DATABASE)" EXPORTS="$(EXPORTS)" BUILD_LOCK="$(BUILD_LOCK)" \
		BUILD_LOG="$(BUILD_LOG)" VENV_BIN="$(CURDIR)/$(BIN)" VERBOSE="$(VERBOSE)" scripts/build.sh

# Every mart of the published warehouse as Parquet, CSV, Finnish CSV and xlsx in $(EXPORTS)/ (also done by each build).
export: $(STAMP)
	flock $(BUILD_LOCK) $(BIN)/kuntatalous export --database $(DATABASE) --out $(EXPORTS)

# dbt docs (lineage, column docs) as one static page: docs/site/index.html.
docs: $(STAMP)
	DATABASE="$(DATABASE)" VENV_BIN="$(CURDIR)/$(BIN)" scripts/docs.sh

# Publish the previous build again (the current one becomes the previous).
rollback: $(STAMP)
	flock $(BUILD_LOCK) $(BIN)/kuntatalous rollback --database $(DATABASE)

# How the last build ended: stage, exit code, dbt's models and tests passed, warned, failed.
last-run: $(STAMP)
	$(BIN)/kuntatalous last-run --database $(DATABASE)

# A nightly build for this user: systemd user timer (or prints the cron line to use instead).
schedule-install:
	scripts/schedule.sh install

schedule-uninstall:
	scripts/schedule.sh uninstall

extract: $(STAMP)
	$(BIN)/kuntatalous extract $(REPORTS) --out seeds/raw

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	KUNTATALOUS_DATABASE=:memory: $(BIN)/sqlfluff lint models tests/dbt

test: lint spreadsheet-client
	$(BIN)/pytest

# The exports' round-trip test opens them in a real spreadsheet: LibreOffice Calc, headless
# (Debian's libreoffice-calc-nogui), installed here when missing.
spreadsheet-client:
	@command -v soffice >/dev/null || { \
		[ "$$(id -u)" -eq 0 ] || { echo "error: install LibreOffice Calc (apt-get install libreoffice-calc-nogui) or run make test as root" >&2; exit 1; }; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui; }

# Extraction, warehouse build, incremental build and analyst queries on a synthetic corpus of
# up to 1 000 documents, each against a floor measured in the same run: docs/benchmarks.md and .json.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --out docs

# The same on tens of documents, once each: checks that the benchmark works (pytest runs it too).
bench-smoke: $(STAMP)
	$(BIN)/python scripts/bench.py --smoke --out target/bench-smoke

clean:
	rm -rf target logs $(VENV)
