"""Status-log pauses (spec §7.2): laws, and the rules on a few worked timelines.

The laws, on calendars with DST changes and lunch breaks (the clocks of
``test_worktime_properties``): pauses derived from a log never add working time; a
log with no waiting status changes nothing; and splitting a log at any point gives
the same result, whether the rows are split into two parts read in either order, or
the event's time is split at an instant and the two halves' working time added.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from asplan.sla.events import OPEN_END
from asplan.sla.statuslog import normalise, pauses_from_changes
from asplan.timecalc.worktime import WorkClock
from helpers import examples
from test_worktime_properties import CLOCKS, instants

PAUSE_ON = frozenset({"waiting for customer", "pending"})
STATUSES = ["Waiting for support", "In Progress", "Waiting for customer", "Pending", "Resolved", "pending"]
changes = st.lists(st.tuples(instants, st.sampled_from(STATUSES)), max_size=8)
# Changes at one instant are ordered by their rows (the later row wins), so reordering
# rows can only be neutral when every change has its own instant.
distinct_changes = st.lists(st.tuples(instants, st.sampled_from(STATUSES)), max_size=8, unique_by=lambda c: c[0])
clocks = st.sampled_from(CLOCKS)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _clip(pauses: list[tuple[datetime, datetime]], stop: datetime) -> list[tuple[datetime, datetime]]:
    """What the engine does with an open pause: it ends at the event's stop."""
    return [(a, min(b, stop)) for a, b in pauses if a < stop]


@settings(max_examples=examples(150), deadline=None)
@given(clocks, instants, st.integers(min_value=0, max_value=20 * 24 * 60), changes)
def test_pauses_never_add_time(clock: WorkClock, start: datetime, minutes: int, log: list) -> None:
    stop = start + timedelta(minutes=minutes)
    pauses = _clip(pauses_from_changes(log, PAUSE_ON), stop)
    paused = clock.elapsed(start, stop, pauses)
    assert timedelta(0) <= paused <= clock.elapsed(start, stop)


@settings(max_examples=examples(150), deadline=None)
@given(clocks, instants, st.integers(min_value=0, max_value=20 * 24 * 60), changes)
def test_a_log_without_waiting_statuses_changes_nothing(
    clock: WorkClock, start: datetime, minutes: int, log: list
) -> None:
    stop = start + timedelta(minutes=minutes)
    working = [(at, status) for at, status in log if normalise(status) not in PAUSE_ON]
    assert pauses_from_changes(working, PAUSE_ON) == []
    assert clock.elapsed(start, stop, _clip(pauses_from_changes(working, PAUSE_ON), stop)) == clock.elapsed(
        start, stop
    )


@settings(max_examples=examples(150), deadline=None)
@given(clocks, instants, st.integers(min_value=0, max_value=20 * 24 * 60), distinct_changes, st.integers(0, 8))
def test_splitting_the_rows_of_a_log_gives_the_same_result(
    clock: WorkClock, start: datetime, minutes: int, log: list, cut: int
) -> None:
    """Two exports of one log (rows up to ``cut``, rows after it), read in either order."""
    stop = start + timedelta(minutes=minutes)
    whole = clock.elapsed(start, stop, _clip(pauses_from_changes(log, PAUSE_ON), stop))
    swapped = log[cut:] + log[:cut]
    assert clock.elapsed(start, stop, _clip(pauses_from_changes(swapped, PAUSE_ON), stop)) == whole


@settings(max_examples=examples(150), deadline=None)
@given(
    clocks,
    instants,
    st.integers(min_value=0, max_value=20 * 24 * 60),
    st.floats(min_value=0, max_value=1),
    changes,
)
def test_splitting_an_event_at_any_instant_adds_up(
    clock: WorkClock, start: datetime, minutes: int, where: float, log: list
) -> None:
    """Working time before the split plus after it is the whole, under the same log."""
    stop = start + timedelta(minutes=minutes)
    split = start + timedelta(minutes=round(minutes * where))
    pauses = pauses_from_changes(log, PAUSE_ON)
    whole = clock.elapsed(start, stop, _clip(pauses, stop))
    halves = clock.elapsed(start, split, _clip(pauses, split)) + clock.elapsed(split, stop, _clip(pauses, stop))
    assert halves == whole


def test_a_pause_runs_from_a_waiting_status_to_the_next_other_one() -> None:
    log = [
        (utc("2026-10-14T09:00"), "Waiting for support"),
        (utc("2026-10-14T11:00"), "Waiting for customer"),
        (utc("2026-10-14T12:00"), "Pending"),  # still waiting: the pause goes on
        (utc("2026-10-15T14:00"), "Waiting for support"),
        (utc("2026-10-15T15:00"), " PENDING "),  # case and spaces do not matter
    ]
    assert pauses_from_changes(reversed(log), PAUSE_ON) == [
        (utc("2026-10-14T11:00"), utc("2026-10-15T14:00")),
        (utc("2026-10-15T15:00"), OPEN_END),  # still waiting: the engine ends it at the stop or --now
    ]


def test_changes_at_the_same_instant_keep_their_order() -> None:
    at = utc("2026-10-14T11:00")
    assert pauses_from_changes([(at, "Pending"), (at, "In Progress")], PAUSE_ON) == []
    assert pauses_from_changes([(at, "In Progress"), (at, "Pending")], PAUSE_ON) == [(at, OPEN_END)]
