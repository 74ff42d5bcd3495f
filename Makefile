# `make run` runs the demo (scripts/demo.sh: a demo counter, the city simulator, a sync), `make test` runs every check, `make bench` measures.
# Each first runs scripts/setup.sh: system libraries if missing, then .venv if out of date.

BIN := .venv/bin

.PHONY: setup run test lint bench clean

setup:
	@bash scripts/setup.sh

run: setup
	bash scripts/demo.sh

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: setup
	$(BIN)/python -m bench.run

clean:
	rm -rf .venv .pytest_cache .mypy_cache .ruff_cache .hypothesis .import_linter_cache
