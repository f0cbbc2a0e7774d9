"""``asplan sla``: per SLA and period, target, actual, status and credits; the breaching events."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from asplan.cli.common import fail, load_config, table_console, today, use_color, warn, write_output

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from asplan.config import Config
    from asplan.loading import Positions
    from asplan.model.plan import Plan
    from asplan.plan_source import Target
    from asplan.sla.engine import PlanSlas, Selection, TableCache
    from asplan.sla.report import SlaRow
    from asplan.sla.results import EventResult, EventStatus
    from asplan.sla.whatif import EditedPlan, WhatIf

FORMATS = ("text", "json")
FAIL_ON = ("breach", "at-risk")
_MAX_ROW_WARNINGS = 20


def sla(
    paths: Annotated[list[str] | None, typer.Argument(help="Plan files or folders (searched recursively).")] = None,
    events: Annotated[
        str | None, typer.Option("--events", metavar="FILE", help="Use this event export instead of the plans' events.")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period", help="Only periods overlapping this one (2026-10, 2026-Q3, 2026-W38, 2026), or 'last' closed."
        ),
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(
            "--now", help="Instant open events are timed to, ISO 8601 (default: end of today, account's zone)."
        ),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    today_option: Annotated[str | None, typer.Option("--today", help="Date to report at, YYYY-MM-DD.")] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="breach|at-risk",
            help="Exit 1 when a selected period is breached (breach), or also when a running event is at risk.",
        ),
    ] = None,
    fail_on_breach: Annotated[
        bool, typer.Option("--fail-on-breach", help="Same as --fail-on breach (kept for existing scripts).")
    ] = False,
    set_terms: Annotated[
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
    ] = None,
) -> None:
    """SLA figures per period: met, breached, no data; credits owed; the breaching events.

    With --set, the same events and measurements under changed terms, side by side with the plan's.
    """
    from asplan.sla.report import rows, write_json

    if output_format not in FORMATS:
        fail(f"--format {output_format}: expected one of {', '.join(FORMATS)}")
    if fail_on is not None and fail_on not in FAIL_ON:
        fail(f"--fail-on {fail_on}: expected one of {', '.join(FAIL_ON)}")
    threshold = fail_on or ("breach" if fail_on_breach else None)
    what_if = _what_if(set_terms)
    day = today(today_option)
    run = evaluate_paths(paths, day, period=period, now=now, events=events, what_if=what_if)

    selected = rows(run.baseline)
    if what_if is not None:
        from asplan.cli.sla_whatif import comparison_text
        from asplan.sla.whatif import Comparison, dumps_comparison

        comparison = Comparison.of(day, what_if.changes, run.baseline, run.what_if)
        if output_format == "json":
            write_output(dumps_comparison(comparison), None)
        else:
            write_output(comparison_text(comparison, _value, _credit, use_color()), None)
    elif output_format == "json":
        write_json(day, selected, sys.stdout.write)  # flushed at exit, like the rest of stdout
    else:
        write_output(_text(day, selected), None)
    # The exit code judges the plan as it stands: a what-if is a question, not a breach.
    breached = any(r.period.status == "breached" for r in selected)
    at_risk = any(r.period.count("at_risk") for r in selected)
    if (threshold == "breach" and breached) or (threshold == "at-risk" and (breached or at_risk)):
        raise typer.Exit(1)


def _what_if(texts: list[str] | None) -> WhatIf | None:
    from asplan.sla.whatif import TermError, WhatIf

    if not texts:
        return None
    try:
        return WhatIf(texts)
    except TermError as exc:
        fail(str(exc))


def parse_period(period: str | None) -> Selection:
    """``--period``: a period label, ``last``, or nothing (every period)."""
    from asplan.model.scalars import PeriodLabel

    if period is None:
        return None
    if period.strip().lower() == "last":
        return "last"
    try:
        return PeriodLabel.parse(period.strip())
    except ValueError as exc:
        fail(f"--period {period}: {exc}, or 'last'")


@dataclass
class Run:
    """Every selected plan's SLA figures (and, with --set, the what-if figures), plan by plan."""

    baseline: list[PlanSlas] = field(default_factory=list)
    what_if: list[PlanSlas] = field(default_factory=list)
    contracts: dict[str, str | None] = field(default_factory=dict)  # plan file -> contract id


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

    Every event file is read once: the what-if SLAs are computed again over the tables
    the baseline read. Problems the user can fix end the command with one line.
    """
    from asplan.plan_source import PlanRefused, iter_plans
    from asplan.sla.engine import TableCache
    from asplan.sla.whatif import TermError

    selection = parse_period(period)
    config, targets = _targets(paths, now)
    run = Run()
    cache = TableCache()
    for source in iter_plans(targets, config.max_file_bytes):
        try:
            plan = source.require()
        except PlanRefused as exc:
            fail(str(exc))
        try:
            edited = what_if.edit(source) if what_if is not None else None
        except TermError as exc:
            fail(str(exc))
        baseline, changed = _evaluate(source.path, plan, edited, day, selection, now, events, cache, config)
        run.baseline.append(baseline)
        if what_if is not None:
            run.what_if.append(changed if changed is not None else baseline)
        contract = plan.account.contract if plan.account is not None else None
        run.contracts[source.path] = contract.id if contract is not None else None
        if source.document is not None:
            _warn_data(baseline, source.document.positions)
    if what_if is not None:
        try:
            what_if.finish()
        except TermError as exc:
            fail(str(exc))
    _warn_rows(run.baseline)
    return run


def _targets(paths: list[str] | None, now: str | None) -> tuple[Config, list[Target]]:
    """The configuration and the files to read; a malformed ``--now`` or a missing path ends here."""
    from asplan.plan_source import UsageError, default_paths, discover

    if now is not None:
        try:
            datetime.fromisoformat(now.strip())
        except ValueError:
            fail(f"--now {now}: expected an ISO 8601 instant like 2026-11-23T18:00 or 2026-11-23T17:00:00Z")
    config = load_config()
    try:
        return config, discover(paths or default_paths(config))
    except UsageError as exc:
        fail(str(exc))


def _evaluate(
    path: str,
    plan: Plan,
    edited: EditedPlan | None,
    day: date,
    selection: Selection,
    now: str | None,
    events: str | None,
    cache: TableCache,
    config: Config,
) -> tuple[PlanSlas, PlanSlas | None]:
    """One plan's figures, and its what-if figures (``None`` without ``--set``; the baseline when untouched)."""
    from functools import partial

    from asplan.sla.engine import evaluate_plan
    from asplan.sla.events import EventFileError, parse_timestamp
    from asplan.sla.timed import SlaDefinitionError
    from asplan.sla.whatif import merge
    from asplan.timecalc.calendars import resolve_zone

    zone, _ = resolve_zone(plan.account.timezone if plan.account is not None else "UTC")
    instant = None
    if now is not None:
        try:
            instant = parse_timestamp(now, zone)
        except ValueError as exc:
            fail(f"--now {now}: {exc}")
    evaluate = partial(
        evaluate_plan,
        plan_file=path,
        today=day,
        now=instant,
        event_files=[events] if events is not None else None,
        selection=selection,
        table_cache=cache,
        at_risk=config.sla_at_risk,
    )
    try:
        baseline = evaluate(plan)
        if edited is None:
            return baseline, None
        return baseline, merge(baseline, evaluate(edited.plan, slas=edited.slas))
    except EventFileError as exc:
        fail(str(exc))
    except SlaDefinitionError as exc:
        fail(f"{path}: {exc}")


