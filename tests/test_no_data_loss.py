"""Spec §5: commands that write never leave a partial file, and never lose an edit.

* Concurrent ``asplan review`` runs on one plan, as real processes started together:
  every review lands and the file stays a valid plan (the edit holds a lock); the
  same for ``done``, ``measure`` and ``touch`` mixed with a review.
* A write that fails (read-only folder, full disk) is one error line, exit 2, the
  original byte for byte, and no temporary file left behind. Tests run as root in
  CI, where ``chmod 0o555`` stops nothing, so the failure is injected where the
  write happens: ``tempfile.mkstemp`` (creating the temporary file) and ``os.replace``
  (putting it in place).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.fileio import atomic_write_bytes, locked
from asplan.loading import parse_yaml, read_text

EXAMPLES = Path(__file__).parent.parent / "examples"
ASPLAN = Path(sys.executable).parent / "asplan"
runner = CliRunner()


def history_dates(path: Path) -> list[str]:
    doc = parse_yaml(read_text(str(path)), str(path))
    assert doc.findings == []
    return [entry["date"] for entry in doc.data["reviews"]["history"]]


# ----------------------------------------------------------------------- concurrency


@pytest.mark.parametrize("round_", range(3))
def test_concurrent_reviews_all_land(tmp_path: Path, round_: int) -> None:
    plan = tmp_path / "northwind-health.yaml"
    shutil.copy(EXAMPLES / "northwind-health.yaml", plan)
    before = history_dates(plan)
    assert before == ["2026-03-05", "2026-06-04", "2026-09-03"]
    days = [f"2026-11-{day:02d}" for day in range(10, 16)]
    processes = []
    for day in days:
        command = [str(ASPLAN), "review", str(plan), "--date", day, "-a", "tom.hughes", "-s", f"review {day}"]
        processes.append(
            subprocess.Popen(
                [*command, "--today", "2026-11-23"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        )
    outcomes = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in processes]
    for p in processes:
        for stream in (p.stdout, p.stderr):
            if stream:
                stream.close()
    assert outcomes == [(0, "")] * len(days)
    after = history_dates(plan)
    # Each process appended one entry; the order is whichever took the lock first.
    assert after[:3] == before
    assert sorted(after[3:]) == days
    result = runner.invoke(app, ["check", str(plan), "--today", "2026-11-23", "--select", "ASP0,ASP1,ASP2,ASP308"])
    assert result.exit_code == 0, result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["northwind-health.yaml"]


def test_concurrent_write_backs_all_land(tmp_path: Path) -> None:
    """done, measure, touch and review at once on one plan: each holds the lock, none is lost."""
    plan = tmp_path / "northwind-health.yaml"
    shutil.copy(EXAMPLES / "northwind-health.yaml", plan)
    days = [f"2026-11-{day:02d}" for day in range(10, 16)]
    commands = [["measure", str(plan), "OBJ-1/KPI-1", f"99.9{i}", "--date", day] for i, day in enumerate(days)]
    commands += [
        ["done", str(plan), "ACT-3", "--date", "2026-11-20"],
        ["done", str(plan), "MS-2", "--date", "2026-11-21"],
        ["touch", str(plan), "weekly-call", "--date", "2026-11-22"],
        ["touch", str(plan), "Monthly service report", "--date", "2026-11-17"],
        ["review", str(plan), "--date", "2026-11-18", "-a", "tom.hughes"],
    ]
    processes = [
        subprocess.Popen(
            [str(ASPLAN), *command, "--today", "2026-11-23"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for command in commands
    ]
    outcomes = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in processes]
    for p in processes:
        for stream in (p.stdout, p.stderr):
            if stream:
                stream.close()
    assert outcomes == [(0, "")] * len(commands)
    doc = parse_yaml(read_text(str(plan)), str(plan))
    assert doc.findings == []
    data = doc.data
    kpi = data["objectives"][0]["kpis"][0]
    measured = {m["date"]: m["value"] for m in kpi["measurements"]}
    assert {day: measured.get(day) for day in days} == {day: float(f"99.9{i}") for i, day in enumerate(days)}
    act = next(a for a in data["actions"] if a["id"] == "ACT-3")
    assert (act["status"], act["done"]) == ("done", "2026-11-20")
    assert data["objectives"][0]["milestones"][1]["done"] == "2026-11-21"
    assert [t["last"] for t in data["communication"]] == ["2026-11-22", "2026-11-17"]
    assert data["reviews"]["history"][-1]["date"] == "2026-11-18"
    result = runner.invoke(app, ["check", str(plan), "--today", "2026-11-23", "--select", "ASP0,ASP1,ASP2,ASP308"])
    assert result.exit_code == 0, result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["northwind-health.yaml"]


def test_lock_waits_for_the_holder(tmp_path: Path) -> None:
    """A second process blocks until the first lets go, then sees the first one's write."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"one\n")
    waiter = (
        "import sys, time; from pathlib import Path; from asplan.fileio import locked\n"
        "p = Path(sys.argv[1]); t = time.monotonic()\n"
        "with locked(p):\n"
        "    print(round(time.monotonic() - t, 1), p.read_bytes().decode().strip())\n"
    )
    with locked(plan):
        child = subprocess.Popen([sys.executable, "-c", waiter, str(plan)], stdout=subprocess.PIPE, text=True)
        time.sleep(1.0)
        assert child.poll() is None  # still waiting
        atomic_write_bytes(plan, b"two\n")  # a new file (inode) at the path, as review does
    out, _ = child.communicate(timeout=30)
    waited, seen = out.split()
    assert float(waited) >= 0.5
    assert seen == "two"


