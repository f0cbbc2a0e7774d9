"""The wheel is the product (spec §7.8): every module and template ships, and it runs.

The first release shipped without ``asplan.sla`` and ``asplan.render`` (folders of
modules without ``__init__.py``, which ``find_packages`` skips) and no test noticed,
because every test ran against the editable install. Here the wheel is built from a
copy of the source tree, installed into a fresh virtual environment with nothing of
the checkout on its path, and driven from the outside: the README's demo and one real
invocation of every command, exit codes asserted.

The build and the install need the package index (pip's cache makes reruns fast);
the whole module costs about a minute.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from asplan import __version__

ROOT = Path(__file__).parent.parent
SRC = ROOT / "src" / "asplan"
TEMPLATES = ROOT / "templates"
TODAY = "2026-11-23"


def source_modules() -> set[str]:
    """Every file of the package in the tree: modules, and data beside them (translation catalogues)."""
    return {
        p.relative_to(SRC.parent).as_posix()
        for p in SRC.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".mo")
    }


def source_templates() -> set[str]:
    return {f"asplan/templates/{p.relative_to(TEMPLATES).as_posix()}" for p in TEMPLATES.rglob("*") if p.is_file()}


# ------------------------------------------------------------------ source layout


def test_every_folder_of_modules_is_a_regular_package() -> None:
    # A folder without __init__.py is a namespace package: find_packages leaves it out of
    # the wheel, and only an editable install (which reads src/) still imports it.
    folders = {p.parent for p in SRC.rglob("*.py") if "__pycache__" not in p.parts}
    missing = sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").is_file())
    assert missing == []


def test_the_namespace_check_would_see_a_missing_init(tmp_path: Path) -> None:
    # The check above is a walk of src/asplan; show it notices the accident it guards against.
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "pkg" / "sub" / "mod.py").write_text("", encoding="utf-8")
    folders = {p.parent for p in tmp_path.rglob("*.py")}
    assert [f.name for f in folders if not (f / "__init__.py").is_file()] == ["sub"]


# ------------------------------------------------------------------ the wheel


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """asplan's wheel, built by pip (with build isolation, as a user's pip would) from a clean copy."""
    work = tmp_path_factory.mktemp("wheel")
    tree = work / "tree"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    shutil.copytree(ROOT / "src", tree / "src", ignore=ignore)
    shutil.copytree(TEMPLATES, tree / "templates", ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, tree / name)
    out = work / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(tree)], cwd=work)
    (built,) = out.glob("asplan-*.whl")
    return built


def test_the_wheel_holds_every_module_and_template(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert wheel.name == f"asplan-{__version__}-py3-none-any.whl"
    assert source_modules() - names == set()
    assert source_templates() - names == set()
    assert "asplan/py.typed" in names
    # The lists above are not trivially empty: the big pieces are named.
    for module in ("asplan/sla/engine.py", "asplan/render/document.py", "asplan/rules/asp206_event_file.py"):
        assert module in names
    assert "asplan/templates/scaffold/github-workflow.yml.j2" in names
    # Nothing of the development tree ships.
    assert not [n for n in names if n.startswith(("tests/", "bench/", "examples/")) or "__pycache__" in n]


@dataclass
class Installed:
    """A fresh virtual environment with only the wheel (and its dependencies) in it."""

    venv: Path
    home: Path

    @property
    def asplan(self) -> str:
        return str(self.venv / "bin" / "asplan")

    def __call__(self, *args: str, expect: int = 0, cwd: Path | None = None) -> str:
        result = subprocess.run(
            [self.asplan, *args], capture_output=True, text=True, cwd=cwd or self.home, env=clean_env()
        )
        assert result.returncode == expect, f"asplan {' '.join(args)} -> {result.returncode}\n{result.stderr}"
        return result.stdout


def clean_env() -> dict[str, str]:
    """The environment without anything that could point Python back at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT)))
    env["NO_COLOR"] = "1"
    return env


def run(command: Sequence[str], cwd: Path) -> str:
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=clean_env())
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("installed")
    venv = work / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=work)
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], cwd=work)
    home = work / "home"
    home.mkdir()
    return Installed(venv, home)


def test_asplan_runs_from_the_wheel_not_from_the_checkout(installed: Installed) -> None:
    where = run([str(installed.venv / "bin" / "python"), "-c", "import asplan; print(asplan.__file__)"], installed.home)
    assert Path(where.strip()).is_relative_to(installed.venv)
    assert installed("--version").strip() == f"asplan {__version__}"


def test_the_demo_runs_from_the_wheel(installed: Installed, tmp_path: Path) -> None:
    # The README's first Quick-start command, from the installed package: check, then render both formats.
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    installed("check", "examples", "--today", TODAY, cwd=tmp_path)
    installed("render", "examples", "-f", "html", "-o", "out/html", "--today", TODAY, cwd=tmp_path)
    installed("render", "examples", "-f", "md", "-o", "out/md", "--today", TODAY, cwd=tmp_path)
    stems = sorted(p.stem for p in (ROOT / "examples").rglob("*.yaml"))  # examples/presets/ too
    assert sorted(p.stem for p in (tmp_path / "out/html").glob("*.html")) == sorted([*stems, "index"])
    assert sorted(p.stem for p in (tmp_path / "out/md").glob("*.md")) == sorted([*stems, "index"])
    html = (tmp_path / "out/html/acme-logistica.html").read_text(encoding="utf-8")
    assert "ACME Logística S.A." in html
    assert "SLA-3" in html  # the timed SLA, computed from the ticket export by asplan.sla


