# The project's interface: CI, docs and people all call these targets.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
PYTEST_ARGS ?=
# One pytest worker per core (pytest-xdist); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto

.PHONY: install run test lint format e2e bench clean help messages

help:
	@echo "make run     install, migrate, load demo data, serve on http://127.0.0.1:$(PORT) with a task worker"
	@echo "make test    install and run the whole test suite (uses DATABASE_URL when set)"
	@echo "make lint    ruff check, ruff format --check, the import rule, makemigrations --check"
	@echo "make e2e     browser tests in Debian's chromium"
	@echo "make messages  update the Welsh catalogue from the code (makemessages) and compile it"
	@echo "make bench   benchmark key pages against /healthz"

install: $(STAMP)

$(STAMP): pyproject.toml package.json package-lock.json
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) was not found)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

# The task worker (reminders, retention) runs beside the server and stops with it.
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@DEBUG=1 $(BIN)/python manage.py qcluster & worker=$$!; \
	  trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

e2e: install
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium for the browser tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  || (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium); }
	$(BIN)/python -m pytest tests/e2e -p no:cacheprovider -o addopts="" -m e2e $(PYTEST_ARGS)

# The Welsh catalogue (docs/architecture.md, "Languages"): new strings from the templates and
# code into locale/cy/LC_MESSAGES/django.po, then the compiled django.mo. Commit both;
# tests/i18n/test_translations.py fails on an untranslated person-facing string or a stale .mo.
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests

messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l cy --add-location=file --no-obsolete $(MESSAGES_IGNORE)
	DEBUG=1 $(BIN)/python manage.py compilemessages -l cy $(MESSAGES_IGNORE)

clean:
	rm -rf $(VENV) node_modules staticfiles

BENCH_DB ?= recovery_practice_bench
BENCH_URL ?= postgres://postgres@127.0.0.1:5432/$(BENCH_DB)
BENCH_ARGS ?=

bench: install
	@psql "postgres://postgres@127.0.0.1:5432/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB)'" | grep -q 1 \
	  || psql "postgres://postgres@127.0.0.1:5432/postgres" -qc "CREATE DATABASE $(BENCH_DB)"
	DEBUG=1 DATABASE_URL=$(BENCH_URL) $(BIN)/python manage.py bench $(BENCH_ARGS)
