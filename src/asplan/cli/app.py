"""The ``asplan`` command: global options and the command list.

Kept import-light on purpose: ``asplan --version`` must answer in well under 0.12 s,
so each command module imports what it needs inside its function.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from asplan import __version__
from asplan.cli import check as check_cmd
from asplan.cli import rules as rules_cmd
from asplan.cli.common import State

app = typer.Typer(
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
app.command("rules")(rules_cmd.rules)


def main() -> None:
    """Console entry point: user errors are one line; internal errors too, unless --debug."""
    if len(sys.argv) == 2 and sys.argv[1] == "--version":
        sys.stdout.write(f"asplan {__version__}\n")
        return
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.stderr.write("asplan: aborted\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.stderr.write("asplan: interrupted\n")
        sys.exit(130)
    except Exception as exc:
        import click  # type: ignore[import-not-found,unused-ignore]

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(2 if exc.exit_code == 2 else exc.exit_code)
        if State.debug or "--debug" in sys.argv:
            raise
        sys.stderr.write(
            f"asplan: internal error: {type(exc).__name__}: {exc}"
            " (run with --debug for the traceback, and please report it)\n"
        )
        sys.exit(2)
