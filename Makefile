# Every target creates the environment it needs; a fresh machine needs only python3 and pip.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint lock clean

$(BIN)/thaw: requirements.lock requirements-dev.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

run: $(BIN)/thaw
	$(BIN)/thaw

test: $(BIN)/thaw
	$(BIN)/ruff check store tui tests
	$(BIN)/python -m pytest -n auto

lint: $(BIN)/thaw
	$(BIN)/ruff check store tui tests

clean:
	rm -rf $(VENV)
