"""``asplan init``: a new plans repository; never overwrites, says what it skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli import new as new_module
from asplan.cli.app import app
from asplan.scaffold import config_text, digest_workflow_text, pre_commit_text, workflow_text

runner = CliRunner()
CREATED = [
    "created plans/",
    "created asplan.toml",
    "created asplan.schema.json",
    "created .pre-commit-config.yaml",
    "created .github/workflows/asplan.yml",
    "created .github/workflows/asplan-digest.yml",
    "next: asplan new ACCOUNT-ID",
]


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(new_module, "stdin_is_terminal", lambda: False)
    return tmp_path


def _tree(root: Path) -> dict[str, str | None]:
    """Relative path -> text (None for a folder) of everything under ``root``."""
    return {
        p.relative_to(root).as_posix(): (None if p.is_dir() else p.read_text(encoding="utf-8"))
        for p in sorted(root.rglob("*"))
    }


def test_init_creates_the_repository(in_tmp: Path) -> None:
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == CREATED
    tree = _tree(in_tmp)
    assert sorted(tree) == [
        ".github",
        ".github/workflows",
        ".github/workflows/asplan-digest.yml",
        ".github/workflows/asplan.yml",
        ".pre-commit-config.yaml",
        "asplan.schema.json",
        "asplan.toml",
        "plans",
    ]
    assert tree["asplan.toml"] == config_text()
    assert tree[".pre-commit-config.yaml"] == pre_commit_text()
    assert tree[".github/workflows/asplan.yml"] == workflow_text()
    assert tree[".github/workflows/asplan-digest.yml"] == digest_workflow_text()
    schema = runner.invoke(app, ["schema"])
    assert tree["asplan.schema.json"] == schema.stdout
    assert json.loads(schema.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_init_twice_changes_nothing_the_user_edited(in_tmp: Path) -> None:
    assert runner.invoke(app, ["init"]).exit_code == 0
    (in_tmp / "asplan.toml").write_text('fail_on = "warning"\n', encoding="utf-8")
    (in_tmp / "asplan.schema.json").write_text("{}\n", encoding="utf-8")
    (in_tmp / "plans" / "acme.yaml").write_text("asplan: 1\n", encoding="utf-8")
    (in_tmp / ".github" / "workflows" / "asplan.yml").unlink()
    before = _tree(in_tmp)

    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "skipped plans/ (already exists)",
        "skipped asplan.toml (already exists)",
        "skipped asplan.schema.json (already exists)",
        "skipped .pre-commit-config.yaml (already exists)",
        "created .github/workflows/asplan.yml",
        "skipped .github/workflows/asplan-digest.yml (already exists)",
        "next: asplan new ACCOUNT-ID",
    ]
    after = _tree(in_tmp)
    assert after == {**before, ".github/workflows/asplan.yml": workflow_text()}


def test_init_into_a_new_folder(in_tmp: Path) -> None:
    result = runner.invoke(app, ["init", "client-plans"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "created client-plans/plans/"
    assert lines[-1] == "next: cd client-plans && asplan new ACCOUNT-ID"
    assert (in_tmp / "client-plans" / "asplan.toml").is_file()


def test_init_on_a_file_is_exit_2(in_tmp: Path) -> None:
    (in_tmp / "notes.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["init", "notes.txt"])
    assert result.exit_code == 2
    assert result.stderr == "asplan: error: notes.txt: not a folder\n"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_init_new_check_walkthrough(lang: str, in_tmp: Path) -> None:
    assert runner.invoke(app, ["init"]).exit_code == 0
    new = runner.invoke(
        app, ["new", "acme", "--name", "ACME", "--tier", "high", "--manager", "Ana Ruiz", "--lang", lang]
    )
    assert new.exit_code == 0
    assert new.stderr == ""  # the schema exists: no hint
    check = runner.invoke(app, ["check", "--today", "2026-11-23", "--format", "json"])
    assert check.exit_code == 0
    report = json.loads(check.stdout)
    assert report["files"] == ["plans/acme.yaml"]
    assert report["summary"]["errors"] == 0
    github = runner.invoke(app, ["check", "--today", "2026-11-23", "--format", "github"])
    assert github.exit_code == 0
    # One warning annotation per finding of the JSON report (the completeness warnings
    # of a fresh plan: at least one, so this cannot pass on empty output).
    expected = [f"::warning file=plans/acme.yaml,line={f['line']},col={f['column']},title={f['code']}::{f['message']}"
                for f in report["findings"]]  # fmt: skip
    assert [f["severity"] for f in report["findings"]] == ["warning"] * len(expected)
    assert expected and github.stdout.splitlines() == expected
