"""Configuration through ``asplan check``: discovery, ``--config``, every key, and errors naming the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clitools import ACME, CLEAN, TODAY, invoke


def findings(stdout: str) -> list[tuple[str, int, str, str]]:
    return [(f["file"], f["line"], f["code"], f["severity"]) for f in json.loads(stdout)["findings"]]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``repo/plans/{acme,clean}.yaml`` and an empty ``repo/sub/deeper/``; cwd is ``repo``."""
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "plans" / "acme.yaml").write_text(ACME, encoding="utf-8")
    (root / "plans" / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def check_json(*args: str) -> tuple[int, list[tuple[str, int, str, str]]]:
    result = invoke(*args, "--today", TODAY, "--format", "json")
    assert result.stderr == "", result.stderr
    return result.exit_code, findings(result.stdout)


ACME_ALL = [
    ("plans/acme.yaml", 6, "ASP201", "error"),
    ("plans/acme.yaml", 21, "ASP501", "warning"),
    ("plans/acme.yaml", 24, "ASP509", "warning"),
]


# --- discovery ------------------------------------------------------------------------------


def test_asplan_toml_is_found_from_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "asplan.toml").write_text('ignore = ["ASP5"]\n', encoding="utf-8")
    monkeypatch.chdir(repo / "sub" / "deeper")
    code, found = check_json("check", "../../plans")
    assert (code, found) == (1, [("../../plans/acme.yaml", 6, "ASP201", "error")])


def test_tool_asplan_in_pyproject(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.asplan]\nignore = ["ASP201"]\n')
    monkeypatch.chdir(repo / "sub")
    assert check_json("check", "../plans") == (
        0,
        [("../plans/acme.yaml", 21, "ASP501", "warning"), ("../plans/acme.yaml", 24, "ASP509", "warning")],
    )


