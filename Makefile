# claimwatch — everything a fresh machine needs, from a bare Python 3.11.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
CW := $(VENV)/bin/claimwatch
SHARED ?= ../shared
DEMO_DB ?= demo.db
EVAL_DB ?= $(VENV)/eval.db
STAMP := $(VENV)/.installed
# the resolver that writes the hashed lock files (used by `make lock` only)
UV_VERSION := 0.13.8
LOCK_TOOL := $(VENV)/lock-tool
UV := $(LOCK_TOOL)/bin/uv
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := decode txt html jsonl extract

.PHONY: setup demo docs test lint typecheck unit eval pin-floors ablation calibrate bench bench-links bench-link-curve bench-scaling bench-curve bench-web clean lock fuzz fuzz-smoke

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "claimwatch needs Python 3.11, found " + sys.version' 
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# every package, transitive ones included, is pinned with its hashes in the two lock files
	# (`make lock` writes them): nothing else is installed, a file whose hash differs is
	# refused, and pip check fails if a pin is missing or wrong
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements.txt -r requirements-dev.txt
	$(PY) -m pip check
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(CW) --db $(DEMO_DB) add src/claimwatch/samples/corpus.jsonl
	$(CW) --db $(DEMO_DB) docs
	$(CW) --db $(DEMO_DB) claims
	$(CW) --db $(DEMO_DB) eval claims --gold src/claimwatch/samples/gold.jsonl --show-errors 0

# The generated reference pages: every command's --help, every export table's columns
# (a test fails when either is stale).
docs: setup
	$(PY) -m claimwatch.reference docs

# Rewrite the lock files from requirements.in / requirements-dev.in: every package the pins
# need, each with its version and hashes. Versions already locked are kept unless an input
# pin moved; run after changing a pin or adding a package to a .in file.
lock:
	test -x $(UV) || { $(PYTHON) -m venv $(LOCK_TOOL) && $(LOCK_TOOL)/bin/pip install --quiet uv==$(UV_VERSION); }
	$(UV) pip compile --quiet --generate-hashes --python-version 3.11 --custom-compile-command "make lock" \
		requirements.in -o requirements.txt
	$(UV) pip compile --quiet --generate-hashes --python-version 3.11 --custom-compile-command "make lock" \
		requirements-dev.in -o requirements-dev.txt

lint: setup
	$(VENV)/bin/ruff check src tests bench fuzz

typecheck: setup
	$(VENV)/bin/mypy

unit: setup
	$(VENV)/bin/pytest -q

# The accuracy gate: every gold set (ours and ../shared's, seen and blind documents apart),
# quotes, links, quantities, TimeBank and PolNeAR, every score printed; fails below the floors
# pinned in eval-floors.json or when a gold input changed since pinning.
eval: setup
	$(CW) eval gate --shared $(SHARED) --eval-db $(EVAL_DB) --workers 2

# Raise the pinned floors to what `make eval` reached (never lowers one; see eval/floors.py).
pin-floors: eval
	$(CW) eval pin --shared $(SHARED)

# Refit the confidence model on the seen documents of every gold set (after rules change).
calibrate: setup
	$(CW) eval calibrate --shared $(SHARED)

# What each named rule contributes on every gold set (slow: one extraction per rule).
ablation: setup
	$(CW) eval ablation --shared $(SHARED)

test: lint typecheck unit fuzz-smoke eval

# Coverage-guided fuzzing (atheris) of the decoder, each input format and the whole
# extraction, FUZZ_SECONDS per target; a crash stops it and leaves its input in
# .venv/fuzz-artifacts/ (see fuzz/run.py). `make test` runs each target for a few seconds.
fuzz: setup
	for target in $(FUZZ_TARGETS); do $(PY) fuzz/run.py $$target --seconds $(FUZZ_SECONDS) || exit 1; done

fuzz-smoke: setup
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=3 > $(VENV)/fuzz-smoke.log 2>&1 || { tail -40 $(VENV)/fuzz-smoke.log; exit 1; }
	grep -h "^Done" $(VENV)/fuzz-smoke.log

# cross-document commands (check, stories, report, speakers) at 1k, 2k and 5k documents; extraction
# vs spaCy's own pipeline on real news with wire copies (1 and 2 processes, batch on 2 Dask workers);
# the parse cache's hit rate and speed-up; numbers in BENCHMARKS.md
bench: setup
	$(PY) bench/links.py
	$(PY) bench/bench.py
	$(PY) bench/parse_cache.py

# time and peak memory per stage at 1k / 10k / 100k generated articles (slow: hours at 100k)
bench-curve: setup
	$(PY) bench/curve.py

bench-links: setup
	$(PY) bench/links.py

# claims, check, stories, report and linking 1,000 more documents on generated stores of
# 1k / 10k / 100k documents (no model needed; slow: hours at 100k)
bench-link-curve: setup
	$(PY) bench/link_curve.py

# time per figure and per megabyte as inputs grow (flat when every stage is linear)
bench-scaling: setup
	$(PY) bench/scaling.py

# p50 / p95 of the claims page and /api/claims over 100,000 generated claims, 20 clients
bench-web: setup
	$(PY) bench/web.py

clean:
	rm -rf $(VENV) $(DEMO_DB)* .pytest_cache .mypy_cache .ruff_cache
