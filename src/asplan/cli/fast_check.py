"""``asplan check`` without typer, for the command lines CI jobs and hooks actually write.

Why a second parser: spec §6 gives ``asplan check`` on one plan 0.25 s, and the warm
result cache a tenth of a cold run. Importing typer and building ``check``'s command
(typer reads the signature and makes a pydantic adapter per option) costs about 50 ms
of that on every run, before a plan is read.

What it reads: the command ``check`` first, then paths and ``check``'s own long
options, spelt ``--name value``, ``--name=value`` or ``-o``/``-j`` followed by their
value. Anything else -- ``--help``, a global option (``--debug``, ``--config``), an
unknown or abbreviated option, a missing or empty value, a value that starts with ``-``, a
``--jobs`` that is not plain digits, ``--``, an empty argument, shell completion -- is
left to typer (:func:`parse` returns None), so help, completion and every usage error
stay typer's. What it accepts it hands to :func:`asplan.cli.check_run.run_check`, the
function typer's ``check`` calls too, so the output is the same by construction;
``tests/cli/test_fast_check.py`` runs both on the same command lines and compares, and
holds :data:`OPTIONS` equal to the options typer declares.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Literal

from asplan.cli.check_run import CheckOptions

Kind = Literal["flag", "value", "values", "jobs"]


@dataclass(frozen=True)
class Option:
    """One of ``check``'s options: the field of :class:`CheckOptions` it sets, and how."""

    field: str
    kind: Kind  # flag: no value; value: the last one wins; values: each adds one; jobs: digits
    flag_value: bool = True


OPTIONS: dict[str, Option] = {
    "--format": Option("output_format", "value"),
    "--output-format": Option("output_format", "value"),
    "--output": Option("output", "value"),
    "-o": Option("output", "value"),
    "--force": Option("force", "flag"),
    "--select": Option("select", "values"),
    "--ignore": Option("ignore", "values"),
    "--fail-on": Option("fail_on", "value"),
    "--today": Option("today_option", "value"),
    "--statistics": Option("statistics", "flag"),
    "--jobs": Option("jobs", "jobs"),
    "-j": Option("jobs", "jobs"),
    "--no-cache": Option("no_cache", "flag"),
    "--show-source": Option("show_source", "flag"),
    "--no-show-source": Option("show_source", "flag", flag_value=False),
    "--fail-on-empty": Option("fail_on_empty", "flag"),
}
"""Every option of typer's ``check``, by each of its spellings."""

_DIGITS = re.compile(r"[0-9]{1,6}")
_COMPLETION = "_ASPLAN_COMPLETE"  # click's shell-completion switch for the `asplan` program


def parse(argv: list[str]) -> CheckOptions | None:
    """``check``'s options from ``argv`` (the arguments after the program name), or None for typer."""
    if not argv or argv[0] != "check" or _COMPLETION in os.environ:
        return None
    values: dict[str, Any] = {}
    paths: list[str] = []
    rest = iter(argv[1:])
    for token in rest:
        if not token.startswith("-"):
            paths.append(token)
            continue
        name, equals, attached = token.partition("=")
        option = OPTIONS.get(name)
        if option is None or (equals and (option.kind == "flag" or not name.startswith("--"))):
            return None
        if option.kind == "flag":
            values[option.field] = option.flag_value
            continue
        value = attached if equals else next(rest, None)
        if not value or value.startswith("-") or (option.kind == "jobs" and not _DIGITS.fullmatch(value)):
            return None
        if option.kind == "values":
            values.setdefault(option.field, []).append(value)
        else:
            values[option.field] = int(value) if option.kind == "jobs" else value
    if any(path in ("", "-") for path in paths):
        return None
    return CheckOptions(paths=paths or None, **values)


def main(argv: list[str]) -> int | None:
    """Run ``check`` when :func:`parse` reads ``argv``; None when typer must (nothing was run)."""
    options = parse(argv)
    if options is None:
        return None
    from asplan.cli.check_run import run_check
    from asplan.cli.common import CommandExit, closed_pipe, internal_error

    try:
        return run_check(options)
    except CommandExit as exc:
        return exc.exit_code
    except KeyboardInterrupt:
        return 130  # silently, as typer ends a command interrupted with Ctrl-C
    except BrokenPipeError:
        return closed_pipe()
    except Exception as exc:
        return internal_error(exc)
