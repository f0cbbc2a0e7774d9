"""The ``asplan`` app as a whole: version, help, internal errors, and ``asplan rules``."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
from clitools import TODAY, invoke, run_asplan

from asplan import __version__
from asplan.cli import app as app_module
from asplan.rules.base import Hit, PlanContext
from asplan.rules.registry import RULES

# --- version and help ---------------------------------------------------------------------


def test_version_through_the_console_script(tmp_path: Path) -> None:
    result = run_asplan("--version", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"asplan {__version__}\n", "")


def test_version_through_the_app() -> None:
    result = invoke("--version")
    assert (result.exit_code, result.stdout) == (0, f"asplan {__version__}\n")


def test_help() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for word in ("check", "rules", "--version", "--config", "--debug"):
        assert word in result.stdout


def test_check_help() -> None:
    result = invoke("check", "--help")
    assert result.exit_code == 0
    for option in ("--format", "--output", "--select", "--ignore", "--fail-on", "--today", "--statistics", "--jobs"):
        assert option in result.stdout


def _description(help_text: str) -> list[list[str]]:
    """The paragraphs of a help page's description (between the usage line and the first box)."""
    body = help_text.split("Usage:", 1)[1].split("\u256d", 1)[0]  # up to the first box corner
    lines = [line.strip() for line in body.splitlines()[1:]]
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


@pytest.mark.parametrize("command", ["review", "due", "check", "sla", "render", "init", "new", "status"])
def test_help_paragraphs_wrap_at_the_terminal_width(command: str) -> None:
    # Docstrings are wrapped at 88 columns in the source; on a 70-column terminal those
    # breaks used to survive and leave stubs ("fulfils (held" alone on a line).
    result = invoke(command, "--help", env={"COLUMNS": "70", "TERMINAL_WIDTH": "70"})
    assert result.exit_code == 0
    paragraphs = _description(result.stdout)
    assert paragraphs, result.stdout
    for paragraph in paragraphs:
        for line in paragraph[:-1]:  # every line but a paragraph's last is filled
            assert len(line) > 45, f"stub line in the help of {command}: {line!r} in {paragraph}"
    if command == "review":
        assert " ".join(paragraphs[1]).startswith(
            "Attendees must be people of the plan. A reviews.next that the review fulfils (held on or after it,"
        )


def test_reflow_keeps_lists_and_indented_blocks() -> None:
    # shaped like a docstring: the lines after the first carry the function's indentation
    text = "First line\n    of it.\n\n    A paragraph\n    wrapped.\n\n    - one\n    - two\n\n        asplan check\n"
    text += "        asplan due\n    "
    assert app_module.reflow_help(text) == (
        "First line of it.\n\nA paragraph wrapped.\n\n- one\n- two\n\n    asplan check\n    asplan due"
    )


# --- internal errors ------------------------------------------------------------------------


def _crash(ctx: PlanContext) -> Iterator[Hit]:
    raise RuntimeError("boom")
    yield  # pragma: no cover  (makes this a generator, like every rule)


@pytest.fixture
def crashing_rule(monkeypatch: pytest.MonkeyPatch, project: Path) -> None:
    monkeypatch.setitem(RULES, "ASP501", dataclasses.replace(RULES["ASP501"], check=_crash))


HINT = " (run with --debug for the traceback, and please report it)\n"


def test_internal_error_is_one_line_and_exit_2(crashing_rule: None) -> None:
    result = invoke("check", "acme.yaml", "--today", TODAY)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "asplan: internal error: RuleCrash: rule ASP501 failed on acme.yaml: RuntimeError: boom" + HINT
    )


def test_internal_error_with_debug_shows_the_traceback(crashing_rule: None) -> None:
    result = invoke("--debug", "check", "acme.yaml", "--today", TODAY)
    assert result.exit_code == 1  # CliRunner's code for an exception that escaped
    assert isinstance(result.exception, Exception)
    assert "rule ASP501 failed on acme.yaml" in str(result.exception)
    assert isinstance(result.exception.__cause__, RuntimeError)


def _run_main(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "argv", ["asplan", *argv])
    with pytest.raises(SystemExit) as exited:
        app_module.main()
    code = exited.value.code
    assert isinstance(code, int)
    return code


def test_console_entry_point_internal_error(
    crashing_rule: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run_main(["check", "acme.yaml", "--today", TODAY], monkeypatch) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "asplan: internal error: RuleCrash: rule ASP501 failed on acme.yaml: RuntimeError: boom" + HINT
    )


