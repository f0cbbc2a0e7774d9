"""``asplan check``: its options, as typer declares them (help, completion, errors).

The command itself runs in :mod:`asplan.cli.check_run`, which imports no typer: the
common ``asplan check PATHS --today ...`` is parsed without typer by
:mod:`asplan.cli.fast_path` and runs the same function (spec §6, one plan in 0.25 s).
"""

from __future__ import annotations

from typing import Annotated

import typer

from asplan.cli.check_run import CheckOptions, run_check
from asplan.cli.common import FORCE_OUTPUT_HELP
from asplan.cli.options import Paths

Format = Annotated[str, typer.Option("--format", "--output-format", help="text, json, github, sarif, junit or gitlab.")]
Codes = Annotated[list[str] | None, typer.Option("--select", help="Only these codes or prefixes (ASP3, ASP201).")]
Ignored = Annotated[list[str] | None, typer.Option("--ignore", help="Skip these codes or prefixes.")]
Jobs = Annotated[int | None, typer.Option("--jobs", "-j", help="Parallel processes (default: CPU count).")]
NoCache = Annotated[
    bool, typer.Option("--no-cache", help="Check every file again; neither read nor write .asplan_cache/.")
]
ShowSource = Annotated[
    bool | None,
    typer.Option(
        "--show-source/--no-show-source",
        help="Show the offending line and a caret under each finding (text format;"
        " default: on when writing to a terminal).",
    ),
]
FailOnEmpty = Annotated[
    bool,
    typer.Option("--fail-on-empty", help="Exit 2 when no plan is found (a CI job pointed at the wrong folder fails)."),
]


def check(
    paths: Paths = None,
    output_format: Format = "text",
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_OUTPUT_HELP)] = False,
    select: Codes = None,
    ignore: Ignored = None,
    fail_on: Annotated[str | None, typer.Option("--fail-on", help="error, warning or never.")] = None,
    today_option: Annotated[str | None, typer.Option("--today", help="Date to check against, YYYY-MM-DD.")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Count findings per code.")] = False,
    jobs: Jobs = None,
    no_cache: NoCache = False,
    show_source: ShowSource = None,
    fail_on_empty: FailOnEmpty = False,
) -> None:
    """Validate and lint plans; exit 1 on findings at or above --fail-on.

    Finding no plan at all passes with a warning, like ruff on an empty folder;
    --fail-on-empty makes it exit 2, which is what CI wants (init --ci uses it).
    """
    options = CheckOptions(
        paths=paths,
        output_format=output_format,
        output=output,
        force=force,
        select=select,
        ignore=ignore,
        fail_on=fail_on,
        today_option=today_option,
        statistics=statistics,
        jobs=jobs,
        no_cache=no_cache,
        show_source=show_source,
        fail_on_empty=fail_on_empty,
    )
    raise typer.Exit(run_check(options))
