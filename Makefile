# The two Quick-start targets: each creates .venv if needed, installs, and runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint explore clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The examples are dated around 2026-11-23; pinning "today" keeps the demo's output stable.
demo: $(STAMP)
	$(BIN)/asplan check examples/ --today 2026-11-23
	$(BIN)/asplan render examples/ -f html -o out/examples --today 2026-11-23
	$(BIN)/asplan render examples/ -f md -o out/examples-md --today 2026-11-23
	@echo "rendered: out/examples/index.html (HTML) and out/examples-md/index.md (Markdown)"

test: $(STAMP) lint
	$(BIN)/python -m pytest

# Longer, random property runs (hypothesis profile "explore", see tests/conftest.py);
# make test runs the same properties derandomized. Pin what this finds as @example.
explore: $(STAMP)
	$(BIN)/python -m pytest --hypothesis-profile explore \
		tests/test_worktime_properties.py tests/test_cadence_properties.py tests/test_review_properties.py

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) build dist *.egg-info
