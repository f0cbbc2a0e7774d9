"""ASP004: refused input. The hostile cases live in tests/test_hostile_input.py."""

from __future__ import annotations

import pytest

from asplan.config import Config
from helpers import MINIMAL, check_text, lint, messages

# Spec §7.8: the same findings with and without libyaml's C parser.
pytestmark = pytest.mark.usefixtures("yaml_parser")


def test_python_tag_is_refused_at_the_tag() -> None:
    text = "asplan: 1\naccount: !!python/object:os.system {id: acme}\n"
    findings = check_text(text)
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP004", 2, 10)]
    assert messages(findings, "ASP004") == [
        "tag '!!python/object:os.system' is not allowed: plans use plain YAML values only"
    ]


def test_file_over_the_configured_size() -> None:
    findings = check_text(MINIMAL, config=Config(max_file_bytes=100))
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP004", 1, 1)]
    assert "over the limit of 100" in findings[0].message


def test_core_schema_tags_are_accepted() -> None:
    text = MINIMAL.replace("name: ACME Logística", "name: !!str 2026").replace("asplan: 1", "asplan: !!int 1")
    assert lint(text, "ASP004", "ASP001", "ASP102") == []


def test_core_tag_with_a_value_it_cannot_hold() -> None:
    text = MINIMAL.replace("asplan: 1", "asplan: !!int one")
    assert lint(text) == [("ASP004", 1, 9)]
