"""``asplan sla``: per SLA and period, target, actual, status and credits; the breaching events.

Options are parsed here; the figures come from :mod:`asplan.sla.portfolio` and are
printed by a reporter of :mod:`asplan.reporters.sla`.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from asplan.cli.common import fail, load_config, today, use_color, warn
from asplan.cli.options import Paths, Period

if TYPE_CHECKING:
    from asplan.sla.portfolio import Run
    from asplan.sla.whatif import WhatIf

_MAX_ROW_WARNINGS = 20

Events = Annotated[
    str | None, typer.Option("--events", metavar="FILE", help="Use this event export instead of the plans' events.")
]
Now = Annotated[
    str | None,
    typer.Option("--now", help="Instant open events are timed to, ISO 8601 (default: end of today, account's zone)."),
]
FailOnOption = Annotated[
    str | None,
    typer.Option(
        "--fail-on",
        metavar="breach|at-risk",
        help="Exit 1 when a selected period is breached (breach), or also when a running event is at risk.",
    ),
]
SetTerms = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="SLA-ID.FIELD=VALUE",
        help=(
            "What if: recompute under changed terms, side by side with the plan's (repeatable; FIELD:"
            " target, objective, calendar, credit.percent, credit.amount, credit.cap_percent). The plan is"
            " not changed."
        ),
    ),
]


def sla(
    paths: Paths = None,
    events: Events = None,
    period: Period = None,
    now: Now = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    today_option: Annotated[str | None, typer.Option("--today", help="Date to report at, YYYY-MM-DD.")] = None,
    fail_on: FailOnOption = None,
    fail_on_breach: Annotated[
        bool, typer.Option("--fail-on-breach", help="Same as --fail-on breach (kept for existing scripts).")
    ] = False,
    set_terms: SetTerms = None,
) -> None:
    """SLA figures per period: met, breached, no data; credits owed; the breaching events.

    With --set, the same events and measurements under changed terms, side by side with the plan's.
    """
    from asplan.cli.choices import choice, optional
    from asplan.reporters.sla import Format, writer
    from asplan.sla.portfolio import FailOn, outcome

    fmt = choice("--format", output_format, Format)
    threshold = optional("--fail-on", fail_on, FailOn) or (FailOn.breach if fail_on_breach else None)
    what_if = _what_if(set_terms)
    day = today(today_option)
    run = evaluate_paths(paths, day, period=period, now=now, events=events, what_if=what_if)
    result = outcome(day, run, what_if)
    writer(fmt)(result, sys.stdout.write, use_color())
    sys.stdout.flush()
    if result.fails(threshold):
        raise typer.Exit(1)


def _what_if(texts: list[str] | None) -> WhatIf | None:
    from asplan.sla.whatif import TermError, WhatIf

    if not texts:
        return None
    try:
        return WhatIf(texts)
    except TermError as exc:
        fail(str(exc))


def evaluate_paths(
    paths: list[str] | None,
    day: date,
    *,
    period: str | None = None,
    now: str | None = None,
    events: str | None = None,
    what_if: WhatIf | None = None,
) -> Run:
    """The plans under ``paths``, computed as ``asplan sla`` computes them (``credits`` shares this).

    Problems the user can fix end the command with one line; what the event data says
    is warned about as each plan is read, rows left out at the end.
    """
    from asplan.plan_source import UsageError, default_paths, discover
    from asplan.sla.portfolio import SlaUsageError, check_now, evaluate_targets, parse_selection

    try:
        selection = parse_selection(period)
        check_now(now)
        config = load_config()
        targets = discover(paths or default_paths(config))
        run = evaluate_targets(
            targets, day, config, selection=selection, now=now, events=events, what_if=what_if, on_warning=_data_warning
        )
    except (SlaUsageError, UsageError) as exc:
        fail(str(exc))
    problems = run.problems
    for problem in problems[:_MAX_ROW_WARNINGS]:
        warn(problem)
    if len(problems) > _MAX_ROW_WARNINGS:
        warn(f"... and {len(problems) - _MAX_ROW_WARNINGS} more rows left out")
    return run


def _data_warning(line: str) -> None:
    """What the event data says (duplicate ids, a where that matches nothing...): what check reports."""
    typer.echo(f"asplan: warning: {line}", err=True)
