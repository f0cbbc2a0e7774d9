"""The weekly digest workflow `asplan init` writes (spec §7.5): it runs as written.

It is a scheduled GitHub workflow that writes `asplan due --group-by owner --format md`
and opens one issue with it, or updates that issue (reopening it when it was closed),
with the GitHub CLI. The file is linted with actionlint and validated against GitHub's
workflow schema; its shell script is run against a fake `gh` that records its calls,
for the three cases: no issue yet, an open one, a closed one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from asplan import __version__
from asplan.cli.app import app
from asplan.scaffold import CiSource, digest_workflow_text
from helpers import actionlint

DIGEST = ".github/workflows/asplan-digest.yml"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def workflow(text: str) -> dict[str, object]:
    data = YAML(typ="safe", pure=True).load(text)
    assert isinstance(data, dict)
    return data


def test_init_writes_the_digest_workflow_for_github_only(tmp_path: Path) -> None:
    assert CliRunner().invoke(app, ["init", str(tmp_path / "gh")]).exit_code == 0
    text = (tmp_path / "gh" / DIGEST).read_text(encoding="utf-8")
    assert text == digest_workflow_text()
    assert CliRunner().invoke(app, ["init", str(tmp_path / "gl"), "--ci", "gitlab"]).exit_code == 0
    assert not (tmp_path / "gl" / ".github").exists()


def test_the_digest_workflow_passes_actionlint(tmp_path: Path) -> None:
    assert CliRunner().invoke(app, ["init", str(tmp_path)]).exit_code == 0
    assert actionlint(tmp_path / DIGEST) == ""


def test_the_digest_workflow_is_valid_for_githubs_schema(tmp_path: Path) -> None:
    assert CliRunner().invoke(app, ["init", str(tmp_path)]).exit_code == 0
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(tmp_path / DIGEST)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_runs_weekly_with_only_the_permissions_it_needs() -> None:
    data = workflow(digest_workflow_text(CiSource("https://github.com/acme-it/asplan", "v0.2.0")))
    assert data["on"] == {"schedule": [{"cron": "0 6 * * 1"}], "workflow_dispatch": None}
    assert data["permissions"] == {"contents": "read", "issues": "write"}
    steps = data["jobs"]["digest"]["steps"]  # type: ignore[index]
    assert steps[2]["run"] == (
        'python -m pip install --quiet --disable-pip-version-check "asplan @ git+https://github.com/acme-it/asplan@v0.2.0"'
    )
    assert steps[3]["run"] == "asplan due --group-by owner --format md --within 14 --output digest.md"
    assert steps[4]["env"] == {
        "GH_TOKEN": "${{ github.token }}",
        "GH_REPO": "${{ github.repository }}",
        "TITLE": "asplan: weekly digest",
    }
    assert f"@v{__version__}" in digest_workflow_text()


FAKE_GH = """\
#!/bin/sh
# A stand-in for the GitHub CLI: records its arguments; `issue list` prints $FAKE_ANSWER,
# what the real one prints after applying the step's --jq filter.
echo "gh $*" >> "$FAKE_LOG"
if [ "$1 $2" = "issue list" ]; then
  printf '%s' "$FAKE_ANSWER"
fi
"""


@pytest.mark.parametrize(
    ("answer", "calls"),
    [
        ("", ["issue create --title asplan: weekly digest --body-file digest.md"]),
        ("7 OPEN", ["issue edit 7 --body-file digest.md"]),
        ("7 CLOSED", ["issue reopen 7", "issue edit 7 --body-file digest.md"]),
    ],
)
def test_the_issue_step_opens_or_updates_one_issue(tmp_path: Path, answer: str, calls: list[str]) -> None:
    if shutil.which("sh") is None:
        pytest.skip("no POSIX shell")
    steps = workflow(digest_workflow_text())["jobs"]["digest"]["steps"]  # type: ignore[index]
    script = steps[4]["run"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH, encoding="utf-8")
    gh.chmod(0o755)
    log = tmp_path / "calls.log"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "FAKE_LOG": str(log),
        "FAKE_ANSWER": answer,
        "TITLE": "asplan: weekly digest",
    }
    subprocess.run(["sh", "-e", "-c", script], cwd=tmp_path, env=env, check=True)
    recorded = log.read_text(encoding="utf-8").splitlines()
    assert recorded[0].startswith('gh issue list --state all --search "asplan: weekly digest" in:title')
    assert [line.removeprefix("gh ") for line in recorded[1:]] == calls


def test_the_digest_step_writes_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The step's command, in a repository laid out by init, gives the Markdown digest."""
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["init"]).exit_code == 0
    for name in ("acme-logistica.yaml", "northwind-health.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / "plans" / name)
    shutil.copytree(EXAMPLES / "data", tmp_path / "plans" / "data")
    command = workflow(digest_workflow_text())["jobs"]["digest"]["steps"][3]["run"].split()  # type: ignore[index]
    assert command[0] == "asplan"
    result = CliRunner().invoke(app, [*command[1:], "--today", "2026-11-23"])
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "digest.md").read_text(encoding="utf-8")
    assert text.startswith("# Due as of 2026-11-23\n\n14 items for 6 owners: 2 overdue, 12 due soon")
    assert "## María López (maria.lopez)\n\n### Overdue (1)" in text


@pytest.mark.parametrize(
    ("issues", "answer"),
    [
        ("[]", ""),
        ('[{"number": 3, "title": "asplan: weekly digest (old)", "state": "OPEN"}]', ""),
        (
            '[{"number": 3, "title": "Re: asplan: weekly digest", "state": "OPEN"},'
            ' {"number": 9, "title": "asplan: weekly digest", "state": "CLOSED"}]',
            "9 CLOSED",
        ),
    ],
)
def test_the_jq_filter_finds_the_issue_by_its_exact_title(issues: str, answer: str) -> None:
    """The step's --jq filter (gh runs it with gojq; jq has the same semantics for it)."""
    jq = shutil.which("jq")
    if jq is None:
        pytest.skip("jq is not installed")
    script = workflow(digest_workflow_text())["jobs"]["digest"]["steps"][4]["run"]  # type: ignore[index]
    jq_filter = script.split("--jq '", 1)[1].split("'", 1)[0]
    env = {**os.environ, "TITLE": "asplan: weekly digest"}
    result = subprocess.run([jq, "-r", jq_filter], input=issues, capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == answer
