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
# Empty: the exports link is <name>.exports beside DATABASE (warehouse/kuntatalous.exports).
EXPORTS ?=
# The static report site's link (make report; each build writes the site into its release).
SITE ?= $(basename $(DATABASE)).report
# Whose marts each build and make export write as CSV, Finnish CSV and xlsx besides Parquet:
# municipalities by name (Heinola,Lahti), all, none, or auto (every one if the reports hold one).
SPREADSHEETS ?= auto
BUILD_LOCK ?= warehouse/.build.lock
# duckdb (the file above) or postgres (the server named by PGHOST, PGPORT, PGUSER, PGDATABASE).
TARGET ?= duckdb
# Empty: the build prints to the terminal. The scheduled build appends to logs/scheduled-build.log.
BUILD_LOG ?=

WAREHOUSE_ARGS = --database "$(DATABASE)" $(if $(EXPORTS),--exports "$(EXPORTS)") --site "$(SITE)"

.PHONY: install voikko build test lint lint-types lint-sql postgres-server spreadsheet-client extract export report bench-report docs rollback last-run schedule-install schedule-uninstall bench bench-smoke bench-national clean venv

# The virtualenv, with pip: one created without it (python -m venv --without-pip, or where
# ensurepip was missing) gets pip from ensurepip, else is created again.
venv:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip --upgrade >/dev/null || \
		$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip --version >/dev/null

$(STAMP): requirements.lock pyproject.toml
	$(MAKE) --no-print-directory venv VENV="$(VENV)" PYTHON="$(PYTHON)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# What the build needs, installed (scripts/scheduled-build.sh runs this, then the build itself).
install: $(STAMP) voikko

# The extractor reads Finnish word forms with Voikko: Debian's libvoikko1 and its Finnish
# dictionary voikko-fi, installed here when missing (as root; else it says what to install).
voikko: $(STAMP)
	@if ! $(BIN)/python -c 'import libvoikko; libvoikko.Voikko("fi")' >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing Voikko (apt-get install libvoikko1 voikko-fi)"; \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libvoikko1 voikko-fi || \
			{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libvoikko1 voikko-fi; }; \
		else echo "error: the extractor needs Voikko: sudo apt-get install libvoikko1 voikko-fi" >&2; exit 1; fi; \
	fi

# Extract, dbt build into a candidate file, publish it only if every test passes, export.
build: $(STAMP) voikko
	TARGET="$(TARGET)" REPORTS="$(REPORTS)" DATABASE="$(DATABASE)" EXPORTS="$(EXPORTS)" BUILD_LOCK="$(BUILD_LOCK)" \
		BUILD_LOG="$(BUILD_LOG)" SITE="$(SITE)" SPREADSHEETS="$(SPREADSHEETS)" VENV_BIN="$(CURDIR)/$(BIN)" VERBOSE="$(VERBOSE)" scripts/build.sh

# Every mart of the published warehouse as Parquet, and the spreadsheets of SPREADSHEETS, afresh,
# behind the exports link (also done by each publish), under the warehouse's lock; the site is kept.
export: $(STAMP)
	$(BIN)/kuntatalous export $(WAREHOUSE_ARGS) --spreadsheets "$(SPREADSHEETS)"

# The report site of the published warehouse, written into its release: $(SITE)/index.html
# (also written by each build).
report: $(STAMP)
	flock $(BUILD_LOCK) $(BIN)/kuntatalous report $(WAREHOUSE_ARGS) --reports "$(REPORTS)"

# dbt docs (lineage, column docs) as one static page: docs/site/index.html.
docs: $(STAMP)
	DATABASE="$(DATABASE)" VENV_BIN="$(CURDIR)/$(BIN)" scripts/docs.sh

# Publish the previous build again, with its exports and site (the current one becomes the previous).
rollback: $(STAMP)
	$(BIN)/kuntatalous rollback $(WAREHOUSE_ARGS)

# How the last build ended: stage, exit code, dbt's models and tests passed, warned, failed.
last-run: $(STAMP)
	$(BIN)/kuntatalous last-run $(WAREHOUSE_ARGS)

# A nightly build for this user: systemd user timer (or prints the cron line to use instead).
schedule-install:
	scripts/schedule.sh install

schedule-uninstall:
	scripts/schedule.sh uninstall

extract: $(STAMP) voikko
	$(BIN)/kuntatalous extract $(REPORTS) --out seeds/raw

# mypy (one process) and sqlfluff run side by side, each one's output printed whole when it ends.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory -j2 --output-sync=target lint-types lint-sql

lint-types: $(STAMP)
	$(BIN)/mypy

# sqlfluff lints with one process per core (each compiles the dbt project once: 58 s on one, 43-46 s
# on two, with the Rust parser of the rs extra; 48-54 s on two without it).
lint-sql: $(STAMP)
	KUNTATALOUS_DATABASE=:memory: $(BIN)/sqlfluff lint --processes 0 models tests/dbt

# The PostgreSQL tests use the server named by PGHOST/PGPORT/PGSERVICE, else a throwaway cluster
# of the installed server binaries: installed here (Debian's postgresql) when neither is there.
postgres-server:
	@if [ -z "$${PGHOST:-}$${PGPORT:-}$${PGSERVICE:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing the PostgreSQL server binaries (apt-get install postgresql)"; \
		$$( [ "$$(id -u)" -eq 0 ] || echo sudo ) apt-get install -y --no-install-recommends postgresql || \
		{ $$( [ "$$(id -u)" -eq 0 ] || echo sudo ) apt-get update && \
		  $$( [ "$$(id -u)" -eq 0 ] || echo sudo ) apt-get install -y --no-install-recommends postgresql; }; \
	fi

test: lint voikko /usr/bin/chromium postgres-server spreadsheet-client
	$(BIN)/pytest

# The browser tests open the report site in Debian's chromium (installed here if missing, as root).
/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else echo "error: the browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi

# The exports' round-trip test opens them in a real spreadsheet: LibreOffice Calc, headless
# (Debian's libreoffice-calc-nogui), installed here when missing.
spreadsheet-client:
	@command -v soffice >/dev/null || { \
		[ "$$(id -u)" -eq 0 ] || { echo "error: install LibreOffice Calc (apt-get install libreoffice-calc-nogui) or run make test as root" >&2; exit 1; }; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui; }

# Extraction, warehouse build, incremental build and analyst queries on a synthetic corpus of
# up to 1 000 documents, each against a floor measured in the same run: docs/benchmarks.md and .json.
bench: $(STAMP) voikko
	$(BIN)/python scripts/bench.py --out docs

# The goals of a warehouse of all of Finland (24 000 synthetic documents: cold build, nightly builds,
# peak memory, disk, queries), each against the same run's floor: docs/benchmarks-national.md and .json
# (up to 40 minutes).
bench-national: $(STAMP) voikko
	$(BIN)/python scripts/bench_national.py --out docs

# The same on tens of documents, once each: checks that the benchmark works (pytest runs it too).
bench-smoke: $(STAMP) voikko
	$(BIN)/python scripts/bench.py --smoke --out target/bench-smoke

# The report site of a 1 000-document synthetic corpus: build time and page sizes (target/bench-report/).
bench-report: $(STAMP)
	$(BIN)/python scripts/bench_report.py --out target/bench-report

clean:
	rm -rf target logs $(VENV)
