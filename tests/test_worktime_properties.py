"""Laws of working time, on calendars with lunch breaks, holidays and DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from asplan.timecalc.calendars import WorkCalendar, builtin_24x7
from asplan.timecalc.worktime import WorkClock

H = 60
OFFICE = {d: [(9 * H, 14 * H), (15 * H, 18 * H)] for d in range(5)} | {5: [(10 * H, 13 * H)], 6: []}
# Sunday 01:00-04:00 sits on the DST changes of both zones.
NIGHT = {d: [(8 * H, 20 * H)] for d in range(5)} | {5: [], 6: [(1 * H, 4 * H)]}

CLOCKS = [
    WorkClock(WorkCalendar(name="office", tz=ZoneInfo("Europe/Madrid"), weekly=OFFICE,
                           holidays=frozenset({date(2026, 3, 30), date(2026, 10, 26)}))),
    WorkClock(WorkCalendar(name="night", tz=ZoneInfo("America/New_York"), weekly=NIGHT)),
    WorkClock(builtin_24x7("Europe/Madrid")),
    WorkClock(builtin_24x7("America/New_York")),
]  # fmt: skip
ALWAYS = CLOCKS[2:]

# Instants around the 2026 DST changes of Madrid (03-29, 10-25) and New York (03-08, 11-01),
# to the minute, as real UTC instants.
_WINDOWS = [datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 10, 20, tzinfo=UTC)]
instants = st.builds(
    lambda base, minutes: base + timedelta(minutes=minutes),
    st.sampled_from(_WINDOWS),
    st.integers(min_value=0, max_value=40 * 24 * H),
)
clocks = st.sampled_from(CLOCKS)


@settings(max_examples=300, deadline=None)
@given(clocks, instants, instants, instants)
def test_additive_over_adjacent_intervals(clock: WorkClock, a: datetime, b: datetime, c: datetime) -> None:
    a, b, c = sorted((a, b, c))
    assert clock.working_time(a, c) == clock.working_time(a, b) + clock.working_time(b, c)


@settings(max_examples=300, deadline=None)
@given(clocks, instants, instants)
def test_never_negative_never_more_than_wall_clock(clock: WorkClock, a: datetime, b: datetime) -> None:
    got = clock.working_time(a, b)
    assert timedelta(0) <= got <= max(b - a, timedelta(0))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ALWAYS), instants, instants)
def test_24x7_is_real_elapsed_time(clock: WorkClock, a: datetime, b: datetime) -> None:
    a, b = sorted((a, b))
    # Compared in local wall time too, where a naive subtraction would be off by the DST hour.
    local_a, local_b = a.astimezone(clock.tz), b.astimezone(clock.tz)
    assert clock.working_time(local_a, local_b) == b - a


@settings(max_examples=200, deadline=None)
@given(clocks, instants, st.integers(min_value=1, max_value=30 * H))
def test_deadline_is_where_working_time_reaches_the_target(clock: WorkClock, a: datetime, minutes: int) -> None:
    needed = timedelta(minutes=minutes)
    due = clock.deadline(a, needed)
    assert due is not None
    assert clock.working_time(a, due) == needed
    # ... and not a minute later than needed: just before it, the target is not reached.
    assert clock.working_time(a, due - timedelta(seconds=1)) < needed
