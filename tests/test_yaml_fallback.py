"""Spec §7.8: without libyaml's C extension the loader falls back to ruamel's pure-Python
parser and gives the same data, positions and findings (only slower).

The hostile-input suites (``test_hostile_input``, ``test_loading``, the ASP001/2/4 rule
tests) run under both parsers through the ``yaml_parser`` fixture; this module compares
the two directly. Known differences, all outside what a plan holds, are excluded from
the generated inputs and listed in ``docs/install.md``: YAML 1.1 line breaks (NEL, LS,
PS), a byte order mark after the first character, explicit ``?`` keys, tab-indented
lines, repeated ``...`` markers, and the exact column of an *empty* value in a flow
mapping.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asplan import loading, yaml_parser

ROOT = Path(__file__).parent.parent
CORPUS = sorted(
    [*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/fixtures/**/*.yaml")],
    key=str,
)
EXAMPLES = {p.name: p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("examples/*.yaml"))}


def parse_with(parser: str, text: str) -> tuple[Any, ...]:
    os.environ[yaml_parser.PARSER_ENV] = parser
    try:
        document = loading.parse_yaml(text)
    except loading.LoadError as error:
        return ("refused", error.code, error.line, error.column)
    finally:
        del os.environ[yaml_parser.PARSER_ENV]
    findings = [(f.code, f.line, f.column, f.message, f.path) for f in document.findings]
    return ("parsed", document.data, document.positions.values, document.positions.keys, findings)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_and_fixture_parses_identically(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert parse_with("python", text) == parse_with("libyaml", text)


def test_tabs_as_separators_and_inside_values_are_read_as_libyaml_reads_them() -> None:
    text = "asplan:\t1\naccount: {id: a,\tname: A\tB}\n"
    assert parse_with("python", text) == parse_with("libyaml", text)
    assert parse_with("python", text)[1] == {"asplan": 1, "account": {"id": "a", "name": "A\tB"}}


def test_an_empty_value_is_placed_after_its_colon() -> None:
    # libyaml puts the empty value right after "actions:" (line 2, column 9), where a
    # finding about it should point; ruamel alone would say line 3, column 1.
    text = "asplan: 1\nactions:\nrisks: []\n"
    assert parse_with("python", text)[2][("actions",)] == (2, 9)
    assert parse_with("python", text) == parse_with("libyaml", text)


def test_a_missing_c_extension_selects_the_pure_python_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(yaml_parser.PARSER_ENV, raising=False)
    assert yaml_parser.yaml_parser_name() == "libyaml"
    monkeypatch.setitem(sys.modules, "ruamel.yaml.cyaml", None)  # "import" now raises ImportError
    assert yaml_parser.yaml_parser_name() == "python"
    assert loading.parse_yaml("asplan: 1\n").data == {"asplan": 1}


def _without_null_positions(result: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop the positions of empty values (the one place the parsers may differ by a few columns)."""
    if result[0] != "parsed":
        return result
    data = result[1]

    def value_at(path: tuple[str | int, ...]) -> Any:
        node = data
        for step in path:
            node = node[step]
        return node

    values = {path: pos for path, pos in result[2].items() if value_at(path) is not None}
    return (*result[:2], values, *result[3:])


@st.composite
def edited_plans(draw: st.DrawFn) -> str:
    """An example plan edited the way people edit plans: lines deleted, moved, copied, typed into."""
    lines = EXAMPLES[draw(st.sampled_from(sorted(EXAMPLES)))].split("\n")
    typed = st.text(st.characters(codec="utf-8", exclude_characters="\x85\u2028\u2029\ufeff\r?"), max_size=12)
    for _ in range(draw(st.integers(1, 5))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "move", "copy", "type"]))
        if op == "delete":
            del lines[i]
        elif op == "move":
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(i))
        elif op == "copy":
            lines.insert(draw(st.integers(0, len(lines))), lines[i])
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(typed) + lines[i][at:]
        if not lines:
            lines = [""]
    return "\n".join(line for line in lines if not line.startswith("\t"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_plans())
def test_edited_plans_give_the_same_result_under_both_parsers(text: str) -> None:
    expected = parse_with("libyaml", text)
    if expected[0] == "refused":
        # A syntax error: the pure parser must refuse too (its words may differ).
        assert parse_with("python", text)[:2] == expected[:2]
    else:
        assert _without_null_positions(parse_with("python", text)) == _without_null_positions(expected)


def test_check_from_the_command_line_reports_the_same_under_both_parsers(tmp_path: Path) -> None:
    outputs = {}
    for parser in ("libyaml", "python"):
        env = {**os.environ, yaml_parser.PARSER_ENV: parser}
        command = ["check", str(ROOT / "examples"), "--today", "2026-11-23", "--format", "json"]
        result = subprocess.run(
            [sys.executable, "-m", "asplan", *command],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr
        outputs[parser] = json.loads(result.stdout)
    assert outputs["python"]["findings"] == outputs["libyaml"]["findings"]
    assert len(outputs["python"]["findings"]) > 0
