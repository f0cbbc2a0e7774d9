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

**Bounded work.** An event may span years (a stop of 9999-12-30 is how some exports
say "never"), and spec §6 wants every event computed in well under a millisecond.
Day by day, 8,000 years of a Mon-Fri calendar with public holidays took minutes, so
long spans are summed arithmetically instead:

* a run of whole local days is its weekdays' opening hours (whole weeks at once),
  corrected on the few *special* days where the real total differs: holidays, and
  the days on which the clocks change (found by sampling the zone's offset);
* whole years are cached once computed; and beyond the years that have public
  holidays or may still have irregular time-zone transitions (from 2200 on, or
  later if the holidays package knows later years), a year's total depends only on
  its first weekday and whether it is a leap year, so the 400-year Gregorian cycle
  sums any run of them in constant time.

The result is the same, to the microsecond, as summing day by day
(``tests/test_worktime_properties.py`` compares the two on random spans).
"""

from __future__ import annotations

import bisect
import calendar as _gregorian
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from asplan.timecalc.opening import Interval as Interval
from asplan.timecalc.opening import OpeningCalendar as OpeningCalendar
from asplan.timecalc.opening import merge_intervals as merge_intervals
from asplan.timecalc.opening import to_utc as to_utc

ZERO: Final = timedelta(0)
_ONE_DAY: Final = timedelta(days=1)
_SAMPLE_EVERY: Final = timedelta(days=3)  # how often the zone's offset is looked at, for clock changes
_SHORT_SPAN_DAYS: Final = 7  # spans up to a week are summed day by day (the usual ticket)
_REGULAR_FROM: Final = 2200  # no zone has transitions listed in tzdata after this year (Casablanca's end 2087)
_CYCLE_YEARS: Final = 400  # the Gregorian calendar repeats every 400 years, to the weekday
LAST_INSTANT: Final = datetime(9999, 1, 1, tzinfo=UTC)
"""How far working time and deadlines are computed: the last year has no next day to end on."""


class WorkClock:
    """Working time on one calendar, caching each local day's opening ranges in UTC.

    One clock per calendar per run: 100,000 tickets touch a few hundred distinct days,
    and each day's ranges are asked of the calendar (holiday lookup, time-zone
    conversion) only once; long spans use the per-year sums described above.
    """

    def __init__(self, calendar: OpeningCalendar) -> None:
        self.calendar = calendar
        self.tz = calendar.tz
        self.always_open = calendar.always_open
        self.never_open = not self.always_open and not any(calendar.weekly.get(d) for d in range(7))
        self._ranges: dict[date, tuple[Interval, ...]] = {}
        self._totals: dict[date, timedelta] = {}
        self._wall = [
            timedelta(minutes=sum(end - start for start, end in calendar.weekly.get(d, []))) for d in range(7)
        ]
        self._week_wall = sum(self._wall, ZERO)
        self._explicit = sorted(calendar.holidays)
        self._specials: dict[int, tuple[list[date], list[timedelta]]] = {}
        self._year_totals: dict[int, timedelta] = {}
        self._regular_from = max(_REGULAR_FROM, calendar.last_public_holiday_year() + 1)
        self._kinds: dict[tuple[int, bool], list[tuple[int, timedelta]]] = {}
        self._kinds_days: dict[tuple[int, bool], list[int]] = {}
        self._cycle: list[timedelta] | None = None
        self._prefix_from = self._regular_from  # running totals of the irregular years from here on
        self._prefix: list[timedelta] = [ZERO]
        self._prepared = False
        self._irregular_days: dict[int, frozenset[date]] = {}

    # --------------------------------------------------------------------- one day

    def day_ranges(self, day: date) -> tuple[Interval, ...]:
        """The local day's opening ranges as UTC intervals (empty when closed)."""
        ranges = self._ranges.get(day)
        if ranges is None:
            if self.always_open or day in self._irregular(day.year):
                ranges = tuple((to_utc(a), to_utc(b)) for a, b in self.calendar.opening_ranges(day) if b > a)
            else:
                # No holiday and no clock change: the weekday's hours, at that day's one offset.
                offset = self._offset(day) or ZERO
                base = (datetime.combine(day, time()) - offset).replace(tzinfo=UTC)
                ranges = tuple(
                    (base + timedelta(minutes=start), base + timedelta(minutes=end))
                    for start, end in self.calendar.weekly.get(day.weekday(), ())
                    if end > start
                )
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

    # ----------------------------------------------------------------- working time

    def working_time(self, start: datetime, end: datetime) -> timedelta:
        """Working time in ``[start, end)``; zero when ``end`` is not after ``start``."""
        start, end = to_utc(start), to_utc(end)
        if end <= start:
            return ZERO
        if self.always_open:
            return end - start
        if self.never_open:
            return ZERO
        end = min(end, LAST_INSTANT)
        if end <= start:
            return ZERO
        first, last = self._local_day(start), self._local_day(end)
        if (last - first).days <= _SHORT_SPAN_DAYS:
            total = ZERO
            day = first
            while day <= last:
                if first < day < last:
                    total += self.day_total(day)
                else:
                    total += self._clipped(day, start, end)
                day += _ONE_DAY
            return total
        return self._clipped(first, start, end) + self._days(first + _ONE_DAY, last) + self._clipped(last, start, end)

    def _clipped(self, day: date, start: datetime, end: datetime) -> timedelta:
        total = ZERO
        for a, b in self.day_ranges(day):
            lo = a if a > start else start
            hi = b if b < end else end
            if hi > lo:
                total += hi - lo
        return total

    def _days(self, a: date, b: date) -> timedelta:
        """Working time of the whole local days ``[a, b)``."""
        if b <= a:
            return ZERO
        if a.year == b.year:
            return self._part_of_year(a, b)
        total = self._part_of_year(a, date(a.year + 1, 1, 1))
        total += self._years(a.year + 1, b.year)
        return total + self._part_of_year(date(b.year, 1, 1), b)

    def _wall_days(self, a: date, b: date) -> timedelta:
        """The weekly hours of the days ``[a, b)``, as written (no holiday, no clock change)."""
        weeks, rest = divmod((b - a).days, 7)
        total = self._week_wall * weeks
        weekday = a.weekday()
        for i in range(rest):
            total += self._wall[(weekday + i) % 7]
        return total

    def _part_of_year(self, a: date, b: date) -> timedelta:
        """Days ``[a, b)`` of one year (``b`` may be the next 1 January)."""
        if b <= a:
            return ZERO
        days, corrections = self._year_specials(a.year)
        lo, hi = bisect.bisect_left(days, a), bisect.bisect_left(days, b)
        return self._wall_days(a, b) + sum(corrections[lo:hi], ZERO)

    def _irregular(self, year: int) -> frozenset[date]:
        """The days of ``year`` that are not just their weekday's hours: holidays and clock changes."""
        found = self._irregular_days.get(year)
        if found is None:
            days = {d for d in self._explicit if d.year == year}
            if year >= self._regular_from:
                # The clock changes of a regular year fall where they fall in any year of its kind.
                first = date(year, 1, 1)
                days.update(first + timedelta(days=offset) for offset in self._kind_changes(_kind(year)))
            else:
                if not self._prepared:
                    self._prepared = True
                    self.calendar.prepare_years(min(year, 1970), self._regular_from - 1)
                days |= self.calendar.public_holidays_in(year)
                days |= self._clock_change_days(year)
            found = self._irregular_days[year] = frozenset(days)
        return found

    def _year_specials(self, year: int) -> tuple[list[date], list[timedelta]]:
        """The days of ``year`` whose real total is not their weekday's hours, and by how much."""
        cached = self._specials.get(year)
        if cached is None:
            if year >= self._regular_from:  # from its kind, computed once; only its own holidays are new
                first = date(year, 1, 1)
                kind = self._kind_specials(_kind(year))
                corrections = {first + timedelta(days=offset): difference for offset, difference in kind}
                for day in self._explicit:
                    if day.year == year:
                        corrections[day] = self.day_total(day) - self._wall[day.weekday()]
            else:
                corrections = {day: self.day_total(day) - self._wall[day.weekday()] for day in self._irregular(year)}
            days = sorted(d for d, difference in corrections.items() if difference)
            cached = self._specials[year] = (days, [corrections[d] for d in days])
        return cached

    def _kind_changes(self, kind: tuple[int, bool]) -> list[int]:
        """The days (of the year, from 0) on which the clocks change in a regular year of ``kind``."""
        found = self._kinds_days.get(kind)
        if found is None:
            year = next(y for y in range(self._regular_from, self._regular_from + _CYCLE_YEARS) if _kind(y) == kind)
            first = date(year, 1, 1)
            found = self._kinds_days[kind] = sorted((d - first).days for d in self._clock_change_days(year))
        return found

    def _kind_specials(self, kind: tuple[int, bool]) -> list[tuple[int, timedelta]]:
        """Clock-change corrections of a regular year of ``kind``, by day of the year (explicit holidays apart)."""
        found = self._kinds.get(kind)
        if found is None:
            year = next(y for y in range(self._regular_from, self._regular_from + _CYCLE_YEARS) if _kind(y) == kind)
            first = date(year, 1, 1)
            found = []
            for offset in self._kind_changes(kind):
                day = first + timedelta(days=offset)
                difference = self._weekday_total(day) - self._wall[day.weekday()]
                if difference:
                    found.append((offset, difference))
            self._kinds[kind] = found
        return found

    def _clock_change_days(self, year: int) -> set[date]:
        """Days of ``year`` on which the zone's UTC offset changes, by samples of local midnight every 3 days.

        Both days around a change are taken: a change exactly at midnight shortens the
        day that starts there. Two changes less than 3 days apart that cancel out would
        be missed; since 1970 the zone database's closest pair is almost 7 days apart
        (Brazil in October 2000; tests/test_worktime_extremes.py checks the installed one).
        """
        found: set[date] = set()
        day = date(year, 1, 1) - _ONE_DAY if year > 1 else date(1, 1, 1)
        stop = date(year + 1, 1, 1) if year < 9999 else date(9999, 12, 31)  # a change at the next midnight too
        offset = self._offset(day)
        while day < stop:
            following = min(day + _SAMPLE_EVERY, stop)
            next_offset = self._offset(following)
            if next_offset != offset:
                lo, hi = day, following  # the offset at lo's midnight differs from hi's
                while (hi - lo).days > 1:
                    middle = lo + timedelta(days=(hi - lo).days // 2)
                    if self._offset(middle) == offset:
                        lo = middle
                    else:
                        hi = middle
                found.update((lo, hi))
                # the rest of the week may hold a second change: look at it from hi on
                following = hi
                next_offset = self._offset(hi)
            day, offset = following, next_offset
        return {d for d in found if d.year == year}

    def _offset(self, day: date) -> timedelta | None:
        return datetime.combine(day, time(), tzinfo=self.tz).utcoffset()

    def _year_total(self, year: int) -> timedelta:
        total = self._year_totals.get(year)
        if total is None:
            total = self._part_of_year(date(year, 1, 1), date(year + 1, 1, 1))
            self._year_totals[year] = total
        return total

    def _years(self, first: int, stop: int) -> timedelta:
        """Working time of the whole years ``[first, stop)``."""
        total = ZERO
        regular = self._regular_from
        irregular = range(first, min(stop, regular))
        if len(irregular) <= 8:
            for year in irregular:
                total += self._year_total(year)
        else:
            total += self._irregular_sum(irregular.start, irregular.stop)
        if stop > regular:
            low = max(first, regular)
            total += self._regular_sum(stop) - self._regular_sum(low)
            for day in self._explicit:  # the cycle counts years without their own holidays
                if low <= day.year < stop:
                    total -= self._weekday_total(day)
        return total

    def _irregular_sum(self, first: int, stop: int) -> timedelta:
        """Whole years before the regular ones, from running totals kept from the earliest year asked."""
        if first < self._prefix_from:
            totals = [self._year_total(y) for y in range(first, self._prefix_from)]
            running = [ZERO]
            for total in totals:
                running.append(running[-1] + total)
            shift = running[-1]
            self._prefix = running + [shift + t for t in self._prefix[1:]]
            self._prefix_from = first
        while self._prefix_from + len(self._prefix) - 1 < stop:
            self._prefix.append(self._prefix[-1] + self._year_total(self._prefix_from + len(self._prefix) - 1))
        return self._prefix[stop - self._prefix_from] - self._prefix[first - self._prefix_from]

    def _regular_sum(self, year: int) -> timedelta:
        """Working time from the first regular year to ``year`` (exclusive), explicit holidays left out."""
        cycle = self._cycle
        if cycle is None:
            running = [ZERO]
            for offset in range(_CYCLE_YEARS):
                running.append(running[-1] + self._kind_total(self._regular_from + offset))
            cycle = self._cycle = running
        whole, rest = divmod(year - self._regular_from, _CYCLE_YEARS)
        return cycle[-1] * whole + cycle[rest]

    def _kind_total(self, year: int) -> timedelta:
        """A regular year's total without its explicit holidays: its weekdays' hours and clock changes."""
        wall = self._wall_days(date(year, 1, 1), date(year + 1, 1, 1))
        return wall + sum((difference for _, difference in self._kind_specials(_kind(year))), ZERO)

    def _weekday_total(self, day: date) -> timedelta:
        """What ``day`` would count were it not an explicit holiday (a public one still counts nothing)."""
        if day in self.calendar.public_holidays_in(day.year):
            return ZERO
        return sum((to_utc(b) - to_utc(a) for a, b in self.calendar.weekday_ranges(day) if b > a), ZERO)

    # ------------------------------------------------------------------ SLA clocks

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
        pause"). ``None`` when that instant would not be before :data:`LAST_INSTANT`,
        or the calendar never opens.
        """
        start = to_utc(start)
        if needed <= ZERO:
            return start
        if self.never_open or start >= LAST_INSTANT:
            return None
        holes = [(a, b) for a, b in merge_intervals(pauses) if b > start]
        remaining = needed
        cursor = start
        for hole_start, hole_end in [*holes, (LAST_INSTANT, LAST_INSTANT)]:
            if hole_start > cursor:
                reached, used = self._advance(cursor, remaining, min(hole_start, LAST_INSTANT))
                if reached is not None:
                    return reached
                remaining -= used
            cursor = max(cursor, hole_end)
            if cursor >= LAST_INSTANT:
                return None
        return None

    def _advance(self, lo: datetime, needed: timedelta, hi: datetime) -> tuple[datetime | None, timedelta]:
        """Walk working time forward from ``lo``: the instant it reaches ``needed`` before ``hi``, or
        ``None`` and the working time of ``[lo, hi)``.

        The usual deadline is hours or days away: those days are walked one by one. A
        longer one is found by doubling the number of whole days, then halving, each
        step an arithmetic :meth:`working_time`.
        """
        if self.always_open:
            span = hi - lo
            return (lo + needed, needed) if span >= needed else (None, span)
        day, last = self._local_day(lo), self._local_day(hi)
        used = ZERO
        for _ in range(_SHORT_SPAN_DAYS):
            found = self._within_day(day, lo, hi, needed - used)
            if isinstance(found, datetime):
                return found, needed
            used += found
            if day >= last:
                return None, used
            day += _ONE_DAY
        base = self._day_start(day)
        used = self.working_time(lo, base)
        rest = needed - used
        available = self.working_time(base, hi)
        if available < rest:
            return None, used + available
        # The smallest whole number of days from ``day`` whose working time reaches ``rest``.
        days_left = (last - day).days + 1
        step = 1
        while step < days_left and self.working_time(base, self._day_start(day + timedelta(days=step))) < rest:
            step *= 2
        low, high = step // 2, min(step, days_left)
        while high - low > 1:
            middle = (low + high) // 2
            if self.working_time(base, self._day_start(day + timedelta(days=middle))) < rest:
                low = middle
            else:
                high = middle
        day += timedelta(days=low)
        rest = needed - self.working_time(lo, max(lo, self._day_start(day)))
        for _ in range(3):  # on that day, or the next if a day starts inside a clock change
            found = self._within_day(day, lo, hi, rest)
            if isinstance(found, datetime):
                return found, needed
            rest -= found
            if day >= last:
                break
            day += _ONE_DAY
        return None, needed - rest

    def _within_day(self, day: date, lo: datetime, hi: datetime, needed: timedelta) -> datetime | timedelta:
        """The instant ``needed`` working time into ``day`` (clipped to ``[lo, hi)``), else the day's working time."""
        used = ZERO
        for a, b in self.day_ranges(day):
            start = a if a > lo else lo
            end = b if b < hi else hi
            if end <= start:
                continue
            span = end - start
            if used + span >= needed:
                return start + (needed - used)
            used += span
        return used

    def _day_start(self, day: date) -> datetime:
        """The UTC instant the local day starts (at most :data:`LAST_INSTANT`)."""
        try:
            return min(datetime.combine(day, time(), tzinfo=self.tz).astimezone(UTC), LAST_INSTANT)
        except (OverflowError, ValueError):
            return LAST_INSTANT


def _kind(year: int) -> tuple[int, bool]:
    """What a year's calendar is, as far as weekly hours go: its first weekday, and whether it is leap."""
    return date(year, 1, 1).weekday(), _gregorian.isleap(year)


def working_time(calendar: OpeningCalendar, start: datetime, end: datetime) -> timedelta:
    """Working time in ``[start, end)`` on ``calendar`` (see :class:`WorkClock` to reuse caches)."""
    return WorkClock(calendar).working_time(start, end)


def elapsed(calendar: OpeningCalendar, start: datetime, stop: datetime, pauses: Sequence[Interval] = ()) -> timedelta:
    return WorkClock(calendar).elapsed(start, stop, pauses)


def deadline(
    calendar: OpeningCalendar, start: datetime, minutes_needed: float | int, pauses: Sequence[Interval] = ()
) -> datetime | None:
    """When a clock started at ``start`` reaches ``minutes_needed`` working minutes."""
    return WorkClock(calendar).deadline(start, timedelta(minutes=minutes_needed), pauses)
