"""The verdicts the SLA engine hands to reports, rules and renderers.

Plain frozen records with exact values (``Decimal`` minutes, ``timedelta``, UTC
instants): formatting (rounding, time zones, units) is the reader's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Literal

from asplan.model.scalars import PeriodLabel
from asplan.sla.credits import Charge

PeriodStatus = Literal["met", "breached", "no_data", "open"]
EventStatus = Literal["met", "breached", "running", "at_risk"]
"""``at_risk`` is a running event past its SLA's ``at_risk`` share of the target (spec §7.3)."""

OPEN_STATUSES: frozenset[str] = frozenset({"running", "at_risk"})
"""Events still running: neither met nor missed yet, so they count in no share."""


@dataclass(frozen=True)
class EventResult:
    """One event timed against one SLA."""

    id: str
    file: str
    line: int
    start: datetime
    period: PeriodLabel
    status: EventStatus
    elapsed: timedelta
    elapsed_minutes: Decimal
    percent: Decimal | None
    remaining: timedelta | None
    deadline: datetime | None


@dataclass(frozen=True)
class PeriodResult:
    """One SLA in one period. ``charge`` is ``None`` while nothing is owed yet (open, no data)."""

    period: PeriodLabel
    status: PeriodStatus
    value: Decimal | None
    charge: Charge | None
    events: tuple[EventResult, ...] = field(default=())

    @property
    def breached_events(self) -> tuple[EventResult, ...]:
        return tuple(e for e in self.events if e.status == "breached")
