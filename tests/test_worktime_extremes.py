"""Working time at the edges of the calendar: any dates, bounded work, the same figures as day by day.

Spec §6: "No single event may cost more than 1 ms whatever its dates (an event
spanning 8,000 years is bounded work, not a 3-minute loop)". Day by day, one row
``T1,2026-10-01T09:00,9999-12-30T10:00`` on a Mon-Fri calendar with public holidays
took 162 s and 1 GB. Long spans are now summed by weeks and years; these tests feed
the clock extreme instants and check that it never raises, that its laws hold, that
it agrees with the obvious day-by-day sum across the years where the arithmetic
changes (public holidays, clock changes, the regular years from 2200), and that the
work per event stays small.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from asplan.timecalc.calendars import WorkCalendar, builtin_24x7
from asplan.timecalc.worktime import LAST_INSTANT, WorkClock
from helpers import examples

H = 60
OFFICE = {d: [(9 * H, 14 * H), (15 * H, 18 * H)] for d in range(5)} | {5: [(10 * H, 13 * H)], 6: []}
NIGHT = {d: [(8 * H, 20 * H)] for d in range(5)} | {5: [], 6: [(1 * H, 4 * H)]}
ROUND_THE_CLOCK = {d: [(0, 24 * H)] for d in range(7)}

MADRID = WorkCalendar(
    name="laboral",
    tz=ZoneInfo("Europe/Madrid"),
    weekly=OFFICE,
    holidays=frozenset({date(2026, 12, 24), date(2150, 12, 24), date(2301, 5, 4), date(7777, 7, 7)}),
    country="ES",
    subdivision="MD",
)
CALENDARS = [
    MADRID,
    WorkCalendar(name="ny", tz=ZoneInfo("America/New_York"), weekly=NIGHT, country="US"),
    WorkCalendar(name="sydney", tz=ZoneInfo("Australia/Sydney"), weekly=NIGHT),
    WorkCalendar(name="casablanca", tz=ZoneInfo("Africa/Casablanca"), weekly=ROUND_THE_CLOCK),
    WorkCalendar(name="chatham", tz=ZoneInfo("Pacific/Chatham"), weekly=OFFICE),
    builtin_24x7("Europe/Madrid"),
]
CLOCKS = [WorkClock(c) for c in CALENDARS]

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
SPAN_MINUTES = int((LAST_INSTANT - EARLIEST) / timedelta(minutes=1)) - 1
anywhere = st.integers(0, SPAN_MINUTES).map(lambda m: EARLIEST + timedelta(minutes=m))
clocks = st.sampled_from(CLOCKS)


def day_by_day(clock: WorkClock, start: datetime, end: datetime) -> timedelta:
    """The obvious sum: every local day's ranges, clipped, from the day before to the day after."""
    total = timedelta(0)
    day = start.astimezone(clock.tz).date() - timedelta(days=1)
    while day <= end.astimezone(clock.tz).date() + timedelta(days=1):
        for a, b in clock.calendar.opening_ranges(day):
            lo, hi = max(a.astimezone(UTC), start), min(b.astimezone(UTC), end)
            if hi > lo:
                total += hi - lo
        day += timedelta(days=1)
    return total


@settings(max_examples=examples(200), deadline=None)
@given(clocks, anywhere, anywhere, anywhere)
def test_any_dates_never_raise_and_keep_the_laws(clock: WorkClock, a: datetime, b: datetime, c: datetime) -> None:
    a, b, c = sorted((a, b, c))
    whole = clock.working_time(a, c)
    assert whole == clock.working_time(a, b) + clock.working_time(b, c)
    assert timedelta(0) <= whole <= c - a
    pauses = [(b, c)]
    assert clock.elapsed(a, c, pauses) == clock.working_time(a, b)
    found = clock.deadline(a, timedelta(hours=8), pauses)
    assert found is None or a <= found <= LAST_INSTANT


# Spans of up to three years around where the arithmetic changes: 1970, this decade,
# the last years with public holidays (to 2100 in the holidays package), the first
# regular year (2200), and a 400-year cycle later.
_BASES = [datetime(y, 1, 1, tzinfo=UTC) for y in (1970, 1984, 2025, 2098, 2198, 2600)]
near_edges = st.builds(
    lambda base, minutes: base + timedelta(minutes=minutes),
    st.sampled_from(_BASES),
    st.integers(0, 2 * 366 * 24 * H),
)
spans = st.builds(
    lambda start, minutes: (start, start + timedelta(minutes=minutes)), near_edges, st.integers(0, 2 * 366 * 24 * H)
)


