"""Laws of working time, on calendars with lunch breaks, holidays, DST changes and far-off zones.

Random instants rarely land on a boundary, so each law also runs on pinned
``@example`` cases: the DST nights of Madrid, New York, Sydney and Chatham, office days
that straddle a UTC date (Sydney, Chatham), Kolkata's half-hour offset, and pauses that
straddle an interval's start or stop. Under the ``ci`` profile (``tests/conftest.py``)
the random part is derandomized too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from asplan.timecalc.calendars import WorkCalendar, builtin_24x7
from asplan.timecalc.worktime import Interval, WorkClock
from helpers import examples

H = 60
OFFICE = {d: [(9 * H, 14 * H), (15 * H, 18 * H)] for d in range(5)} | {5: [(10 * H, 13 * H)], 6: []}
# Sunday 01:00-04:00 sits on the DST changes of both zones.
NIGHT = {d: [(8 * H, 20 * H)] for d in range(5)} | {5: [], 6: [(1 * H, 4 * H)]}
# Office hours, and a Sunday shift on the DST changes of Sydney (02:00/03:00) and Chatham (02:45/03:45).
FAR = {d: [(9 * H, 17 * H)] for d in range(5)} | {5: [], 6: [(1 * H, 5 * H)]}

MADRID_OFFICE = WorkClock(WorkCalendar(name="office", tz=ZoneInfo("Europe/Madrid"), weekly=OFFICE,
                                       holidays=frozenset({date(2026, 3, 30), date(2026, 10, 26)})))
NY_NIGHT = WorkClock(WorkCalendar(name="night", tz=ZoneInfo("America/New_York"), weekly=NIGHT))
SYDNEY = WorkClock(WorkCalendar(name="sydney", tz=ZoneInfo("Australia/Sydney"), weekly=FAR))
CHATHAM = WorkClock(WorkCalendar(name="chatham", tz=ZoneInfo("Pacific/Chatham"), weekly=FAR))
KOLKATA = WorkClock(WorkCalendar(name="kolkata", tz=ZoneInfo("Asia/Kolkata"), weekly=FAR))
MADRID_24X7 = WorkClock(builtin_24x7("Europe/Madrid"))
NY_24X7 = WorkClock(builtin_24x7("America/New_York"))
SYDNEY_24X7 = WorkClock(builtin_24x7("Australia/Sydney"))
CLOCKS = [MADRID_OFFICE, NY_NIGHT, SYDNEY, CHATHAM, KOLKATA, MADRID_24X7, NY_24X7, SYDNEY_24X7]  # fmt: skip
ALWAYS = [MADRID_24X7, NY_24X7, SYDNEY_24X7]

# Instants around the 2026 DST changes of Madrid (03-29, 10-25), New York (03-08, 11-01),
# Sydney (04-05, 10-04) and Chatham (04-05, 09-27), to the minute, as real UTC instants.
_WINDOWS = [datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 9, 20, tzinfo=UTC), datetime(2026, 10, 20, tzinfo=UTC)]
instants = st.builds(
    lambda base, minutes: base + timedelta(minutes=minutes),
    st.sampled_from(_WINDOWS),
    st.integers(min_value=0, max_value=40 * 24 * H),
)
clocks = st.sampled_from(CLOCKS)
pause_lists = st.lists(st.tuples(instants, st.integers(min_value=0, max_value=3 * 24 * H)), max_size=4).map(
    lambda spans: [(a, a + timedelta(minutes=m)) for a, m in spans]
)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def reference_working_time(clock: WorkClock, start: datetime, end: datetime) -> timedelta:
    """Working time the slow, obvious way: every local day from two days before to two
    after, each opening range's overlap with ``[start, end)`` summed on UTC instants."""
    if end <= start:
        return timedelta(0)
    day = start.astimezone(UTC).date() - timedelta(days=2)
    total = timedelta(0)
    while day <= end.astimezone(UTC).date() + timedelta(days=2):
        for a, b in clock.calendar.opening_ranges(day):
            lo, hi = max(a.astimezone(UTC), start), min(b.astimezone(UTC), end)
            if hi > lo:
                total += hi - lo
        day += timedelta(days=1)
    return total


# Sydney: Mon 09:00 AEST (Sun 23:00Z) to Tue 09:30 (Mon 23:30Z), 510 minutes; the
# Tuesday morning lies on Monday in UTC.
@example(SYDNEY, utc("2026-05-31T23:00"), utc("2026-06-01T23:30"))
# Chatham in winter: Mon 09:00 CHAST (Sun 20:15Z) to Tue 09:30 (Mon 20:45Z).
@example(CHATHAM, utc("2026-05-31T20:15"), utc("2026-06-01T20:45"))
# Kolkata: 08:30 to 09:30 IST.
@example(KOLKATA, utc("2026-06-01T03:00"), utc("2026-06-01T04:00"))
# Sydney's spring-forward Sunday shift, and Madrid's fall-back night.
@example(SYDNEY, utc("2026-10-03T12:00"), utc("2026-10-04T12:00"))
@example(MADRID_OFFICE, utc("2026-10-24T12:00"), utc("2026-10-27T12:00"))
@settings(max_examples=examples(300))
@given(clocks, instants, instants)
def test_matches_a_day_by_day_reference(clock: WorkClock, a: datetime, b: datetime) -> None:
    assert clock.working_time(a, b) == reference_working_time(clock, a, b)


