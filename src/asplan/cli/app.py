"""The ``asplan`` command: global options and the command list.

Kept import-light on purpose: ``asplan --version`` must answer in well under 0.12 s,
so each command module imports what it needs inside its function, and a command's
module is imported, and its click command built, only when that command is asked for
(:data:`COMMANDS`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, MutableMapping
from importlib import import_module
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from asplan import __version__
from asplan.cli.common import CommandExit, State, closed_pipe, internal_error, internal_error_line

COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("asplan.cli.check", "check"),
    "due": ("asplan.cli.due", "due"),
    "diff": ("asplan.cli.diff", "diff"),
    "init": ("asplan.cli.init", "init"),
    "new": ("asplan.cli.new", "new"),
    "review": ("asplan.cli.review", "review"),
    "done": ("asplan.cli.writeback", "done"),
    "measure": ("asplan.cli.writeback", "measure"),
    "touch": ("asplan.cli.writeback", "touch"),
    "rules": ("asplan.cli.rules", "rules"),
    "schema": ("asplan.cli.schema", "schema"),
    "sla": ("asplan.cli.sla", "sla"),
    "credits": ("asplan.cli.credits", "credits"),
    "render": ("asplan.cli.render", "render"),
    "status": ("asplan.cli.status", "status"),
}
"""Every command, in the order ``asplan --help`` lists them: name -> (module, function).

Commands are built when first asked for, not all at start-up: building one (reading
its signature, making its options) costs about 1.5 ms and importing its module more,
and ``asplan check one.yaml`` needs one of fifteen (spec §6: one plan in 0.25 s).
``--help``, completion and "did you mean" still see them all, in this order.
"""


class _LazyCommands(MutableMapping[str, Any]):
    """The group's ``commands`` mapping, building each click command on first access."""

    def __init__(self, build: Any) -> None:
        self._build = build
        self._names = list(COMMANDS)
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        command = self._built.get(name)
        if command is None:
            if name not in COMMANDS:
                raise KeyError(name)
            command = self._built[name] = self._build(name)
        return command

    def __setitem__(self, name: str, command: Any) -> None:
        if name not in self._names:
            self._names.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names


def _build_command(name: str) -> Any:
    """The click command for ``name``, made as ``app.command(name)(function)`` would make it."""
    from typer.main import get_command_from_info

    module, attribute = COMMANDS[name]
    callback = getattr(import_module(module), attribute)
    app.command(name)(callback)  # typer's own registration, taken back: the same CommandInfo
    info = app.registered_commands.pop()
    return get_command_from_info(
        info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
    )


class _AsplanGroup(TyperGroup):
    """Turns a crash inside a command into one line and exit 2, however the app is invoked.

    Handling it here rather than only in :func:`main` means the console script, ``python -m``
    and ``CliRunner`` all behave the same; ``--debug`` lets the traceback through.
    Its commands are the lazy :data:`COMMANDS`.
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        lazy = _LazyCommands(_build_command)
        for name, command in self.commands.items():  # any registered the usual way
            lazy[name] = command
        self.commands = lazy

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command, with its help text reflowed (see :func:`reflow_help`)."""
        command = super().get_command(ctx, cmd_name)
        if command is not None and command.help:
            command.help = reflow_help(command.help)
        return command

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CommandExit as exc:
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:
            if State.debug:
                raise
            typer.echo(internal_error_line(exc), err=True)
            raise typer.Exit(2) from None


def reflow_help(text: str) -> str:
    """A docstring's paragraphs as single lines, for the terminal to wrap at its width.

    Docstrings are wrapped at 88 columns in the source; the help renderer keeps those
    line breaks inside a paragraph, so on a narrower terminal every source line wraps
    again and leaves a stub ("fulfils (held" alone on a line). Paragraphs that are
    lists or indented blocks keep their lines.
    """
    import inspect

    paragraphs = inspect.cleandoc(text).split("\n\n")
    out = []
    for paragraph in paragraphs:
        lines = paragraph.split("\n")
        if any(line.startswith((" ", "- ", "* ", "\b")) for line in lines):
            out.append(paragraph)
        else:
            out.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(out)


app = typer.Typer(
    cls=_AsplanGroup,
    name="asplan",
    help="Account Service Plans as YAML: check, date, SLA and render them.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"asplan {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
    config: Annotated[
        str | None,
        typer.Option(
            "--config", metavar="FILE", help="Configuration file (default: nearest asplan.toml or pyproject.toml)."
        ),
    ] = None,
) -> None:
    """Account Service Plans as YAML: check, date, SLA and render them."""
    State.debug = debug
    State.config_file = config


def main() -> None:
    """Console entry point: user errors are one line; internal errors too, unless --debug."""
    if len(sys.argv) == 2 and sys.argv[1] == "--version":
        sys.stdout.write(f"asplan {__version__}\n")
        return
    try:
        code = app(prog_name="asplan", standalone_mode=False)
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        sys.stderr.write("asplan: aborted\n")
        code = 2
    except KeyboardInterrupt:
        sys.stderr.write("asplan: interrupted\n")
        code = 130
    except BrokenPipeError:
        code = closed_pipe()
    except typer.TyperException as exc:  # command-line usage errors (typer's bundled click)
        code = _usage_error(exc)
    except Exception as exc:
        code = internal_error(exc)
    sys.exit(code if isinstance(code, int) else 0)


def _usage_error(exc: typer.TyperException) -> int:
    """One line naming the problem and where help is, like the errors asplan raises itself."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        # bare `asplan`: the help has been printed (rich prints it while formatting it)
        help_text = exc.format_message()
        if help_text.strip():
            sys.stderr.write(help_text.rstrip("\n") + "\n")
        return 2
    ctx = getattr(exc, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    message = " ".join(exc.format_message().split())
    sys.stderr.write(f"asplan: error: {message}{hint}\n")
    return 2
