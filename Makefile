# Rarelight: `make serve` runs the web app, `make test` runs every check CI runs.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
UV := $(shell command -v uv 2>/dev/null || echo $(VENV)/bin/uv)
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON ?= python3

.PHONY: serve test lint format bootstrap clean

# The virtual environment, synced with uv.lock; re-synced only when the lock or pyproject changes.
$(VENV)/.synced: uv.lock pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	@command -v uv >/dev/null 2>&1 || test -x $(VENV)/bin/uv || \
		{ $(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip --upgrade >/dev/null; \
		  $(PY) -m pip install --quiet uv; }
	$(UV) sync --frozen --inexact --python $(PY)
	@touch $@

bootstrap: $(VENV)/.synced

serve: bootstrap
	$(VENV)/bin/rarelight serve --port $(PORT)

lint: bootstrap
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy src
	$(VENV)/bin/lint-imports

test: lint
	$(VENV)/bin/pytest

format: bootstrap
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
