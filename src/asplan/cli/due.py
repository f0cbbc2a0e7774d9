"""``asplan due``: the agenda of every plan, soonest first (text, json, md or ics).

Options are parsed here; the agenda and its filters are :mod:`asplan.due`, printed by
a reporter of :mod:`asplan.reporters.due`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from asplan.cli.common import FORCE_OUTPUT_HELP, error_line, fail, load_config, today, use_color, warn, write_output
from asplan.cli.options import Paths

if TYPE_CHECKING:
    from datetime import date

    from asplan.due import AgendaRun

Kinds = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        help="Only these kinds: review, action, milestone, touchpoint, continuity_test, contract_renewal,"
        " contract_end, kpi_measurement.",
    ),
]
GroupByOption = Annotated[
    str | None,
    typer.Option("--group-by", help="owner: one section per owner, overdue first (the weekly digest)."),
]


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def due(
    paths: Paths = None,
    within_days: Annotated[
        int, typer.Option("--within", metavar="DAYS", help="Items due at most DAYS from today (overdue always).")
    ] = 30,
    owner: Annotated[list[str] | None, typer.Option("--owner", help="Only items owned by this person id.")] = None,
    account: Annotated[list[str] | None, typer.Option("--account", help="Only this account id.")] = None,
    kind: Kinds = None,
    group_by: GroupByOption = None,
    output_format: Annotated[str, typer.Option("--format", help="text, json, md or ics.")] = "text",
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write to FILE.")] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_OUTPUT_HELP)] = False,
    today_option: Annotated[str | None, typer.Option("--today", help="Date to count from, YYYY-MM-DD.")] = None,
) -> None:
    """The agenda: overdue and upcoming dated items of every plan, soonest first.

    --group-by owner gives the digest: a section per owner, overdue items first,
    then due soon, each with its plan, item and date (--format md for an issue or a
    CI comment). Plans that cannot be read are reported on stderr and skipped; the exit code is
    then 2, after the agenda of the others has been written.
    """
    from asplan.cli.choices import choice, optional
    from asplan.due import DueUsageError, GroupBy, parse_kinds, report
    from asplan.reporters.due import Format, renderer

    fmt = choice("--format", output_format, Format)
    grouping = optional("--group-by", group_by, GroupBy, listing="or")
    if grouping is not None and fmt is Format.ics:
        fail("--group-by: a calendar has no sections; use --format text, json or md")
    if within_days < 0:
        fail("--within: expected a number of days, 0 or more (overdue items are always listed)")
    try:
        kinds = parse_kinds(_split(kind))
        day = today(today_option)
        run = _collect(paths, day)
        result = report(
            run, day, within_days, owners=_split(owner), accounts=_split(account), kinds=kinds, group_by=grouping
        )
    except DueUsageError as exc:
        fail(str(exc))
    text = renderer(fmt)(result, output is None and use_color())
    write_output(text, output, force)
    raise typer.Exit(2 if run.failures else 0)


def _collect(paths: list[str] | None, day: date) -> AgendaRun:
    """Every plan's agenda; unreadable plans and calendars not as written are said on stderr."""
    from asplan.due import collect
    from asplan.plan_source import UsageError, default_paths

    config = load_config()
    try:
        run = collect(
            paths or default_paths(config),
            day,
            warn_days=config.warn_days,
            kpi_grace_days=config.kpi_grace_days,
            max_file_bytes=config.max_file_bytes,
        )
    except UsageError as exc:
        fail(str(exc))
    for line in run.failures:
        error_line(f"{line} (skipped)")
    for line in run.warnings:
        warn(line)
    return run
