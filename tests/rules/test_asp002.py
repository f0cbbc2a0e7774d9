"""ASP002: duplicate key, at the repeated key; the first value is kept."""

from __future__ import annotations

import pytest

from helpers import MINIMAL, check_text, lint, messages, plan

# Spec §7.8: the same findings with and without libyaml's C parser.
pytestmark = pytest.mark.usefixtures("yaml_parser")


def test_duplicate_top_level_key() -> None:
    text = MINIMAL + "asplan: 1\n"
    assert lint(text, "ASP002") == [("ASP002", 9, 1)]


def test_duplicate_key_in_a_nested_block_mapping() -> None:
    text = plan(
        """\
        actions:
          - id: A1
            title: Migrate
            due: 2026-12-01
            due: 2026-12-15
        """
    )
    findings = check_text(text, select=["ASP002"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [("ASP002", 13, 5, "actions[0].due")]
    assert messages(findings, "ASP002") == [
        "duplicate key 'due' (first defined on line 12): remove or rename one of them"
    ]


def test_duplicate_key_in_a_nested_flow_mapping() -> None:
    text = plan(
        """\
        actions:
          - {id: A1, title: Migrate, id: A2}
        """
    )
    assert lint(text, "ASP002") == [("ASP002", 10, 30)]


def test_duplicate_key_whose_value_is_a_mapping() -> None:
    text = plan(
        """\
        reviews:
          every: quarterly
        reviews:
          every: monthly
        """
    )
    assert lint(text, "ASP002") == [("ASP002", 11, 1)]


def test_first_value_is_kept_and_checked() -> None:
    # maria is a known person, ghost is not: which 'manager' is kept decides whether
    # ASP201 fires. First ghost, then maria: ghost is kept and reported.
    people = "people:\n  - {id: maria, name: María, side: provider}\n"
    text = "asplan: 1\naccount: {id: acme, name: A, tier: high, manager: ghost, manager: maria}\n" + people
    assert lint(text, "ASP002", "ASP201") == [("ASP201", 2, 51), ("ASP002", 2, 58)]
    # First maria, then ghost: maria is kept, so nothing is unknown (last-wins would report ghost).
    text = "asplan: 1\naccount: {id: acme, name: A, tier: high, manager: maria, manager: ghost}\n" + people
    assert lint(text, "ASP002", "ASP201") == [("ASP002", 2, 58)]


def test_same_key_in_sibling_mappings_is_fine() -> None:
    text = plan(
        """\
        actions:
          - {id: A1, title: Migrate}
          - {id: A2, title: Train}
        """
    )
    assert lint(text, "ASP002") == []
