"""Sign-off (spec §7.5): "Agreed with ... on ..." in the document, and changes since it read from git."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app

PLAN = """\
asplan: 1
account: {id: acme, name: ACME, tier: low, manager: ana, language: en}
people:
  - {id: ana, name: Ana, side: provider}
  - {id: bo, name: Bo Díaz, side: client}
  - {id: cy, name: Cy Ng, side: client}
actions:
  - {id: ACT-1, title: Patch, due: 2026-12-15}
reviews:
  every: quarterly
  history:
    - {date: 2026-09-01, attendees: [ana, bo], signed_off_by: [bo]}
"""


def git(repo: Path, *args: str, day: str = "2026-11-20") -> str:
    stamp = f"{day}T10:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ana",
        "GIT_AUTHOR_EMAIL": "ana@example.com",
        "GIT_COMMITTER_NAME": "Ana",
        "GIT_COMMITTER_EMAIL": "ana@example.com",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def commit(repo: Path, message: str, day: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, day=day)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plans").mkdir()
    # the plan exists before the sign-off: that commit must not count
    (tmp_path / "plans" / "acme.yaml").write_text(PLAN.replace(", signed_off_by: [bo]", ""), encoding="utf-8")
    commit(tmp_path, "plan", "2026-08-20")
    (tmp_path / "plans" / "acme.yaml").write_text(PLAN, encoding="utf-8")
    commit(tmp_path, "review of 1 September, signed off by Bo", "2026-09-02")
    return tmp_path


def signoff(*args: str) -> object:
    result = CliRunner().invoke(app, ["status", "--today", "2026-11-23", "--format", "json", *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)[0]["signoff"]


def test_no_change_since_the_sign_off_commit(repo: Path) -> None:
    assert signoff() == {
        "date": "2026-09-01",
        "by": ["bo"],
        "changed_since": {"changed": False, "commits": [], "uncommitted": False},
    }


def test_commits_after_the_sign_off_are_listed(repo: Path) -> None:
    plan = repo / "plans" / "acme.yaml"
    assert CliRunner().invoke(app, ["done", str(plan), "ACT-1", "--today", "2026-11-10"]).exit_code == 0
    commit(repo, "ACT-1 done", "2026-11-10")
    sha = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    assert signoff() == {
        "date": "2026-09-01",
        "by": ["bo"],
        "changed_since": {
            "changed": True,
            "commits": [{"commit": sha, "date": "2026-11-10", "subject": "ACT-1 done"}],
            "uncommitted": False,
        },
    }
    result = CliRunner().invoke(app, ["status", "--today", "2026-11-23"])
    assert "2026-09-01 changed since" in result.stdout
    # the internal document says so under the header; the client's only says who agreed
    internal = render("--audience", "internal")
    assert "**Agreed with Bo Díaz on 1 September 2026** · Changed since the sign-off: 1 commit" in internal
    assert f"({sha} 10 November 2026)" in internal
    client = render()
    assert "**Agreed with Bo Díaz on 1 September 2026**\n" in client and "Changed since" not in client


def test_an_uncommitted_edit_counts_and_a_new_sign_off_resets(repo: Path) -> None:
    plan = repo / "plans" / "acme.yaml"
    plan.write_text(PLAN.replace("due: 2026-12-15", "due: 2027-01-15"), encoding="utf-8")
    assert signoff()["changed_since"] == {"changed": True, "commits": [], "uncommitted": True}  # type: ignore[index]
    assert "Changed since the sign-off: edits not committed yet" in render("--audience", "internal")
    # a later review signed off by two people: not committed yet, so nothing is claimed against it
    plan.write_text(
        PLAN + "    - {date: 2026-11-20, attendees: [bo, cy], signed_off_by: [bo, cy]}\n", encoding="utf-8"
    )
    assert signoff() == {
        "date": "2026-11-20",
        "by": ["bo", "cy"],
        "changed_since": {"changed": False, "commits": [], "uncommitted": True},
    }
    assert "**Agreed with Bo Díaz and Cy Ng on 20 November 2026**" in render()


def test_outside_git_the_history_is_unknown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "acme.yaml").write_text(PLAN, encoding="utf-8")
    assert signoff() == {"date": "2026-09-01", "by": ["bo"], "changed_since": None}
    internal = render("--audience", "internal")
    assert "**Agreed with Bo Díaz on 1 September 2026**\n" in internal and "sign-off:" not in internal


def test_the_spanish_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    shutil.copy(Path(__file__).parents[2] / "examples" / "acme-logistica.yaml", tmp_path / "plans")
    text = (tmp_path / "plans" / "acme-logistica.yaml").read_text(encoding="utf-8")
    signed = "      signed_off_by: [carlos.gomez, beatriz.ortega]\n      decisions:\n"
    text = text.replace("      decisions:\n", signed, 1)
    (tmp_path / "plans" / "acme-logistica.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(Path(__file__).parents[2] / "examples" / "data", tmp_path / "plans" / "data")
    result = CliRunner().invoke(app, ["render", "plans/acme-logistica.yaml", "-f", "md", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.stderr
    assert "**Acordado con Carlos Gómez y Beatriz Ortega el 16 de abril de 2026**" in result.stdout


def render(*args: str) -> str:
    result = CliRunner().invoke(app, ["render", "plans/acme.yaml", "-f", "md", "--today", "2026-11-23", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_provider_person_cannot_sign_off(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(PLAN.replace("signed_off_by: [bo]", "signed_off_by: [ana]"), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--today", "2026-11-23", "--select", "ASP201"])
    assert result.exit_code == 1
    assert "'ana' signed off the 2026-09-01 review but is on the provider side" in result.stdout