@example(CLOCKS[0], (datetime(2199, 12, 20, tzinfo=UTC), datetime(2200, 2, 1, tzinfo=UTC)))
@example(CLOCKS[3], (datetime(2087, 3, 1, tzinfo=UTC), datetime(2088, 6, 1, tzinfo=UTC)))  # Casablanca's Ramadan
# Casablanca went back to UTC at the midnight that ended 1985: a day of 25 hours.
@example(CLOCKS[3], (datetime(1985, 6, 1, tzinfo=UTC), datetime(1986, 6, 1, tzinfo=UTC)))
@settings(max_examples=examples(40), deadline=None)
@given(clocks, spans)
def test_long_spans_match_the_day_by_day_sum(clock: WorkClock, span: tuple[datetime, datetime]) -> None:
    a, b = span
    assert clock.working_time(a, b) == day_by_day(clock, a, b)


@settings(max_examples=examples(100), deadline=None)
@given(clocks, near_edges, st.integers(1, 400 * 24 * H), st.integers(0, 40 * 24 * H), st.integers(0, 30 * 24 * H))
def test_deadline_is_where_elapsed_reaches_the_target(
    clock: WorkClock, start: datetime, needed: int, pause_at: int, pause_for: int
) -> None:
    pauses = [(start + timedelta(minutes=pause_at), start + timedelta(minutes=pause_at + pause_for))]
    target = timedelta(minutes=needed)
    found = clock.deadline(start, target, pauses)
    assert found is not None
    assert clock.elapsed(start, found, pauses) == target
    assert clock.elapsed(start, found - timedelta(microseconds=1), pauses) < target


def test_the_far_stop_of_the_issue_is_bounded_work() -> None:
    """``T1,2026-10-01T09:00,9999-12-30T10:00`` on Mon-Fri with public holidays: 162 s and 1 GB, before."""
    clock = WorkClock(MADRID)
    start = datetime(2026, 10, 1, 7, tzinfo=UTC)
    began = time.process_time()
    total = clock.working_time(start, LAST_INSTANT)
    first = time.process_time() - began
    # Plausible: about 43 h a week for 7,972 years, less holidays.
    assert timedelta(days=7972 * 365 * 43 / 168 * 0.9) < total < timedelta(days=7972 * 366 * 43 / 168)
    assert first < 2.0, first  # the first asks the holidays package once for every year it knows
    began = time.process_time()
    assert clock.working_time(start + timedelta(hours=1), LAST_INSTANT) == total - timedelta(hours=1)
    assert time.process_time() - began < 0.01


def test_work_per_event_stays_small_whatever_its_dates() -> None:
    """Random events anywhere from 1970 to 9998, each with a pause and a deadline: about half a millisecond
    each on a quiet machine; the bound leaves room for a loaded CI runner."""
    import random

    rng = random.Random(7)
    clock = WorkClock(MADRID)
    clock.working_time(EARLIEST, LAST_INSTANT)  # the one-time part: the years with public holidays
    events = []
    for _ in range(500):
        start = EARLIEST + timedelta(days=rng.randrange(2_900_000), minutes=rng.randrange(1440))
        stop = min(start + timedelta(days=rng.randrange((LAST_INSTANT - start).days + 1)), LAST_INSTANT)
        events.append((start, stop, [(start + timedelta(days=1), start + timedelta(days=400))]))
    began = time.process_time()
    for start, stop, pauses in events:
        clock.elapsed(start, stop, pauses)
        clock.deadline(start, timedelta(days=rng.choice([1, 100, 10_000])), pauses)
    per_event = (time.process_time() - began) / len(events)
    assert per_event < 0.005, f"{per_event * 1000:.2f} ms per event"


def _transitions() -> dict[str, list[tuple[int, int]]]:
    """Each zone's explicit transitions (UTC seconds, offset after), from the installed zone database."""
    import zoneinfo
    from zoneinfo import _common  # the reader zoneinfo itself uses; private, hence the skip below

    found: dict[str, list[tuple[int, int]]] = {}
    for key in sorted(zoneinfo.available_timezones()):
        try:
            with _common.load_tzdata(key) as handle:
                indices, times, offsets, *_ = _common.load_data(handle)
        except Exception:  # a name the database lists but cannot read
            continue
        found[key] = [(int(t), int(offsets[i])) for t, i in zip(times, indices, strict=True)]
    return found


def test_the_zone_database_fits_what_the_arithmetic_assumes() -> None:
    """Years from 2200 repeat their clock changes every 400 years, and no two changes since 1970 cancel within
    the 3 days between samples of a zone's offset: checked on the installed database, as it may be newer."""
    import pytest

    from asplan.timecalc import worktime

    try:
        zones = _transitions()
    except ImportError:
        pytest.skip("zoneinfo._common is not available in this Python")
    assert len(zones) > 300
    since_1970 = int(EARLIEST.timestamp())
    regular = int(datetime(worktime._REGULAR_FROM, 1, 1, tzinfo=UTC).timestamp())
    for key, changes in zones.items():
        assert not changes or changes[-1][0] < regular, key
        for i in range(2, len(changes)):
            (first, _), (second, offset) = changes[i - 1], changes[i]
            if first >= since_1970 and offset == changes[i - 2][1]:
                assert second - first > worktime._SAMPLE_EVERY.total_seconds(), (key, first, second)
