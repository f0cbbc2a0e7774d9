"""``asplan sla`` as text: the SLAs table, the breached and running events, the totals line.

Drawn from the same rows as the JSON (:mod:`asplan.sla.report`), so both formats
always say the same thing. Plan and event-file text goes into the tables as rich
``Text``: never read as markup, control characters spelled out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from asplan.reporters.sla.cells import credit_cell, span, value_cell

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from asplan.sla.portfolio import SlaOutcome
    from asplan.sla.report import SlaRow
    from asplan.sla.results import EventResult, EventStatus

MAX_TEXT_EVENTS = 200
"""A terminal table of a quarter-million events helps nobody (and took minutes); JSON has them all."""

STYLE = {
    "met": "green",
    "breached": "bold red",
    "no_data": "yellow",
    "open": "cyan",
    "running": "cyan",
    "at_risk": "bold yellow",
}


def write(outcome: SlaOutcome, out: Callable[[str], object], color: bool) -> None:
    """The report (or, with ``--set``, baseline and what-if side by side) as one text."""
    if outcome.comparison is not None:
        from asplan.reporters.sla.whatif import comparison_text

        out(comparison_text(outcome.comparison, color))
    else:
        out(sla_text(outcome, color))


def sla_text(outcome: SlaOutcome, color: bool) -> str:
    from asplan.reporters.tables import sla_width, table_console, table_text

    selected = outcome.rows
    console = table_console(color, sla_width(color))
    if not selected:
        return "No SLAs in the selected plans and periods.\n"
    several = len({r.account for r in selected}) > 1
    parts: list[Table | str] = [_slas_table(outcome, several)]
    flagged, flagged_count = _flagged(selected)
    if flagged:
        parts.append(_events_table(flagged, several))
        if flagged_count > MAX_TEXT_EVENTS:
            parts.append(
                f"... and {flagged_count - MAX_TEXT_EVENTS:,} more breached or running events"
                " (all of them with --format json, or narrow with --period)"
            )
    parts.append(_totals(selected))
    return table_text(console, parts)


def _cell(text: str) -> Text:
    from rich.text import Text

    from asplan.printable import one_line

    return Text(one_line(text))


def _slas_table(outcome: SlaOutcome, several: bool) -> Table:
    from rich import box
    from rich.table import Table

    title = f"SLAs at {outcome.today.isoformat()}"
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False)
    if several:
        table.add_column("account")
    for name in ("sla", "name", "period", "target"):
        table.add_column(name, justify="left")
    table.add_column("value", justify="right")
    table.add_column("status")
    table.add_column("credit", justify="right")
    for row in outcome.rows:
        status = row.period.status
        cells: list[str | Text] = [
            _cell(row.result.sla.id),
            _cell(row.result.sla.name),
            row.period.period.label,
            row.target,
            value_cell(row),
            f"[{STYLE[status]}]{status}[/]",
            credit_cell(row),
        ]
        table.add_row(*([_cell(row.account), *cells] if several else cells))
    return table


def _events_table(flagged: list[tuple[SlaRow, EventResult]], several: bool) -> Table:
    from rich import box
    from rich.table import Table

    from asplan.sla.report import number

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
            *([_cell(row.account)] if several else []),  # SLA-1 of which plan
            _cell(row.result.sla.id),
            row.period.period.label,
            _cell(event.id),
            f"[{STYLE[event.status]}]{event.status}[/]",
            span(event.elapsed),
            f"{percent}%" if percent is not None else "—",
            span(event.remaining) if event.remaining is not None else "—",
            deadline,
        )
    return events


def _totals(selected: list[SlaRow]) -> str:
    from asplan.sla.credits import format_money
    from asplan.sla.report import credit_totals

    totals = credit_totals(selected)
    breached = sum(1 for r in selected if r.period.status == "breached")
    money = ", ".join(f"{format_money(total)} {currency}" for currency, total in totals.items()) or "none"
    plural = "s" if breached != 1 else ""
    risky = sum(r.period.count("at_risk") for r in selected)
    risk_note = f"; {risky} event{'s' if risky != 1 else ''} at risk" if risky else ""
    return f"{breached} breached period{plural}{risk_note}; credits: {money}"


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
        count += sum(row.period.count(status) for status in wanted)
        if len(shown) >= MAX_TEXT_EVENTS:
            continue
        for event in _matching(row.period.events, wanted):
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
