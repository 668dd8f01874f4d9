# The two commands: `make run` serves the demo site, `make test` runs the checks.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The port `make run` serves on; the site's links in mail (SITE_URL) follow it.
PORT ?= 8000
# Browser tests drive Debian's chromium; Playwright never downloads a browser here.
CHROMIUM ?= /usr/bin/chromium
# The HTML check runs the Nu HTML Checker (npm's vnu-jar) on Java; axe-core also comes from npm.
JAVA ?= /usr/bin/java
NPM ?= /usr/bin/npm
# nginx: the benchmark's anchors and front cache, whose generated configs a test checks.
NGINX ?= /usr/sbin/nginx
APT_INSTALL := env DEBIAN_FRONTEND=noninteractive apt-get install -y -q

.PHONY: run test lint format setup clean editor bench bench-wordpress

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

setup: $(VENV)/.run-deps
	mkdir -p $${VAR_DIR:-var}
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

# The task worker (manage.py worker) runs beside the site and is stopped when the site stops.
run: setup
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py rerender --all
	@echo "Serving the magazine at http://127.0.0.1:$(PORT)/ (admin at /admin/). Ctrl-C stops it."
	$(BIN)/python manage.py worker --worker-id local & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; trap 'exit 130' INT TERM; \
	PORT=$(PORT) $(BIN)/python manage.py runserver --noreload 127.0.0.1:$(PORT)

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Debian packages the tests need, installed with apt when missing (as root, or through sudo).
define apt_install
	@if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	else echo "The tests need Debian's $(1): run 'apt-get install $(1)' as root." >&2; exit 1; fi; \
	$$SUDO $(APT_INSTALL) $(1) || { $$SUDO apt-get update -q && $$SUDO $(APT_INSTALL) $(1); }
endef

$(CHROMIUM):
	$(call apt_install,chromium)

$(JAVA):
	$(call apt_install,default-jre-headless)

$(NPM):
	$(call apt_install,npm)

$(NGINX):
	$(call apt_install,nginx-light)

# axe-core and vnu-jar, exactly as package-lock.json pins them. vnu-jar's install script only
# fetches a Java runtime, which we take from Debian instead, so scripts are not run.
node_modules/.installed: package.json package-lock.json | $(NPM)
	$(NPM) ci --ignore-scripts --no-audit --no-fund
	touch $@

# The suite runs in TEST_PROCESSES processes (pytest-xdist, a test file to a process, each with a
# database of its own): first the tests that roll back, then those that commit (the browser tests
# among them), which empty the database after them; then, alone, the tests marked serial, which
# stop and start the machine's PostgreSQL.
TEST_PROCESSES ?= 2
PYTEST := CHROMIUM=$(CHROMIUM) $(BIN)/pytest

test: lint $(CHROMIUM) $(JAVA) $(NGINX) node_modules/.installed
	$(PYTEST) -n $(TEST_PROCESSES) --dist loadfile -m "not transactional and not serial"
	$(PYTEST) -n $(TEST_PROCESSES) --dist loadfile -m "transactional and not serial"
	$(PYTEST) -m serial

format: $(VENV)/.test-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuild the admin's body editor (static/richtext/richtext.js, committed) from editor/; needs Node and npm.
editor:
	cd editor && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) var node_modules

# The benchmark (bench/README.md): corpus in PostgreSQL, gunicorn as in production, wrk, two anchors.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/magazine_bench
BENCH_CACHE_URL ?= redis://127.0.0.1:6379/7
BENCH_ARGS ?=
WRK ?= /usr/bin/wrk

$(WRK):
	$(call apt_install,wrk)

bench: $(VENV)/.run-deps $(WRK) $(NGINX)
	mkdir -p $${VAR_DIR:-var}
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_CACHE_URL=$(BENCH_CACHE_URL) $(BIN)/python -m bench.run $(BENCH_ARGS)

# The WordPress import at 20,000 posts and 200,000 comments, imported twice (bench/README.md).
WXR_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mag_wxr_bench

bench-wordpress: $(VENV)/.run-deps
	WXR_BENCH_DATABASE_URL=$(WXR_BENCH_DATABASE_URL) $(BIN)/python -m bench.wordpress $(BENCH_ARGS)
