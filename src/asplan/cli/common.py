"""Pieces every command shares: configuration, today, the console, one-line errors."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from asplan.printable import one_line

if TYPE_CHECKING:
    from datetime import date

    from asplan.config import Config


class State:
    """Global options (set by the app callback)."""

    debug: bool = False
    config_file: str | None = None


class CommandExit(Exception):
    """A command's end with an exit code, raised where the code is known.

    Not typer's ``Exit``: this module is imported by ``check``'s start-up path, which
    must not import typer (spec §6, one plan in 0.25 s; see :mod:`asplan.cli.fast_path`).
    The app's group turns it into typer's ``Exit`` for commands run through typer.
    """

    def __init__(self, code: int = 0) -> None:
        super().__init__(code)
        self.exit_code = code


_DEBUG_HINT = " (run with --debug for the traceback, and please report it)"


def internal_error_line(exc: BaseException) -> str:
    """A crash as one line: the exception's type and message, control characters spelled out."""
    return f"asplan: internal error: {one_line(' '.join(f'{type(exc).__name__}: {exc}'.split()))}{_DEBUG_HINT}"


def internal_error(exc: BaseException) -> int:
    """Report a crash as one line and return exit code 2; with ``--debug`` re-raise it for the traceback."""
    if State.debug or "--debug" in sys.argv:
        raise exc
    if sys.stderr is not None:
        sys.stderr.write(internal_error_line(exc) + "\n")
    return 2


def closed_pipe() -> int:
    """``asplan check | head``: the reader left; exit 1 without a second error at exit.

    Stdout is pointed at devnull so the final flush at exit cannot fail again (the recipe
    of the Python docs, "Note on SIGPIPE").
    """
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1


def fail(message: str, code: int = 2) -> NoReturn:
    """A user-fixable error: one line on stderr, no traceback."""
    say(f"asplan: error: {message}", err=True)
    raise CommandExit(code)


def say(message: str, *, err: bool = False) -> None:
    """One line of a command's own output; what came from a plan or a file name is kept on it.

    Control characters are spelled out (:func:`asplan.printable.one_line`): a plan title
    or a file name never moves the cursor, rewrites the clipboard or starts a new line.
    """
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # started with the stream closed (`2>&-`): nowhere to say it, as click's echo did
        return
    line = one_line(message) + "\n"
    try:
        stream.write(line)
    except UnicodeEncodeError:  # a stream that cannot spell a name (PYTHONIOENCODING=ascii): as click's echo did
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(line.encode(encoding, "replace").decode(encoding))
    stream.flush()


def warn(message: str) -> None:
    say(f"asplan: warning: {message}", err=True)


def error_line(message: str) -> None:
    """An error that does not stop the command (a plan skipped, a file left out)."""
    say(f"asplan: error: {message}", err=True)


def use_color(stream: object = None) -> bool:
    """Colour only on a terminal, never with NO_COLOR (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    target = stream if stream is not None else sys.stdout
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


def load_config() -> Config:
    """The effective configuration (``--config`` wins over discovery)."""
    from asplan.config import ConfigError, find_config
    from asplan.config import load_config as _load

    path: Path | None
    if State.config_file:
        path = Path(State.config_file)
        if not path.is_file():
            fail(f"--config {State.config_file}: no such file")
    else:
        path = find_config()
    if path is None:
        return _load(None, set())  # the defaults: no code to check, so no rule registry to import
    from asplan.rules.registry import known_codes

    try:
        return _load(path, known_codes())
    except ConfigError as exc:
        fail(str(exc))


def today(option: str | None) -> date:
    from asplan.clock import TodayError, resolve_today

    try:
        return resolve_today(option)
    except TodayError as exc:
        fail(str(exc))


FORCE_OUTPUT_HELP = "Replace --output even if it is a plan file (by default that is refused)."


def write_output(text: str, output: str | None, force: bool = False) -> None:
    """To stdout, or atomically to ``--output`` (which may not be a plan unless ``force``)."""
    if output is None:
        sys.stdout.write(text)
        if text and not text.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
        return
    from asplan.fileio import WouldReplacePlan, atomic_write_text, refuse_to_replace_plan

    target = Path(output)
    try:
        refuse_to_replace_plan(target, force)
    except WouldReplacePlan as exc:
        fail(f"--output {output}: {exc.path.name} is a plan: refusing to replace it (pass --force to overwrite it)")
    try:
        # like ruff's --output-file: `--output reports/asplan.sarif` in a fresh CI checkout just works
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, text)
    except OSError as exc:
        fail(f"--output {output}: cannot write ({exc.strerror or exc})")
