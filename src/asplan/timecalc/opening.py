"""What working time is computed from: a calendar's opening ranges, and UTC intervals.

The vocabulary :mod:`asplan.timecalc.worktime` and its callers share (the calendar
protocol a :class:`~asplan.timecalc.worktime.WorkClock` needs, intervals as pairs of
aware instants, pauses merged before they are subtracted), apart from the clock's
arithmetic so that each module stays one concern. ``worktime`` re-exports all of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo
from typing import Protocol

Interval = tuple[datetime, datetime]


class OpeningCalendar(Protocol):
    """What working time needs of a calendar (``timecalc.calendars.WorkCalendar`` is one)."""

    @property
    def tz(self) -> tzinfo: ...

    @property
    def always_open(self) -> bool: ...

    @property
    def weekly(self) -> dict[int, list[tuple[int, int]]]: ...

    @property
    def holidays(self) -> frozenset[date]: ...

    def opening_ranges(self, day: date) -> list[tuple[datetime, datetime]]: ...

    def weekday_ranges(self, day: date) -> list[tuple[datetime, datetime]]: ...

    def public_holidays_in(self, year: int) -> frozenset[date]: ...

    def prepare_years(self, first: int, last: int) -> None: ...

    def last_public_holiday_year(self) -> int: ...


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
