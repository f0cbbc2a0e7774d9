"""Working time on real calendars, against figures computed by hand (minutes)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from asplan.sla.events import parse_timestamp
from asplan.timecalc.calendars import WorkCalendar, builtin_24x7
from asplan.timecalc.worktime import WorkClock, deadline, elapsed, merge_intervals

MADRID = ZoneInfo("Europe/Madrid")
NEW_YORK = ZoneInfo("America/New_York")
H = 60


def laboral(public: bool = False, holidays: frozenset[date] = frozenset()) -> WorkCalendar:
    """Mon-Thu 09:00-14:00 and 15:00-18:00 (lunch break), Fri 08:00-15:00, Madrid."""
    return WorkCalendar(
        name="laboral",
        tz=MADRID,
        weekly={0: [(9 * H, 14 * H), (15 * H, 18 * H)], 1: [(9 * H, 14 * H), (15 * H, 18 * H)],
                2: [(9 * H, 14 * H), (15 * H, 18 * H)], 3: [(9 * H, 14 * H), (15 * H, 18 * H)],
                4: [(8 * H, 15 * H)], 5: [], 6: []},
        holidays=holidays,
        country="ES" if public else None,
        subdivision="MD" if public else None,
    )  # fmt: skip


def night_shift(tz: ZoneInfo) -> WorkCalendar:
    """Mon-Fri 09:00-17:00, and Sunday 01:00-05:00 (across the DST change)."""
    weekly = {d: [(9 * H, 17 * H)] for d in range(5)} | {5: [], 6: [(1 * H, 5 * H)]}
    return WorkCalendar(name="night", tz=tz, weekly=weekly)


def at(text: str, tz: ZoneInfo = MADRID) -> datetime:
    """A local wall time in ``tz`` as an aware datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def test_ticket_created_on_a_saturday_starts_at_monday_opening() -> None:
    # Sat 2026-10-03 10:00 -> Mon 2026-10-05 11:30: only Monday 09:00-11:30 counts.
    assert WorkClock(laboral()).working_time(at("2026-10-03T10:00"), at("2026-10-05T11:30")) == timedelta(minutes=150)


def test_monday_public_holiday_is_skipped() -> None:
    # Fri 2026-10-09 14:00 -> Tue 10-13 10:00; Mon 10-12 is Spain's National Day (ES/MD).
    # Friday 14:00-15:00 = 60, Tuesday 09:00-10:00 = 60.
    start, stop = at("2026-10-09T14:00"), at("2026-10-13T10:00")
    assert WorkClock(laboral(public=True)).working_time(start, stop) == timedelta(minutes=120)
    # Without public holidays the Monday's 8 hours count.
    assert WorkClock(laboral()).working_time(start, stop) == timedelta(minutes=120 + 8 * H)


def test_explicit_holiday_is_the_whole_local_day() -> None:
    cal = laboral(holidays=frozenset({date(2026, 12, 24)}))
    # Thu 2026-12-24 is off: Wed 17:00-18:00 and nothing on Thursday until Fri 08:00-09:00.
    assert WorkClock(cal).working_time(at("2026-12-23T17:00"), at("2026-12-25T09:00")) == timedelta(minutes=60 + 60)


def test_lunch_break_is_not_working_time() -> None:
    # Mon 13:00-14:00 (60) + 15:00-16:00 (60); 14:00-15:00 is lunch.
    assert WorkClock(laboral()).working_time(at("2026-06-01T13:00"), at("2026-06-01T16:00")) == timedelta(minutes=120)
    assert WorkClock(laboral()).working_time(at("2026-06-01T14:10"), at("2026-06-01T14:50")) == timedelta(minutes=0)


@pytest.mark.parametrize(
    ("tz", "start", "stop", "hours"),
    [
        # Madrid: clocks go 02:00 -> 03:00 on 2026-03-29 and 03:00 -> 02:00 on 2026-10-25.
        (MADRID, "2026-03-28T22:00", "2026-03-29T06:00", 7),
        (MADRID, "2026-10-24T22:00", "2026-10-25T06:00", 9),
        # New York: 02:00 -> 03:00 on 2026-03-08 and 02:00 -> 01:00 on 2026-11-01.
        (NEW_YORK, "2026-03-07T22:00", "2026-03-08T06:00", 7),
        (NEW_YORK, "2026-10-31T22:00", "2026-11-01T06:00", 9),
    ],
)
def test_24x7_counts_real_hours_across_dst(tz: ZoneInfo, start: str, stop: str, hours: int) -> None:
    assert WorkClock(builtin_24x7(str(tz))).working_time(at(start, tz), at(stop, tz)) == timedelta(minutes=hours * H)