def test_pyproject_without_tool_asplan_is_passed_over(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "asplan.toml").write_text('select = ["ASP509"]\n')  # above the repo
    (repo / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n")
    monkeypatch.chdir(repo / "sub")
    assert check_json("check", "../plans") == (0, [("../plans/acme.yaml", 24, "ASP509", "warning")])


def test_nearest_configuration_wins(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "asplan.toml").write_text('select = ["ASP509"]\n')
    (repo / "sub" / "asplan.toml").write_text('select = ["ASP501"]\n')
    monkeypatch.chdir(repo / "sub" / "deeper")
    assert check_json("check", "../../plans") == (0, [("../../plans/acme.yaml", 21, "ASP501", "warning")])


def test_asplan_toml_beats_pyproject_in_the_same_folder(repo: Path) -> None:
    (repo / "asplan.toml").write_text('select = ["ASP509"]\n')
    (repo / "pyproject.toml").write_text('[tool.asplan]\nselect = ["ASP501"]\n')
    assert check_json("check", "plans")[1] == [("plans/acme.yaml", 24, "ASP509", "warning")]


def test_config_option_wins_over_discovery(repo: Path) -> None:
    (repo / "asplan.toml").write_text('select = ["ASP509"]\n')
    (repo / "ci.toml").write_text('select = ["ASP201"]\n')
    assert check_json("--config", "ci.toml", "check", "plans") == (1, [("plans/acme.yaml", 6, "ASP201", "error")])


def test_config_option_accepts_a_pyproject(repo: Path) -> None:
    (repo / "other").mkdir()
    (repo / "other" / "pyproject.toml").write_text('[tool.asplan]\nignore = ["ASP2", "ASP509"]\n')
    assert check_json("--config", "other/pyproject.toml", "check", "plans") == (
        0,
        [("plans/acme.yaml", 21, "ASP501", "warning")],
    )


def test_config_option_naming_a_missing_file(repo: Path) -> None:
    result = invoke("--config", "nope.toml", "check", "plans", "--today", TODAY)
    assert (result.exit_code, result.stderr) == (2, "asplan: error: --config nope.toml: no such file\n")


# --- every key ------------------------------------------------------------------------------


def test_paths(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "elsewhere").mkdir()
    (repo / "elsewhere" / "acme.yaml").write_text(ACME)
    (repo / "asplan.toml").write_text('paths = ["elsewhere"]\n')
    monkeypatch.chdir(repo / "sub")
    result = invoke("check", "--today", TODAY, "--format", "json")
    report = json.loads(result.stdout)
    # relative to the configuration file, shown relative to the working directory
    assert report["files"] == ["../elsewhere/acme.yaml"]
    assert result.exit_code == 1


def test_command_line_paths_beat_configured_paths(repo: Path) -> None:
    (repo / "asplan.toml").write_text('paths = ["sub"]\n')
    result = invoke("check", "plans/clean.yaml", "--today", TODAY, "--format", "json")
    assert json.loads(result.stdout)["files"] == ["plans/clean.yaml"]


def test_select_and_command_line_select_replaces_it(repo: Path) -> None:
    (repo / "asplan.toml").write_text('select = ["ASP5"]\n')
    assert check_json("check", "plans")[1] == ACME_ALL[1:]
    assert check_json("check", "plans", "--select", "ASP201")[1] == ACME_ALL[:1]


def test_ignore_and_command_line_ignore_adds_to_it(repo: Path) -> None:
    (repo / "asplan.toml").write_text('ignore = ["ASP201"]\n')
    assert check_json("check", "plans")[1] == ACME_ALL[1:]
    assert check_json("check", "plans", "--ignore", "ASP509")[1] == ACME_ALL[1:2]


def test_fail_on_and_command_line_fail_on_overrides_it(repo: Path) -> None:
    (repo / "asplan.toml").write_text('fail_on = "warning"\nignore = ["ASP201"]\n')
    assert check_json("check", "plans")[0] == 1
    assert check_json("check", "plans", "--fail-on", "error")[0] == 0
    (repo / "asplan.toml").write_text('fail_on = "never"\n')
    assert check_json("check", "plans")[0] == 0


def test_severity_override(repo: Path) -> None:
    (repo / "asplan.toml").write_text('[severity]\nASP201 = "warning"\nASP509 = "error"\n')
    assert check_json("check", "plans") == (
        1,
        [
            ("plans/acme.yaml", 6, "ASP201", "warning"),
            ("plans/acme.yaml", 21, "ASP501", "warning"),
            ("plans/acme.yaml", 24, "ASP509", "error"),
        ],
    )
    (repo / "asplan.toml").write_text('[severity]\nASP201 = "info"\n')
    code, found = check_json("check", "plans", "--select", "ASP201")
    assert (code, found) == (0, [("plans/acme.yaml", 6, "ASP201", "info")])


def test_per_file_ignores_glob_relative_to_the_config(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "plans" / "archive").mkdir()
    (repo / "plans" / "archive" / "old.yaml").write_text(ACME.replace("id: acme\n", "id: old\n"))
    (repo / "asplan.toml").write_text('[per_file_ignores]\n"plans/archive/*.yaml" = ["ASP2", "ASP509"]\n')
    monkeypatch.chdir(repo / "sub")
    assert check_json("check", "../plans")[1] == [
        ("../plans/acme.yaml", 6, "ASP201", "error"),
        ("../plans/acme.yaml", 21, "ASP501", "warning"),
        ("../plans/acme.yaml", 24, "ASP509", "warning"),
        ("../plans/archive/old.yaml", 21, "ASP501", "warning"),
    ]


def test_max_file_bytes(repo: Path) -> None:
    size = (repo / "plans" / "acme.yaml").stat().st_size
    (repo / "asplan.toml").write_text(f"max_file_bytes = {size - 1}\n")
    code, found = check_json("check", "plans/acme.yaml", "plans/clean.yaml")
    assert (code, found) == (1, [("plans/acme.yaml", 1, "ASP004", "error")])
    (repo / "asplan.toml").write_text(f"max_file_bytes = {size}\n")
    assert [c for _, _, c, _ in check_json("check", "plans/acme.yaml")[1]] == ["ASP201", "ASP501", "ASP509"]


def test_warn_days(repo: Path) -> None:
    # the next review is on 2026-12-03, 10 days after today: "due soon" within 14 days, not within 5
    plan = CLEAN.replace("id: clean", "id: rev") + "reviews:\n  every: quarterly\n  next: 2026-12-03\n"
    (repo / "plans" / "rev.yaml").write_text(plan)
    assert check_json("check", "plans/rev.yaml") == (0, [("plans/rev.yaml", 22, "ASP309", "info")])
    (repo / "asplan.toml").write_text("warn_days = 10\n")
    assert check_json("check", "plans/rev.yaml") == (0, [("plans/rev.yaml", 22, "ASP309", "info")])
    assert check_json("check", "plans/rev.yaml", "--fail-on", "warning")[0] == 0  # an info never fails
    (repo / "asplan.toml").write_text("warn_days = 9\n")
    assert check_json("check", "plans/rev.yaml") == (0, [])


def test_kpi_grace_days(repo: Path) -> None:
    # measured 2026-10-15, monthly: the next one is due 2026-11-15, overdue after the grace days
    plan = CLEAN.replace("id: clean", "id: kpi") + (
        "objectives:\n"
        "  - id: OBJ-1\n"
        "    title: Faster deliveries\n"
        "    kpis:\n"
        "      - {id: KPI-1, name: On time, baseline: 80, target: 95, frequency: monthly,\n"
        "         measurements: [{date: 2026-10-15, value: 90}]}\n"
    )
    (repo / "plans" / "kpi.yaml").write_text(plan)
    (repo / "asplan.toml").write_text("kpi_grace_days = 7\n")  # due by 2026-11-22: overdue on the 23rd
    assert [c for _, _, c, _ in check_json("check", "plans/kpi.yaml")[1]] == ["ASP307"]
    (repo / "asplan.toml").write_text("kpi_grace_days = 8\n")  # due by 2026-11-23: not yet overdue
    assert check_json("check", "plans/kpi.yaml") == (0, [])


# --- errors name the key --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('ignroe = ["ASP5"]\n', "asplan.toml: unknown key 'ignroe' (did you mean 'ignore'?)"),
        ("colour = true\n", "asplan.toml: unknown key 'colour'"),
        ('ignore = "ASP5"\n', "asplan.toml: bad value for 'ignore': Input should be a valid list"),
        ('warn_days = "14"\n', "asplan.toml: bad value for 'warn_days': Input should be a valid integer"),
        ("max_file_bytes = 1.5e6\n", "asplan.toml: bad value for 'max_file_bytes': Input should be a valid integer"),
        ("warn_days = -1\n", "asplan.toml: bad value for 'warn_days': Input should be greater than or equal to 0"),
        (
            'fail_on = "sometimes"\n',
            "asplan.toml: bad value for 'fail_on': Input should be 'error', 'warning' or 'never'",
        ),
        (
            'ignore = ["ASP777"]\n',
            "asplan.toml: 'ignore': 'ASP777' matches no rule code (codes look like ASP302 or ASP3)",
        ),
        (
            'select = ["E501"]\n',
            "asplan.toml: 'select': 'E501' matches no rule code (codes look like ASP302 or ASP3)",
        ),
        ('[severity]\nASP999 = "error"\n', "asplan.toml: 'severity.ASP999' names no rule"),
        (
            '[severity]\nASP201 = "fatal"\n',
            "asplan.toml: bad value for 'severity.ASP201': Input should be 'error', 'warning' or 'info'",
        ),
        (
            '[per_file_ignores]\n"plans/*.yaml" = ["ASP5X"]\n',
            "asplan.toml: 'per_file_ignores.\"plans/*.yaml\"': 'ASP5X' matches no rule code"
            " (codes look like ASP302 or ASP3)",
        ),
        ("ignore = [\n", "asplan.toml: invalid TOML: "),
        ('fail_on = "x"\nignore = [1 2]\n', "asplan.toml:2:13: invalid TOML: Unclosed array\n"),
    ],
)
def test_configuration_errors_exit_2_naming_the_key(repo: Path, toml: str, message: str) -> None:
    (repo / "asplan.toml").write_text(toml, encoding="utf-8")
    result = invoke("check", "plans", "--today", TODAY)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"asplan: error: {message}")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_configuration_error_in_pyproject(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[tool.asplan]\nfail_on = 1\n")
    result = invoke("check", "plans", "--today", TODAY)
    assert result.exit_code == 2
    assert (
        result.stderr
        == "asplan: error: pyproject.toml: bad value for 'fail_on': Input should be 'error', 'warning' or 'never'\n"
    )
