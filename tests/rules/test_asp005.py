"""ASP005: bidi controls and invisible characters, one warning per line at the first one."""

from __future__ import annotations

import pytest

from helpers import MINIMAL, MINIMAL_LINES, check_text, lint, messages

# Spec §7.8: the same findings with and without libyaml's C parser.
pytestmark = pytest.mark.usefixtures("yaml_parser")

LINE = MINIMAL_LINES + 1


def test_right_to_left_override_typed_in_a_value() -> None:
    text = MINIMAL + 'x-note: "Pay the credit \u202e 0001 EUR"\n'
    findings = check_text(text, select=["ASP005"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP005", LINE, 25)]
    assert messages(findings, "ASP005") == [
        "hidden character U+202E RIGHT-TO-LEFT OVERRIDE: the text may read differently from what it holds;"
        " remove it (or type the text again)"
    ]


def test_several_on_one_line_are_one_finding_naming_each() -> None:
    text = MINIMAL + "x-note: a\u200bb\u200bc \u2066d\u2069\n"
    findings = check_text(text, select=["ASP005"])
    assert [(f.line, f.column) for f in findings] == [(LINE, 10)]
    named = "U+200B ZERO WIDTH SPACE, U+2066 LEFT-TO-RIGHT ISOLATE, U+2069 POP DIRECTIONAL ISOLATE"
    assert named in findings[0].message


def test_an_escape_in_a_double_quoted_value_is_found_at_the_value() -> None:
    # Visible as \\u202E in the file, invisible in every document rendered from it.
    text = MINIMAL + 'x-note: "Pay \\u202E 0001"\n'
    assert lint(text, "ASP005") == [("ASP005", LINE, 9)]


def test_hidden_characters_in_comments_and_keys_count_too() -> None:
    text = MINIMAL + "# note\u200f\nx-a\u200bb: 1\n"
    assert lint(text, "ASP005") == [("ASP005", LINE, 7), ("ASP005", LINE + 1, 4)]


def test_every_kind_listed_is_found() -> None:
    every = "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    every += "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u180e\ufeff\U000e0041"
    for char in every:
        assert lint(MINIMAL + f"x-note: a{char}b\n", "ASP005") == [("ASP005", LINE, 10)], hex(ord(char))


def test_plain_text_and_emoji_sequences_pass() -> None:
    # Accents, CJK, Arabic letters, and an emoji ZWJ sequence (woman technologist, family).
    emoji = "\U0001f469\u200d\U0001f4bb, \U0001f468\u200d\U0001f469\u200d\U0001f467"
    text = MINIMAL + f"x-note: [Logística, 李小龍, مرحبا, {emoji}]\n"
    assert lint(text, "ASP005") == []


def test_suppressed_on_its_line() -> None:
    text = MINIMAL + "x-note: a\u200bb  # asplan: ignore[ASP005]\n"
    assert lint(text, "ASP005") == []