def test_console_entry_point_debug_lets_the_traceback_through(
    crashing_rule: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["asplan", "--debug", "check", "acme.yaml", "--today", TODAY])
    with pytest.raises(Exception, match=r"^rule ASP501 failed on acme\.yaml: RuntimeError: boom$") as raised:
        app_module.main()
    cause = raised.value.__cause__
    assert isinstance(cause, RuntimeError)
    frames = traceback.extract_tb(cause.__traceback__)
    assert frames[-1].name == "_crash"  # the traceback goes down to the rule


CRASHING_SCRIPT = """
import dataclasses
from asplan.rules.registry import RULES
def crash(ctx):
    raise RuntimeError("boom")
    yield
RULES["ASP501"] = dataclasses.replace(RULES["ASP501"], check=crash)
from asplan.cli.app import main
main()
"""


@pytest.mark.parametrize("debug", [False, True])
def test_internal_error_in_a_real_process(project: Path, debug: bool) -> None:
    args = ["--debug"] if debug else []
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_SCRIPT, *args, "check", "acme.yaml", "--today", TODAY],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout == ""
    if debug:
        assert result.returncode == 1  # Python's own exit code for an uncaught exception
        assert result.stderr.startswith("Traceback (most recent call last):\n")
        assert ", in crash\nRuntimeError: boom\n\nThe above exception was the direct cause" in result.stderr
        assert result.stderr.endswith("RuleCrash: rule ASP501 failed on acme.yaml: RuntimeError: boom\n")
    else:
        assert result.returncode == 2
        assert result.stderr == (
            "asplan: internal error: RuleCrash: rule ASP501 failed on acme.yaml: RuntimeError: boom" + HINT
        )


def test_console_entry_point_usage_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run_main(["check", "--jobs", "two"], monkeypatch) == 2
    err = capsys.readouterr().err
    assert err.startswith("asplan: error: Invalid value for '--jobs'")
    assert err.endswith("(see 'asplan check --help')\n")
    assert err.count("\n") == 1


def test_console_entry_point_exit_codes(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run_main(["check", "acme.yaml", "--today", TODAY], monkeypatch) == 1
    assert _run_main(["check", "clean.yaml", "--today", TODAY], monkeypatch) == 0
    assert _run_main(["check", "nope.yaml", "--today", TODAY], monkeypatch) == 2
    assert capsys.readouterr().err == "asplan: error: nope.yaml: no such file or folder\n"


# --- asplan rules ---------------------------------------------------------------------------


def test_rules_lists_every_code() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert listed == list(RULES)
    first = result.stdout.splitlines()[0].split()
    assert first[:3] == ["ASP001", "yaml-syntax", "error"]


def test_rules_markdown_table() -> None:
    result = invoke("rules", "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[:2] == ["| code | name | severity | summary |", "|---|---|---|---|"]
    assert len(lines) == 2 + len(RULES)


def test_rules_one_code() -> None:
    result = invoke("rules", "ASP201")
    assert result.exit_code == 0
    rule = RULES["ASP201"]
    assert result.stdout.startswith(f"# ASP201 unknown-person (error)\n\n{rule.summary}\n\n## What it does\n")
    for part in ("## Why is this bad?", "## Example", "## Use instead"):
        assert part in result.stdout
    assert "# ASP202" not in result.stdout


def test_rules_lower_case_code() -> None:
    assert invoke("rules", "asp201").stdout == invoke("rules", "ASP201").stdout


def test_rules_prefix() -> None:
    result = invoke("rules", "ASP5")
    assert result.exit_code == 0
    headers = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("# ASP")]
    assert headers == [code for code in RULES if code.startswith("ASP5")]
    assert headers[0] == "ASP501"


@pytest.mark.parametrize("code", ["ASP999", "E501", "ASP2011"])
def test_rules_unknown_code(code: str) -> None:
    result = invoke("rules", code)
    assert result.exit_code == 2
    assert result.stderr == f"asplan: error: {code}: no rule has this code (see 'asplan rules')\n"
    assert result.stdout == ""


def test_rules_bad_format() -> None:
    result = invoke("rules", "--format", "html")
    assert (result.exit_code, result.stderr) == (2, "asplan: error: --format html: expected text or markdown\n")
