"""The verdicts the SLA engine hands to reports, rules and renderers.

Plain frozen records with exact values (``Decimal`` minutes, ``timedelta``, UTC
instants): formatting (rounding, time zones, units) is the reader's business.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Final, Literal, overload

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
    events: Sequence[EventResult] = field(default=())

    @property
    def breached_events(self) -> tuple[EventResult, ...]:
        return tuple(e for e in self.events if e.status == "breached")

    def count(self, status: EventStatus) -> int:
        """How many of the period's events have ``status`` (without building them when they are columns)."""
        if isinstance(self.events, EventList):
            return self.events.count(status)
        return sum(1 for e in self.events if e.status == status)


STATUSES: Final[tuple[EventStatus, ...]] = ("met", "breached", "running", "at_risk", "breached")
"""Event statuses by their code in :class:`EventColumns`; code 4 is an event breached while still open."""
MET, BREACHED, RUNNING, AT_RISK, BREACHED_OPEN = range(5)
NO_DEADLINE: Final = -(2**63)
"""The deadline column's value for "no deadline" (a clock waiting on the client, or none before year 9999)."""

Figures = Callable[[int], tuple[Decimal, Decimal | None, bool]]
"""Elapsed microseconds -> (minutes, percent of the target, met), exactly as :class:`EventResult` holds them."""


class EventColumns:
    """One SLA's timed events, as columns: a million events in tens of megabytes.

    An :class:`EventResult` is a dozen Python objects (about 1 KB each); the ``sla``
    report of a million-row export would hold hundreds of megabytes of them. Here an
    event is its id, its file (an index into ``files``), its line, and three integers
    (its start and deadline in microseconds since the Unix epoch, its elapsed time in
    microseconds), and its status as a code (:data:`STATUSES`). :meth:`result` builds
    the record when a reader asks for one.
    """

    def __init__(self, files: Sequence[str], figures: Figures, needed_us: int) -> None:
        self.files = files
        self.figures = figures
        self.needed_us = needed_us
        self.ids: list[str] = []
        self.file_index = array("H")
        self.lines = array("q")
        self.starts = array("q")
        self.statuses = bytearray()
        self.elapsed = array("q")
        self.deadlines = array("q")
        self.periods = array("H")  # the owner's index of each event's period

    def __len__(self) -> int:
        return len(self.ids)

    def add(
        self, event_id: str, file: int, line: int, start: int, status: int, elapsed: int, deadline: int, period: int
    ) -> None:
        self.periods.append(period)
        self.ids.append(event_id)
        self.file_index.append(file)
        self.lines.append(line)
        self.starts.append(start)
        self.statuses.append(status)
        self.elapsed.append(elapsed)
        self.deadlines.append(deadline)

    def order(self) -> list[int]:
        """Positions by start, then id (two stable sorts, both run in C)."""
        positions = sorted(range(len(self.ids)), key=self.ids.__getitem__)
        positions.sort(key=self.starts.__getitem__)
        return positions

    def result(self, i: int, period: PeriodLabel) -> EventResult:
        from asplan.timecalc.worktable import from_micros

        code = self.statuses[i]
        elapsed_us = self.elapsed[i]
        elapsed_min, percent, _ = self.figures(elapsed_us)
        deadline = self.deadlines[i]
        still_open = code >= RUNNING
        return EventResult(
            id=self.ids[i],
            file=self.files[self.file_index[i]],
            line=self.lines[i],
            start=from_micros(self.starts[i]),
            period=period,
            status=STATUSES[code],
            elapsed=timedelta(microseconds=elapsed_us),
            elapsed_minutes=elapsed_min,
            percent=percent,
            remaining=timedelta(microseconds=max(self.needed_us - elapsed_us, 0)) if still_open else None,
            deadline=from_micros(deadline) if deadline != NO_DEADLINE else None,
        )


class EventList(Sequence[EventResult]):
    """The events of one period, in order, as a sequence of :class:`EventResult` built on demand."""

    def __init__(
        self, columns: EventColumns, positions: Sequence[int], period: PeriodLabel, counts: list[int] | None = None
    ) -> None:
        self.columns = columns
        self.positions = positions
        self.period = period
        if counts is not None:  # counted by whoever grouped the positions (sla/fastgroup.py)
            self.counts = counts
            return
        self.counts = [0] * len(STATUSES)
        statuses = columns.statuses
        for i in positions:
            self.counts[statuses[i]] += 1

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, index: int) -> EventResult: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[EventResult]: ...

    def __getitem__(self, index: int | slice) -> EventResult | Sequence[EventResult]:
        if isinstance(index, slice):
            return [self.columns.result(i, self.period) for i in self.positions[index]]
        return self.columns.result(self.positions[index], self.period)

    def __iter__(self) -> Iterator[EventResult]:
        result, period = self.columns.result, self.period
        for i in self.positions:
            yield result(i, period)

    def breached_minutes(self) -> list[Decimal]:
        """Elapsed minutes of the breached events, in order."""
        columns = self.columns
        statuses, elapsed, figures = columns.statuses, columns.elapsed, columns.figures
        return [figures(elapsed[i])[0] for i in self.positions if statuses[i] in (BREACHED, BREACHED_OPEN)]

    def count(self, status: object) -> int:
        """How many events have ``status`` (a status name), without building them."""
        return sum(n for code, n in enumerate(self.counts) if STATUSES[code] == status)
