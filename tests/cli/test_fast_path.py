"""``asplan check`` and ``asplan render`` read without typer (asplan.cli.fast_path) behave exactly as through typer.

Both parsers feed one function; what can drift is the reading of the command line. So
every command line here runs both ways in this process -- the console entry point with
the fast path, and typer's app -- and stdout, stderr and the exit code must be equal;
the fast parser's option table must equal the options typer declares; and whatever
the fast parser does not read must reach typer untouched.
"""

from __future__ import annotations

import inspect
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from asplan.cli import fast_path
from asplan.cli.check_run import CheckOptions
from asplan.result_cache import CACHE_FOLDER

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ACME = "examples/acme-logistica.yaml"


def _run(argv: list[str], fast: bool, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``asplan *argv``, with or without the fast path."""
    from asplan.cli import app as app_module
    from asplan.cli.common import State

    State.debug, State.config_file = False, None
    capsys.readouterr()
    code: int | None = fast_path.main(argv) if fast else None
    if code is None:
        assert not fast, f"the fast path did not read {argv}"
        old = sys.argv
        sys.argv = ["asplan", *argv]
        try:
            app_module.main()
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        finally:
            sys.argv = old
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The examples (with their event files) in a scratch folder made the current one."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    (tmp_path / "broken.yaml").write_text("asplan: 1\naccount: {id: x}\nsla: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


SAME = [
    ["check", "examples", "--today", "2026-11-23", "--no-cache"],
    ["check", ACME, "--today=2026-11-23", "--no-cache", "--format", "json"],
    ["check", "--today", "2026-11-23", ACME, "--output-format", "github", "--no-cache"],
    ["check", "examples", "--today", "2026-11-23", "--select", "ASP3", "--select", "asp201,ASP302", "--no-cache"],
    ["check", "examples", "--today", "2026-11-23", "--ignore", "ASP302", "--statistics", "--no-cache"],
    ["check", "examples", "--today", "2026-11-23", "--fail-on", "never", "-j", "2", "--no-cache"],
    ["check", "examples", "--today", "2026-11-23", "--jobs=1", "--show-source", "--no-cache"],
    ["check", ACME, "--today", "2026-11-23", "--show-source", "--no-show-source"],
    ["check", "broken.yaml", "--today", "2026-11-23", "--no-cache", "--format", "sarif"],
    ["check", "broken.yaml", ACME, "--today", "2026-11-23", "--fail-on", "warning", "--format", "junit"],
    ["check", "nowhere/", "--today", "2026-11-23", "--fail-on-empty"],
    ["check", "nowhere/", "--today", "2026-11-23"],
    ["check", ACME, "--today", "2026-13-45"],
    ["check", ACME, "--today", "2026-11-23", "--format", "yaml"],
    ["check", ACME, "--today", "2026-11-23", "--fail-on", "sometimes"],
    ["check", ACME, "--today", "2026-11-23", "--select", "ASP999"],
    ["check", ACME, "--today", "2026-11-23", "--jobs", "0"],
    ["check", "missing.yaml", "--today", "2026-11-23"],
    ["check", ACME, "--today", "2026-11-23", "-o", "out/report.json", "--format", "json"],
    ["check", ACME, "--today", "2026-11-23", "--output", ACME, "--force", "--format", "json"],
    ["check", ACME, "--today", "2026-11-23", "--output", "examples/globex-retail.yaml"],
]


def _files(folder: Path) -> dict[str, bytes | None]:
    """Every file under ``folder``: its bytes, or only its name for a result-cache entry (signed per run)."""
    return {
        p.relative_to(folder).as_posix(): None if CACHE_FOLDER in p.parts else p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _same_both_ways(argv: list[str], folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """typer, then the fast path from the same starting files: equal output, exit code and files."""
    assert fast_path.parse(argv) is not None
    typer_run = _run(argv, fast=False, capsys=capsys)
    typer_files = _files(folder)
    shutil.rmtree(folder / "out", ignore_errors=True)
    shutil.copy(EXAMPLES / "acme-logistica.yaml", folder / ACME)
    fast_run = _run(argv, fast=True, capsys=capsys)
    assert fast_run == typer_run
    assert _files(folder) == typer_files


@pytest.mark.parametrize("argv", SAME, ids=[" ".join(a[1:]) for a in SAME])
def test_the_fast_path_prints_and_exits_as_typer_does(
    argv: list[str], folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _same_both_ways(argv, folder, capsys)


def test_the_examples_give_real_findings_both_ways(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The comparison above is not of two empty outputs: the examples have a known finding."""
    code, out, err = _run([*SAME[1][:2], "--today", "2026-11-23", "--no-cache"], fast=True, capsys=capsys)
    assert code == 0
    assert "ASP302" in out and "action ACT-6 overdue" in out
    assert err == ""


LEFT_TO_TYPER = [
    [],
    ["--version"],
    ["check", "--help"],
    ["check", "-h"],
    ["--debug", "check", ACME],
    ["--config", "x.toml", "check", ACME],
    ["sla", ACME],
    ["check", ACME, "--bogus"],
    ["check", ACME, "--tod", "2026-11-23"],  # click does not expand abbreviations; typer says so
    ["check", ACME, "--today"],
    ["check", ACME, "--today", "--no-cache"],
    ["check", ACME, "--today="],
    ["check", ACME, "--jobs", "two"],
    ["check", ACME, "--jobs", "+2"],
    ["check", ACME, "--jobs", "1_000"],
    ["check", ACME, "-j2"],
    ["check", ACME, "-o=report.txt"],
    ["check", ACME, "--no-cache=yes"],
    ["check", "--", "-odd-name.yaml"],
    ["check", "-"],
    ["check", ""],
    ["check", ACME, "--debug"],
    ["render", "--help"],
    ["render", ACME, "-f=md"],
    ["render", ACME, "--force=yes"],
    ["render", ACME, "--format"],
    ["render", ACME, "--select", "ASP3"],
    ["render", ACME, "-j", "x"],
    ["due", ACME],
]


@pytest.mark.parametrize("argv", LEFT_TO_TYPER, ids=[" ".join(a) or "(none)" for a in LEFT_TO_TYPER])
def test_what_the_fast_path_does_not_read_is_left_to_typer(argv: list[str]) -> None:
    assert fast_path.parse(argv) is None
    assert fast_path.main(argv) is None


def test_shell_completion_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ["check", ACME]
    assert fast_path.parse(argv) is not None
    monkeypatch.setenv("_ASPLAN_COMPLETE", "bash_complete")
    assert fast_path.parse(argv) is None


def test_values_land_in_the_fields_typer_fills() -> None:
    options = fast_path.parse(
        ["check", "a.yaml", "--select", "ASP3", "-o", "r.txt", "b/", "--select=ASP2", "--jobs", "3", "--no-show-source"]
    )
    assert options == CheckOptions(
        paths=["a.yaml", "b/"], output="r.txt", select=["ASP3", "ASP2"], jobs=3, show_source=False
    )
    assert fast_path.parse(["check"]) == CheckOptions()
    assert fast_path.parse(["check", "--today", "2026-01-01", "--today", "2026-02-02"]) == CheckOptions(
        today_option="2026-02-02"
    )


def _typer_params(name: str) -> dict[str, tuple[str, str, bool]]:
    """typer's options of command ``name``: spelling -> (field, kind, value the spelling sets for a flag)."""
    from asplan.cli.app import _build_command

    command = _build_command(name)
    out: dict[str, tuple[str, str, bool]] = {}
    for param in command.params:
        if param.param_type_name != "option" or param.name == "help":
            continue
        assert param.envvar is None, "the fast path reads no environment variable"
        field = str(param.name)
        if param.is_flag:
            for spelling in param.opts:
                out[spelling] = (field, "flag", True)
            for spelling in param.secondary_opts:
                out[spelling] = (field, "flag", False)
            continue
        kind = "values" if param.multiple else ("jobs" if param.type_descriptor.annotation is int else "value")
        for spelling in param.opts:
            out[spelling] = (field, kind, True)
    return out


@pytest.mark.parametrize("command", ["check", "render"])
def test_the_option_table_is_typers(command: str) -> None:
    """A new option, a new spelling or a changed kind fails here until the table has it."""
    options, _ = fast_path.COMMANDS[command]
    table = {spelling: (o.field, o.kind, o.flag_value) for spelling, o in options.items()}
    assert table == _typer_params(command)
    assert len(table) >= 12


@pytest.mark.parametrize("command", ["check", "render"])
def test_the_defaults_are_typers(command: str) -> None:
    from asplan.cli.check import check
    from asplan.cli.render import render

    typer_function = {"check": check, "render": render}[command]
    _, options_class = fast_path.COMMANDS[command]
    typer_defaults = {name: p.default for name, p in inspect.signature(typer_function).parameters.items()}
    ours = {name: p.default for name, p in inspect.signature(options_class).parameters.items()}
    assert ours == typer_defaults
    assert list(ours) == list(typer_defaults)


RENDER_SAME = [
    ["render", ACME, "--today", "2026-11-23", "-f", "md"],
    ["render", ACME, "--today=2026-11-23", "--format", "html", "--audience", "internal"],
    ["render", ACME, "--today", "2026-11-23", "-f", "md", "--lang", "es"],
    ["render", "examples", "--today", "2026-11-23", "-o", "out", "-f", "md", "-j", "1"],
    ["render", "examples", "--today", "2026-11-23", "--output", "out/site", "--jobs", "2", "--force"],
    ["render", ACME, "--today", "2026-11-23", "-o", "out/acme.html"],
    ["render", "examples", "--today", "2026-11-23"],
    ["render", ACME, "--today", "2026-11-23", "-f", "docx"],
    ["render", ACME, "--today", "2026-11-23", "--audience", "board"],
    ["render", ACME, "--today", "2026-11-23", "--lang", "fr"],
    ["render", ACME, "--today", "2026-11-23", "--template-dir", "no-such-folder"],
    ["render", ACME, "--today", "2026-13-01"],
    ["render", "broken.yaml", "--today", "2026-11-23"],
    ["render", ACME, "--today", "2026-11-23", "-o", ACME],
]


@pytest.mark.parametrize("argv", RENDER_SAME, ids=[" ".join(a[1:]) for a in RENDER_SAME])
def test_render_through_the_fast_path_prints_writes_and_exits_as_typer_does(
    argv: list[str], folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _same_both_ways(argv, folder, capsys)


def test_render_to_stdout_is_a_real_document(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["render", ACME, "--today", "2026-11-23", "-f", "md"], fast=True, capsys=capsys)
    assert code == 0 and err == ""
    assert out.startswith("# ") and "ACT-6" in out


def test_render_of_a_folder_does_not_import_typer(tmp_path: Path) -> None:
    code = (
        "import sys; sys.argv = ['asplan', 'render', sys.argv[1], '-o', 'out', '--today', '2026-11-23'];"
        "from asplan.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print('typer' in sys.modules, code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLES)], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert result.stdout.splitlines()[-1] == "False 0"
    assert (tmp_path / "out" / "index.html").is_file()


def test_check_on_one_plan_does_not_import_typer(tmp_path: Path) -> None:
    """The point of the fast path: typer (and its per-option pydantic adapters) stay unloaded."""
    code = (
        "import sys; sys.argv = ['asplan', 'check', sys.argv[1], '--today', '2026-11-23', '--no-cache'];"
        "from asplan.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print('typer' in sys.modules, code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLES / "acme-logistica.yaml")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert result.stdout.splitlines()[-1] == "False 0"
    assert "ASP302" in result.stdout


def test_an_interrupt_ends_both_ways_alike(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during the check: exit 130 and nothing on stderr, as typer ends an interrupted command."""

    def interrupted(options: CheckOptions) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("asplan.cli.check_run.run_check", interrupted)
    monkeypatch.setattr("asplan.cli.check.run_check", interrupted)
    argv = ["check", ACME, "--today", "2026-11-23"]
    assert _run(argv, fast=True, capsys=capsys) == _run(argv, fast=False, capsys=capsys) == (130, "", "")


@pytest.mark.parametrize("target", ["empty/", "missing.yaml"])
def test_with_stderr_closed_both_ways_exit_alike(folder: Path, target: str) -> None:
    """`2>&-` (cron, a daemon): messages have nowhere to go; the exit code is still the command's."""
    (folder / "empty").mkdir()
    codes = []
    for entry in ("asplan.__main__", "asplan.cli.app"):
        code = f"import sys; sys.argv = ['asplan', 'check', {target!r}, '--today', '2026-11-23']; " + (
            f"from {entry} import main; main()"
        )
        result = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        closed = subprocess.run(
            [sys.executable, "-c", "import os, sys; os.close(2); os.execv(sys.executable, sys.argv[1:])",
             sys.executable, "-c", code],
            stdout=subprocess.PIPE,
        )
        codes.append((result.returncode, closed.returncode, closed.stdout))
    assert codes[0] == codes[1]
    assert codes[0][:2] == ((0, 0) if target == "empty/" else (2, 2))
