"""``asplan check`` end to end: the examples, and every output format on plans with known findings."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from clitools import (
    ACME_FINDINGS,
    ASP201_MESSAGE,
    ASP501_MESSAGE,
    ASP509_MESSAGE,
    ASPLAN,
    ENV_TO_CLEAR,
    REPO,
    TODAY,
    invoke,
    run_asplan,
)

from asplan import __version__

ANSI = re.compile(r"\x1b\[")
GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=ASP\d{3}::.+$")
FINDING_KEYS = ["file", "line", "column", "code", "severity", "message", "path"]


# --- the examples are the showcase ----------------------------------------------------


def test_examples_have_no_errors_and_exit_0(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = invoke("check", "examples/", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 0
    assert [f for f in report["findings"] if f["severity"] == "error"] == []
    assert report["files"] == [
        "examples/acme-logistica.yaml",
        "examples/minimal.yaml",
        "examples/northwind-health.yaml",
        "examples/presets/freshdesk-hooli.yaml",
        "examples/presets/jsm-globex.yaml",
        "examples/presets/servicenow-umbrella.yaml",
        "examples/presets/zendesk-initech.yaml",
    ]


def test_examples_json_has_exactly_the_spec_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    report = json.loads(invoke("check", "examples/", "--today", TODAY, "--format", "json").stdout)
    assert list(report) == ["tool", "version", "today", "files", "findings", "summary"]
    assert report["tool"] == "asplan"
    assert report["version"] == __version__
    assert report["today"] == TODAY
    assert list(report["summary"]) == ["files", "errors", "warnings", "infos"]
    assert report["summary"]["files"] == 7
    assert report["findings"], "the minimal example draws completeness warnings"
    for finding in report["findings"]:
        assert list(finding) == FINDING_KEYS
        assert finding["file"] in report["files"]
        assert isinstance(finding["line"], int) and finding["line"] >= 1
        assert isinstance(finding["column"], int) and finding["column"] >= 1
        assert re.fullmatch(r"ASP\d{3}", finding["code"])
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["message"]
        assert isinstance(finding["path"], str)
    counts = {s: sum(1 for f in report["findings"] if f["severity"] == s) for s in ("error", "warning", "info")}
    assert report["summary"]["warnings"] == counts["warning"]
    assert report["summary"]["infos"] == counts["info"]


def test_examples_through_the_console_script() -> None:
    result = run_asplan("check", "examples/", "--today", TODAY, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert " [error] " not in result.stdout
    assert not ANSI.search(result.stdout)  # piped: no colour
    assert re.search(r"^Found (?!.*error).* in \d of 7 files\.$", result.stdout, re.MULTILINE)


# --- each format on known findings ------------------------------------------------------


def test_json_exact(project: Path) -> None:
    result = invoke("check", "acme.yaml", "clean.yaml", "--today", TODAY, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "tool": "asplan",
        "version": __version__,
        "today": TODAY,
        "files": ["acme.yaml", "clean.yaml"],
        "findings": ACME_FINDINGS,
        "summary": {"files": 2, "errors": 1, "warnings": 2, "infos": 0},
    }


def test_json_of_a_clean_plan(project: Path) -> None:
    result = invoke("check", "clean.yaml", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["findings"] == []
    assert report["summary"] == {"files": 1, "errors": 0, "warnings": 0, "infos": 0}


def test_sarif_structure(project: Path) -> None:
    result = invoke("check", "acme.yaml", "clean.yaml", "--today", TODAY, "--format", "sarif")
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    assert "sarif" in sarif["$schema"]
    assert len(sarif["runs"]) == 1
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == "asplan"
    assert run["tool"]["driver"]["version"] == __version__
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["ASP201", "ASP501", "ASP509"]
    assert rules[0]["shortDescription"]["text"] == "reference to an unknown person"
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("ASP201", "error"),
        ("ASP501", "warning"),
        ("ASP509", "warning"),
    ]
    for result_ in run["results"]:
        assert rules[result_["ruleIndex"]]["id"] == result_["ruleId"]
    locations = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    assert [loc["artifactLocation"]["uri"] for loc in locations] == ["acme.yaml"] * 3
    assert [(loc["region"]["startLine"], loc["region"]["startColumn"]) for loc in locations] == [
        (6, 12),
        (21, 5),
        (24, 13),
    ]
    assert run["results"][0]["message"]["text"] == ASP201_MESSAGE


def test_junit_one_testcase_per_file_and_failure_for_errors(project: Path) -> None:
    result = invoke("check", "acme.yaml", "clean.yaml", "--today", TODAY, "--format", "junit")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("2", "1")
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == ["acme.yaml", "clean.yaml"]
    acme, clean = cases
    failures = acme.findall("failure")
    assert len(failures) == 1
    assert failures[0].get("message") == "1 error"
    assert failures[0].text == f"6:12 ASP201 {ASP201_MESSAGE}"
    system_out = acme.find("system-out")
    assert system_out is not None
    assert system_out.text == f"21:5 ASP501 [warning] {ASP501_MESSAGE}\n24:13 ASP509 [warning] {ASP509_MESSAGE}"
    assert list(clean) == []


def test_junit_warnings_only_do_not_fail_the_testcase(project: Path) -> None:
    result = invoke("check", "acme.yaml", "--ignore", "ASP201", "--today", TODAY, "--format", "junit")
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.get("failures") == "0"
    assert root.findall(".//failure") == []


def test_github_workflow_commands(project: Path) -> None:
    result = invoke("check", "acme.yaml", "clean.yaml", "--today", TODAY, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(GITHUB_LINE.match(line) for line in lines), lines
    assert lines == [
        f"::error file=acme.yaml,line=6,col=12,title=ASP201::{ASP201_MESSAGE}",
        f"::warning file=acme.yaml,line=21,col=5,title=ASP501::{ASP501_MESSAGE}",
        f"::warning file=acme.yaml,line=24,col=13,title=ASP509::{ASP509_MESSAGE}",
    ]


def test_text_grouped_by_file_with_summary(project: Path) -> None:
    result = invoke("check", "acme.yaml", "clean.yaml", "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout == (
        "acme.yaml\n"
        f"acme.yaml:6:12 ASP201 [error] {ASP201_MESSAGE}\n"
        f"acme.yaml:21:5 ASP501 [warning] {ASP501_MESSAGE}\n"
        f"acme.yaml:24:13 ASP509 [warning] {ASP509_MESSAGE}\n"
        "\n"
        "Found 1 error and 2 warnings in 1 of 2 files.\n"
    )
    assert not ANSI.search(result.stdout)


def test_text_of_clean_plans(project: Path) -> None:
    result = invoke("check", "clean.yaml", "--today", TODAY)
    assert (result.exit_code, result.stdout) == (0, "All checks passed: 1 file, no findings.\n")


def test_statistics_table(project: Path) -> None:
    (project / "acme2.yaml").write_text((project / "acme.yaml").read_text().replace("id: acme\n", "id: acme2\n"))
    result = invoke("check", "acme.yaml", "acme2.yaml", "--today", TODAY, "--statistics")
    assert result.exit_code == 1
    table = result.stdout.split("\n\n")[-2].splitlines()
    assert table == [
        "2  ASP201  error    reference to an unknown person",
        "2  ASP501  warning  objective without a KPI",
        "2  ASP509  warning  placeholder text (`TODO`, `TBD`) left in the plan",
    ]
    assert result.stdout.endswith("Found 2 errors and 4 warnings in 2 of 2 files.\n")


# --- colour ---------------------------------------------------------------------------


def _run_on_terminal(args: list[str], cwd: Path, extra_env: dict[str, str]) -> str:
    """Run the console script with stdout on a pseudo-terminal; what it printed there."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_TO_CLEAR}
    env.update(extra_env)
    master, slave = pty.openpty()
    with subprocess.Popen([str(ASPLAN), *args], cwd=cwd, env=env, stdout=slave, stderr=subprocess.DEVNULL) as proc:
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8")


