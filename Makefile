# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: demo test lint typecheck bench docs clean

# The C modules are compiled by the editable install, so a change to one reinstalls.
$(STAMP): pyproject.toml scripts/system-deps.sh src/scamnet/extract/_scan.c src/scamnet/analyze/_linear.c
	PYTHON=$(PYTHON) bash scripts/system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip setuptools wheel >/dev/null
	$(BIN)/python -m pip install -e '.[dev,spark]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/scamnet demo

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

docs: $(STAMP)
	$(BIN)/python -m scamnet.docs

clean:
	rm -rf $(VENV) demo-out build dist *.egg-info
