"""``check --show-source``: the offending line and a caret under the column (ruff's full output).

On by default when the text report goes to a terminal; off with ``--no-show-source``,
when the output is not a terminal (a pipe, ``--output``), and in every other format.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clitools import ACME_FINDINGS, ASP201_MESSAGE, TODAY, invoke

SNIPPET = f"""\
acme.yaml
acme.yaml:6:12 ASP201 [error] {ASP201_MESSAGE}
  |
6 |   manager: ana.ruis
  |            ^

acme.yaml:21:5 ASP501 [warning] objective OBJ-1 has no KPI: add how success is measured
   |
21 |   - id: OBJ-1
   |     ^

acme.yaml:24:13 ASP509 [warning] placeholder 'TODO' left in the plan: fill it in before sharing
   |
24 |   strategy: TODO ask Carl
   |             ^

Found 1 error and 2 warnings in 1 of 1 file.
"""


def test_show_source_prints_each_line_with_a_caret_under_the_column(project: Path) -> None:
    result = invoke("check", "acme.yaml", "--today", TODAY, "--show-source")
    assert result.stdout == SNIPPET


def test_on_by_default_on_a_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("asplan.cli.check_run._stdout_is_terminal", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")  # a terminal, but no colour: the text stays comparable
    assert invoke("check", "acme.yaml", "--today", TODAY).stdout == SNIPPET


def test_off_when_not_a_terminal(project: Path) -> None:
    result = invoke("check", "acme.yaml", "--today", TODAY)
    assert "^" not in result.stdout
    assert result.stdout.splitlines()[1] == f"acme.yaml:6:12 ASP201 [error] {ASP201_MESSAGE}"


def test_no_show_source_turns_it_off_on_a_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("asplan.cli.check_run._stdout_is_terminal", lambda: True)
    result = invoke("check", "acme.yaml", "--today", TODAY, "--no-show-source")
    assert " | " not in result.stdout
    assert len(result.stdout.splitlines()) == 6  # header, three findings, blank, summary


def test_off_with_output_to_a_file_unless_asked(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("asplan.cli.check_run._stdout_is_terminal", lambda: True)
    invoke("check", "acme.yaml", "--today", TODAY, "--output", "report.txt")
    assert " | " not in (project / "report.txt").read_text(encoding="utf-8")
    invoke("check", "acme.yaml", "--today", TODAY, "--output", "report.txt", "--show-source")
    assert (project / "report.txt").read_text(encoding="utf-8") == SNIPPET


@pytest.mark.parametrize("output_format", ["json", "github", "sarif", "junit", "gitlab"])
def test_ci_and_machine_formats_never_carry_the_source(project: Path, output_format: str) -> None:
    shown = invoke("check", "acme.yaml", "--today", TODAY, "--format", output_format, "--show-source")
    plain = invoke("check", "acme.yaml", "--today", TODAY, "--format", output_format)
    assert shown.stdout == plain.stdout
    assert "ana.ruis\n" not in shown.stdout and "  manager: ana.ruis" not in shown.stdout
    if output_format == "json":
        assert json.loads(shown.stdout)["findings"] == ACME_FINDINGS


def test_the_source_line_of_a_file_that_is_not_yaml(project: Path) -> None:
    (project / "broken.yaml").write_text("asplan: 1\nx:\n  target: >= 99.9%\n", encoding="utf-8")
    lines = invoke("check", "broken.yaml", "--today", TODAY, "--show-source").stdout.splitlines()
    assert lines[2:5] == ["  |", "3 |   target: >= 99.9%", "  |           ^"]


def test_the_source_line_of_a_file_that_is_not_utf8(project: Path) -> None:
    (project / "latin1.yaml").write_bytes("asplan: 1\naccount:\n  name: Espa\xf1a\n".encode("latin-1"))
    lines = invoke("check", "latin1.yaml", "--today", TODAY, "--show-source").stdout.splitlines()
    assert lines[2:5] == ["  |", "3 |   name: Espa\ufffda", "  |             ^"]
