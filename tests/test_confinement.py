"""Issue 12, spec §7.2: a plan can make asplan read only files inside the plans repository.

``events: [/somewhere/git-credentials, ../../etc/hostname]`` used to be opened, and the
"no column 'id'" error printed the file's first line (a token) into the CI log; "not
found" told whether a file existed. Now a path outside the repository is refused by
its spelling, the same message whether the file exists or not, and nothing of an
event file is ever quoted but its (sanitised, capped) header names.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.confinement import OutsideRepository, confined_path, repository_root

SECRET = "https://ci-bot:TOKEN-123@github.com"
runner = CliRunner()


def plan_text(events: list[str]) -> str:
    listed = ", ".join(f'"{e}"' for e in events)
    return f"""\
asplan: 1
account: {{id: acme, name: ACME, tier: high, manager: m, timezone: UTC}}
people: [{{id: m, name: M, side: provider}}]
slas:
  - {{id: S1, name: P1, where: {{priority: P1}}, stop: first_response, target: "<= 30m", penalty: p}}
events: [{listed}]
"""


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plans repository (asplan.toml) and, beside it, a secret outside it."""
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    (repo / "asplan.toml").write_text("", encoding="utf-8")
    (tmp_path / "git-credentials").write_text(SECRET + "\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    return tmp_path


def findings(*args: str) -> list[dict[str, object]]:
    import json

    result = runner.invoke(app, ["check", "plans", "--format", "json", "--today", "2026-11-23", *args])
    assert result.exit_code in (0, 1), result.output
    report: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return [f for f in report if f["code"] == "ASP206"]


@pytest.mark.parametrize("entry", ["../../git-credentials", "{secret}", "../plans/../../git-credentials"])
def test_a_path_outside_is_refused_without_being_opened(world: Path, entry: str) -> None:
    entry = entry.format(secret=world / "git-credentials")
    (world / "repo/plans/acme.yaml").write_text(plan_text([entry]), encoding="utf-8")
    found = findings()
    assert [(f["line"], f["column"], f["message"]) for f in found] == [
        (
            6,
            10,
            f"event file '{entry}' is outside the plans repository ({(world / 'repo').resolve()}):"
            " event files must be inside it",
        )
    ]
    # Whether the file exists or not, the answer is the same: nothing is learnt about it.
    (world / "git-credentials").unlink()
    assert findings() == found


@pytest.mark.parametrize("command", [["sla"], ["status"], ["render", "-o", "out"]])
def test_no_command_prints_what_is_outside(world: Path, command: list[str]) -> None:
    (world / "repo/plans/acme.yaml").write_text(plan_text(["../../git-credentials"]), encoding="utf-8")
    result = runner.invoke(app, [*command, "plans", "--today", "2026-11-23"])
    assert SECRET not in result.output and "TOKEN" not in result.output
    assert "is outside the plans repository" in result.output


def test_a_symbolic_link_that_leaves_is_refused(world: Path) -> None:
    (world / "repo/plans/data").symlink_to(world)  # a folder link
    (world / "repo/plans/tickets.csv").symlink_to(world / "git-credentials")  # a file link
    (world / "repo/plans/acme.yaml").write_text(
        plan_text(["data/git-credentials", "tickets.csv"]), encoding="utf-8"
    )
    root = (world / "repo").resolve()
    assert [f["message"] for f in findings()] == [
        f"event file '{name}' leads outside the plans repository ({root}) through a symbolic link:"
        " event files must be inside it"
        for name in ("data/git-credentials", "tickets.csv")
    ]


def test_a_link_inside_the_repository_is_fine(world: Path) -> None:
    repo = world / "repo"
    (repo / "exports").mkdir()
    (repo / "exports/t.csv").write_text("id,created,priority,first_response\n", encoding="utf-8")
    (repo / "plans/tickets.csv").symlink_to(repo / "exports/t.csv")
    (repo / "plans/acme.yaml").write_text(plan_text(["tickets.csv", "../exports/t.csv"]), encoding="utf-8")
    assert findings() == []


def test_the_git_work_tree_is_the_repository_without_asplan_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "accounts/plans").mkdir(parents=True)
    (repo / "data").mkdir()
    subprocess.run(["git", "init", "--quiet", str(repo)], check=True)
    (repo / "data/t.csv").write_text("id,created,priority,first_response\n", encoding="utf-8")
    plan = repo / "accounts/plans/acme.yaml"
    plan.write_text(plan_text(["../../data/t.csv"]), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the working folder is above the repository: it does not widen it
    assert repository_root(str(plan)) == str(repo.resolve())
    assert confined_path(str(plan), "../../data/t.csv") == str(repo / "data/t.csv")
    with pytest.raises(OutsideRepository):
        confined_path(str(plan), "../../../elsewhere.csv")


def test_outside_any_repository_the_plans_own_folder_is_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "loose"
    folder.mkdir()
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    plan = folder / "acme.yaml"
    assert repository_root(str(plan)) == str(folder.resolve())
    assert confined_path(str(plan), "t.csv") == str(folder / "t.csv")
    with pytest.raises(OutsideRepository):
        confined_path(str(plan), "../cwd/t.csv")


def test_messages_quote_only_capped_sanitised_header_names(world: Path) -> None:
    long_name = "x" * 100
    header = ",".join([f"\x1b[2Kcol{i}" for i in range(20)] + [long_name])
    (world / "repo/plans/tickets.csv").write_text(header + f"\n{SECRET},b\n", encoding="utf-8")
    (world / "repo/plans/acme.yaml").write_text(plan_text(["tickets.csv"]), encoding="utf-8")
    result = runner.invoke(app, ["sla", "plans", "--today", "2026-11-23"])
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert "\x1b" not in message and SECRET not in message and long_name not in message
    assert message.endswith(
        "the header has: "
        + ", ".join(f"\\x1b[2Kcol{i}" for i in range(12))
        + " (and 9 more)"
    )


def test_a_long_header_name_is_cut_at_40_characters() -> None:
    from asplan.sla.events import header_name, header_names

    assert header_name("y" * 100) == "y" * 39 + "…"
    assert header_name("a\nb") == "a\\x0ab"
    assert header_names(["a", "b"]) == "a, b"
    assert os.sep not in header_names([])
