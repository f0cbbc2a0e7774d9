"""The docs never drift from the code: docs/rules.md, and every rule's documentation and test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from asplan.rules.base import Rule
from asplan.rules.registry import RULES
from asplan.rules_doc import REFERENCE_PATH, reference_page

REPO = Path(__file__).resolve().parents[1]
RULE_TESTS = REPO / "tests" / "rules"
DOC_PARTS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")


def test_rule_reference_is_up_to_date() -> None:
    text = (REPO / REFERENCE_PATH).read_text(encoding="utf-8")
    expected = reference_page(list(RULES.values()))
    assert text == expected, f"{REFERENCE_PATH} is stale: run `.venv/bin/python -m asplan.rules_doc`"


def test_every_registered_rule_is_in_the_reference() -> None:
    text = (REPO / REFERENCE_PATH).read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f"## {code} {rule.name}\n" in text, code


def test_readme_points_to_the_rule_reference() -> None:
    # The README is what a user reads first; the reference is one link away.
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "[docs/rules.md](docs/rules.md)" in text


def test_readme_stays_under_500_lines() -> None:
    # Build item 7: the README is what a user reads first; detail lives in docs/.
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 500, len(lines)


def test_readme_links_to_docs_pages_that_exist() -> None:
    # A section moved to docs/ leaves a pointer; the pointer must lead somewhere.
    text = (REPO / "README.md").read_text(encoding="utf-8")
    targets = set(re.findall(r"\]\((docs/[^)#]+)", text))
    assert "docs/renewal.md" in targets
    missing = sorted(t for t in targets if not (REPO / t).is_file())
    assert missing == []


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_rule_is_documented(rule: Rule) -> None:
    assert re.fullmatch(r"ASP\d{3}", rule.code)
    assert rule.summary.strip()
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), "names are kebab-case, like ruff's"
    positions = [rule.doc.find(part) for part in DOC_PARTS]
    missing = [part for part, at in zip(DOC_PARTS, positions, strict=True) if at < 0]
    assert not missing, f"{rule.code}'s docstring lacks {missing}"
    assert positions == sorted(positions), f"{rule.code}'s docstring has its parts out of order"


def test_registry_keys_match_codes_and_are_sorted() -> None:
    assert all(code == rule.code for code, rule in RULES.items())
    assert list(RULES) == sorted(RULES)
    assert len({rule.name for rule in RULES.values()}) == len(RULES), "rule names are unique"


@pytest.mark.parametrize("code", list(RULES))
def test_rule_has_its_test_file(code: str) -> None:
    expected = RULE_TESTS / f"test_{code.lower()}.py"
    assert expected.is_file(), f"no tests for {code}: write {expected.relative_to(REPO)}"
