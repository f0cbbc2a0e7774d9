"""Working time as a table lookup: cumulative opening time at every opening and closing instant.

A million tickets on one calendar ask the same question a million times: how much
working time lies between two instants a few hours or days apart. :class:`WorkClock`
answers it by walking local days, a few microseconds each; here the calendar's
opening ranges of whole local years are laid out once, as integer microseconds since
the Unix epoch (UTC), alternately the instant a range opens and the instant it
closes, with the working time accumulated up to each. Working time up to any instant
is then one binary search and one subtraction, whatever the span, and a deadline
(the instant the accumulated time reaches a value) is one binary search the other
way.

The ranges are the clock's own (:meth:`WorkClock.day_ranges`: holidays, lunch breaks
and clock changes included), so the table answers exactly what the clock answers, to
the microsecond (``tests/test_worktable_properties.py`` compares them). Instants
outside the years laid out (a ticket from 1990 among 2026's, a stop in 9999) are the
caller's to send to the clock, whose long spans are arithmetic anyway.
"""

from __future__ import annotations

import bisect
from datetime import UTC, date, datetime, timedelta
from typing import Final

from asplan.timecalc.worktime import WorkClock

EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND: Final = timedelta(microseconds=1)
FIRST_YEAR: Final = 1970
"""No table before this year: earlier instants are rare (and refused as ticket starts)."""
LAST_YEAR: Final = 2199
"""No table after this year: tzdata lists no transition beyond it, and the clock's long spans are arithmetic."""
MAX_YEARS: Final = 40
"""A table spans at most this many years (about 20,000 ranges on an office calendar)."""


def to_micros(instant: datetime) -> int:
    """An aware instant as integer microseconds since the Unix epoch."""
    return (instant - EPOCH) // MICROSECOND


def from_micros(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=micros)


class WorkTable:
    """Cumulative working time of a calendar over whole local years, laid out on demand.

    ``bounds`` alternates opening and closing instants (microseconds, non-decreasing);
    ``cumulative[i]`` is the working time from the table's first instant up to
    ``bounds[i]``. :meth:`covers` says whether an instant can be answered here.
    """

    def __init__(self, clock: WorkClock) -> None:
        self.clock = clock
        self.first_year = 0
        self.last_year = -1
        self.low = 0  # the first instant answered (the first local midnight of first_year)
        self.high = -1  # the last instant answered is high - 1 (the local midnight after last_year)
        self.bounds: list[int] = []
        self.cumulative: list[int] = []
        self.usable = not clock.always_open and not clock.never_open

    def covers(self, micros: int) -> bool:
        return self.low <= micros < self.high

    def extend_to(self, micros: int) -> bool:
        """Lay out the years up to the one holding ``micros``; False when that would leave the bounds."""
        if not self.usable:
            return False
        year = from_micros(micros).year  # the UTC year; a local year is at most a day off
        first = min(self.first_year, year - 1) if self.last_year >= self.first_year else year - 1
        last = max(self.last_year, year + 1)
        if first < FIRST_YEAR or last > LAST_YEAR or last - first + 1 > MAX_YEARS:
            return False
        self._build(first, last)
        return self.covers(micros)

    def _build(self, first: int, last: int) -> None:
        clock = self.clock
        bounds: list[int] = []
        day = date(first, 1, 1)
        stop = date(last + 1, 1, 1)
        one_day = timedelta(days=1)
        while day < stop:
            for a, b in clock.day_ranges(day):
                bounds.append(to_micros(a))
                bounds.append(to_micros(b))
            day += one_day
        if any(bounds[i] > bounds[i + 1] for i in range(len(bounds) - 1)):
            self.usable = False  # ranges that overlap or run backwards: leave every instant to the clock
            return
        cumulative = [0] * len(bounds)
        total = 0
        for i in range(0, len(bounds), 2):
            cumulative[i] = total
            total += bounds[i + 1] - bounds[i]
            cumulative[i + 1] = total
        self.bounds, self.cumulative = bounds, cumulative
        self.first_year, self.last_year = first, last
        self.low = to_micros(clock._day_start(date(first, 1, 1)))
        self.high = to_micros(clock._day_start(stop))

    def at(self, micros: int) -> int:
        """Working time from the table's start to ``micros`` (which it must cover)."""
        i = bisect.bisect_right(self.bounds, micros)
        if i & 1:
            return self.cumulative[i - 1] + micros - self.bounds[i - 1]
        return self.cumulative[i - 1] if i else 0

    def reach(self, value: int) -> int | None:
        """The first instant at which :meth:`at` reaches ``value`` (> 0), or None beyond the table."""
        cumulative = self.cumulative
        j = bisect.bisect_left(cumulative, value)
        if j >= len(cumulative):
            return None
        # cumulative[j] >= value > cumulative[j - 1]: j is a closing instant (an opening one
        # repeats the closing value before it), and value is reached inside that range.
        return self.bounds[j] - (cumulative[j] - value)
