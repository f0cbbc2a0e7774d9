"""Issue 12, spec §5 and §7.7: writers never clobber a plan, never write through a link
``new`` did not create, and clean up after a writer that was killed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli import new as new_module
from asplan.cli.app import app
from asplan.fileio import (
    STALE_AFTER,
    atomic_write_text,
    holds_a_plan,
    remove_stale_temporaries,
    remove_stale_temporaries_in,
)

ROOT = Path(__file__).parent.parent
MINIMAL = (ROOT / "examples" / "minimal.yaml").read_text(encoding="utf-8")
runner = CliRunner()


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


WRITERS = [
    ["check", "minimal.yaml", "--format", "json", "--today", "2026-11-23", "--output", "minimal.yaml"],
    ["schema", "-o", "minimal.yaml"],
    ["due", "minimal.yaml", "--format", "ics", "--today", "2026-11-23", "-o", "minimal.yaml"],
    ["status", "minimal.yaml", "--format", "json", "--today", "2026-11-23", "-o", "minimal.yaml"],
]


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_an_output_file_that_is_a_plan_is_refused(plan: Path, command: list[str]) -> None:
    result = runner.invoke(app, command)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "asplan: error: --output minimal.yaml: minimal.yaml is a plan: refusing to replace it"
        " (pass --force to overwrite it)\n"
    )
    assert plan.read_text(encoding="utf-8") == MINIMAL


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_force_replaces_it(plan: Path, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--force"])
    assert result.exit_code in (0, 1), result.output
    assert plan.read_text(encoding="utf-8") != MINIMAL


def test_a_previous_report_is_replaced_without_force(plan: Path) -> None:
    # A JSON report names asplan ("tool": "asplan") but is not a plan: rewriting it is the point of -o.
    command = ["check", "minimal.yaml", "--format", "json", "--today", "2026-11-23", "-o", "report.json"]
    assert runner.invoke(app, command).exit_code == 0
    assert '"tool": "asplan"' in Path("report.json").read_text(encoding="utf-8")
    assert runner.invoke(app, command).exit_code == 0
    assert not holds_a_plan(Path("report.json"))
    assert holds_a_plan(plan)


def test_render_refuses_to_replace_a_plan_named_as_its_output(plan: Path) -> None:
    # A plan saved with a document's suffix is still a plan.
    disguised = plan.with_name("acme.md")
    disguised.write_text(MINIMAL, encoding="utf-8")
    result = runner.invoke(app, ["render", "minimal.yaml", "-f", "md", "-o", "acme.md", "--today", "2026-11-23"])
    assert result.exit_code == 2
    assert "acme.md is a plan: refusing to replace it" in result.stderr
    assert disguised.read_text(encoding="utf-8") == MINIMAL
    # ...and in a folder of documents: nothing of the run is left behind either.
    folder = plan.parent / "out"
    folder.mkdir()
    (folder / "minimal.md").write_text(MINIMAL, encoding="utf-8")
    result = runner.invoke(app, ["render", "minimal.yaml", "-f", "md", "-o", "out/", "--today", "2026-11-23"])
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["minimal.md"]
    assert runner.invoke(app, ["render", "minimal.yaml", "-f", "md", "-o", "out/", "--force"]).exit_code == 0
    assert (folder / "minimal.md").read_text(encoding="utf-8").startswith("# ")


# ------------------------------------------------------------------------ asplan new


def test_new_refuses_to_write_through_a_dangling_symlink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(new_module, "stdin_is_terminal", lambda: False)
    (tmp_path / "plans").mkdir()
    outside = tmp_path / "elsewhere" / "owned.yaml"
    (tmp_path / "plans" / "acme.yaml").symlink_to(outside)
    args = ["new", "acme", "--name", "ACME", "--tier", "high", "--manager", "Ana Ruiz"]
    for extra in ([], ["--force"]):
        result = runner.invoke(app, [*args, *extra])
        assert result.exit_code == 2
        assert result.stderr == (
            "asplan: error: plans/acme.yaml: is a symbolic link;"
            " refusing to write a plan through it (remove the link)\n"
        )
    assert not outside.exists() and not outside.parent.exists()


# ------------------------------------------------------------------ stale temporaries


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_next_write_removes_what_a_killed_writer_left(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old\n", encoding="utf-8")
    killed = tmp_path / f".plan.yaml.{dead_pid()}.k3j9x.tmp"
    killed.write_text("half a plan", encoding="utf-8")
    live = tmp_path / f".plan.yaml.{os.getppid()}.a1b2c.tmp"  # a writer still running: left alone
    live.write_text("being written", encoding="utf-8")
    ancient = tmp_path / ".plan.yaml.zz.tmp"  # no pid (or a reused one), a day old
    ancient.write_text("x", encoding="utf-8")
    os.utime(ancient, (time.time() - STALE_AFTER - 60,) * 2)
    other = tmp_path / ".other.yaml.1.x.tmp"  # another file's: not ours to judge
    other.write_text("x", encoding="utf-8")

    atomic_write_text(target, "new\n")

    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["plan.yaml", live.name, other.name])


def test_review_after_a_kill_9_leaves_no_temporary(tmp_path: Path) -> None:
    # A review killed between writing its temporary file and renaming it, then a new review.
    plan = tmp_path / "minimal.yaml"
    plan.write_text(MINIMAL + "reviews: {every: quarterly}\n", encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "import asplan.fileio as f\n"
        "real = f.stage_bytes\n"
        "def stage_and_die(path, data):\n"
        "    real(path, data)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "f.stage_bytes = stage_and_die\n"
        "from asplan.cli.app import main\n"
        "sys.argv = ['asplan', 'review', sys.argv[1], '--date', '2026-11-20', '--today', '2026-11-23']\n"
        "main()\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, str(plan)], capture_output=True)
    assert killed.returncode == -9
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and plan.read_text(encoding="utf-8").endswith("reviews: {every: quarterly}\n")
    result = runner.invoke(app, ["review", str(plan), "--date", "2026-11-21", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["minimal.yaml"]
    assert "2026-11-21" in plan.read_text(encoding="utf-8")


def test_one_sweep_for_many_files_judges_each_as_its_own_sweep_would(tmp_path: Path) -> None:
    dead = dead_pid()
    names = {"a.html", "a.b.html", "index.html"}
    stale = [f".a.html.{dead}.x1.tmp", f".a.b.html.{dead}.x2.tmp", f".index.html.{dead}.x3.tmp"]
    mine = tmp_path / f".a.html.{dead}.x4.tmp"  # staged by this run, its worker gone: kept
    alive = f".a.b.html.{os.getppid()}.x5.tmp"
    others = [f".c.html.{dead}.x6.tmp", "a.html.tmp", f".a.html.{dead}.x7.part"]
    for name in [*stale, alive, *others, mine.name]:
        (tmp_path / name).write_text("x", encoding="utf-8")

    removed = remove_stale_temporaries_in(tmp_path, names, keep=[mine])

    assert sorted(p.name for p in removed) == sorted(stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive, *others, mine.name])


def test_render_sweeps_what_a_killed_render_left_and_keeps_its_own(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    killed = site / f".minimal.html.{dead_pid()}.k3j9x.tmp"
    killed.write_text("half a document", encoding="utf-8")
    other = site / f".gone.html.{dead_pid()}.k3j9x.tmp"  # no plan writes gone.html: not ours to judge
    other.write_text("x", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MINIMAL.replace("id: minimal", "id: second"), encoding="utf-8")

    result = runner.invoke(app, ["render", str(tmp_path), "-o", str(site), "--today", "2026-11-23", "--jobs", "2"])

    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in site.iterdir()) == sorted([other.name, "index.html", "minimal.html", "second.html"])


def test_remove_stale_temporaries_on_a_missing_folder_is_quiet(tmp_path: Path) -> None:
    assert remove_stale_temporaries(tmp_path / "nowhere" / "plan.yaml") == []


# ------------------------------------------------------------- review on odd plans

ODD = "asplan: 1\naccount: {id: a, name: A, tier: high, manager: m}\npeople: [{id: m, name: M, side: provider}]\n"


def test_review_of_a_plan_ending_with_a_document_end_marker(tmp_path: Path) -> None:
    plan = tmp_path / "a.yaml"
    plan.write_text(ODD + "reviews: {every: quarterly}\n...\n", encoding="utf-8")
    result = runner.invoke(app, ["review", str(plan), "--date", "2026-11-20", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert plan.read_text(encoding="utf-8") == (
        ODD + "reviews: {every: quarterly, history: [{date: 2026-11-20}]}\n...\n"
    )


def test_review_of_a_plan_whose_reviews_is_an_alias_edits_the_anchor(tmp_path: Path) -> None:
    plan = tmp_path / "b.yaml"
    plan.write_text("x-r: &r {every: quarterly}\n" + ODD + "reviews: *r\n", encoding="utf-8")
    result = runner.invoke(app, ["review", str(plan), "--date", "2026-11-20", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "Next review: 2027-02-20 (in 89 days)."
    assert plan.read_text(encoding="utf-8").startswith("x-r: &r {every: quarterly, history: [{date: 2026-11-20}]}\n")
