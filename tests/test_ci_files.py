"""Spec §7.8: the CI files asplan writes or ships work as written.

``asplan init`` writes a GitHub workflow that uses the composite Action at the root
of asplan's repository (``action.yml``), or a GitLab job; both install asplan from a
Git repository, never from a package index it is not published on. Each file is
linted by the tool its platform would use: actionlint for workflows, and the schemas
check-jsonschema vendors for GitHub Actions metadata and ``.gitlab-ci.yml``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML
from typer.testing import CliRunner

from asplan import __version__
from asplan.cli.app import app
from asplan.scaffold import CiSource, gitlab_ci_text, installed_source_url, workflow_text
from helpers import actionlint

ROOT = Path(__file__).parent.parent
runner = CliRunner()


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
    )


def yaml(text: str) -> dict[str, object]:
    data = YAML(typ="safe", pure=True).load(text)
    assert isinstance(data, dict)
    return data


# ------------------------------------------------------------------------ action.yml


def test_the_action_is_valid_github_actions_metadata() -> None:
    result = check_jsonschema("vendor.github-actions", ROOT / "action.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_action_installs_from_its_own_checkout_and_reports_for_github() -> None:
    action = yaml((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert set(action["inputs"]) == {"paths", "args", "python-version"}  # type: ignore[arg-type]
    runs = action["runs"]
    assert isinstance(runs, dict) and runs["using"] == "composite"
    scripts = "\n".join(step.get("run", "") for step in runs["steps"])
    assert 'pip install --quiet --disable-pip-version-check "$GITHUB_ACTION_PATH"' in scripts
    assert "check --format github $ASPLAN_PATHS $ASPLAN_ARGS" in scripts
    # Inputs reach the shell through the environment only: no ${{ }} inside a script.
    assert "${{" not in scripts


def test_the_action_runs_the_check_step_of_a_workflow_that_uses_it(tmp_path: Path) -> None:
    # A workflow calling the action the way the README shows it passes actionlint.
    workflow = tmp_path / "use.yml"
    workflow.write_text(
        "on: [pull_request]\njobs:\n  plans:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v5\n      - uses: asplan/asplan@v0.1.0\n"
        "        with: {paths: plans/, args: --fail-on warning}\n",
        encoding="utf-8",
    )
    assert actionlint(workflow) == ""


# ------------------------------------------------------------------- init: GitHub


def test_the_default_source_is_the_packages_source_url() -> None:
    assert installed_source_url() == "https://github.com/asplan/asplan"
    assert CiSource.default() == CiSource("https://github.com/asplan/asplan", f"v{__version__}")


def test_init_writes_a_workflow_that_uses_the_action(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / ".github/workflows/asplan.yml").read_text(encoding="utf-8")
    assert text == workflow_text()
    steps = yaml(text)["jobs"]["check"]["steps"]  # type: ignore[index]
    assert steps == [
        {"uses": "actions/checkout@v5"},
        {"uses": f"asplan/asplan@v{__version__}", "with": {"args": "--fail-on-empty"}},
    ]
    assert "pip install" not in text  # nothing from a package index asplan is not on
    assert not (tmp_path / ".gitlab-ci.yml").exists()


def test_the_generated_workflow_passes_actionlint(tmp_path: Path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    assert actionlint(tmp_path / ".github/workflows/asplan.yml") == ""


def test_the_generated_workflow_is_valid_for_githubs_schema(tmp_path: Path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    result = check_jsonschema("vendor.github-workflows", tmp_path / ".github/workflows/asplan.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_catch_a_broken_workflow(tmp_path: Path) -> None:
    # The lint above is only worth something if it can fail.
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    steps:\n      - uses: actions/checkout@v5\n", encoding="utf-8")
    assert '"runs-on" section is missing' in actionlint(broken)


def test_source_and_ref_options_choose_the_action(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["init", str(tmp_path), "--source", "https://github.com/acme-it/asplan.git", "--ref", "v0.2.0"]
    )
    assert result.exit_code == 0, result.output
    steps = yaml((tmp_path / ".github/workflows/asplan.yml").read_text(encoding="utf-8"))["jobs"]["check"]["steps"]  # type: ignore[index]
    assert steps[1]["uses"] == "acme-it/asplan@v0.2.0"  # type: ignore[index]


def test_a_workflow_needs_a_github_source(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path), "--source", "https://gitlab.example.com/it/asplan"])
    assert result.exit_code == 2
    assert result.stderr == (
        "asplan: error: --source https://gitlab.example.com/it/asplan: the GitHub workflow uses asplan's "
        "GitHub Action, so the source must be https://github.com/OWNER/NAME (or use --ci gitlab or --ci none)\n"
    )
    assert not (tmp_path / "asplan.toml").exists()  # refused before writing anything


# ------------------------------------------------------------------- init: GitLab


def test_init_ci_gitlab_writes_a_code_quality_job(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["init", str(tmp_path), "--ci", "gitlab", "--source", "https://gitlab.example.com/it/asplan"]
    )
    assert result.exit_code == 0, result.output
    assert "created " + (tmp_path / ".gitlab-ci.yml").as_posix() in result.stdout
    assert not (tmp_path / ".github").exists()
    text = (tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert text == gitlab_ci_text(CiSource("https://gitlab.example.com/it/asplan", f"v{__version__}"))
    job = yaml(text)["asplan"]
    assert job["script"] == [  # type: ignore[index]
        "python -m pip install --quiet --disable-pip-version-check "
        f'"asplan @ git+https://gitlab.example.com/it/asplan@v{__version__}"',
        "asplan check --format gitlab --output gl-code-quality-report.json --fail-on never",
        "asplan check --fail-on-empty",
    ]
    assert job["artifacts"] == {"when": "always", "reports": {"codequality": "gl-code-quality-report.json"}}  # type: ignore[index]


def test_the_gitlab_job_is_valid_for_gitlabs_schema(tmp_path: Path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path), "--ci", "gitlab"]).exit_code == 0
    result = check_jsonschema("vendor.gitlab-ci", tmp_path / ".gitlab-ci.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_init_ci_none_writes_no_ci_file(tmp_path: Path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path), "--ci", "none"]).exit_code == 0
    assert not (tmp_path / ".github").exists()
    assert not (tmp_path / ".gitlab-ci.yml").exists()
    assert (tmp_path / ".pre-commit-config.yaml").is_file()


def test_an_unknown_ci_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path), "--ci", "jenkins"])
    assert result.exit_code == 2
    assert result.stderr == "asplan: error: --ci jenkins: expected one of github, gitlab, none\n"


def test_init_help_names_the_ci_options() -> None:
    result = runner.invoke(app, ["init", "--help"])
    assert result.exit_code == 0
    for option in ("--ci", "--source", "--ref"):
        assert option in result.stdout
