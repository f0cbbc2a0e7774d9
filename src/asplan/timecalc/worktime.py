"""Working time between real instants on a working-time calendar.

Business-time arithmetic is where SLA tools have had their worst bugs: a clock that
counts the hour that does not exist on the spring-forward night, or counts the
repeated hour twice, or skips a holiday by a day because it was computed in UTC. So
everything here works on *real instants*: the calendar turns each local day into
tz-aware opening ranges (its job, DST included), they are converted to UTC once and
cached, and from then on working time is only sums of overlaps of UTC intervals.
A 24x7 calendar is plain elapsed real time, which is what "24x7" promises across DST.

Python subtracts two aware datetimes that share a ``tzinfo`` as *wall-clock* times;
converting every input to UTC first is what keeps 01:30 -> 03:30 on a spring-forward
night at one hour.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Final, Protocol

Interval = tuple[datetime, datetime]

ZERO: Final = timedelta(0)
_ONE_DAY: Final = timedelta(days=1)
# How far a deadline is searched for: a calendar with no opening at all (or ten years
# of holidays) has no deadline, and saying so beats looping forever.
_DEADLINE_HORIZON_DAYS: Final = 3660


class OpeningCalendar(Protocol):
    """What working time needs of a calendar (``timecalc.calendars.WorkCalendar`` is one)."""

    @property
    def tz(self) -> tzinfo: ...

    @property
    def always_open(self) -> bool: ...

    @property
    def weekly(self) -> dict[int, list[tuple[int, int]]]: ...

    def opening_ranges(self, day: date) -> list[tuple[datetime, datetime]]: ...


def to_utc(instant: datetime) -> datetime:
    """An aware instant in UTC; a naive one is a programming error, never guessed at."""
    if instant.tzinfo is UTC:
        return instant
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"naive datetime {instant.isoformat()}: working time needs real instants")
    return instant.astimezone(UTC)


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping UTC intervals; empty or reversed ones are dropped.

    Touching intervals merge too, so a pause 10:00-11:00 and one 11:00-12:00 are one.
    """
    cleaned = sorted((to_utc(a), to_utc(b)) for a, b in intervals)
    merged: list[Interval] = []
    for start, end in cleaned:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


class WorkClock:
    """Working time on one calendar, caching each local day's opening ranges in UTC.

    One clock per calendar per run: 100,000 tickets touch a few hundred distinct days,
    and each day's ranges are asked of the calendar (holiday lookup, time-zone
    conversion) only once.
    """

    def __init__(self, calendar: OpeningCalendar) -> None:
        self.calendar = calendar
        self.tz = calendar.tz
        self.always_open = calendar.always_open
        self.never_open = not self.always_open and not any(calendar.weekly.get(d) for d in range(7))
        self._ranges: dict[date, tuple[Interval, ...]] = {}
        self._totals: dict[date, timedelta] = {}

    def day_ranges(self, day: date) -> tuple[Interval, ...]:
        """The local day's opening ranges as UTC intervals (empty when closed)."""
        ranges = self._ranges.get(day)
        if ranges is None:
            ranges = tuple((to_utc(a), to_utc(b)) for a, b in self.calendar.opening_ranges(day) if b > a)
            self._ranges[day] = ranges
            self._totals[day] = sum((b - a for a, b in ranges), ZERO)
        return ranges

    def day_total(self, day: date) -> timedelta:
        total = self._totals.get(day)
        if total is None:
            self.day_ranges(day)
            total = self._totals[day]
        return total

    def _local_day(self, instant: datetime) -> date:
        return instant.astimezone(self.tz).date()

    def working_time(self, start: datetime, end: datetime) -> timedelta:
        """Working time in ``[start, end)``; zero when ``end`` is not after ``start``."""
        start, end = to_utc(start), to_utc(end)
        if end <= start:
            return ZERO
        if self.always_open:
            return end - start
        if self.never_open:
            return ZERO
        first, last = self._local_day(start), self._local_day(end)
        total = ZERO
        day = first
        while day <= last:
            if first < day < last:
                total += self.day_total(day)
            else:
                for a, b in self.day_ranges(day):
                    lo = a if a > start else start
                    hi = b if b < end else end
                    if hi > lo:
                        total += hi - lo
            day += _ONE_DAY
        return total

    def elapsed(self, start: datetime, stop: datetime, pauses: Sequence[Interval] = ()) -> timedelta:
        """Working time from ``start`` to ``stop`` minus the working time inside the pauses.

        Pauses are merged and clipped first, so overlapping pauses or a pause outside
        working hours never count twice, and the result is never negative.
        """
        start, stop = to_utc(start), to_utc(stop)
        total = self.working_time(start, stop)
        for p_start, p_end in merge_intervals(pauses):
            lo = p_start if p_start > start else start
            hi = p_end if p_end < stop else stop
            if hi > lo:
                total -= self.working_time(lo, hi)
        return total if total > ZERO else ZERO

    def deadline(self, start: datetime, needed: timedelta, pauses: Sequence[Interval] = ()) -> datetime | None:
        """The instant at which working time since ``start``, minus pauses, reaches ``needed``.

        Pauses after the last known one are assumed not to happen ("no further
        pause"). ``None`` when the calendar never opens within ten years.
        """
        start = to_utc(start)
        if needed <= ZERO:
            return start
        merged = [(a, b) for a, b in merge_intervals(pauses) if b > start]
        remaining = needed
        if self.always_open:
            cursor = start
            for p_start, p_end in merged:
                if p_start > cursor:
                    gap = p_start - cursor
                    if gap >= remaining:
                        return cursor + remaining
                    remaining -= gap
                cursor = max(cursor, p_end)
            return cursor + remaining
        if self.never_open:
            return None
        day = self._local_day(start)
        for _ in range(_DEADLINE_HORIZON_DAYS):
            for a, b in self.day_ranges(day):
                if b <= start:
                    continue
                for lo, hi in _subtract(a if a > start else start, b, merged):
                    span = hi - lo
                    if span >= remaining:
                        return lo + remaining
                    remaining -= span
            day += _ONE_DAY
        return None


def _subtract(lo: datetime, hi: datetime, holes: Sequence[Interval]) -> list[Interval]:
    """``[lo, hi)`` minus sorted, merged ``holes``."""
    pieces: list[Interval] = []
    cursor = lo
    for h_start, h_end in holes:
        if h_end <= cursor:
            continue
        if h_start >= hi:
            break
        if h_start > cursor:
            pieces.append((cursor, h_start))
        cursor = max(cursor, h_end)
        if cursor >= hi:
            break
    if cursor < hi:
        pieces.append((cursor, hi))
    return pieces


def working_time(calendar: OpeningCalendar, start: datetime, end: datetime) -> timedelta:
    """Working time in ``[start, end)`` on ``calendar`` (see :class:`WorkClock` to reuse caches)."""
    return WorkClock(calendar).working_time(start, end)


def working_minutes(calendar: OpeningCalendar, start: datetime, end: datetime) -> float:
    return working_time(calendar, start, end) / timedelta(minutes=1)


def elapsed(calendar: OpeningCalendar, start: datetime, stop: datetime, pauses: Sequence[Interval] = ()) -> timedelta:
    return WorkClock(calendar).elapsed(start, stop, pauses)


def deadline(
    calendar: OpeningCalendar, start: datetime, minutes_needed: float | int, pauses: Sequence[Interval] = ()
) -> datetime | None:
    """When a clock started at ``start`` reaches ``minutes_needed`` working minutes."""
    return WorkClock(calendar).deadline(start, timedelta(minutes=minutes_needed), pauses)
