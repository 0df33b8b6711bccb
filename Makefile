# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO := demo/werkplaatsen.db
DEMO_INPUTS := $(wildcard transcripts/*) $(wildcard codebooks/*)

.PHONY: run demo test check bench clean-demo

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(DEMO): $(STAMP) $(DEMO_INPUTS)
	$(PY) -m codebook.services.demo $(DEMO) .

demo: $(STAMP)
	rm -f $(DEMO) $(DEMO)-wal $(DEMO)-shm
	$(MAKE) $(DEMO)

run: $(DEMO)
	$(VENV)/bin/codebook tui $(DEMO)

test: $(STAMP)
	bash scripts/ensure-system-deps.sh
	$(PY) -m pytest -n 2 -q

check: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy --strict src
	$(VENV)/bin/lint-imports --no-cache

bench: $(STAMP)
	$(PY) bench/run.py
