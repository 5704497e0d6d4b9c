# Optio: `make dev` runs the whole app with demo data; `make test` runs every test.
# Both work on a fresh clone with only Python 3.11+: the virtualenv and the embedded
# PostgreSQL are made here, under .venv/ and .optio/.

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum backend/pyproject.toml | cut -d' ' -f1)

.PHONY: dev test lint format db-migrate db-reset db-seed install clean bench

$(STAMP): backend/pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e 'backend[dev]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

dev: install
	cd backend && $(BIN)/optio dev

test: install
	cd backend && $(BIN)/pytest

lint: install
	cd backend && $(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

format: install
	cd backend && $(BIN)/ruff format . && $(BIN)/ruff check --fix .

db-migrate: install
	cd backend && $(BIN)/optio db migrate

db-reset: install
	cd backend && $(BIN)/optio db reset --yes && $(BIN)/optio db seed

db-seed: install
	cd backend && $(BIN)/optio db seed

clean:
	rm -rf $(VENV) .optio

bench: install
	cd backend && $(BIN)/python bench/api_latency.py
