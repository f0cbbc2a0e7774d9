"""The ``asplan`` command: global options and the command list.

Kept import-light on purpose: ``asplan --version`` must answer in well under 0.12 s,
so each command module imports what it needs inside its function.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from asplan import __version__
from asplan.cli import check as check_cmd
from asplan.cli import credits as credits_cmd
from asplan.cli import diff as diff_cmd
from asplan.cli import due as due_cmd
from asplan.cli import init as init_cmd
from asplan.cli import new as new_cmd
from asplan.cli import render as render_cmd
from asplan.cli import review as review_cmd
from asplan.cli import rules as rules_cmd
from asplan.cli import schema as schema_cmd
from asplan.cli import sla as sla_cmd
from asplan.cli import status as status_cmd
from asplan.cli import writeback as writeback_cmd
from asplan.cli.common import State

_DEBUG_HINT = " (run with --debug for the traceback, and please report it)"


class _AsplanGroup(TyperGroup):
    """Turns a crash inside a command into one line and exit 2, however the app is invoked.

    Handling it here rather than only in :func:`main` means the console script, ``python -m``
    and ``CliRunner`` all behave the same; ``--debug`` lets the traceback through.
    """

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command, with its help text reflowed (see :func:`reflow_help`)."""
        command = super().get_command(ctx, cmd_name)
        if command is not None and command.help:
            command.help = reflow_help(command.help)
        return command

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:
            if State.debug:
                raise
            typer.echo(f"asplan: internal error: {_one_line(exc)}{_DEBUG_HINT}", err=True)
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


def _one_line(exc: BaseException) -> str:
    from asplan.printable import one_line

    return one_line(" ".join(f"{type(exc).__name__}: {exc}".split()))


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


app.command("check")(check_cmd.check)
app.command("due")(due_cmd.due)
app.command("diff")(diff_cmd.diff)
app.command("init")(init_cmd.init)
app.command("new")(new_cmd.new)
app.command("review")(review_cmd.review)
app.command("done")(writeback_cmd.done)
app.command("measure")(writeback_cmd.measure)
app.command("touch")(writeback_cmd.touch)
app.command("rules")(rules_cmd.rules)
app.command("schema")(schema_cmd.schema)
app.command("sla")(sla_cmd.sla)
app.command("credits")(credits_cmd.credits)
app.command("render")(render_cmd.render)
app.command("status")(status_cmd.status)


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
        # `asplan check | head`: the reader left. Point stdout at devnull so the final flush
        # at exit cannot fail again (the recipe of the Python docs, "Note on SIGPIPE").
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    except typer.TyperException as exc:  # command-line usage errors (typer's bundled click)
        code = _usage_error(exc)
    except Exception as exc:
        if State.debug or "--debug" in sys.argv:
            raise
        sys.stderr.write(f"asplan: internal error: {_one_line(exc)}{_DEBUG_HINT}\n")
        code = 2
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
