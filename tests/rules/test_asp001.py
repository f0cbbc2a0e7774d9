"""ASP001: YAML syntax error, or not UTF-8 (one finding, at the offending character)."""

from __future__ import annotations

import pytest

from helpers import MINIMAL, check_text, lint, messages

# Spec §7.8: the same findings with and without libyaml's C parser.
pytestmark = pytest.mark.usefixtures("yaml_parser")


def test_unclosed_flow_sequence_points_at_its_bracket() -> None:
    text = "asplan: 1\naccount: [acme, high\n"
    assert lint(text) == [("ASP001", 2, 10)]


def test_a_second_colon_in_a_value_points_at_the_value_to_quote() -> None:
    text = "asplan: 1\naccount:\n  id: acme: logistica\n"
    assert lint(text) == [("ASP001", 3, 7)]


def test_bad_indentation_of_a_block_sequence() -> None:
    text = "asplan: 1\npeople:\n  - id: maria\n - id: juan\n"
    assert lint(text) == [("ASP001", 4, 2)]


def test_not_utf8_points_at_the_bad_byte() -> None:
    text = "asplan: 1\naccount:\n  name: Espa\xf1a\n".encode("latin-1")
    findings = check_text(text)
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP001", 3, 13)]
    assert messages(findings, "ASP001") == ["not valid UTF-8 (byte 0xf1): re-save the file as UTF-8"]


def test_tab_indentation_says_what_to_do() -> None:
    text = "asplan: 1\naccount:\n\tid: acme\n"
    findings = check_text(text)
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP001", 3, 1)]
    assert "tabs are not allowed for indentation: use spaces" in findings[0].message


def test_a_valid_plan_has_no_syntax_finding() -> None:
    assert lint(MINIMAL, "ASP001") == []
