"""Pauses, deadlines and calendars far from UTC, against tables worked out by hand.

Each expected figure is derived in the comment beside it from the calendar's opening
hours and the zone's offsets (tz database, 2026), never read back from the code. The
tables call the public functions (``WorkClock.working_time``, ``elapsed``, ``deadline``) on
calendars written as a plan writes them, so a rewrite of the working-time engine keeps
them valid.

What they are aimed at: pauses that straddle the start or the stop of an event (and
must be clipped to it), deadlines that must skip pauses on 24x7 and business calendars,
and zones whose office day straddles a UTC date (Sydney, Chatham) or whose offset is
not a whole hour (Kolkata, Chatham) — a local day computed in UTC loses the last day's
morning there, and nowhere in Madrid or New York.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest

from asplan.model.sla import Calendar
from asplan.timecalc.calendars import WorkCalendar, builtin_24x7
from asplan.timecalc.worktime import WorkClock, deadline, elapsed

MADRID = ZoneInfo("Europe/Madrid")
SYDNEY = ZoneInfo("Australia/Sydney")
KOLKATA = ZoneInfo("Asia/Kolkata")
CHATHAM = ZoneInfo("Pacific/Chatham")
UTC = ZoneInfo("UTC")


def calendar(tz: str, hours: dict[str, str]) -> WorkCalendar:
    """A calendar as a plan's ``calendars`` entry defines it."""
    return WorkCalendar.from_model("office", Calendar.model_validate({"timezone": tz, "hours": hours}))


# Mon-Thu 09:00-14:00 and 15:00-18:00 (lunch 14-15), Fri 08:00-15:00.
LABORAL = calendar("Europe/Madrid", {"mon-thu": "09:00-14:00,15:00-18:00", "fri": "08:00-15:00"})
MADRID_24X7 = builtin_24x7("Europe/Madrid")
# Office hours, plus a Sunday 01:00-05:00 shift that sits on the DST changes.
SYDNEY_OFFICE = calendar("Australia/Sydney", {"mon-fri": "09:00-17:00", "sun": "01:00-05:00"})
KOLKATA_OFFICE = calendar("Asia/Kolkata", {"mon-fri": "09:00-17:30"})
CHATHAM_OFFICE = calendar("Pacific/Chatham", {"mon-fri": "09:00-17:00"})


