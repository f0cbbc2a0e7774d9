"""``asplan new``: options, prompts, refusal to overwrite, and a result that checks clean."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from asplan.cli import new as new_module
from asplan.cli.app import app
from asplan.loading import parse_yaml, read_text

runner = CliRunner()
ACME = ["new", "acme", "--name", "ACME Logística S.A.", "--tier", "strategic", "--manager", "María López"]


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(new_module, "stdin_is_terminal", lambda: False)
    return tmp_path


def _data(path: Path) -> Any:
    return parse_yaml(read_text(str(path)), str(path)).data


def _check_json(*paths: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["check", *paths, "--today", "2026-11-23", "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_new_then_check_has_no_errors(lang: str, in_tmp: Path) -> None:
    result = runner.invoke(app, [*ACME, "--lang", lang])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "created plans/acme.yaml"
    plan = in_tmp / "plans" / "acme.yaml"
    assert _data(plan)["account"]["language"] == lang
    code, report = _check_json()
    assert code == 0
    assert report["summary"]["files"] == 1
    assert report["summary"]["errors"] == 0
    assert report["summary"]["warnings"] >= 5
    assert "ASP507" in {f["code"] for f in report["findings"]}


def test_language_defaults_to_english_without_a_terminal(in_tmp: Path) -> None:
    assert runner.invoke(app, ACME).exit_code == 0
    text = (in_tmp / "plans" / "acme.yaml").read_text(encoding="utf-8")
    assert "language: en " in text
    assert "# --- Objectives and how success is measured" in text


def test_hint_when_the_schema_file_is_missing(in_tmp: Path) -> None:
    result = runner.invoke(app, ACME)
    assert result.stderr == (
        "hint: no asplan.schema.json yet: run `asplan schema -o asplan.schema.json` for editor autocompletion\n"
    )
    (in_tmp / "asplan.schema.json").write_text("{}", encoding="utf-8")
    assert runner.invoke(app, [*ACME, "--force"]).stderr == ""


def test_prompts_for_what_is_missing(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(new_module, "stdin_is_terminal", lambda: True)
    result = runner.invoke(app, ["new", "globex"], input="Globex Corporation\nstrategic\nHank Scorpio\nes\n")
    assert result.exit_code == 0, result.stderr
    assert "Client name" in result.stdout
    assert "[strategic/high/medium/low]" in result.stdout
    assert "[es/en]" in result.stdout
    data = _data(in_tmp / "plans" / "globex.yaml")
    assert data["account"] == {
        "id": "globex",
        "name": "Globex Corporation",
        "tier": "strategic",
        "manager": "hank.scorpio",
        "language": "es",
    }
    assert data["people"][0]["name"] == "Hank Scorpio"


def test_prompts_repeat_until_valid_and_offer_defaults(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(new_module, "stdin_is_terminal", lambda: True)
    # an empty name is asked again; "gold" is not a tier; an empty answer takes the default language (en)
    result = runner.invoke(app, ["new", "initech", "--manager", "Bill Lumbergh"], input="\nInitech\ngold\nlow\n\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("Client name") == 2
    assert "Please select one of the available options" in result.stdout
    assert "Account manager" not in result.stdout  # given as an option: not asked
    account = _data(in_tmp / "plans" / "initech.yaml")["account"]
    assert (account["name"], account["tier"], account["language"], account["manager"]) == (
        "Initech",
        "low",
        "en",
        "bill.lumbergh",
    )


def test_missing_options_without_a_terminal_are_exit_2(in_tmp: Path) -> None:
    result = runner.invoke(app, ["new", "acme", "--tier", "low"])
    assert result.exit_code == 2
    assert result.stderr == (
        "asplan: error: missing --name, --manager: give them as options"
        " (stdin is not a terminal, so asplan cannot ask)\n"
    )
    assert not (in_tmp / "plans").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "--", "-acme"], "invalid account id '-acme'"),
        (["new", "acme corp"], "invalid account id 'acme corp'"),
        ([*ACME, "--tier", "gold"], "--tier gold: expected one of strategic, high, medium, low"),
        ([*ACME, "--lang", "fr"], "--lang fr: expected one of es, en"),
        ([*ACME[:-1], "山田"], "cannot derive a person id from the name '山田'"),
    ],
)
def test_bad_input_is_one_line_exit_2(args: list[str], message: str, in_tmp: Path) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"asplan: error: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert not (in_tmp / "plans" / "acme.yaml").exists()


def test_refuses_to_overwrite_without_force(in_tmp: Path) -> None:
    assert runner.invoke(app, ACME).exit_code == 0
    plan = in_tmp / "plans" / "acme.yaml"
    plan.write_text("asplan: 1\n# my edits\n", encoding="utf-8")
    result = runner.invoke(app, ACME)
    assert result.exit_code == 2
    assert result.stderr == (
        "asplan: error: plans/acme.yaml: a plan for 'acme' already exists; use --force to overwrite it\n"
    )
    assert plan.read_text(encoding="utf-8") == "asplan: 1\n# my edits\n"
    assert runner.invoke(app, [*ACME, "--force"]).exit_code == 0
    assert _data(plan)["account"]["id"] == "acme"
    assert [p.name for p in (in_tmp / "plans").iterdir()] == ["acme.yaml"]  # no temporary file left behind


def test_refuses_when_the_plan_exists_as_yml(in_tmp: Path) -> None:
    (in_tmp / "plans").mkdir()
    (in_tmp / "plans" / "acme.yml").write_text("asplan: 1\n", encoding="utf-8")
    result = runner.invoke(app, ACME)
    assert result.exit_code == 2
    assert "plans/acme.yml: a plan for 'acme' already exists" in result.stderr
    assert not (in_tmp / "plans" / "acme.yaml").exists()


def test_folder_from_configuration_and_schema_path(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (in_tmp / "asplan.toml").write_text('plans_dir = "accounts"\n', encoding="utf-8")
    (in_tmp / "sub").mkdir()
    monkeypatch.chdir(in_tmp / "sub")  # the configuration's folder is the root, not the working folder
    assert runner.invoke(app, ACME).exit_code == 0
    plan = in_tmp / "accounts" / "acme.yaml"
    assert plan.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=../asplan.schema.json"


def test_dir_option_and_nested_schema_path(in_tmp: Path) -> None:
    result = runner.invoke(app, [*ACME, "--dir", "clients/emea"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "created clients/emea/acme.yaml"
    first = (in_tmp / "clients" / "emea" / "acme.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../asplan.schema.json"
    code, report = _check_json("clients")
    assert (code, report["summary"]["errors"]) == (0, 0)
