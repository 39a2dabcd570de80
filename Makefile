# Ideeënmakelaar platform: local development, tests and the benchmark.
# `make run` starts everything; `make test` is what CI runs (.ci/run).
# DATABASE_URL and REDIS_URL come from the environment, else .env, else the
# defaults in config/settings/base.py; scripts/ensure_services.sh starts private
# servers under var/ when nothing answers there.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Touched after a successful install: pip runs again only when pyproject.toml changes.
STAMP := $(VENV)/.installed

.PHONY: help install services stop-services db run test replicas lint fmt bench clean distclean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

install: $(STAMP) ## create .venv and install the project with its dev extras

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

services: ## make sure PostgreSQL and Redis answer (private ones under var/ if needed)
	scripts/ensure_services.sh

stop-services: ## stop the private PostgreSQL and Redis under var/
	scripts/stop_services.sh

db: install services ## create the database if missing and migrate it
	scripts/ensure_db.sh
	$(PY) manage.py migrate --noinput

run: install services db ## demo data, then web + Celery worker + beat (Ctrl-C stops all)
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=$${DJANGO_DEBUG:-False} scripts/run.sh  # the real 404 and 500 pages, as residents see them

test: install services ## lint, migration check and the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
# --create-db: a test that needs real commits (transaction=True) empties every table
# when it ends, the migrations' data too (themes, roles, the starter thesaurus), so a
# reused test database would start the next run without it.
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest --create-db

replicas: install services ## two web instances behind HAProxy, two workers, two beats: prints the figures
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -q -s -p no:cacheprovider -m replicas tests/replicas

lint: install ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install ## format the code and apply ruff's safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install services ## benchmark against its own database, ideeen_bench (ARGS=residents: one section)
	scripts/bench.sh $(ARGS)

clean: ## stop the private services, remove var/ and generated files
	scripts/stop_services.sh
	rm -rf var staticfiles .pytest_cache .ruff_cache .hypothesis test-results
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## also remove the virtualenv
	rm -rf $(VENV)
