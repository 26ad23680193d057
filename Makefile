# The kit's two everyday commands:
#   make app   create .venv if missing, install the kit, serve it on http://127.0.0.1:8866
#   make test  create or reuse .venv, install the test extra, run all four test tiers
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
PORT ?= 8866

.PHONY: app test lint check benchmark clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "The kit needs Python 3.11 or newer; set PYTHON=python3.11 (or newer).")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.app-installed: pyproject.toml | $(BIN)/python
	$(PIP) --upgrade pip
	$(PIP) -e .
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(PIP) --upgrade pip
	$(PIP) -e '.[test]'
	@touch $@ $(VENV)/.app-installed

app: $(VENV)/.app-installed
	$(BIN)/kit serve --port $(PORT)

check: $(VENV)/.app-installed
	$(BIN)/kit check --strict

lint: $(VENV)/.test-installed
	$(BIN)/ruff check kit tests benchmarks

# Tiers 1 (unit), 2 (content QA) and 4 (browser) live under tests/; tier 3 executes every
# notebook and exercise with nbval (lax: output-free notebooks are only checked to run).
test: lint
	$(BIN)/python -m pytest tests notebooks exercises --nbval-lax --nbval-current-env -p no:cacheprovider

benchmark: $(VENV)/.test-installed
	$(BIN)/python benchmarks/time_to_interactive.py
	$(BIN)/python benchmarks/scenario_click.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
