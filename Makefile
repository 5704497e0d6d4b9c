# Optio: `make dev` runs the whole app with demo data; `make test` runs every test.
# Both work on a fresh clone with only Python 3.11+ and Node 20.19+: the virtualenv, the embedded
# PostgreSQL and the frontend's node_modules are made here, under .venv/, .optio/ and
# frontend/node_modules/ (and Debian's Chromium is installed for the end-to-end tests).

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum backend/pyproject.toml | cut -d' ' -f1)
WEB := frontend
WEB_STAMP := $(WEB)/node_modules/.installed-$(shell cksum $(WEB)/package-lock.json | cut -d' ' -f1)
LOAD := backend/bench/load
LOAD_STAMP := $(LOAD)/node_modules/.installed-$(shell cksum $(LOAD)/package-lock.json | cut -d' ' -f1)
# The independent verifier the credential tests run (Digital Bazaar's vc libraries, Node).
VERIFIER := backend/tests/credentials/verifier
VERIFIER_STAMP := $(VERIFIER)/node_modules/.installed-$(shell cksum $(VERIFIER)/package-lock.json | cut -d' ' -f1)
HAVE_NODE := $(shell command -v npm >/dev/null 2>&1 && echo yes)
# The end-to-end tests drive this browser (Debian's package: browser downloads are not used).
CHROMIUM ?= /usr/bin/chromium

.PHONY: dev test lint format db-migrate db-reset db-seed install clean bench bench-load \
	web-install web-build web-dev web-test web-size e2e api-client api-client-check chromium \
	postgresql-15 load-install verifier-install node-check

$(STAMP): backend/pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e 'backend[dev]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# The web app's build (Vite) needs Node 20.19 or newer: say so before npm fails in its own words.
# A check, not a file: as an order-only prerequisite it runs without making the stamp stale.
NODE_IS_20_19 := const [major, minor] = process.versions.node.split(".").map(Number); \
	process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)
node-check:
	@test -n "$(HAVE_NODE)" || { echo "Node 20.19 or newer (node and npm) is needed for the web app" >&2; exit 1; }
	@node -e '$(NODE_IS_20_19)' || \
		{ echo "Node 20.19 or newer is needed for the web app; found $$(node --version)" >&2; exit 1; }

$(WEB_STAMP): $(WEB)/package-lock.json | node-check
	cd $(WEB) && npm ci --no-audit --no-fund
	rm -f $(WEB)/node_modules/.installed-* && touch $@

web-install: $(WEB_STAMP)

# autocannon, the load generator of `make bench-load`.
$(LOAD_STAMP): $(LOAD)/package-lock.json
	@test -n "$(HAVE_NODE)" || { echo "Node 20 (node and npm) is needed for make bench-load" >&2; exit 1; }
	cd $(LOAD) && npm ci --no-audit --no-fund
	rm -f $(LOAD)/node_modules/.installed-* && touch $@

load-install: $(LOAD_STAMP)

$(VERIFIER_STAMP): $(VERIFIER)/package-lock.json
	@test -n "$(HAVE_NODE)" || { echo "Node 20 (node and npm) is needed for the credential tests" >&2; exit 1; }
	cd $(VERIFIER) && npm ci --no-audit --no-fund
	rm -f $(VERIFIER)/node_modules/.installed-* && touch $@

verifier-install: $(VERIFIER_STAMP)

web-build: web-install
	cd $(WEB) && npm run build

# The Vite dev server on :5173, proxying /api to `make dev` (OPTIO_API to point it elsewhere).
web-dev: web-install
	cd $(WEB) && npm run dev

# The typed API client, regenerated from the app's own OpenAPI document (no database needed).
api-client: install web-install
	mkdir -p .optio && $(BIN)/optio openapi > .optio/openapi.json
	cd $(WEB) && npm run api-client

# Fails when schema.d.ts no longer matches the API (then run `make api-client`).
api-client-check: install web-install
	mkdir -p .optio && $(BIN)/optio openapi > .optio/openapi.json
	cd $(WEB) && npx openapi-typescript ../.optio/openapi.json --default-non-nullable false \
		-o ../.optio/schema.d.ts >/dev/null && \
		diff -q ../.optio/schema.d.ts src/api/schema.d.ts >/dev/null || \
		{ echo "frontend/src/api/schema.d.ts is stale: run make api-client" >&2; exit 1; }

