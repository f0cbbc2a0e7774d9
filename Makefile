# The two Quick-start targets: each creates .venv if needed, installs, and runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint explore mutate clean

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

# Mutation testing of sla/, timecalc/, periods.py and the render view (slow, not part of
# make test): docs/testing.md has the scores and timings. MUTANTS narrows the run, e.g.
# make mutate MUTANTS='asplan.sla.credits*'; mutmut keeps results in mutants/ between runs.
MUTATE_JOBS ?= 2
MUTANTS ?=
mutate: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,mutate]'
	$(BIN)/mutmut run --max-children $(MUTATE_JOBS) $(MUTANTS)
	$(BIN)/python bench/mutation_score.py --survivors

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) build dist *.egg-info mutants
