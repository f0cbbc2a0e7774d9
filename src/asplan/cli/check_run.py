"""``asplan check`` itself, typer-free: what runs once its options are known.

Two parsers feed it :class:`CheckOptions`: typer's (:mod:`asplan.cli.check`, which owns
help, completion and every usage error) and :mod:`asplan.cli.fast_path`, which reads
the plain ``asplan check PATHS --today ...`` of CI jobs and pre-commit hooks without
importing typer. Keeping the run here, in one function, is what makes both give the same
output; :mod:`asplan.checker` checks, a reporter of :mod:`asplan.reporters` prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asplan.check_report import CheckReport
    from asplan.config import Config
    from asplan.plan_source import Target
    from asplan.result_cache import ResultCache

from asplan.cli.common import fail, load_config, today, use_color, warn, write_output


@dataclass
class CheckOptions:
    """``check``'s options as the user gave them; the defaults are typer's (a test holds them equal)."""

    paths: list[str] | None = None
    output_format: str = "text"
    output: str | None = None
    force: bool = False
    select: list[str] | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    today_option: str | None = None
    statistics: bool = False
    jobs: int | None = None
    no_cache: bool = False
    show_source: bool | None = None
    fail_on_empty: bool = False


def run_check(options: CheckOptions) -> int:
    """Check the plans and print the report; returns the exit code (usage errors raise ``CommandExit``)."""
    paths, output_format, output = options.paths, options.output_format, options.output
    fail_on, jobs, show_source = options.fail_on, options.jobs, options.show_source
    from asplan.checker import FailOn, exit_code
    from asplan.cli.choices import among, optional
    from asplan.reporters import FORMATS, get_reporter
    from asplan.reporters.base import ReportOptions

    among("--format", output_format, FORMATS)
    threshold = optional("--fail-on", fail_on, FailOn, listing="or")
    if jobs is not None and jobs < 1:
        fail("--jobs: expected a number of processes, 1 or more")
    day = today(options.today_option)
    config = _configured(options.select, options.ignore, threshold)
    searched = ", ".join(paths or _default_paths(config))
    if show_source is None:
        show_source = output_format == "text" and output is None and _stdout_is_terminal()
    show_source = show_source and output_format == "text"  # CI and machine formats never carry it
    report = _check(paths, config, day, jobs, show_source, options.no_cache)
    empty = not report.files and not report.findings
    if empty and not options.fail_on_empty:
        warn(f"no plan found in {searched}")  # ruff-style: an empty run passes, but say so
    report_options = ReportOptions(
        color=output is None and use_color(), statistics=options.statistics, show_source=show_source
    )
    # Written even when empty: a CI may upload it.
    write_output(get_reporter(output_format).render(report, report_options), output, options.force)
    if empty and options.fail_on_empty:
        fail(f"no plan found in {searched} (--fail-on-empty)")
    return exit_code(report, config.fail_on)


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip().upper() for v in value.split(",") if v.strip())
    return out


def _default_paths(config: Config) -> list[str]:
    from asplan.plan_source import default_paths

    return default_paths(config)


def _configured(select: list[str] | None, ignore: list[str] | None, fail_on: str | None) -> Config:
    """The configuration, with ``--select``, ``--ignore`` and ``--fail-on`` over the file's (each code checked)."""
    from asplan.config import ConfigError, check_codes

    config = load_config()
    try:
        selected = _split(select)
        ignored = _split(ignore)
        codes: set[str] = set()
        if selected or ignored:  # the rule registry (every rule module, the models) only to check a code
            from asplan.rules.registry import known_codes

            codes = known_codes()
        check_codes(selected, codes, "--select")
        check_codes(ignored, codes, "--ignore")
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
