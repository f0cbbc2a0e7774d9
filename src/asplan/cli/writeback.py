"""``asplan done``, ``asplan measure``, ``asplan touch``: keep a plan current in one command each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from asplan.cli.common import fail, load_config, say, today

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from asplan.writeback import Outcome

FORMATS = ("text", "json")

PlanArg = Annotated[str, typer.Argument(help="The plan file.", metavar="PLAN")]
FormatOpt = Annotated[str, typer.Option("--format", help="text or json.")]
TodayOpt = Annotated[str | None, typer.Option("--today", help="Today's date, YYYY-MM-DD.")]


def done(
    plan: PlanArg,
    item: Annotated[
        str, typer.Argument(help="Action id, or milestone as `asplan due` shows it (OBJ-1/M2) or its id.", metavar="ID")
    ],
    date_option: Annotated[
        str | None, typer.Option("--date", help="Date it was done, YYYY-MM-DD (default: today).")
    ] = None,
    output_format: FormatOpt = "text",
    today_option: TodayOpt = None,
) -> None:
    """Mark an action done (status: done, done: DATE) or a milestone reached (done: DATE).

    Already done: says so and leaves the file as it is (exit 0). Every other line of the
    file is kept exactly; a plan that does not validate is refused untouched (exit 2).
    """
    from asplan.writeback import mark_done

    _check_format(output_format)
    day = today(today_option)
    when = _date(date_option, day)
    _run(plan, lambda text: mark_done(text, item, when, day), output_format)


def measure(
    plan: PlanArg,
    item: Annotated[str, typer.Argument(help="KPI (OBJ-1/KPI-1, or KPI-1) or measured SLA id.", metavar="ID")],
    value: Annotated[str, typer.Argument(help="The measured value, a number (no unit).", metavar="VALUE")],
    date_option: Annotated[
        str | None, typer.Option("--date", help="KPIs: date of the measurement (default: today).")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", help="SLAs: the period measured, e.g. 2026-10 (default: the latest closed one)."),
    ] = None,
    output_format: FormatOpt = "text",
    today_option: TodayOpt = None,
) -> None:
    """Append a measurement to a KPI ({date, value}) or a measured SLA ({period, value}).

    A date or period already measured is refused (exit 2): correct it by hand, where the
    diff shows it.
    """
    from asplan.writeback import add_measurement

    _check_format(output_format)
    if date_option is not None and period is not None:
        fail("--date and --period: give one (--date for a KPI, --period for an SLA)")
    day = today(today_option)
    when = _date(date_option, day) if date_option is not None else None
    _run(
        plan,
        lambda text: add_measurement(text, item, value, day, day=when, period=period),
        output_format,
    )


def touch(
    plan: PlanArg,
    item: Annotated[str, typer.Argument(help="Touchpoint id, or its exact name.", metavar="ID")],
    date_option: Annotated[
        str | None, typer.Option("--date", help="Date it took place, YYYY-MM-DD (default: today).")
    ] = None,
    output_format: FormatOpt = "text",
    today_option: TodayOpt = None,
) -> None:
    """Record that a communication touchpoint took place: its `last` becomes DATE.

    `last` never moves backwards: an earlier date leaves the file as it is (exit 0).
    """
    from asplan.writeback import touch as touch_plan

    _check_format(output_format)
    day = today(today_option)
    when = _date(date_option, day)
    _run(plan, lambda text: touch_plan(text, item, when, day), output_format)


def _check_format(output_format: str) -> None:
    from asplan.cli.choices import among

    among("--format", output_format, FORMATS, listing="or")


def _date(option: str | None, default: date) -> date:
    from asplan.clock import TodayError, parse_day

    if option is None:
        return default
    try:
        return parse_day(option, "--date")
    except TodayError as exc:
        fail(str(exc))


def _run(plan: str, transform: Callable[[str], Outcome], output_format: str) -> None:
    from pathlib import Path

    from asplan.edit import EditError, edit_file

    config = load_config()
    path = Path(plan)
    if not path.is_file():
        fail(f"{plan}: no such file")
    try:
        outcome = edit_file(path, transform, config.max_file_bytes)
    except EditError as exc:
        where = f"{plan}:{exc.line}" if exc.line else plan
        fail(f"{where}: {exc.message}")
    if output_format == "json":
        import json

        typer.echo(json.dumps(outcome.to_json(plan), ensure_ascii=False, indent=2))
    else:
        say(f"{plan}: {outcome.message}")
