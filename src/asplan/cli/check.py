"""``asplan check``: validate and lint plans for CI.

Options are parsed here; :mod:`asplan.checker` checks, a reporter of
:mod:`asplan.reporters` (the registry, ``FORMATS``) prints the report.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from asplan.check_report import CheckReport
    from asplan.config import Config
    from asplan.plan_source import Target
    from asplan.result_cache import ResultCache

from asplan.cli.common import FORCE_OUTPUT_HELP, fail, load_config, today, use_color, warn, write_output
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


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip().upper() for v in value.split(",") if v.strip())
    return out


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
    from asplan.checker import FailOn, exit_code
    from asplan.cli.choices import among, optional
    from asplan.reporters import FORMATS, get_reporter
    from asplan.reporters.base import ReportOptions

    among("--format", output_format, FORMATS)
    threshold = optional("--fail-on", fail_on, FailOn, listing="or")
    if jobs is not None and jobs < 1:
        fail("--jobs: expected a number of processes, 1 or more")
    day = today(today_option)
    config = _configured(select, ignore, threshold)
    searched = ", ".join(paths or _default_paths(config))
    if show_source is None:
        show_source = output_format == "text" and output is None and _stdout_is_terminal()
    show_source = show_source and output_format == "text"  # CI and machine formats never carry it
    report = _check(paths, config, day, jobs, show_source, no_cache)
    empty = not report.files and not report.findings
    if empty and not fail_on_empty:
        warn(f"no plan found in {searched}")  # ruff-style: an empty run passes, but say so
    options = ReportOptions(color=output is None and use_color(), statistics=statistics, show_source=show_source)
    write_output(get_reporter(output_format).render(report, options), output, force)  # a CI may upload it empty
    if empty and fail_on_empty:
        fail(f"no plan found in {searched} (--fail-on-empty)")
    raise typer.Exit(exit_code(report, config.fail_on))


def _default_paths(config: Config) -> list[str]:
    from asplan.plan_source import default_paths

    return default_paths(config)


def _configured(select: list[str] | None, ignore: list[str] | None, fail_on: str | None) -> Config:
    """The configuration, with ``--select``, ``--ignore`` and ``--fail-on`` over the file's (each code checked)."""
    from asplan.config import ConfigError, check_codes
    from asplan.rules import known_codes

    config = load_config()
    try:
        selected = _split(select)
        ignored = _split(ignore)
        check_codes(selected, known_codes(), "--select")
        check_codes(ignored, known_codes(), "--ignore")
    except ConfigError as exc:
        fail(str(exc))
    fail_on = str(fail_on) if fail_on is not None else None
    return config.with_overrides(select=selected if select else None, ignore=ignored, fail_on=fail_on)


def _check(
    paths: list[str] | None, config: Config, day: date, jobs: int | None, show_source: bool, no_cache: bool
) -> CheckReport:
    """Find the plans and check them, in worker processes when there are many, through the result cache."""
    from asplan.parallel import CHECK_SERIAL_BELOW, workers_for
    from asplan.plan_source import UsageError, discover

    try:
        targets = discover(paths or _default_paths(config))
    except UsageError as exc:
        fail(str(exc))
    workers = workers_for(len(targets), jobs, CHECK_SERIAL_BELOW)
    cache = None
    if not no_cache:
        from asplan.result_cache import open_cache

        cache = open_cache(config.root if config.source else Path.cwd(), config, day)
    return _run_with_progress(targets, config, day, workers, show_source, cache)


def _stdout_is_terminal() -> bool:
    import sys

    return sys.stdout.isatty()


def _run_with_progress(
    targets: list[Target], config: Config, day: date, workers: int, show_source: bool, cache: ResultCache | None
) -> CheckReport:
    """A progress bar on stderr for long runs on a terminal; plain otherwise."""
    import sys

    from asplan.checker import check_targets

    if len(targets) < 200 or not use_color(sys.stderr):
        return check_targets(targets, config, day, jobs=workers, show_source=show_source, cache=cache)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True
    ) as progress:
        task = progress.add_task("check", total=len(targets))
        return check_targets(
            targets,
            config,
            day,
            jobs=workers,
            progress=lambda: progress.advance(task),
            show_source=show_source,
            cache=cache,
        )
