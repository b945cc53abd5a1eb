# PeerPath: `make run` to try it, `make test` to check everything. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000
LOCAL := DJANGO_ENV=local

.PHONY: run setup demo demo-code test bench screenshots lint typecheck assets clean

## run: set up, migrate the SQLite database, load the demo, serve on 127.0.0.1:8000 and
## run the background worker (emails, escalation, reminders) beside it
run: setup demo
	@$(LOCAL) $(BIN)/python manage.py demo_logins
	@echo "PeerPath is at http://$(HOST):$(PORT)/ with its worker  (Ctrl+C stops both)"
	$(LOCAL) HOST=$(HOST) PORT=$(PORT) bash scripts/serve

## setup: the virtual environment with the locked dependencies
setup: $(VENV)/.synced

$(VENV)/.synced: pyproject.toml uv.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --frozen --inexact --quiet
	@touch $@

## demo: migrate the local SQLite database and load the demo data (idempotent)
demo: setup
	@mkdir -p data
	$(LOCAL) $(BIN)/python manage.py migrate --no-input -v 0
	$(LOCAL) $(BIN)/python manage.py createcachetable
	$(LOCAL) $(BIN)/python manage.py collectstatic --no-input -v 0
	$(LOCAL) $(BIN)/python manage.py seed_demo_data

## demo-code: the current two-factor code for the demo staff log-ins
demo-code: setup
	@$(LOCAL) $(BIN)/python manage.py demo_logins --code

## test: lint, types, the suite on SQLite, on PostgreSQL, and in Chromium
test: setup
	bash scripts/test

## bench: build a benchmark data set (SIZE=S|M|L, DB=sqlite|pg) in its own database and time
## every role's key pages against a bare view, in process and under gunicorn + wrk (issue 14)
bench: setup
	SIZE=$(or $(SIZE),S) DB=$(or $(DB),sqlite) bash scripts/bench

## screenshots: the README's pictures of each demo log-in's home page (docs/screenshots/)
screenshots: setup
	@mkdir -p docs/screenshots
	PEERPATH_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q peerpath/tests/system/test_log_in_as_each_role.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy peerpath

## assets: rebuild the committed NHS.UK frontend CSS/JS from the pinned npm packages
assets:
	npm ci --no-audit --no-fund --loglevel=error
	npm run build

clean:
	rm -rf $(VENV) node_modules staticfiles
