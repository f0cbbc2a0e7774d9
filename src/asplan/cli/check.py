"""``asplan check``: validate and lint plans for CI."""

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

FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip().upper() for v in value.split(",") if v.strip())
    return out


def check(
    paths: Annotated[list[str] | None, typer.Argument(help="Plan files or folders (searched recursively).")] = None,
    output_format: Annotated[
        str, typer.Option("--format", "--output-format", help="text, json, github, sarif, junit or gitlab.")
    ] = "text",
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_OUTPUT_HELP)] = False,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Only these codes or prefixes (ASP3, ASP201).")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Skip these codes or prefixes.")] = None,
    fail_on: Annotated[str | None, typer.Option("--fail-on", help="error, warning or never.")] = None,
    today_option: Annotated[str | None, typer.Option("--today", help="Date to check against, YYYY-MM-DD.")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Count findings per code.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Parallel processes (default: CPU count).")] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Check every file again; neither read nor write .asplan_cache/.")
    ] = False,
    show_source: Annotated[
        bool | None,
        typer.Option(
            "--show-source/--no-show-source",
            help="Show the offending line and a caret under each finding (text format;"
            " default: on when writing to a terminal).",
        ),
    ] = None,
    fail_on_empty: Annotated[
        bool,
        typer.Option(
            "--fail-on-empty", help="Exit 2 when no plan is found (a CI job pointed at the wrong folder fails)."
        ),
    ] = False,
) -> None:
    """Validate and lint plans; exit 1 on findings at or above --fail-on.

    Finding no plan at all passes with a warning, like ruff on an empty folder;
    --fail-on-empty makes it exit 2, which is what CI wants (init --ci uses it).
    """
    from asplan.checker import exit_code
    from asplan.config import ConfigError, check_codes
    from asplan.parallel import CHECK_SERIAL_BELOW, workers_for
    from asplan.plan_source import UsageError, default_paths, discover
    from asplan.reporters import get_reporter
    from asplan.reporters.base import ReportOptions
    from asplan.rules import known_codes

    if output_format not in FORMATS:
        fail(f"--format {output_format}: expected one of {', '.join(FORMATS)}")
    if fail_on is not None and fail_on not in ("error", "warning", "never"):
        fail(f"--fail-on {fail_on}: expected error, warning or never")
    if jobs is not None and jobs < 1:
        fail("--jobs: expected a number of processes, 1 or more")
    day = today(today_option)
    config = load_config()
    try:
        selected = _split(select)
        ignored = _split(ignore)
        check_codes(selected, known_codes(), "--select")
        check_codes(ignored, known_codes(), "--ignore")
    except ConfigError as exc:
        fail(str(exc))
    config = config.with_overrides(select=selected if select else None, ignore=ignored, fail_on=fail_on)
    try:
        targets = discover(paths or default_paths(config))
    except UsageError as exc:
        fail(str(exc))
    workers = workers_for(len(targets), jobs, CHECK_SERIAL_BELOW)

    if show_source is None:
        show_source = output_format == "text" and output is None and _stdout_is_terminal()
    show_source = show_source and output_format == "text"  # CI and machine formats never carry it
    cache = None
    if not no_cache:
        from asplan.result_cache import open_cache

        cache = open_cache(config.root if config.source else Path.cwd(), config, day)
    report = _run_with_progress(targets, config, day, workers, show_source, cache)
    empty = not report.files and not report.findings
    if empty and not fail_on_empty:
        # ruff-style: an empty run passes, but a CI pointed at the wrong folder should be told.
        warn(f"no plan found in {', '.join(paths or default_paths(config))}")
    reporter = get_reporter(output_format)
    options = ReportOptions(color=output is None and use_color(), statistics=statistics, show_source=show_source)
    text = reporter.render(report, options)
    write_output(text, output, force)  # the (empty) report is still written: a CI may upload it
    if empty and fail_on_empty:
        fail(f"no plan found in {', '.join(paths or default_paths(config))} (--fail-on-empty)")
    raise typer.Exit(exit_code(report, config.fail_on))


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
