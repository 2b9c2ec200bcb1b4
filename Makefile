# Two commands for a fresh machine (see README):
#   make demo   installs everything and runs eventwire on the shipped example dispatches
#   make test   installs everything and runs the checks and the test suite (what CI runs)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint bench eval-dev clean

$(BIN)/eventwire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/eventwire

install: $(BIN)/eventwire

demo: install
	$(BIN)/eventwire extract examples/ --format table

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

bench: install
	$(BIN)/python benchmarks/throughput.py

eval-dev: install
	../shared/eval/run_dev.sh $(BIN)/eventwire

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
