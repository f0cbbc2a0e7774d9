"""SLA reporting periods: which period is closed, and what a period's fee is.

Period labels themselves (``2026-10``, ``2026-Q3``, ``2026-W38``, ``2026``) are
:class:`~asplan.model.scalars.PeriodLabel`; this module adds the two questions the SLA
engine asks of them, so that ``asplan check`` (ASP401/ASP402) and ``asplan sla`` agree.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Final

from asplan.model.account import Fee, FeePer
from asplan.model.scalars import PeriodKind, PeriodLabel
from asplan.model.sla import SlaPeriod

KIND_OF: Final[dict[SlaPeriod, PeriodKind]] = {
    SlaPeriod.weekly: "week",
    SlaPeriod.monthly: "month",
    SlaPeriod.quarterly: "quarter",
    SlaPeriod.yearly: "year",
}

# A week is 1/52 of a year whichever way the fee is stated (a monthly fee x 12 / 52), so
# a weekly credit never depends on which month the week falls in; 52 rather than 52.18
# because contracts that price weekly periods count 52 of them a year.
_PER_YEAR: Final[dict[PeriodKind, int]] = {"week": 52, "month": 12, "quarter": 4, "year": 1}


def current_period(kind: PeriodKind, today: date) -> PeriodLabel:
    """The period holding ``today``: still open, its figures are not final."""
    return PeriodLabel.for_date(kind, today)


def latest_closed(kind: PeriodKind, today: date) -> PeriodLabel:
    """The latest period that ended before today (``end`` is exclusive: 2026-10 closes on 11-01)."""
    return current_period(kind, today).previous()


def is_closed(period: PeriodLabel, today: date) -> bool:
    return period.end <= today


def period_fee(fee: Fee, kind: PeriodKind) -> Decimal:
    """The fee for one period, unrounded: a yearly fee / 12 per month, / 4 per quarter, / 52 per week.

    Exact where the division is exact (12 monthly fees make the yearly one); rounding
    to cents happens only when money is printed.
    """
    if fee.per is FeePer.year:
        return fee.amount / _PER_YEAR[kind]
    return fee.amount * 12 / _PER_YEAR[kind]  # a monthly fee: a year's worth, split (a week: x 12 / 52)


def periods_between(first: PeriodLabel, last: PeriodLabel) -> list[PeriodLabel]:
    """Every period from ``first`` to ``last`` inclusive (same kind), oldest first."""
    out: list[PeriodLabel] = []
    period = first
    while period <= last:
        out.append(period)
        period = period.next()
    return out


def overlapping(kind: PeriodKind, selection: PeriodLabel) -> list[PeriodLabel]:
    """The periods of ``kind`` that share at least one day with ``selection``.

    ``--period 2026-10`` on a quarterly SLA picks 2026-Q4; ``--period 2026`` on a
    monthly one picks its twelve months.
    """
    first = PeriodLabel.for_date(kind, selection.start)
    last = PeriodLabel.for_date(kind, date.fromordinal(selection.end.toordinal() - 1))
    return periods_between(first, last)
