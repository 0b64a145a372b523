# `make run` serves the app; `make test` sets up everything the tests need and runs them all.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test venv browser releases bench clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed

run: venv
	@echo "Loop Doctor: http://$(HOST):$(PORT)/"
	$(BIN)/flask --app app run --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The cached virtual environments of the pytest-asyncio releases the fix harness runs.
releases: venv
	$(BIN)/python -m tests.harness.releases

test: venv browser releases
	$(BIN)/python -m pytest

bench: venv
	$(BIN)/python bench/bench_analyze.py

clean:
	rm -rf $(VENV) .pytest_cache test-output