@example(SYDNEY, utc("2026-05-31T23:00"), utc("2026-06-01T12:00"), utc("2026-06-01T23:30"))
@example(NY_NIGHT, utc("2026-03-07T12:00"), utc("2026-03-08T07:00"), utc("2026-03-09T12:00"))
@settings(max_examples=examples(300))
@given(clocks, instants, instants, instants)
def test_additive_over_adjacent_intervals(clock: WorkClock, a: datetime, b: datetime, c: datetime) -> None:
    a, b, c = sorted((a, b, c))
    assert clock.working_time(a, c) == clock.working_time(a, b) + clock.working_time(b, c)


@settings(max_examples=examples(300))
@given(clocks, instants, instants)
def test_never_negative_never_more_than_wall_clock(clock: WorkClock, a: datetime, b: datetime) -> None:
    got = clock.working_time(a, b)
    assert timedelta(0) <= got <= max(b - a, timedelta(0))


# Sydney's autumn night (02:00-03:00 twice) and Madrid's spring night (no 02:00-03:00).
@example(SYDNEY_24X7, utc("2026-04-04T12:00"), utc("2026-04-04T20:00"))
@example(MADRID_24X7, utc("2026-03-28T22:00"), utc("2026-03-29T04:00"))
@settings(max_examples=examples(300))
@given(st.sampled_from(ALWAYS), instants, instants)
def test_24x7_is_real_elapsed_time(clock: WorkClock, a: datetime, b: datetime) -> None:
    a, b = sorted((a, b))
    # Compared in local wall time too, where a naive subtraction would be off by the DST hour.
    local_a, local_b = a.astimezone(clock.tz), b.astimezone(clock.tz)
    assert clock.working_time(local_a, local_b) == b - a


# A pause straddling the start and one straddling the stop (Madrid office, Mon 2026-06-01).
@example(
    MADRID_OFFICE,
    utc("2026-06-01T08:00"),
    utc("2026-06-01T12:00"),
    [(utc("2026-06-01T06:00"), utc("2026-06-01T08:30")), (utc("2026-06-01T11:30"), utc("2026-06-01T15:00"))],
)
@example(
    MADRID_24X7,
    utc("2026-06-01T08:00"),
    utc("2026-06-01T12:00"),
    [(utc("2026-06-01T06:00"), utc("2026-06-01T08:30")), (utc("2026-06-01T11:30"), utc("2026-06-01T15:00"))],
)
@settings(max_examples=examples(300))
@given(clocks, instants, instants, pause_lists)
def test_pauses_count_only_inside_the_interval(
    clock: WorkClock, a: datetime, b: datetime, pauses: list[Interval]
) -> None:
    a, b = sorted((a, b))
    got = clock.elapsed(a, b, pauses)
    # Clipping each pause to [a, b] first changes nothing: outside it a pause holds nothing.
    clipped = [(max(p, a), min(q, b)) for p, q in pauses]
    assert got == clock.elapsed(a, b, clipped)
    assert timedelta(0) <= got <= clock.working_time(a, b)
    # A pause over the whole interval leaves nothing.
    assert clock.elapsed(a, b, [*pauses, (a, b)]) == timedelta(0)


# 24x7 and office deadlines with a pause straddling the start, and one inside the span.
@example(MADRID_24X7, utc("2026-06-01T08:00"), 60, [(utc("2026-06-01T07:00"), utc("2026-06-01T08:20"))])
@example(MADRID_24X7, utc("2026-06-01T08:00"), 60, [(utc("2026-06-01T08:15"), utc("2026-06-01T08:45"))])
@example(MADRID_OFFICE, utc("2026-06-01T11:00"), 120, [(utc("2026-06-01T11:30"), utc("2026-06-01T13:30"))])
# Sydney: the clock starts on a Sunday shift that lacks an hour, and runs into Monday.
@example(SYDNEY, utc("2026-10-03T13:00"), 200, [])
@settings(max_examples=examples(200))
@given(clocks, instants, st.integers(min_value=1, max_value=30 * H), pause_lists)
def test_deadline_is_where_working_time_reaches_the_target(
    clock: WorkClock, a: datetime, minutes: int, pauses: list[Interval]
) -> None:
    needed = timedelta(minutes=minutes)
    due = clock.deadline(a, needed, pauses)
    assert due is not None
    assert clock.elapsed(a, due, pauses) == needed
    # ... and not a moment later than needed: just before it, the target is not reached.
    assert clock.elapsed(a, due - timedelta(seconds=1), pauses) < needed