# Debian packages the tests need, installed when missing (as root; otherwise a clear error):
# $(call debian_package,FILE IT PROVIDES,PACKAGE,WHAT FOR)
define debian_package
	@if [ -x "$(1)" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
		echo "$(1) is missing: install Debian's package as root (apt-get install -y $(2))." >&2; \
		exit 1; \
	fi; \
	echo "installing Debian's $(2) $(3)"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	test -x "$(1)" || { echo "$(1) is still missing after installing $(2)" >&2; exit 1; }
endef

chromium:
	$(call debian_package,$(CHROMIUM),chromium,for the end-to-end tests (or set CHROMIUM=/path))

# The migrations are also applied to an empty PostgreSQL 15 (tests/db/test_migrate.py).
postgresql-15:
	$(call debian_package,/usr/lib/postgresql/15/bin/postgres,postgresql-15,for the migration test)

# With Node the app is built and served at http://127.0.0.1:$$PORT; without it, the API alone.
# A taken port, or a Node too old for the build, is said first, before anything is built.
dev: $(if $(HAVE_NODE),node-check) install
	@cd backend && $(BIN)/optio dev --check-port
ifeq ($(HAVE_NODE),yes)
	$(MAKE) web-build
else
	@echo "Node is not installed: serving the API only (the web app needs Node 20.19 or newer to build)"
endif
	cd backend && $(BIN)/optio dev

# Branch coverage of optio (configured in backend/pyproject.toml) over both runs; below the
# floor the run fails. Only here: a subset of tests (`pytest tests/users`) has no floor.
COVERAGE_FLOOR := 94

# The API's tests run twice: with the local auth provider, then as production runs, through the
# supabase client against tests/fakes' FakeSupabase (`--auth-provider=supabase`).
test: install web-install verifier-install chromium postgresql-15
	cd backend && $(BIN)/pytest --cov
	cd backend && $(BIN)/pytest --auth-provider=supabase --cov --cov-append \
		--cov-fail-under=$(COVERAGE_FLOOR)
	$(MAKE) web-test e2e web-size
	$(MAKE) bench-load BENCH_LOAD_ARGS=--smoke

web-test: web-install
	cd $(WEB) && npm test

# The landing page's first load, gzipped, within its budget (frontend/scripts/bundle-size.mjs).
web-size: web-build
	cd $(WEB) && npm run size

# Its own API and database (.optio/e2e) on a free port, serving the build; screenshots go to
# test-artifacts/screenshots.
e2e: install web-build chromium
	cd $(WEB) && CHROMIUM_PATH=$(CHROMIUM) npx playwright test

lint: install
	cd backend && $(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy
	cd backend && $(BIN)/optio db snapshot --check
	$(MAKE) web-install
	cd $(WEB) && npm run typecheck && npm run lint && npm run format:check
	$(MAKE) api-client-check

format: install web-install
	cd backend && $(BIN)/ruff format . && $(BIN)/ruff check --fix .
	cd $(WEB) && npm run format

db-migrate: install
	cd backend && $(BIN)/optio db migrate

db-reset: install
	cd backend && $(BIN)/optio db reset --yes && $(BIN)/optio db seed

db-seed: install
	cd backend && $(BIN)/optio db seed

clean:
	rm -rf $(VENV) .optio $(WEB)/node_modules $(LOAD)/node_modules $(VERIFIER)/node_modules $(WEB)/dist test-artifacts backend/.coverage

bench: install
	cd backend && $(BIN)/python bench/api_latency.py

# Throughput under load against a bare-Flask baseline (README "Under load"); ~10 minutes.
# BENCH_LOAD_ARGS passes options (--help lists them; --smoke is the tiny run in make test).
bench-load: install load-install
	cd backend && $(BIN)/python bench/load/harness.py $(BENCH_LOAD_ARGS)
