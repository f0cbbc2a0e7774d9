"""``asplan check`` options: exit codes, usage errors, selection, suppressions, folder scans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clitools import ACME, CLEAN, TODAY, invoke, run_asplan


def codes(stdout: str) -> list[tuple[str, int, str]]:
    """(file, line, code) of every finding of a JSON report."""
    return [(f["file"], f["line"], f["code"]) for f in json.loads(stdout)["findings"]]


# --- exit codes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["acme.yaml"], 1),  # an error, fail_on error (the default)
        (["acme.yaml", "--fail-on", "error"], 1),
        (["acme.yaml", "--fail-on", "never"], 0),
        (["acme.yaml", "--ignore", "ASP201"], 0),  # warnings only
        (["acme.yaml", "--ignore", "ASP201", "--fail-on", "warning"], 1),
        (["acme.yaml", "--select", "ASP501", "--fail-on", "warning"], 1),
        (["clean.yaml", "--fail-on", "warning"], 0),
        (["clean.yaml"], 0),
    ],
)
def test_exit_code_follows_fail_on(project: Path, args: list[str], expected: int) -> None:
    result = invoke("check", *args, "--today", TODAY)
    assert result.exit_code == expected, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "xml"],
            "asplan: error: --format xml: expected one of text, json, github, sarif, junit, gitlab\n",
        ),
        (["--today", "2026-13-01"], "asplan: error: --today: '2026-13-01' is not a calendar date\n"),
        (["--today", "23/11/2026"], "asplan: error: --today: expected a date YYYY-MM-DD, got '23/11/2026'\n"),
        (["nope.yaml"], "asplan: error: nope.yaml: no such file or folder\n"),
        (
            ["--select", "ASPX99"],
            "asplan: error: --select: 'ASPX99' matches no rule code (codes look like ASP302 or ASP3)\n",
        ),
        (
            ["--ignore", "ASP9"],
            "asplan: error: --ignore: 'ASP9' matches no rule code (codes look like ASP302 or ASP3)\n",
        ),
        (["--jobs", "0"], "asplan: error: --jobs: expected a number of processes, 1 or more\n"),
        (["--fail-on", "sometimes"], "asplan: error: --fail-on sometimes: expected error, warning or never\n"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(project: Path, args: list[str], message: str) -> None:
    # --today goes first so that a bad --today in args is the one that counts
    result = invoke("check", "--today", TODAY, "clean.yaml", *args)
    assert result.exit_code == 2
    assert result.stderr == message
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_usage_errors_through_the_console_script(project: Path) -> None:
    for args in (["check", "--format", "xml", "clean.yaml"], ["check", "--bogus"]):
        result = run_asplan(*args, cwd=project)
        assert result.returncode == 2, args
        assert result.stderr.startswith("asplan: error: "), result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_unknown_command_is_one_line() -> None:
    result = run_asplan("chek", cwd=Path.cwd())
    assert result.returncode == 2
    assert result.stderr.startswith("asplan: error: No such command 'chek'. Did you mean 'check'")
    assert result.stderr.endswith("? (see 'asplan --help')\n")
    assert result.stderr.count("\n") == 1


def test_today_from_the_environment(project: Path) -> None:
    result = invoke("check", "clean.yaml", "--format", "json", env={"ASPLAN_TODAY": "2026-01-02"})
    assert json.loads(result.stdout)["today"] == "2026-01-02"
    bad = invoke("check", "clean.yaml", env={"ASPLAN_TODAY": "soon"})
    assert (bad.exit_code, bad.stderr) == (2, "asplan: error: ASPLAN_TODAY: expected a date YYYY-MM-DD, got 'soon'\n")
    wins = invoke("check", "clean.yaml", "--format", "json", "--today", TODAY, env={"ASPLAN_TODAY": "2026-01-02"})
    assert json.loads(wins.stdout)["today"] == TODAY


# --- selection ---------------------------------------------------------------------------

ALL_THREE = [("acme.yaml", 6, "ASP201"), ("acme.yaml", 21, "ASP501"), ("acme.yaml", 24, "ASP509")]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ALL_THREE),
        (["--select", "ASP5"], [("acme.yaml", 21, "ASP501"), ("acme.yaml", 24, "ASP509")]),
        (["--select", "ASP201"], [("acme.yaml", 6, "ASP201")]),
        (["--select", "asp201"], [("acme.yaml", 6, "ASP201")]),
        (["--select", "ASP201,ASP509"], [("acme.yaml", 6, "ASP201"), ("acme.yaml", 24, "ASP509")]),
        (["--select", "ASP201", "--select", "ASP509"], [("acme.yaml", 6, "ASP201"), ("acme.yaml", 24, "ASP509")]),
        (["--ignore", "ASP5"], [("acme.yaml", 6, "ASP201")]),
        (["--ignore", "ASP201"], [("acme.yaml", 21, "ASP501"), ("acme.yaml", 24, "ASP509")]),
        (["--ignore", "ASP201, ASP509"], [("acme.yaml", 21, "ASP501")]),
        (["--ignore", "ASP201", "--ignore", "ASP501"], [("acme.yaml", 24, "ASP509")]),
        (["--select", "ASP5", "--ignore", "ASP509"], [("acme.yaml", 21, "ASP501")]),
        (["--select", "ASP2", "--ignore", "ASP2"], []),
    ],
)
def test_select_and_ignore_by_code_and_prefix(project: Path, args: list[str], expected: list[object]) -> None:
    result = invoke("check", "acme.yaml", "clean.yaml", "--today", TODAY, "--format", "json", *args)
    assert codes(result.stdout) == expected


# --- inline suppressions -------------------------------------------------------------------


def test_suppression_of_one_code_on_its_line(project: Path) -> None:
    plan = ACME.replace("  manager: ana.ruis\n", "  manager: ana.ruis  # asplan: ignore[ASP201]\n")
    (project / "acme.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "acme.yaml", "--today", TODAY, "--format", "json")
    assert codes(result.stdout) == [("acme.yaml", 21, "ASP501"), ("acme.yaml", 24, "ASP509")]
    assert result.exit_code == 0


def test_suppression_of_another_code_keeps_the_finding(project: Path) -> None:
    plan = ACME.replace("  manager: ana.ruis\n", "  manager: ana.ruis  # asplan: ignore[ASP509, ASP501]\n")
    (project / "acme.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "acme.yaml", "--today", TODAY, "--format", "json")
    assert codes(result.stdout) == [
        ("acme.yaml", 6, "ASP201"),
        ("acme.yaml", 21, "ASP501"),
        ("acme.yaml", 24, "ASP509"),
    ]


def test_bare_suppression_silences_every_code_on_its_line(project: Path) -> None:
    plan = ACME.replace("  strategy: TODO ask Carl\n", "  strategy: TODO ask Carl  # asplan: ignore\n").replace(
        "  - id: OBJ-1\n", "  - id: OBJ-1 # asplan: ignore\n"
    )
    (project / "acme.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "acme.yaml", "--today", TODAY, "--format", "json")
    assert codes(result.stdout) == [("acme.yaml", 6, "ASP201")]


def test_suppression_on_another_line_does_nothing(project: Path) -> None:
    plan = ACME.replace("  tier: strategic\n", "  tier: strategic  # asplan: ignore\n")
    (project / "acme.yaml").write_text(plan, encoding="utf-8")
    result = invoke("check", "acme.yaml", "--today", TODAY, "--format", "json")
    assert codes(result.stdout) == ALL_THREE


# --- folders --------------------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_folder_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = ACME.replace("id: acme\n", "id: {id}\n")
    _write(tmp_path / "repo" / "plans" / "a.yaml", bad.replace("{id}", "a"))
    _write(tmp_path / "repo" / "plans" / "deep" / "b.yml", bad.replace("{id}", "b"))
    _write(tmp_path / "repo" / "plans" / "clean.yaml", CLEAN)
    _write(tmp_path / "repo" / "plans" / "docker-compose.yaml", "services:\n  web: {image: nginx}\n")
    _write(tmp_path / "repo" / "plans" / "broken-other.yaml", "key: [unclosed\n")
    _write(tmp_path / "repo" / "plans" / "notes.txt", bad.replace("{id}", "notes"))
    _write(tmp_path / "repo" / "plans" / ".hidden" / "h.yaml", bad.replace("{id}", "h"))
    _write(tmp_path / "repo" / "plans" / ".venv" / "v.yaml", bad.replace("{id}", "v"))
    _write(tmp_path / "repo" / "plans" / "node_modules" / "n.yaml", bad.replace("{id}", "n"))
    monkeypatch.chdir(tmp_path / "repo")
    result = invoke("check", "plans", "--today", TODAY, "--format", "json", "--select", "ASP0,ASP1,ASP201")
    report = json.loads(result.stdout)
    assert report["files"] == ["plans/a.yaml", "plans/clean.yaml", "plans/deep/b.yml"]
    assert codes(result.stdout) == [("plans/a.yaml", 6, "ASP201"), ("plans/deep/b.yml", 6, "ASP201")]
    assert result.stderr == ""


def test_default_path_is_plans_then_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "plans" / "acme.yaml", ACME)
    _write(tmp_path / "other" / "clean.yaml", CLEAN)
    monkeypatch.chdir(tmp_path)
    assert json.loads(invoke("check", "--today", TODAY, "--format", "json").stdout)["files"] == ["plans/acme.yaml"]
    monkeypatch.chdir(tmp_path / "other")
    assert json.loads(invoke("check", "--today", TODAY, "--format", "json").stdout)["files"] == ["clean.yaml"]


def test_an_explicit_non_plan_is_asp003(project: Path) -> None:
    _write(project / "compose.yaml", "services:\n  web: {image: nginx}\n")
    result = invoke("check", "compose.yaml", "--today", TODAY, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["files"] == ["compose.yaml"]
    assert [(f["line"], f["column"], f["code"], f["severity"]) for f in report["findings"]] == [
        (1, 1, "ASP003", "error")
    ]


def test_an_explicit_broken_yaml_file_is_asp001(project: Path) -> None:
    _write(project / "broken.yaml", "asplan: 1\naccount: {id: [\n")
    result = invoke("check", "broken.yaml", "--today", TODAY, "--format", "json")
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["ASP001"]


def test_a_folder_without_plans_passes_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "empty" / "compose.yaml", "services: {}\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "empty", "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout == "All checks passed: 0 files, no findings.\n"
    assert result.stderr == "asplan: warning: no plan found in empty\n"


def test_fail_on_empty_makes_a_folder_without_plans_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "empty" / "compose.yaml", "services: {}\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "empty", "--fail-on-empty", "--today", TODAY, "--format", "json", "-o", "report.json")
    assert result.exit_code == 2
    assert result.stderr == "asplan: error: no plan found in empty (--fail-on-empty)\n"
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["files"] == []  # still written
    # with a plan found, the flag changes nothing
    _write(tmp_path / "empty" / "minimal.yaml", (Path(__file__).parents[2] / "examples/minimal.yaml").read_text())
    result = invoke("check", "empty", "--fail-on-empty", "--today", TODAY)
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_file_named_twice_is_checked_once(project: Path) -> None:
    result = invoke("check", "acme.yaml", "./acme.yaml", ".", "--today", TODAY, "--format", "json")
    report = json.loads(result.stdout)
    assert report["files"] == ["acme.yaml", "clean.yaml"]
    assert report["summary"]["errors"] == 1


def test_duplicate_account_ids_across_plans(project: Path) -> None:
    _write(project / "acme-copy.yaml", ACME)
    result = invoke("check", ".", "--today", TODAY, "--format", "json", "--select", "ASP204")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["file"], f["line"], f["column"], f["code"]) for f in findings] == [("acme.yaml", 3, 7, "ASP204")]
    assert "acme-copy.yaml" in findings[0]["message"]