def test_lock_timeout_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asplan.fileio

    plan = tmp_path / "northwind-health.yaml"
    shutil.copy(EXAMPLES / "northwind-health.yaml", plan)
    original = plan.read_bytes()
    monkeypatch.setattr(asplan.fileio, "LOCK_TIMEOUT", 0.2)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from asplan.fileio import locked\n"
         "with locked(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(5)\n",
         str(plan)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        result = runner.invoke(app, ["review", str(plan), "--date", "2026-11-20", "--today", "2026-11-23"])
    finally:
        holder.kill()
        holder.communicate()
    assert result.exit_code == 2
    assert result.stderr == (
        f"asplan: error: {plan}: {plan} is being edited by another process (waited 0.2 s); try again\n"
    )
    assert plan.read_bytes() == original


# ------------------------------------------------------------------- failing writes

EACCES = PermissionError(errno.EACCES, os.strerror(errno.EACCES))  # what a read-only folder gives
ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # a full disk


def _raise(exc: OSError) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise exc

    return fail


# Where the write fails: creating the temporary file (read-only folder), flushing it
# (disk full), or renaming it over the target.
FAILURES = {
    "read-only-folder": ("tempfile.mkstemp", EACCES),
    "disk-full-on-flush": ("os.fsync", ENOSPC),
    "rename-refused": ("os.replace", EACCES),
    "disk-full-on-rename": ("os.replace", ENOSPC),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "northwind-health.yaml", tmp_path / "northwind-health.yaml")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "acme.yaml").write_text("asplan: 1\n# the plan a --force would replace\n", encoding="utf-8")
    (tmp_path / "report.json").write_text('{"previous": "report"}\n', encoding="utf-8")
    (tmp_path / "northwind.md").write_text("# last week's document\n", encoding="utf-8")
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


COMMANDS = {
    "review": (
        ["review", "{d}/northwind-health.yaml", "--date", "2026-11-20", "--today", "2026-11-23"],
        "{d}/northwind-health.yaml: cannot write the plan: {reason}; it is unchanged",
    ),
    "done": (
        ["done", "{d}/northwind-health.yaml", "ACT-3", "--today", "2026-11-23"],
        "{d}/northwind-health.yaml: cannot write the plan: {reason}; it is unchanged",
    ),
    "measure": (
        ["measure", "{d}/northwind-health.yaml", "KPI-1", "99.9", "--today", "2026-11-23"],
        "{d}/northwind-health.yaml: cannot write the plan: {reason}; it is unchanged",
    ),
    "touch": (
        ["touch", "{d}/northwind-health.yaml", "weekly-call", "--today", "2026-11-23"],
        "{d}/northwind-health.yaml: cannot write the plan: {reason}; it is unchanged",
    ),
    "new-force": (
        ["new", "acme", "--name", "ACME", "--tier", "high", "--manager", "Ana Ruiz", "--lang", "en",
         "--dir", "{d}/plans", "--force"],
        "{d}/plans/acme.yaml: cannot write ({reason})",
    ),
    "check-output": (
        ["check", "{d}/northwind-health.yaml", "--today", "2026-11-23", "--format", "json", "--output",
         "{d}/report.json"],
        "--output {d}/report.json: cannot write ({reason})",
    ),
    "render-file": (
        ["render", "{d}/northwind-health.yaml", "-f", "md", "-o", "{d}/northwind.md", "--today", "2026-11-23"],
        "{d}/northwind.md: cannot write ({reason})",
    ),
}  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("failure", FAILURES)
def test_failed_write_leaves_everything_as_it_was(
    folder: Path, monkeypatch: pytest.MonkeyPatch, command: str, failure: str
) -> None:
    args, message = COMMANDS[command]
    target, exc = FAILURES[failure]
    before = snapshot(folder)
    monkeypatch.setattr(target, _raise(exc))
    result = runner.invoke(app, [a.format(d=folder) for a in args])
    monkeypatch.undo()
    assert not isinstance(result.exception, OSError), result.exception
    assert result.exit_code == 2
    assert result.stderr == "asplan: error: " + message.format(d=folder, reason=exc.strerror) + "\n"
    assert snapshot(folder) == before  # the originals byte for byte, and no temporary file left


