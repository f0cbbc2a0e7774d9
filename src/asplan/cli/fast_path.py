"""``asplan check`` and ``asplan render`` without typer, for the command lines CI jobs and hooks write.

Why a second parser: spec §6 gives ``asplan check`` on one plan 0.25 s, a warm result
cache a tenth of a cold run, and ``render`` at most twice ``check``'s time. Importing
typer and building a command (typer reads the signature and makes a pydantic adapter
per option) costs about 50 ms of every run, before a plan is read.

What it reads: the command first (``check`` or ``render``), then paths and that
command's own options, spelt ``--name value``, ``--name=value`` or a short option
followed by its value (``-o DIR``, ``-j 2``, ``-f md``). Anything else -- ``--help``, a
global option (``--debug``, ``--config``), an unknown or abbreviated option, a missing
or empty value, a value that starts with ``-``, a ``--jobs`` that is not plain digits,
``--``, an empty argument, shell completion -- is left to typer (:func:`parse` returns
None), so help, completion and every usage error stay typer's. What it accepts it hands
to the command's typer-free run function (:func:`asplan.cli.check_run.run_check`,
:func:`asplan.cli.render_run.run_render`), the one typer's command calls too, so the
output is the same by construction; ``tests/cli/test_fast_path.py`` runs both on the
same command lines and compares, and holds each option table equal to the options
typer declares.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Literal

from asplan.cli.check_run import CheckOptions
from asplan.cli.render_run import RenderArgs

Kind = Literal["flag", "value", "values", "jobs"]


@dataclass(frozen=True)
class Option:
    """One of ``check``'s options: the field of :class:`CheckOptions` it sets, and how."""

    field: str
    kind: Kind  # flag: no value; value: the last one wins; values: each adds one; jobs: digits
    flag_value: bool = True


CHECK_OPTIONS: dict[str, Option] = {
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

RENDER_OPTIONS: dict[str, Option] = {
    "--format": Option("output_format", "value"),
    "-f": Option("output_format", "value"),
    "--output": Option("output", "value"),
    "-o": Option("output", "value"),
    "--audience": Option("audience", "value"),
    "--lang": Option("lang", "value"),
    "--template-dir": Option("template_dir", "value"),
    "--today": Option("today_option", "value"),
    "--jobs": Option("jobs", "jobs"),
    "-j": Option("jobs", "jobs"),
    "--since": Option("since", "value"),
    "--force": Option("force", "flag"),
}
"""Every option of typer's ``render``, by each of its spellings."""

COMMANDS: dict[str, tuple[dict[str, Option], type[CheckOptions] | type[RenderArgs]]] = {
    "check": (CHECK_OPTIONS, CheckOptions),
    "render": (RENDER_OPTIONS, RenderArgs),
}

_DIGITS = re.compile(r"[0-9]{1,6}")
_COMPLETION = "_ASPLAN_COMPLETE"  # click's shell-completion switch for the `asplan` program


def parse(argv: list[str]) -> CheckOptions | RenderArgs | None:
    """The command's options from ``argv`` (the arguments after the program name), or None for typer."""
    if not argv or argv[0] not in COMMANDS or _COMPLETION in os.environ:
        return None
    table, options_class = COMMANDS[argv[0]]
    values: dict[str, Any] = {}
    paths: list[str] = []
    rest = iter(argv[1:])
    for token in rest:
        if not token.startswith("-"):
            paths.append(token)
            continue
        name, equals, attached = token.partition("=")
        option = table.get(name)
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
    return options_class(paths=paths or None, **values)


def main(argv: list[str]) -> int | None:
    """Run the command when :func:`parse` reads ``argv``; None when typer must (nothing was run)."""
    options = parse(argv)
    if options is None:
        return None
    from asplan.cli.common import CommandExit, closed_pipe, internal_error

    try:
        if isinstance(options, CheckOptions):
            from asplan.cli.check_run import run_check

            return run_check(options)
        from asplan.cli.render_run import run_render

        return run_render(options)
    except CommandExit as exc:
        return exc.exit_code
    except KeyboardInterrupt:
        return 130  # silently, as typer ends a command interrupted with Ctrl-C
    except BrokenPipeError:
        return closed_pipe()
    except Exception as exc:
        return internal_error(exc)