def test_colour_on_a_terminal_and_none_with_no_color(project: Path) -> None:
    args = ["check", "acme.yaml", "--today", TODAY]
    coloured = _run_on_terminal(args, project, {})
    assert "\x1b[1;31m[error]\x1b[0m" in coloured
    plain = _run_on_terminal(args, project, {"NO_COLOR": "1"})
    assert not ANSI.search(plain)
    assert f"acme.yaml:6:12 ASP201 [error] {ASP201_MESSAGE}" in plain


def test_no_colour_with_no_color_even_when_forced(project: Path) -> None:
    result = invoke("check", "acme.yaml", "--today", TODAY, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert result.exit_code == 1
    assert not ANSI.search(result.stdout)
    forced = invoke("check", "acme.yaml", "--today", TODAY, env={"FORCE_COLOR": "1"})
    assert ANSI.search(forced.stdout)


# --- --output ---------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif", "junit"])
def test_output_file_gets_the_report_and_stdout_stays_empty(project: Path, output_format: str) -> None:
    shown = invoke("check", "acme.yaml", "clean.yaml", "--today", TODAY, "--format", output_format)
    written = invoke(
        "check", "acme.yaml", "clean.yaml", "--today", TODAY, "--format", output_format, "--output", "out/report"
    )
    assert written.exit_code == shown.exit_code == 1
    assert written.stdout == ""
    assert (project / "out" / "report").read_text(encoding="utf-8") == shown.stdout


def test_output_file_is_never_coloured(project: Path) -> None:
    result = invoke("check", "acme.yaml", "--today", TODAY, "--output", "report.txt", env={"FORCE_COLOR": "1"})
    assert result.exit_code == 1
    assert not ANSI.search((project / "report.txt").read_text(encoding="utf-8"))


def test_output_to_an_unwritable_place_is_one_line(project: Path) -> None:
    (project / "afile").write_text("x")
    result = invoke("check", "acme.yaml", "--today", TODAY, "--output", "afile/report.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("asplan: error: --output afile/report.txt: cannot write")
    assert result.stderr.count("\n") == 1
