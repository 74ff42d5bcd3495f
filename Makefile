# `make run` runs the demo (scripts/demo.sh: a demo counter, the city simulator, a sync), `make test` runs every check, `make bench` measures.
# Each first runs scripts/setup.sh: system libraries if missing, then .venv if out of date.
# `make dist` builds the one-folder bundle (build.spec) and its tarball from .venv-dist, a
# virtualenv holding only the app and PyInstaller (docs/ADMIN.md).

BIN := .venv/bin
DIST_VENV := .venv-dist
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' counter_app/__init__.py)
TARBALL = dist/counter-app-$(VERSION)-linux-$(shell uname -m).tar.gz

.PHONY: setup run test lint bench clean dist

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

# A clean virtualenv (never the dev one: no test tools in the bundle), remade when
# pyproject.toml changes; the spec builds the translations, the tarball keeps the CLI link.
$(DIST_VENV)/.installed: pyproject.toml
	rm -rf $(DIST_VENV)
	python3 -m venv $(DIST_VENV)
	$(DIST_VENV)/bin/python -m pip install -q --upgrade pip
	$(DIST_VENV)/bin/python -m pip install -q '.[dist]'
	touch $@

dist: $(DIST_VENV)/.installed
	$(DIST_VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
	tar -C dist -czf $(TARBALL) counter-app
	@du -sh dist/counter-app $(TARBALL)

# --one-file-system: a test killed while build/minimal-root had /dev bind-mounted must not
# take the host's /dev with it.
clean:
	rm -rf --one-file-system .venv $(DIST_VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis .import_linter_cache
