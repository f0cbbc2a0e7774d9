"""ASP001 in words a person can act on (:mod:`asplan.yaml_hints`), under both parsers.

Each case is a plan with one common YAML mistake: the finding must point at the cause
(the opening quote, the value to quote, the line whose indent is off), say how to fix
it, and keep the parser's own words as a detail. libyaml and ruamel's pure-Python
parser word their errors differently; the hints, positions and fixes must not differ.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings

from asplan import loading, yaml_parser
from helpers import MINIMAL, check_text
from test_yaml_fallback import edited_plans

# (case, plan text, line, column, words the message must contain)
CASES = [
    (
        "unclosed quote, reported by the parser at the end of the file",
        MINIMAL + "actions:\n  - id: ACT-1\n    title: 'Integrate the API\n    owner: maria\nrisks: []\n",
        11,
        12,
        "this ' opens a quoted value that is never closed",
    ),
    (
        "unclosed quote closed by the next quote, lines later",
        MINIMAL + "actions:\n  - id: ACT-1\n    title: 'Integrate the API\n    owner: 'maria'\n",
        11,
        12,
        "only closes on line 12",
    ),
    (
        "apostrophe inside a single-quoted value",
        MINIMAL + "actions:\n  - id: ACT-1\n    title: 'Review the client's API'\n",
        11,
        30,
        "an apostrophe inside '...' is written twice ('it''s')",
    ),
    (
        "unquoted comparison target",
        MINIMAL + "slas:\n  - id: SLA-1\n    name: Availability\n    target: >= 99.9%\n    period: monthly\n",
        12,
        13,
        'quote it: target: ">= 99.9%"',
    ),
    (
        "value starting with @",
        MINIMAL + "business:\n  overview: @acme handles logistics\n",
        10,
        13,
        "quote it: overview: \"@acme handles logistics\"",
    ),
    (
        "value starting with a backquote",
        MINIMAL + "business:\n  overview: `asplan` is used\n",
        10,
        13,
        "'`' cannot start an unquoted value",
    ),
    (
        "line indented less than its siblings",
        MINIMAL + "actions:\n  - id: ACT-1\n    title: Integrate\n   owner: maria\n",
        12,
        4,
        "this line is indented 3 spaces, its siblings 4 spaces (line 11): indent it 4 spaces",
    ),
    (
        "line indented more than its siblings",
        MINIMAL + "actions:\n  - id: ACT-1\n    title: Integrate\n      owner: maria\n",
        12,
        7,
        "this line is indented 6 spaces, more than the key above it on line 11 (4 spaces)",
    ),
    (
        "list item indented less than the others",
        MINIMAL + "  - {id: juan, name: Juan, side: client}\n - {id: ana, name: Ana, side: client}\n",
        10,
        2,
        "this line is indented 1 space, its siblings 2 spaces (line 9)",
    ),
    (
        "a key among list items",
        MINIMAL + "business:\n  markets:\n    - Spain\n    notes: x\n",
        12,
        5,
        "does not start with '- '",
    ),
    (
        "flow mapping with an unquoted link",
        MINIMAL + "business:\n  analyst_reports: [{title: Report, url: https://example.com/r, date: 2026-02-01}]\n",
        10,
        42,
        'a link or a time has to be quoted: url: "https://example.com/r"',
    ),
    (
        "flow list with an unquoted time",
        MINIMAL + "calendars:\n  office:\n    hours: {mon-fri: 09:00-18:00}\n",
        11,
        22,
        'mon-fri: "09:00-18:00"',
    ),
    (
        "flow list with a question",
        MINIMAL + "business:\n  challenges: [Can we scale?, Costs]\n",
        10,
        16,
        'a question has to be quoted: "Can we scale?"',
    ),
    (
        "a second ': ' in a value",
        MINIMAL + "actions:\n  - id: ACT-1\n    title: Kick-off: agree the scope\n",
        11,
        12,
        'quote it: title: "Kick-off: agree the scope"',
    ),
    (
        "key without a space after its colon",
        MINIMAL + "actions:\n  - id: ACT-1\n    title:Integrate\n    owner: maria\n",
        11,
        5,
        "a key needs a space after its ':': title: Integrate",
    ),
    (
        "text that wrapped to the indent of the keys",
        MINIMAL + "business:\n  overview: We run the platform\n  for the whole group\n  strategy: grow\n",
        11,
        3,
        "is at the indent of the keys but is not a 'key: value' pair",
    ),
    (
        "flow list never closed",
        MINIMAL + "business:\n  markets: [Spain, Portugal\n  strategy: grow\n",
        10,
        12,
        "this '[' is not closed with ']' on its line",
    ),
    (
        "text after a closing brace",
        MINIMAL + "business:\n  markets: {Spain} and more\n",
        10,
        20,
        "follows a complete value on this line",
    ),
    (
        "backslash in a double-quoted value",
        MINIMAL + 'events:\n  - "C:\\plans\\data.csv"\n',
        10,
        8,
        "write \\\\ for a backslash, or quote the value with '...' instead",
    ),
    (
        "text starting with *",
        MINIMAL + "business:\n  overview: *important* client\n",
        10,
        13,
        "a value starting with '*' refers to an anchor",
    ),
    (
        "a value starting with | on the same line",
        MINIMAL + "business:\n  overview: | the platform\n",
        10,
        13,
        "starts a literal block of text",
    ),
    (
        "a control character in the text",
        MINIMAL + 'business:\n  overview: "Fast \x1b[31m delivery"\n',
        10,
        19,
        "the character U+001B (ESCAPE) is not allowed in YAML: delete it",
    ),
    (
        "tab indentation",
        MINIMAL + "business:\n\toverview: x\n",
        10,
        1,
        "tabs are not allowed for indentation: use spaces",
    ),
]


@pytest.mark.usefixtures("yaml_parser")
@pytest.mark.parametrize(("case", "text", "line", "column", "hint"), CASES, ids=[c[0] for c in CASES])
def test_a_common_mistake_is_explained_where_it_was_made(
    case: str, text: str, line: int, column: int, hint: str
) -> None:
    findings = check_text(text)
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP001", line, column)], findings
    assert hint in findings[0].message


@pytest.mark.usefixtures("yaml_parser")
@pytest.mark.parametrize(("case", "text", "line", "column", "hint"), CASES[:-1], ids=[c[0] for c in CASES[:-1]])
def test_the_parser_words_are_kept_as_a_detail(case: str, text: str, line: int, column: int, hint: str) -> None:
    message = check_text(text)[0].message
    assert message.startswith("YAML syntax error: ")
    assert re.search(r" \(parser: .+\)$", message), message


@pytest.mark.usefixtures("yaml_parser")
def test_an_error_nobody_explained_keeps_the_parser_words_at_its_position() -> None:
    findings = check_text("asplan: 1\nx: ? y\n")
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP001", 2, 4)]
    assert findings[0].message.startswith("YAML syntax error: mapping keys are not allowed")


def _parse_error(parser: str, text: str) -> loading.LoadError | None:
    saved = os.environ.get(yaml_parser.PARSER_ENV)
    os.environ[yaml_parser.PARSER_ENV] = parser
    try:
        loading.parse_yaml(text)
    except loading.LoadError as error:
        return error
    finally:
        if saved is None:
            del os.environ[yaml_parser.PARSER_ENV]
        else:
            os.environ[yaml_parser.PARSER_ENV] = saved
    return None


def _refusal(parser: str, text: str) -> tuple[str, int, int, str] | None:
    """Code, position and message without the parser's own words, or None if it parses."""
    error = _parse_error(parser, text)
    if error is None:
        return None
    return error.code, error.line, error.column, re.sub(r" \(parser: .*\)$", "", error.message)


@pytest.mark.parametrize(("case", "text", "line", "column", "hint"), CASES, ids=[c[0] for c in CASES])
def test_both_parsers_give_the_same_hint_at_the_same_place(
    case: str, text: str, line: int, column: int, hint: str
) -> None:
    assert _refusal("python", text) == _refusal("libyaml", text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_plans())
def test_explained_errors_agree_between_parsers_on_edited_plans(text: str) -> None:
    error = _parse_error("libyaml", text)
    if error is None or " (parser: " not in error.message:
        return  # parses, or an error no hint claims: the wording may differ (docs/install.md)
    assert _refusal("python", text) == _refusal("libyaml", text)
