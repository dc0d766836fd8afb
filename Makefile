# Every target creates the environment it needs; a fresh machine needs only python3 and pip.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-slow lint lock clean bench bench-smoke eval

$(BIN)/thaw: requirements.lock requirements-dev.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m compileall -q store tui    # an editable install compiles nothing
	@touch $@

run: $(BIN)/thaw
	$(BIN)/thaw

test: $(BIN)/thaw
	$(BIN)/ruff check store tui tests
	$(BIN)/python -m pytest -n auto

# The long reliability suites: 10,000 hostile files, 50 SIGKILLed ingests, 1,000-document
# concurrent ingests, a 10 MB article, a 10,000-item feed, 10 SIGKILLed updates, a streamed 50 MB
# page, 1,000 random corrections through reextract, 10 SIGKILLed reextracts (THAW_SLOW=1 turns them on).
test-slow: $(BIN)/thaw
	THAW_SLOW=1 $(BIN)/python -m pytest -n 2 -q --durations=15 tests/test_reliability_ingest.py \
		tests/test_reliability_crash.py tests/test_reliability_concurrency.py \
		tests/test_reliability_search.py tests/test_reliability_tui.py tests/test_reliability_web.py \
		tests/test_reliability_corrections.py

lint: $(BIN)/thaw
	$(BIN)/ruff check store tui tests

# Regenerates the synthetic corpus and stores, runs every benchmark, rewrites
# benchmarks/results.json and docs/benchmarks.md (~5–10 minutes on 2 cores).
bench: $(BIN)/thaw
	$(BIN)/python -m compileall -q store tui    # start-up as installed: byte code up to date
	$(BIN)/python benchmarks/run.py

# Smallest sizes, one run each: must complete, times not checked (also in the test suite).
bench-smoke: $(BIN)/thaw
	$(BIN)/python benchmarks/run.py --smoke

# Scores the extractor against the development corpus's gold (tests/corpus/) and rewrites
# docs/extraction.md (~1 s). `.venv/bin/python benchmarks/eval.py --verbose` lists every miss,
# false positive, duplicate and violation; `--write --ratchet` also raises benchmarks/eval_floor.json.
# Then the same for tests/corpus_extra/, written apart from the first (a guard against fitting it).
eval: $(BIN)/thaw
	$(BIN)/python benchmarks/eval.py --write
	$(BIN)/python benchmarks/eval.py --corpus tests/corpus_extra

# Re-resolve the newest allowed versions and pin them (runtime, then test tools on top).
DEV_TOOLS := pytest pytest-xdist pytest-textual-snapshot hypothesis ruff
lock:
	rm -rf .lockenv && $(PY) -m venv .lockenv
	.lockenv/bin/pip install -q --disable-pip-version-check .
	{ echo "# Runtime dependencies, pinned. Regenerate: make lock"; \
	  .lockenv/bin/pip freeze --exclude thaw-monitor; } > requirements.lock
	.lockenv/bin/pip install -q --disable-pip-version-check $(DEV_TOOLS)
	{ echo "# Test/dev dependencies on top of requirements.lock, pinned. Regenerate: make lock"; \
	  echo "-r requirements.lock"; \
	  .lockenv/bin/pip freeze --exclude thaw-monitor | grep -v -x -F -f requirements.lock; } \
	  > requirements-dev.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV)
