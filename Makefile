# Two commands on a fresh machine with python3, pip/venv and make:
#   make run    set up, ingest the bundled sample reports, print the overview, serve on http://127.0.0.1:8000
#   make test   set up and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup system-deps lint bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# The browser tests drive Debian's Chromium (no browser download at run time).
system-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; fi; \
	fi

run: setup
	$(BIN)/kroniek ingest samples/
	$(BIN)/kroniek overview
	$(BIN)/kroniek serve --host 127.0.0.1 --port 8000

test: setup system-deps lint
	$(BIN)/python -m pytest -q

# Benchmarks with their peers (dateparser, HeidelTime: needs Java); not part of the tests.
bench: setup
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python bench/bench_time.py
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_tls.py
	$(BIN)/python bench/bench_fanout.py
	$(BIN)/python bench/bench_search.py
	$(BIN)/python bench/bench_events.py

lint: setup
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy

clean:
	rm -rf $(VENV) kroniek.db
