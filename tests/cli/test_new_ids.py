"""``asplan new`` with the ids and names that YAML or the id pattern make awkward (spec §7.1, §4 "new").

An id like ``4711`` or ``true`` must be written so that the plan passes ``check``; a name
without Latin letters needs a person id, given or asked for. The property test over
every id and name ``new`` accepts is tests/test_new_properties.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.loading import parse_yaml


def test_the_issue_ids_through_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for account_id in ("4711", "007", "true", "null", "1e5", "0x1F"):
        result = CliRunner().invoke(
            app, ["new", account_id, "--name", "ACME", "--tier", "high", "--manager", "True", "--dir", "plans"]
        )
        assert result.exit_code == 0, result.output
        check = ["check", f"plans/{account_id}.yaml", "--today", "2026-11-23", "--select", "ASP0,ASP1,ASP2"]
        result = CliRunner().invoke(app, check)
        assert result.exit_code == 0, result.output
    assert '  id: "4711"' in (tmp_path / "plans" / "4711.yaml").read_text(encoding="utf-8")


def test_a_name_without_latin_letters_asks_for_the_person_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from asplan.cli import new as new_module

    monkeypatch.chdir(tmp_path)
    args = ["new", "li", "--name", "李 小龍", "--tier", "high", "--manager", "李 小龍", "--dir", "plans"]
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 2
    assert "give one with --manager-id" in refused.stderr
    assert CliRunner().invoke(app, [*args, "--manager-id", "li.xiaolong"]).exit_code == 0
    monkeypatch.setattr(new_module, "stdin_is_terminal", lambda: True)
    asked = CliRunner().invoke(app, [*args, "--force", "--lang", "en"], input="li xiaolong\nxiaolong.li\n")
    assert asked.exit_code == 0, asked.output
    assert asked.stdout.count("Person id for 李 小龍") == 2  # a space is not allowed in an id: asked again
    data = parse_yaml((tmp_path / "plans" / "li.yaml").read_text(encoding="utf-8")).data
    assert data["account"]["manager"] == "xiaolong.li"
