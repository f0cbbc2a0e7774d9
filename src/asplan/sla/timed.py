"""SLA (b): a clock over events (tickets), in working time on the SLA's calendar.

Each event the SLA's ``where`` matches is timed from its ``start`` column to its
``stop`` column (or ``now`` while open), minus its pauses, on the SLA calendar; it
belongs to the period of its start in the *account's* time zone (the client's
monthly report, not the calendar's office, decides where a ticket counts).

Per period, without ``objective`` every breached event is a breach (and costs a
credit); with ``objective`` the period breaches when the share of events that met the
target fails it. Events still running count in neither the share's numerator nor its
denominator: they have not met or missed anything yet.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Final

from asplan.model.account import Fee
from asplan.model.scalars import PeriodKind, PeriodLabel
from asplan.model.sla import Sla
from asplan.periods import KIND_OF, is_closed, latest_closed, period_fee, periods_between
from asplan.settings import DEFAULT_SLA_AT_RISK
from asplan.sla.credits import period_credit
from asplan.sla.eventdata import DuplicateIds, FormatMisses, NaiveTimes, WhereValues
from asplan.sla.results import (
    BREACHED,
    BREACHED_OPEN,
    MET,
    EventList,
    EventResult,
    PeriodResult,
    PeriodStatus,
)

_MICROS_PER_MINUTE: Final = Decimal(60_000_000)
DEFAULT_AT_RISK: Final = DEFAULT_SLA_AT_RISK
"""Percent of the target past which a running event is at risk, unless config or the SLA says (spec §7.3)."""
_HUNDRED: Final = Decimal(100)


class SlaDefinitionError(ValueError):
    """A timed SLA that cannot be computed as written (e.g. a target that is not a duration)."""


def needed_columns(slas: Sequence[Sla]) -> dict[str, list[str]]:
    """Column -> ids of the timed SLAs that need it; ``id`` is always needed."""
    needed: dict[str, list[str]] = {"id": []}
    for sla in slas:
        if not sla.timed:
            continue
        for column in (sla.start, sla.stop or "", *sla.where):
            if column:
                needed.setdefault(column, []).append(sla.id)
    return needed


def target_duration(sla: Sla) -> timedelta:
    if sla.target.kind != "duration":
        raise SlaDefinitionError(
            f"{sla.id}: a timed SLA needs a duration target like '<= 30m' or '<= 8h', not {str(sla.target)!r}"
        )
    return timedelta(microseconds=int(sla.target.value * _MICROS_PER_MINUTE))


def minutes(span: timedelta) -> Decimal:
    """A span in minutes, exactly (to the microsecond)."""
    return Decimal(span // timedelta(microseconds=1)) / _MICROS_PER_MINUTE


class _PeriodOf:
    """Local date -> period, cached: 100,000 events fall on a few hundred dates."""

    def __init__(self, kind: PeriodKind, tz: tzinfo) -> None:
        self.kind = kind
        self.tz = tz
        self._cache: dict[date, PeriodLabel] = {}

    def __call__(self, instant: datetime) -> PeriodLabel:
        """The period of ``instant``; ``ValueError`` when it has none (the last days of year 9998)."""
        day = instant.astimezone(self.tz).date()
        period = self._cache.get(day)
        if period is None:
            period = self._cache[day] = PeriodLabel.for_date(self.kind, day)
        return period


@dataclass
class SlaData:
    """What one pass of an SLA over its events noticed about the data (see :mod:`asplan.sla.eventdata`)."""

    where: WhereValues
    duplicates: DuplicateIds = field(default_factory=DuplicateIds)
    naive: NaiveTimes = field(default_factory=NaiveTimes)
    formats: FormatMisses = field(default_factory=FormatMisses)
    at_risk: list[EventResult] = field(default_factory=list)  # in any period, whatever the selection


EARLIEST_START: Final = datetime(1970, 1, 1, tzinfo=UTC)
"""Before any ticketing system: an earlier start is a placeholder (0001-01-01, 1900-01-01), not a ticket."""


def default_periods(sla: Sla, with_events: Collection[PeriodLabel], today: date) -> list[PeriodLabel]:
    """From the first event's period to the latest closed one, plus the current one if it has events."""
    last = latest_closed(KIND_OF[sla.period], today)
    seen = {p for p in with_events if p.start <= today}
    first = min([*seen, last])
    return sorted(set(periods_between(first, last)) | seen)


def timed_periods(
    sla: Sla,
    events: Mapping[PeriodLabel, EventList],
    today: date,
    fee: Fee | None,
    periods: Sequence[PeriodLabel] | None = None,
) -> list[PeriodResult]:
    """One result per period, with its events (``SlaRun.results()``); a period with no events met its commitment."""
    results: list[PeriodResult] = []
    for period in periods if periods is not None else default_periods(sla, events.keys(), today):
        if period.start > today:
            continue
        own = events.get(period)
        counts = own.counts if own is not None else [0] * 5
        met = counts[MET]
        breached = counts[BREACHED] + counts[BREACHED_OPEN]
        decided = met + breached
        share = Decimal(met) * _HUNDRED / decided if decided else None
        if sla.objective is not None:
            breach_values = [share] if share is not None and not sla.objective.is_met(share) else []
        elif own is not None and breached:
            breach_values = own.breached_minutes()
        else:
            breach_values = []
        shown: Sequence[EventResult] = own if own is not None else ()
        if not is_closed(period, today):
            results.append(PeriodResult(period, "open", share, None, shown))
            continue
        fee_amount = period_fee(fee, period.kind) if fee is not None else None
        charge = period_credit(sla.credit, breach_values, fee_amount, fee.currency if fee else None)
        status: PeriodStatus = "breached" if breach_values else "met"
        results.append(PeriodResult(period, status, share, charge, shown))
    return results