@pytest.mark.parametrize(
    ("tz", "sunday", "hours"),
    [
        (MADRID, "2026-03-29", 3),  # 01:00-05:00 local lacks the hour 02:00-03:00
        (MADRID, "2026-10-25", 5),  # ... and has 02:00-03:00 twice
        (NEW_YORK, "2026-03-08", 3),
        (NEW_YORK, "2026-11-01", 5),
    ],
)
def test_business_calendar_opening_across_dst(tz: ZoneInfo, sunday: str, hours: int) -> None:
    cal = night_shift(tz)
    day = date.fromisoformat(sunday)
    # The whole weekend, Friday 17:00 to Monday 09:00: only the Sunday range counts.
    start = at(f"{day - timedelta(days=2)}T17:00", tz)
    stop = at(f"{day + timedelta(days=1)}T09:00", tz)
    assert WorkClock(cal).working_time(start, stop) == timedelta(minutes=hours * H)
    # And Friday 16:00 -> Monday 10:00 adds one hour at each end, DST or not.
    start = at(f"{day - timedelta(days=2)}T16:00", tz)
    stop = at(f"{day + timedelta(days=1)}T10:00", tz)
    assert WorkClock(cal).working_time(start, stop) == timedelta(minutes=(hours + 2) * H)


def test_calendar_in_another_time_zone_than_the_account() -> None:
    # Account in Madrid, support desk in New York (09:00-17:00 there). A ticket created
    # 14:00 Madrid (08:00 New York) and resolved 16:30 Madrid (10:30 New York) has
    # 09:00-10:30 New York time: 90 minutes.
    desk = night_shift(NEW_YORK)
    created = parse_timestamp("2026-06-01T14:00", MADRID)
    resolved = parse_timestamp("2026-06-01T16:30", MADRID)
    assert WorkClock(desk).working_time(created, resolved) == timedelta(minutes=90)
    # The same instants with explicit offsets, and in UTC with Z, give the same answer.
    assert parse_timestamp("2026-06-01T12:00Z", MADRID) == created
    assert parse_timestamp("2026-06-01T08:00:00-04:00", MADRID) == created


def test_overlapping_pauses_and_a_pause_outside_working_hours() -> None:
    # Mon 09:00-18:00 is 480 working minutes (lunch excluded). Pauses 10:00-11:00 and
    # 10:30-12:00 merge into 10:00-12:00 (120); 14:00-15:00 is lunch (0); 19:00-20:00
    # is after the stop (0). Elapsed: 480 - 120 = 360.
    pauses = [
        (at("2026-06-01T10:00"), at("2026-06-01T11:00")),
        (at("2026-06-01T10:30"), at("2026-06-01T12:00")),
        (at("2026-06-01T14:00"), at("2026-06-01T15:00")),
        (at("2026-06-01T19:00"), at("2026-06-01T20:00")),
    ]
    got = elapsed(laboral(), at("2026-06-01T09:00"), at("2026-06-01T18:00"), pauses)
    assert got == timedelta(minutes=360)


def test_merge_intervals_joins_overlapping_and_touching() -> None:
    a, b, c, d = (datetime(2026, 6, 1, h, tzinfo=UTC) for h in (9, 10, 11, 12))
    assert merge_intervals([(c, d), (a, b), (b, c)]) == [(a, d)]
    assert merge_intervals([(b, a)]) == []


def test_open_ticket_remaining_and_deadline() -> None:
    # Created Mon 2026-11-23 10:00, 8h target, now 16:00: 10-14 (240) + 15-16 (60) = 300
    # elapsed, 180 remaining: 16:00-18:00 Monday (120), then Tuesday 09:00-10:00 (60).
    cal = laboral()
    clock = WorkClock(cal)
    start, now = at("2026-11-23T10:00"), at("2026-11-23T16:00")
    assert clock.elapsed(start, now) == timedelta(minutes=300)
    assert clock.deadline(start, timedelta(hours=8)) == at("2026-11-24T10:00").astimezone(UTC)
    # A pause of one working hour (Tue 09:00-10:00) pushes the deadline an hour.
    pause = [(at("2026-11-24T09:00"), at("2026-11-24T10:00"))]
    assert deadline(cal, start, 480, pause) == at("2026-11-24T11:00").astimezone(UTC)


def test_deadline_on_24x7_across_spring_forward() -> None:
    # 30 minutes from 01:45 Madrid on 2026-03-29 is 03:15 local (02:00-03:00 does not exist).
    got = deadline(builtin_24x7("Europe/Madrid"), at("2026-03-29T01:45"), 30)
    assert got == at("2026-03-29T03:15").astimezone(UTC)


def test_reversed_interval_and_never_open_calendar() -> None:
    assert WorkClock(laboral()).working_time(at("2026-06-02T10:00"), at("2026-06-01T10:00")) == timedelta(minutes=0)
    closed = WorkCalendar(name="closed", tz=MADRID, weekly={d: [] for d in range(7)})
    assert WorkClock(closed).working_time(at("2026-06-01T00:00"), at("2026-07-01T00:00")) == timedelta(minutes=0)
    assert deadline(closed, at("2026-06-01T00:00"), 30) is None


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        WorkClock(laboral()).working_time(datetime(2026, 6, 1, 9), datetime(2026, 6, 1, 10))
