"""The "Before the renewal" page (docs/renewal.md, moved there from the README): every console example runs as shown."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app

ROOT = Path(__file__).resolve().parent.parent


def _section() -> str:
    # The page is the section it was in the README: "Before the renewal" and its subsections.
    text = (ROOT / "docs" / "renewal.md").read_text(encoding="utf-8")
    assert text.startswith("# Before the renewal\n")
    return text


def _examples() -> list[tuple[str, str]]:
    """(command, expected output) of each ```console block of the section."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", _section(), re.S):
        command, _, output = block.partition("\n")
        assert command.startswith("$ asplan "), command
        found.append((command.removeprefix("$ asplan "), output))
    return found


def test_the_section_has_its_three_examples() -> None:
    assert [shlex.split(c)[0] for c, _ in _examples()] == ["sla", "credits", "credits"]


@pytest.mark.parametrize(("command", "output"), _examples(), ids=lambda v: v[:60] if "\n" not in v else "output")
def test_console_example_runs_as_shown(command: str, output: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, shlex.split(command))
    assert result.exit_code == 0, result.output
    # The CSV's byte order mark is invisible in the README; CliRunner reads CRLF as LF.
    assert result.stdout.removeprefix("\ufeff") == output