def test_render_folder_failure_leaves_no_partial_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Several documents: nothing is renamed into place before every one is staged; a new folder is removed."""
    site = folder / "site"
    monkeypatch.setattr("os.replace", _raise(ENOSPC))
    result = runner.invoke(app, ["render", str(folder / "northwind-health.yaml"), str(EXAMPLES / "acme-logistica.yaml"),
                                 "-f", "html", "-o", str(site), "--today", "2026-11-23"])  # fmt: skip
    monkeypatch.undo()
    assert result.exit_code == 2
    assert result.stderr == f"asplan: error: {site}: cannot write (No space left on device)\n"
    assert not site.exists()


def test_render_failure_keeps_an_existing_portfolio_untouched(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = folder / "site"
    site.mkdir()
    (site / "northwind-health.html").write_text("old document\n", encoding="utf-8")
    monkeypatch.setattr("os.fsync", _raise(ENOSPC))
    result = runner.invoke(app, ["render", str(folder / "northwind-health.yaml"), str(EXAMPLES / "acme-logistica.yaml"),
                                 "-f", "html", "-o", str(site), "--today", "2026-11-23"])  # fmt: skip
    monkeypatch.undo()
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert sorted(p.name for p in site.iterdir()) == ["northwind-health.html"]
    assert (site / "northwind-health.html").read_text(encoding="utf-8") == "old document\n"


@pytest.mark.parametrize("flush_later", [True, False])
def test_every_rendered_document_is_on_disk_before_any_is_renamed(
    flush_later: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Flushed by the caller's threads (POSIX) or by the worker: either way, before the renames."""
    from datetime import date

    import asplan.render.document as document

    monkeypatch.setattr(document, "FLUSH_LATER", flush_later)
    site = tmp_path / "site"
    events: list[tuple[str, str]] = []
    real_fsync, real_replace, real_open = os.fsync, os.replace, os.open
    opened: dict[int, str] = {}

    def open_(path: str, flags: int, *args: object, **kwargs: object) -> int:
        fd = real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]
        opened[fd] = str(path)
        return fd

    def fsync(fd: int) -> None:
        real_fsync(fd)
        events.append(("flush", opened[fd]))

    def replace(src: str | Path, dst: str | Path) -> None:
        events.append(("rename", str(src)))
        real_replace(src, dst)

    monkeypatch.setattr("os.open", open_)
    monkeypatch.setattr("os.fsync", fsync)
    monkeypatch.setattr("os.replace", replace)
    plans = [EXAMPLES / "acme-logistica.yaml", EXAMPLES / "minimal.yaml", EXAMPLES / "northwind-health.yaml"]
    document.render_many(plans, date(2026, 11, 23), document.RenderOptions(fmt="md"), site, jobs=1)
    monkeypatch.undo()
    ours = [(kind, path) for kind, path in events if Path(path).parent == site.resolve()]
    renamed = [path for kind, path in ours if kind == "rename"]
    first_rename = ours.index(("rename", renamed[0]))
    assert len(renamed) == 4  # three documents and the index
    assert {path for kind, path in ours[:first_rename] if kind == "flush"} >= set(renamed)


def test_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write_bytes(tmp_path / "fresh.yaml", b"x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "fresh.yaml").stat().st_mode & 0o777 == 0o640  # not mkstemp's 0o600


def test_existing_file_keeps_its_permissions_and_a_link_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes(b"old\n")
    real.chmod(0o604)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new\n")
    assert link.is_symlink() and real.read_bytes() == b"new\n"
    assert real.stat().st_mode & 0o777 == 0o604
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "real.yaml"]


def test_review_refuses_an_oversized_plan_without_reading_it(tmp_path: Path) -> None:
    plan = tmp_path / "huge.yaml"
    with plan.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse
    start = time.process_time()
    result = runner.invoke(app, ["review", str(plan), "--today", "2026-11-23"])
    assert time.process_time() - start < 2
    assert result.exit_code == 2
    assert result.stderr == f"asplan: error: {plan}: file is 104,857,600 bytes, over the limit of 5,242,880\n"
    assert plan.stat().st_size == 100 * 1024 * 1024


def test_no_temporary_file_survives_an_interrupted_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"original\n")
    monkeypatch.setattr("os.fsync", _raise(OSError(errno.EIO, "Input/output error")))
    with pytest.raises(OSError, match="Input/output error"):
        atomic_write_bytes(target, b"replacement\n")
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]
    assert target.read_bytes() == b"original\n"
