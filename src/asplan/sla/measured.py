"""SLA (a): an indicator measured once per period, compared with its target.

A closed period with no measurement is ``no_data``, not ``met``: a missing figure
is exactly how a bad month goes unnoticed (ASP402). The period holding today is
``open``: whatever was measured so far is not final, and nothing is owed for it yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from asplan.model.account import Fee
from asplan.model.scalars import PeriodLabel
from asplan.model.sla import Sla
from asplan.periods import KIND_OF, is_closed, latest_closed, period_fee, periods_between
from asplan.sla.credits import period_credit
from asplan.sla.results import PeriodResult


def default_periods(sla: Sla, today: date) -> list[PeriodLabel]:
    """From the first measured period to the latest closed one, plus any other period measured."""
    kind = KIND_OF[sla.period]
    last = latest_closed(kind, today)
    own = [m.period for m in sla.measurements if m.period.kind == kind]
    first = min([*own, last])
    periods = set(periods_between(first, last))
    periods.update(m.period for m in sla.measurements if m.period.start <= today)
    return sorted(periods)


def measured_periods(
    sla: Sla, today: date, fee: Fee | None, periods: Sequence[PeriodLabel] | None = None
) -> list[PeriodResult]:
    """One result per period (``periods``, else :func:`default_periods`), oldest first.

    A period measured twice uses its last measurement: the file is edited by appending.
    """
    values: dict[PeriodLabel, Decimal] = {m.period: m.value for m in sla.measurements}
    results: list[PeriodResult] = []
    for period in periods if periods is not None else default_periods(sla, today):
        if period.start > today:
            continue
        value = values.get(period)
        if not is_closed(period, today):
            results.append(PeriodResult(period, "open", value, None))
        elif value is None:
            results.append(PeriodResult(period, "no_data", None, None))
        else:
            breached = not sla.target.is_met(value)
            fee_amount = period_fee(fee, period.kind) if fee is not None else None
            charge = period_credit(sla.credit, [value] if breached else [], fee_amount, fee.currency if fee else None)
            results.append(PeriodResult(period, "breached" if breached else "met", value, charge))
    return results