def at(text: str, tz: ZoneInfo = MADRID) -> datetime:
    """A local wall time in ``tz`` (``2026-06-01T10:00``) as an aware datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def span(start: str, stop: str, tz: ZoneInfo = MADRID) -> tuple[datetime, datetime]:
    return at(start, tz), at(stop, tz)


# ------------------------------------------------------------------------ pauses
# 2026-06-01 is a Monday. Event Mon 10:00 -> 12:00 Madrid: 120 working minutes on
# both calendars.


@pytest.mark.parametrize(
    ("cal", "start", "stop", "pauses", "expected"),
    [
        # Pause 09:00-10:30 straddles the start: only 10:00-10:30 (30) is inside. 120 - 30 = 90.
        (LABORAL, "2026-06-01T10:00", "2026-06-01T12:00", [("2026-06-01T09:00", "2026-06-01T10:30")], 90),
        (MADRID_24X7, "2026-06-01T10:00", "2026-06-01T12:00", [("2026-06-01T09:00", "2026-06-01T10:30")], 90),
        # Pause 11:30-13:00 straddles the stop: only 11:30-12:00 (30) is inside. 90.
        (LABORAL, "2026-06-01T10:00", "2026-06-01T12:00", [("2026-06-01T11:30", "2026-06-01T13:00")], 90),
        (MADRID_24X7, "2026-06-01T10:00", "2026-06-01T12:00", [("2026-06-01T11:30", "2026-06-01T13:00")], 90),
        # Both at once: 30 + 30 paused. 60.
        (
            LABORAL,
            "2026-06-01T10:00",
            "2026-06-01T12:00",
            [("2026-06-01T09:00", "2026-06-01T10:30"), ("2026-06-01T11:30", "2026-06-01T13:00")],
            60,
        ),
        # A pause wholly before the start (08:00-09:30) or on the Friday before: 120.
        (LABORAL, "2026-06-01T10:00", "2026-06-01T12:00", [("2026-06-01T08:00", "2026-06-01T09:30")], 120),
        (MADRID_24X7, "2026-06-01T10:00", "2026-06-01T12:00", [("2026-06-01T08:00", "2026-06-01T09:30")], 120),
        (LABORAL, "2026-06-01T10:00", "2026-06-01T12:00", [("2026-05-29T14:00", "2026-05-29T15:00")], 120),
        # A pause wholly after the stop: 120.
        (MADRID_24X7, "2026-06-01T10:00", "2026-06-01T12:00", [("2026-06-01T12:00", "2026-06-01T14:00")], 120),
        # A pause covering the whole event: 0.
        (LABORAL, "2026-06-01T10:00", "2026-06-01T12:00", [("2026-06-01T09:00", "2026-06-01T13:00")], 0),
        # Overlapping 10:15-10:45 and 10:30-11:00 merge into 10:15-11:00 (45): 75.
        (
            MADRID_24X7,
            "2026-06-01T10:00",
            "2026-06-01T12:00",
            [("2026-06-01T10:15", "2026-06-01T10:45"), ("2026-06-01T10:30", "2026-06-01T11:00")],
            75,
        ),
        # Event 13:00-16:00 on LABORAL is 13-14 + 15-16 = 120. Pause 13:30-15:30
        # straddles lunch: 13:30-14:00 + 15:00-15:30 = 60 working. 120 - 60 = 60.
        (LABORAL, "2026-06-01T13:00", "2026-06-01T16:00", [("2026-06-01T13:30", "2026-06-01T15:30")], 60),
        # ... the same on 24x7: event 180, pause 120. 60.
        (MADRID_24X7, "2026-06-01T13:00", "2026-06-01T16:00", [("2026-06-01T13:30", "2026-06-01T15:30")], 60),
        # Overnight: event Mon 17:00 -> Tue 10:00 is 17-18 + 09-10 = 120; pause Mon 17:30 ->
        # Tue 09:30 holds 17:30-18:00 + 09:00-09:30 = 60 working. 60.
        (LABORAL, "2026-06-01T17:00", "2026-06-02T10:00", [("2026-06-01T17:30", "2026-06-02T09:30")], 60),
        # ... on 24x7 the event is 17 h = 1020, the pause 16 h = 960 (stops at 09:30). 60.
        (MADRID_24X7, "2026-06-01T17:00", "2026-06-02T10:00", [("2026-06-01T17:30", "2026-06-02T09:30")], 60),
        # Across Madrid's spring-forward (02:00 -> 03:00 on 2026-03-29): event 01:00 -> 05:00
        # is 3 real hours; pause 01:30 -> 03:30 is 01:30-02:00 + 03:00-03:30 = 1 hour. 120.
        (MADRID_24X7, "2026-03-29T01:00", "2026-03-29T05:00", [("2026-03-29T01:30", "2026-03-29T03:30")], 120),
    ],
)
def test_elapsed_minus_pauses(
    cal: WorkCalendar, start: str, stop: str, pauses: list[tuple[str, str]], expected: int
) -> None:
    got = elapsed(cal, at(start), at(stop), [span(a, b) for a, b in pauses])
    assert got == timedelta(minutes=expected)


# --------------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("pauses", "due"),
    [
        # 24x7 from Mon 10:00, 60 minutes needed.
        ([], "2026-06-01T11:00"),
        # A pause 10:15-10:45 holds the clock 30 minutes: 11:30.
        ([("2026-06-01T10:15", "2026-06-01T10:45")], "2026-06-01T11:30"),
        # A pause straddling the start (09:00-10:20): the clock starts at 10:20, due 11:20.
        ([("2026-06-01T09:00", "2026-06-01T10:20")], "2026-06-01T11:20"),
        # Two pauses 10:10-10:20 and 10:30-10:40: 20 minutes held, due 11:20.
        ([("2026-06-01T10:10", "2026-06-01T10:20"), ("2026-06-01T10:30", "2026-06-01T10:40")], "2026-06-01T11:20"),
        # A pause before the start, or after the deadline, changes nothing: 11:00.
        ([("2026-06-01T08:00", "2026-06-01T09:00")], "2026-06-01T11:00"),
        ([("2026-06-01T12:00", "2026-06-01T13:00")], "2026-06-01T11:00"),
        # A pause starting exactly at the deadline changes nothing either: 11:00.
        ([("2026-06-01T11:00", "2026-06-01T12:00")], "2026-06-01T11:00"),
        # A pause from 09:00 to 14:00: the clock runs 14:00-15:00, due 15:00.
        ([("2026-06-01T09:00", "2026-06-01T14:00")], "2026-06-01T15:00"),
    ],
)
def test_deadline_on_24x7_with_pauses(pauses: list[tuple[str, str]], due: str) -> None:
    got = deadline(MADRID_24X7, at("2026-06-01T10:00"), 60, [span(a, b) for a, b in pauses])
    assert got == at(due)


@pytest.mark.parametrize(
    ("start", "minutes", "pauses", "due"),
    [
        # From Mon 13:00, 120 needed: 13:00-14:00 (60), lunch, 15:00-16:00 (60). 16:00.
        ("2026-06-01T13:00", 120, [], "2026-06-01T16:00"),
        # Pause 13:30-15:30: 13:00-13:30 (30), then from 15:30 the 90 left. 17:00.
        ("2026-06-01T13:00", 120, [("2026-06-01T13:30", "2026-06-01T15:30")], "2026-06-01T17:00"),
        # Two pauses, one in each opening range, 13:30-13:45 and 15:30-16:00: 13:00-13:30 (30),
        # 13:45-14:00 (15), 15:00-15:30 (30), then from 16:00 the 45 left. 16:45.
        (
            "2026-06-01T13:00",
            120,
            [("2026-06-01T13:30", "2026-06-01T13:45"), ("2026-06-01T15:30", "2026-06-01T16:00")],
            "2026-06-01T16:45",
        ),
        # Pause 12:00-13:30 straddles the start: 13:30-14:00 (30), 15:00-16:30 (90). 16:30.
        ("2026-06-01T13:00", 120, [("2026-06-01T12:00", "2026-06-01T13:30")], "2026-06-01T16:30"),
        # From Mon 17:00, 180 needed, paused Mon 17:30 -> Tue 09:30: 17:00-17:30 (30),
        # then Tue 09:30-12:00 (150). Tue 12:00.
        ("2026-06-01T17:00", 180, [("2026-06-01T17:30", "2026-06-02T09:30")], "2026-06-02T12:00"),
        # From Thu 17:00, 120 needed: Thu 17:00-18:00 (60), Fri 08:00-09:00 (60). Fri 09:00.
        ("2026-06-04T17:00", 120, [], "2026-06-05T09:00"),
        # ... paused Fri 08:00-08:30: Fri 08:30-09:30. Fri 09:30.
        ("2026-06-04T17:00", 120, [("2026-06-05T08:00", "2026-06-05T08:30")], "2026-06-05T09:30"),
        # From Fri 14:00, 120 needed: Fri 14:00-15:00 (60), weekend, Mon 09:00-10:00. Mon 10:00.
        ("2026-06-05T14:00", 120, [], "2026-06-08T10:00"),
        # 60 needed from Mon 13:00 end exactly at the lunch closing: 14:00, not 15:00.
        ("2026-06-01T13:00", 60, [], "2026-06-01T14:00"),
        # Nothing needed: due at the start itself, even on a closed Saturday.
        ("2026-06-06T11:00", 0, [], "2026-06-06T11:00"),
        # Created Saturday: the clock starts Monday 09:00; 30 minutes -> Mon 09:30.
        ("2026-06-06T11:00", 30, [], "2026-06-08T09:30"),
    ],
)
def test_deadline_on_a_business_calendar_with_pauses(
    start: str, minutes: int, pauses: list[tuple[str, str]], due: str
) -> None:
    got = deadline(LABORAL, at(start), minutes, [span(a, b) for a, b in pauses])
    assert got == at(due)


# ------------------------------------------------------------ far from UTC: Sydney
# Sydney is UTC+10 (AEST) in winter and UTC+11 (AEDT) in summer: 2026-04-05 03:00 AEDT
# -> 02:00 AEST, 2026-10-04 02:00 AEST -> 03:00 AEDT. Office hours 09:00-17:00 local are
# 23:00 (or 22:00) UTC the day before to 07:00 (06:00) UTC: every office day straddles
# a UTC date.


@pytest.mark.parametrize(
    ("start", "stop", "minutes"),
    [
        # Mon 2026-06-01 09:00 -> Tue 09:30 (AEST): 480 on Monday + 30 on Tuesday = 510.
        # (Tue 09:30 is Mon 23:30 UTC: Tuesday's morning is only there in local days.)
        ("2026-06-01T09:00", "2026-06-02T09:30", 510),
        # Mon 16:00 -> Tue 09:30: 60 + 30 = 90.
        ("2026-06-01T16:00", "2026-06-02T09:30", 90),
        # Fri 2026-06-05 16:00 -> Mon 06-08 09:45: Fri 60, Sun 01:00-05:00 240, Mon 45 = 345.
        ("2026-06-05T16:00", "2026-06-08T09:45", 345),
        # Summer (AEDT): Mon 2026-11-30 10:00 -> Tue 12-01 10:00 = 420 + 60 = 480.
        ("2026-11-30T10:00", "2026-12-01T10:00", 480),
        # Fri 2026-04-03 17:00 -> Mon 04-06 09:00 (autumn change on Sunday): only Sunday
        # 01:00-05:00 counts, which holds 02:00-03:00 twice: 5 hours = 300.
        ("2026-04-03T17:00", "2026-04-06T09:00", 300),
        # Fri 2026-10-02 17:00 -> Mon 10-05 09:00 (spring change): 01:00-05:00 lacks
        # 02:00-03:00: 3 hours = 180.
        ("2026-10-02T17:00", "2026-10-05T09:00", 180),
    ],
)
def test_sydney_office(start: str, stop: str, minutes: int) -> None:
    assert WorkClock(SYDNEY_OFFICE).working_time(at(start, SYDNEY), at(stop, SYDNEY)) == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("start", "stop", "minutes"),
    [
        # Sat 22:00 -> Sun 06:00 across the autumn change (03:00 -> 02:00): 8 + 1 = 9 h.
        ("2026-04-04T22:00", "2026-04-05T06:00", 540),
        # ... across the spring change (02:00 -> 03:00): 8 - 1 = 7 h.
        ("2026-10-03T22:00", "2026-10-04T06:00", 420),
    ],
)
def test_sydney_24x7_across_dst(start: str, stop: str, minutes: int) -> None:
    assert WorkClock(builtin_24x7("Australia/Sydney")).working_time(at(start, SYDNEY), at(stop, SYDNEY)) == timedelta(
        minutes=minutes
    )


def test_sydney_deadlines_across_the_spring_change() -> None:
    # 24x7: 01:30 AEST + 60 minutes. 02:00 AEST becomes 03:00 AEDT, so 30 minutes reach
    # 03:00 and 30 more 03:30 AEDT (= 16:30 UTC the day before).
    due = deadline(builtin_24x7("Australia/Sydney"), at("2026-10-04T01:30", SYDNEY), 60)
    assert due == at("2026-10-04T03:30", SYDNEY) == at("2026-10-03T16:30", UTC)
    # Office: from Sun 00:00, 200 minutes: the Sunday shift 01:00-05:00 gives 180 (it
    # lacks an hour), Monday 09:00 + 20 = 09:20 AEDT (= Sun 22:20 UTC).
    due = deadline(SYDNEY_OFFICE, at("2026-10-04T00:00", SYDNEY), 200)
    assert due == at("2026-10-05T09:20", SYDNEY) == at("2026-10-04T22:20", UTC)


# ----------------------------------------------------------- far from UTC: Kolkata
# Kolkata is UTC+05:30 all year. Office 09:00-17:30 IST = 03:30-12:00 UTC.


@pytest.mark.parametrize(
    ("start", "stop", "minutes"),
    [
        # 03:00Z is 08:30 IST, 04:00Z is 09:30 IST: 30 minutes of office (an offset off by
        # half an hour would give 0 or 60).
        ("2026-06-01T03:00", "2026-06-01T04:00", 30),
        # 11:30Z Fri is 17:00 IST; 04:00Z Mon is 09:30 IST: Fri 30 + Mon 30 = 60.
        ("2026-06-05T11:30", "2026-06-08T04:00", 60),
        # A whole office day: 03:30Z -> 12:00Z = 8 h 30 = 510.
        ("2026-06-01T00:00", "2026-06-01T23:59", 510),
    ],
)
def test_kolkata_half_hour_offset(start: str, stop: str, minutes: int) -> None:
    assert WorkClock(KOLKATA_OFFICE).working_time(at(start, UTC), at(stop, UTC)) == timedelta(minutes=minutes)


def test_kolkata_deadline() -> None:
    # From Mon 17:00 IST (11:30Z), 60 minutes: 30 on Monday, 30 from Tue 09:00 IST:
    # Tue 09:30 IST = 04:00Z.
    assert deadline(KOLKATA_OFFICE, at("2026-06-01T11:30", UTC), 60) == at("2026-06-02T04:00", UTC)


# ----------------------------------------------------------- far from UTC: Chatham
# Chatham is UTC+12:45 (CHAST) and UTC+13:45 (CHADT) in summer: 2026-04-05 03:45
# -> 02:45, 2026-09-27 02:45 -> 03:45. Office 09:00-17:00 is 20:15-04:15 UTC in winter
# (19:15-03:15 in summer), from the day before.


@pytest.mark.parametrize(
    ("start", "stop", "minutes"),
    [
        # Winter: Mon 2026-06-01 09:00 CHAST = 05-31 20:15Z; Tue 09:30 = 06-01 20:45Z.
        # 480 on Monday + 30 on Tuesday = 510.
        ("2026-05-31T20:15", "2026-06-01T20:45", 510),
        # Summer: 2026-11-01 19:00Z is Mon 11-02 08:45 CHADT, 20:00Z is 09:45: 45.
        ("2026-11-01T19:00", "2026-11-01T20:00", 45),
    ],
)
def test_chatham_office(start: str, stop: str, minutes: int) -> None:
    assert WorkClock(CHATHAM_OFFICE).working_time(at(start, UTC), at(stop, UTC)) == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("start", "stop", "minutes"),
    [
        # Sat 22:00 -> Sun 06:00 local across the autumn change (03:45 -> 02:45): 9 h.
        ("2026-04-04T22:00", "2026-04-05T06:00", 540),
        # ... across the spring change (02:45 -> 03:45): 7 h.
        ("2026-09-26T22:00", "2026-09-27T06:00", 420),
    ],
)
def test_chatham_24x7_across_dst(start: str, stop: str, minutes: int) -> None:
    assert WorkClock(builtin_24x7("Pacific/Chatham")).working_time(at(start, CHATHAM), at(stop, CHATHAM)) == timedelta(
        minutes=minutes
    )


def test_chatham_deadline_across_the_spring_change() -> None:
    # 02:30 CHAST + 30 minutes: 15 minutes reach 02:45, which is 03:45 CHADT; 15 more: 04:00.
    due = deadline(builtin_24x7("Pacific/Chatham"), at("2026-09-27T02:30", CHATHAM), 30)
    assert due == at("2026-09-27T04:00", CHATHAM)


class _NoOffset(tzinfo):
    """A time zone that does not know its offset: as unusable as no time zone at all."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None


def test_an_instant_without_a_known_offset_is_refused() -> None:
    # Guessing the machine's zone for it would make the figures depend on where they run.
    start = datetime(2026, 6, 1, 9, tzinfo=_NoOffset())
    with pytest.raises(ValueError, match="naive datetime 2026-06-01T09:00"):
        WorkClock(LABORAL).working_time(start, at("2026-06-01T10:00"))
