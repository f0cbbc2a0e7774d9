"""``asplan due`` as text: the agenda table, or with ``--group-by owner`` the digest, a section per owner.

The words for "when" (``in 3 d`` in the table, ``in 3 days`` in the digest and in
Markdown), the status headings and the summary lines are here once; the Markdown
reporter uses them too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from asplan.agenda import DueItem, Status
from asplan.digest import OwnerSection, by_owner, item_text
from asplan.printable import one_line, printable

if TYPE_CHECKING:
    from rich.table import Table

    from asplan.due import DueReport

HEADINGS = {Status.overdue: "Overdue", Status.due_soon: "Due soon", Status.upcoming: "Upcoming"}
_STATUS_STYLE = {"overdue": "bold red", "due_soon": "yellow", "upcoming": ""}
_STATUS_WORDS = {"overdue": "overdue", "due_soon": "due soon", "upcoming": "upcoming"}


def render(report: DueReport, color: bool) -> str:
    from asplan.due import GroupBy

    if report.group_by is GroupBy.owner:
        return owner_text(report.items, report.names, report.today, report.within_days)
    return agenda_text(report.items, report.today, report.within_days, color)


def when(days: int, *, short: bool = False) -> str:
    """``today``, ``in 3 days``, ``1 day ago``; ``short``: ``in 3 d``, ``1 d ago`` (the table's narrow column)."""
    if days == 0:
        return "today"
    count = abs(days)
    unit = "d" if short else f"day{'s' if count != 1 else ''}"
    return f"{count} {unit} ago" if days < 0 else f"in {count} {unit}"


def nothing(day: date, within_days: int) -> str:
    return f"Nothing due by {day.isoformat()} + {within_days} days, and nothing overdue."


def summary(items: Sequence[DueItem], sections: Sequence[OwnerSection], day: date, within_days: int) -> str:
    overdue = sum(1 for i in items if i.status is Status.overdue)
    soon = sum(1 for i in items if i.status is Status.due_soon)
    people = len(sections)
    return (
        f"{len(items)} item{'s' if len(items) != 1 else ''} for {people} owner{'s' if people != 1 else ''}: "
        f"{overdue} overdue, {soon} due soon (today is {day.isoformat()}, showing {within_days} days ahead)."
    )


def agenda_text(items: list[DueItem], day: date, within_days: int, color: bool) -> str:
    """One table row per item, soonest first, and a count of overdue and due-soon items."""
    from asplan.reporters.tables import table_console, table_text, terminal_width

    console = table_console(color, terminal_width(color))
    if not items:
        return table_text(console, [nothing(day, within_days)])
    counts = {status: sum(1 for i in items if i.status.value == status) for status in ("overdue", "due_soon")}
    footer = (
        f"{len(items)} item{'s' if len(items) != 1 else ''}: {counts['overdue']} overdue,"
        f" {counts['due_soon']} due soon (today is {day.isoformat()}, showing {within_days} days ahead)."
    )
    return table_text(console, [_table(items), footer])


def _table(items: list[DueItem]) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header in ("date", "when", "status", "account", "kind", "item", "owner"):
        table.add_column(header, no_wrap=header != "item", overflow="fold")
    for item in items:
        style = _STATUS_STYLE[item.status.value]
        # Plan text goes in as Text: never read as rich markup, control characters spelled out.
        table.add_row(
            item.date.isoformat(),
            when(item.days, short=True),
            _STATUS_WORDS[item.status.value],
            Text(one_line(item.account)),
            item.kind.value,
            Text(one_line(item_text(item))),
            Text(one_line(item.owner or "")),
            style=style or None,
        )
    return table


def owner_text(items: Sequence[DueItem], names: Mapping[str, str], day: date, within_days: int) -> str:
    """A heading per owner, then one aligned line per item under overdue / due soon / upcoming."""
    if not items:
        return nothing(day, within_days) + "\n"
    sections = by_owner(items, names)
    rows = [
        (item.date.isoformat(), when(item.days), item.account, item.kind.value, item_text(item))
        for section in sections
        for _, group in section.groups
        for item in group
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    out: list[str] = []
    for section in sections:
        counts = ", ".join(f"{section.count(status)} {HEADINGS[status].lower()}" for status, _ in section.groups)
        out.append(f"{section.label}: {counts}")
        for status, group in section.groups:
            out.append(f"  {HEADINGS[status].lower()}")
            for item in group:
                cells = (item.date.isoformat(), when(item.days), item.account, item.kind.value)
                line = "    " + "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
                out.append(f"{line}  {one_line(item_text(item))}".rstrip())
        out.append("")
    out.append(summary(items, sections, day, within_days))
    return printable("\n".join(out) + "\n")  # plan titles never send a control character
