"""Pieces every command shares: configuration, today, the console, one-line errors."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from asplan.printable import one_line

if TYPE_CHECKING:
    from datetime import date

    from asplan.config import Config


class State:
    """Global options (set by the app callback)."""

    debug: bool = False
    config_file: str | None = None


def fail(message: str, code: int = 2) -> NoReturn:
    """A user-fixable error: one line on stderr, no traceback."""
    say(f"asplan: error: {message}", err=True)
    raise typer.Exit(code)


def say(message: str, *, err: bool = False) -> None:
    """One line of a command's own output; what came from a plan or a file name is kept on it.

    Control characters are spelled out (:func:`asplan.printable.one_line`): a plan title
    or a file name never moves the cursor, rewrites the clipboard or starts a new line.
    """
    typer.echo(one_line(message), err=err)


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
    from asplan.rules import known_codes

    path: Path | None
    if State.config_file:
        path = Path(State.config_file)
        if not path.is_file():
            fail(f"--config {State.config_file}: no such file")
    else:
        path = find_config()
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
