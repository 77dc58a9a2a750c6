# Two commands on a fresh machine with python3, pip/venv and make:
#   make run    set up, ingest the bundled sample reports, print the overview, serve on http://127.0.0.1:8000
#   make test   set up and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lint clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/kroniek ingest samples/
	$(BIN)/kroniek overview
	$(BIN)/kroniek serve --host 127.0.0.1 --port 8000

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) kroniek.db