def test_every_command_runs_from_the_wheel(installed: Installed, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    installed("init", str(repo), cwd=tmp_path)
    assert (repo / ".github/workflows/asplan.yml").is_file()
    installed("new", "acme", "--name", "ACME", "--tier", "high", "--manager", "Ana Ruiz", "--lang", "es", cwd=repo)
    shutil.copytree(ROOT / "examples", repo / "plans", dirs_exist_ok=True)

    report = json.loads(installed("check", "--today", TODAY, "--format", "json", cwd=repo))
    assert report["summary"]["errors"] == 0
    assert "plans/acme.yaml" in report["files"] and "plans/acme-logistica.yaml" in report["files"]

    due = json.loads(installed("due", "--today", TODAY, "--format", "json", cwd=repo))
    assert {item["account"] for item in due} >= {"acme-logistica", "northwind-health"}

    installed("review", "plans/acme.yaml", "--date", "2026-11-20", "--attendee", "ana.ruiz", "--today", TODAY, cwd=repo)
    assert "date: 2026-11-20" in (repo / "plans/acme.yaml").read_text(encoding="utf-8")

    # the write-back commands, and the digest and diff (diff reads git: the repo gets a commit first)
    assert (repo / ".github/workflows/asplan-digest.yml").is_file()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "plans"],
        cwd=repo,
        check=True,
    )
    done = json.loads(
        installed("done", "plans/acme-logistica.yaml", "ACT-6", "--format", "json", "--today", TODAY, cwd=repo)
    )
    assert done["changed"] is True
    installed("measure", "plans/northwind-health.yaml", "KPI-1", "99.9", "--today", TODAY, cwd=repo)
    installed("touch", "plans/northwind-health.yaml", "weekly-call", "--today", TODAY, cwd=repo)
    changes = json.loads(installed("diff", "--format", "json", cwd=repo))["changes"]
    assert {(c["account"], c["path"]) for c in changes} >= {("acme-logistica", "actions[ACT-6].status")}
    digest = json.loads(installed("due", "--group-by", "owner", "--format", "json", "--today", TODAY, cwd=repo))
    assert digest["owners"]

    sla = json.loads(installed("sla", "--today", TODAY, "--format", "json", cwd=repo))
    assert {row["kind"] for row in sla["slas"]} == {"measured", "timed"}
    # SLA-1 is measured in acme-logistica and timed in the preset plans: name the plan.
    terms = ("--set", "SLA-1.target=>= 99.95%")
    what_if = json.loads(
        installed("sla", "plans/acme-logistica.yaml", "--today", TODAY, "--format", "json", *terms, cwd=repo)
    )
    assert list(what_if) == ["baseline", "what_if", "delta"]
    statement = json.loads(installed("credits", "--today", TODAY, "--format", "json", cwd=repo))
    assert statement["credits"] == sla["credits"]
    assert installed("credits", "--today", TODAY, "--format", "csv", cwd=repo).startswith("\ufefftype,account,")

    status = json.loads(installed("status", "--today", TODAY, "--format", "json", cwd=repo))
    assert len(status) >= 4

    installed("render", "--today", TODAY, "-o", "out", cwd=repo)
    assert (repo / "out/index.html").is_file()

    schema = json.loads(installed("schema", cwd=repo))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "ASP206" in installed("rules", cwd=repo)
    assert "ASP302" in installed("rules", "ASP302", cwd=repo)

    # Findings and usage errors keep their exit codes from the wheel too.
    (repo / "plans/broken.yaml").write_text("asplan: 1\naccount: {id: broken}\n", encoding="utf-8")
    assert "ASP101" in installed("check", "plans/broken.yaml", "--today", TODAY, expect=1, cwd=repo)
    installed("check", "--format", "xml", expect=2, cwd=repo)


def test_the_pre_commit_hook_installs_from_a_git_url(tmp_path: Path) -> None:
    # pre-commit clones asplan's repository and pip-installs it, as a user's config does
    # with `repo: <URL>`; this needs a complete wheel. try-repo takes a local clone's path.
    env = {**clean_env(), "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig")}
    (tmp_path / "gitconfig").write_text("[user]\n\tname = t\n\temail = t@example.com\n", encoding="utf-8")
    source = tmp_path / "asplan-src"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(source)], check=True, env=env)
    # The working tree as it is now, committed, so the test sees uncommitted changes too.
    shutil.rmtree(source / "src")
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(TEMPLATES, source / "templates", dirs_exist_ok=True)
    for name in ("pyproject.toml", "setup.py", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, source / name)
    subprocess.run(["git", "add", "-A"], cwd=source, check=True, env=env)
    subprocess.run(["git", "commit", "--quiet", "--allow-empty", "-m", "test"], cwd=source, check=True, env=env)

    plans = tmp_path / "plans-repo"
    (plans / "plans").mkdir(parents=True)
    shutil.copy2(ROOT / "examples/minimal.yaml", plans / "plans/minimal.yaml")
    subprocess.run(["git", "init", "--quiet"], cwd=plans, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=plans, check=True, env=env)
    hook = [sys.executable, "-m", "pre_commit", "try-repo", str(source), "asplan-check", "--all-files"]
    good = subprocess.run(hook, cwd=plans, capture_output=True, text=True, env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "asplan check" in good.stdout and "Passed" in good.stdout

    (plans / "plans/minimal.yaml").write_text("asplan: 1\naccount: {id: minimal}\n", encoding="utf-8")
    bad = subprocess.run(hook, cwd=plans, capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert "Failed" in bad.stdout and "ASP101" in bad.stdout
