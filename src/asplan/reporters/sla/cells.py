"""The cells ``asplan sla`` and ``asplan sla --set`` share: a period's figure, its credit, a span of working time."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asplan.sla.report import SlaRow


def span(value: timedelta | None) -> str:
    """Working time as hours and minutes (``8h 08m``); days would hide the calendar's hours."""
    if value is None:
        return "—"
    total = int(value.total_seconds() // 60)
    hours, mins = divmod(total, 60)
    return f"{hours}h {mins:02d}m" if hours else f"{mins}m"


def value_cell(row: SlaRow) -> str:
    """The period's figure: ``99.62%``, ``97.5% (39/40 met)`` for timed SLAs, or the measurement."""
    from asplan.sla.report import number

    value = number(row.period.value)
    if value is None:
        return "—"
    if row.result.sla.timed:
        met = row.period.count("met")
        decided = met + row.period.count("breached")
        return f"{value}% ({met}/{decided} met)"
    return f"{value}%" if row.result.sla.target.kind == "percent" else str(value)


def credit_cell(row: SlaRow) -> str:
    """The credit owed for the period, ``—`` when none applies, ``n/a: why`` when it cannot be computed."""
    from asplan.sla.credits import format_money

    charge = row.period.charge
    if charge is None:
        return "—"
    if charge.amount is None:
        return f"n/a: {charge.note}" if charge.note else "n/a"
    return f"{format_money(charge.amount)} {row.currency or ''}".strip()