def _warn_data(report: PlanSlas, positions: Positions) -> None:
    """What the event data says (duplicate ids, a where that matches nothing...): what check reports, one line each."""
    placed = []
    for finding in report.findings:
        line, column = positions.key(finding.path) if finding.at_key else positions.value(finding.path)
        placed.append((line, column, finding.code, finding.message))
    for line, column, code, message in sorted(placed):
        typer.echo(f"asplan: warning: {report.file}:{line}:{column}: {code} {message}", err=True)


def _warn_rows(reports: list[PlanSlas]) -> None:
    """Event rows left out: named by file and line on stderr, so the figures can be trusted or fixed."""
    problems = [p for report in reports for p in report.problems]
    for problem in problems[:_MAX_ROW_WARNINGS]:
        warn(str(problem))
    if len(problems) > _MAX_ROW_WARNINGS:
        warn(f"... and {len(problems) - _MAX_ROW_WARNINGS} more rows left out")


def _span(span: timedelta | None) -> str:
    """Working time as hours and minutes (``8h 08m``); days would hide the calendar's hours."""
    if span is None:
        return "—"
    total = int(span.total_seconds() // 60)
    hours, mins = divmod(total, 60)
    return f"{hours}h {mins:02d}m" if hours else f"{mins}m"


def _value(row: SlaRow) -> str:
    from asplan.sla.report import number

    value = number(row.period.value)
    if value is None:
        return "—"
    if row.result.sla.timed:
        met = row.period.count("met")
        decided = met + row.period.count("breached")
        return f"{value}% ({met}/{decided} met)"
    return f"{value}%" if row.result.sla.target.kind == "percent" else str(value)


def _credit(row: SlaRow) -> str:
    from asplan.sla.credits import format_money

    charge = row.period.charge
    if charge is None:
        return "—"
    if charge.amount is None:
        return f"n/a: {charge.note}" if charge.note else "n/a"
    return f"{format_money(charge.amount)} {row.currency or ''}".strip()


MAX_TEXT_EVENTS = 200
"""A terminal table of a quarter-million events helps nobody (and took minutes); JSON has them all."""

_STYLE = {
    "met": "green",
    "breached": "bold red",
    "no_data": "yellow",
    "open": "cyan",
    "running": "cyan",
    "at_risk": "bold yellow",
}


def _flagged(selected: list[SlaRow]) -> tuple[list[tuple[SlaRow, EventResult]], int]:
    """The first :data:`MAX_TEXT_EVENTS` breached, at-risk and (in open periods) running events, and how many in all.

    Only those shown are built as records: a year of a million tickets has tens of
    thousands of breaches.
    """
    shown: list[tuple[SlaRow, EventResult]] = []
    count = 0
    for row in selected:
        wanted: set[EventStatus] = {"breached", "at_risk"}
        if row.period.status == "open":
            wanted.add("running")
        events = row.period.events
        count += sum(row.period.count(status) for status in wanted)
        if len(shown) >= MAX_TEXT_EVENTS:
            continue
        for event in _matching(events, wanted):
            shown.append((row, event))
            if len(shown) >= MAX_TEXT_EVENTS:
                break
    return shown, count


def _matching(events: Sequence[EventResult], wanted: set[EventStatus]) -> Iterator[EventResult]:
    from asplan.sla.results import STATUSES, EventList

    if isinstance(events, EventList):
        statuses = events.columns.statuses
        for i in events.positions:
            if STATUSES[statuses[i]] in wanted:
                yield events.columns.result(i, events.period)
    else:
        yield from (e for e in events if e.status in wanted)


def _text(day: date, selected: list[SlaRow]) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from asplan.printable import one_line
    from asplan.sla.credits import format_money
    from asplan.sla.report import credit_totals, number

    color = use_color()
    console = table_console(color)
    if not selected:
        return "No SLAs in the selected plans and periods.\n"
    several = len({r.account for r in selected}) > 1
    table = Table(box=box.SIMPLE_HEAD, title=f"SLAs at {day.isoformat()}", title_justify="left", pad_edge=False)
    if several:
        table.add_column("account")
    for name, justify in (("sla", "left"), ("name", "left"), ("period", "left"), ("target", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    table.add_column("value", justify="right")
    table.add_column("status")
    table.add_column("credit", justify="right")
    for row in selected:
        status = row.period.status
        # Plan and event-file text goes in as Text: never read as rich markup, controls spelled out.
        cells: list[str | Text] = [
            Text(one_line(row.result.sla.id)),
            Text(one_line(row.result.sla.name)),
            row.period.period.label,
            row.target,
            _value(row),
        ]
        cells += [f"[{_STYLE[status]}]{status}[/]", _credit(row)]
        table.add_row(*([Text(one_line(row.account)), *cells] if several else cells))
    console.print(table)

    flagged, flagged_count = _flagged(selected)
    if flagged:
        events = Table(box=box.SIMPLE_HEAD, title="Breached and running events", title_justify="left", pad_edge=False)
        for name in ("account", "sla", "period", "event", "status")[0 if several else 1 :]:
            events.add_column(name)
        for name in ("elapsed", "% of target", "remaining"):
            events.add_column(name, justify="right")
        events.add_column("deadline")
        for row, event in flagged[:MAX_TEXT_EVENTS]:
            percent = number(event.percent)
            deadline = event.deadline.astimezone(row.tz).strftime("%Y-%m-%d %H:%M") if event.deadline else "—"
            events.add_row(
                *([Text(one_line(row.account))] if several else []),  # SLA-1 of which plan
                Text(one_line(row.result.sla.id)),
                row.period.period.label,
                Text(one_line(event.id)),
                f"[{_STYLE[event.status]}]{event.status}[/]",
                _span(event.elapsed),
                f"{percent}%" if percent is not None else "—",
                _span(event.remaining) if event.remaining is not None else "—",
                deadline,
            )
        console.print(events)
        if flagged_count > MAX_TEXT_EVENTS:
            console.print(
                f"... and {flagged_count - MAX_TEXT_EVENTS:,} more breached or running events"
                " (all of them with --format json, or narrow with --period)"
            )

    totals = credit_totals(selected)
    breached = sum(1 for r in selected if r.period.status == "breached")
    money = ", ".join(f"{format_money(total)} {currency}" for currency, total in totals.items()) or "none"
    plural = "s" if breached != 1 else ""
    risky = sum(r.period.count("at_risk") for r in selected)
    risk_note = f"; {risky} event{'s' if risky != 1 else ''} at risk" if risky else ""
    console.print(f"{breached} breached period{plural}{risk_note}; credits: {money}")
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in str(output).splitlines()) + "\n"
