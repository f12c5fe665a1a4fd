# `make demo` and `make test` work on a fresh machine: they create .venv, install, and build the assets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ASSETS := doelbinding/static/vendor/.built
DEMO_DB := $(CURDIR)/var/demo.sqlite3
DEMO_MEDIA := $(CURDIR)/var/demo-media
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test lint bench openapi install assets chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(INSTALLED)

# NL Design System CSS, design tokens and htmx come from npm and are copied into static files.
$(ASSETS): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	mkdir -p doelbinding/static/vendor/utrecht
	cp frontend/node_modules/@utrecht/component-library-css/dist/index.css doelbinding/static/vendor/utrecht/component-library.css
	cp frontend/node_modules/@utrecht/design-tokens/dist/theme.css doelbinding/static/vendor/utrecht/design-tokens.css
	cp frontend/node_modules/htmx.org/dist/htmx.min.js doelbinding/static/vendor/htmx.min.js
	touch $@

assets: $(ASSETS)

demo: install assets
	rm -rf $(DEMO_DB) $(DEMO_MEDIA)
	DEBUG=1 DOELBINDING_DEMO=1 LOG_LEVEL=WARNING DATABASE_URL=sqlite:///$(DEMO_DB) MEDIA_ROOT=$(DEMO_MEDIA) $(BIN)/python manage.py migrate --verbosity 0
	DEBUG=1 DOELBINDING_DEMO=1 LOG_LEVEL=WARNING DATABASE_URL=sqlite:///$(DEMO_DB) MEDIA_ROOT=$(DEMO_MEDIA) $(BIN)/python manage.py demo_world
	DEBUG=1 DOELBINDING_DEMO=1 DATABASE_URL=sqlite:///$(DEMO_DB) MEDIA_ROOT=$(DEMO_MEDIA) $(BIN)/python manage.py runserver 127.0.0.1:8000

# Browser tests need Debian's Chromium; as root we install it, otherwise we say what is missing.
chromium:
	@test -x $(CHROMIUM) || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq chromium chromium-driver; } \
	  || { echo "Chromium ontbreekt: installeer het pakket 'chromium' (browsertests draaien niet zonder)."; exit 1; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/mypy --no-incremental

test: install assets chromium lint
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=1 $(BIN)/python manage.py spectacular --validate --fail-on-warn --file $(VENV)/openapi.current.yaml
	@diff -u doelbinding/api/openapi.yaml $(VENV)/openapi.current.yaml \
	  || { echo "Het OpenAPI-document wijkt af van de code: draai 'make openapi' en commit het resultaat."; exit 1; }
	DEBUG=1 $(BIN)/pytest

openapi: install
	DEBUG=1 $(BIN)/python manage.py spectacular --validate --fail-on-warn --file doelbinding/api/openapi.yaml

bench: install assets
	DEBUG=1 $(BIN)/python -m bench

clean:
	rm -rf $(VENV) frontend/node_modules doelbinding/static/vendor var
