"""Working-time calendars: holidays, working days, DST-correct opening instants."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from asplan.model.plan import Plan
from asplan.model.sla import Calendar
from asplan.timecalc import WorkCalendar, build_calendars, builtin_24x7, public_holiday_problem


def madrid(**extra: object) -> WorkCalendar:
    model = Calendar.model_validate(
        {
            "timezone": "Europe/Madrid",
            "hours": {"mon-thu": "09:00-14:00,15:00-18:00", "fri": "08:00-15:00"},
            "holidays": ["2026-12-24"],
            "holidays_from": {"country": "ES", "subdivision": "MD"},
            **extra,
        }
    )
    return WorkCalendar.from_model("laboral", model)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def test_weekly_ranges_and_holidays() -> None:
    cal = madrid()
    assert cal.weekly[0] == [(540, 840), (900, 1080)]
    assert cal.weekly[5] == []
    assert cal.is_holiday(date(2026, 12, 24))  # explicit
    assert cal.is_holiday(date(2026, 5, 2))  # Fiesta de la Comunidad de Madrid
    assert cal.is_holiday(date(2026, 12, 25))  # Navidad
    assert not cal.is_holiday(date(2026, 12, 23))
    assert not cal.is_working_day(date(2026, 11, 28))  # Saturday
    assert cal.is_working_day(date(2026, 11, 27))


def test_next_working_day_over_a_weekend_and_consecutive_holidays() -> None:
    cal = madrid()
    # Sat 5 Dec, Sun 6, Mon 7 (Constitution day moved), Tue 8 (Immaculate) -> Wed 9 Dec 2026
    assert cal.next_working_day(date(2026, 12, 5)) == date(2026, 12, 9)
    assert cal.next_working_day(date(2026, 12, 9)) == date(2026, 12, 9)
    # Thu 24 Dec (explicit), Fri 25 (Christmas), weekend -> Mon 28
    assert cal.next_working_day(date(2026, 12, 24)) == date(2026, 12, 28)


def test_calendar_without_working_days_raises() -> None:
    cal = WorkCalendar.from_model("never", Calendar.model_validate({"hours": {}}))
    with pytest.raises(ValueError, match="no working day"):
        cal.next_working_day(date(2026, 1, 1))


def test_opening_ranges_are_real_instants() -> None:
    cal = madrid()
    winter = cal.opening_ranges(date(2026, 11, 23))  # CET, UTC+1
    assert [(a.astimezone(UTC), b.astimezone(UTC)) for a, b in winter] == [
        (utc(2026, 11, 23, 8), utc(2026, 11, 23, 13)),
        (utc(2026, 11, 23, 14), utc(2026, 11, 23, 17)),
    ]
    summer = cal.opening_ranges(date(2026, 6, 5))  # Friday, CEST, UTC+2
    assert [(a.astimezone(UTC), b.astimezone(UTC)) for a, b in summer] == [(utc(2026, 6, 5, 6), utc(2026, 6, 5, 13))]
    assert cal.opening_ranges(date(2026, 12, 25)) == []
    assert cal.opening_ranges(date(2026, 11, 28)) == []


def test_dst_days_on_24x7_and_gaps() -> None:
    always = builtin_24x7("Europe/Madrid")
    ((start, end),) = always.opening_ranges(date(2026, 3, 29))  # spring forward: a 23-hour day
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=23)
    ((start, end),) = always.opening_ranges(date(2026, 10, 25))  # fall back: 25 hours
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=25)
    assert always.is_working_day(date(2026, 12, 25)) and not always.is_holiday(date(2026, 12, 25))
    night = WorkCalendar.from_model(
        "night", Calendar.model_validate({"timezone": "Europe/Madrid", "hours": {"sun": "02:30-24:00"}})
    )
    # 02:30 does not exist on 2026-03-29 (02:00 -> 03:00): the range opens at the jump, 01:00 UTC
    ((start, end),) = night.opening_ranges(date(2026, 3, 29))
    assert start.astimezone(UTC) == utc(2026, 3, 29, 1)
    assert end.astimezone(UTC) == utc(2026, 3, 29, 22)


def test_midnight_gap_in_havana() -> None:
    # Cuba springs forward at 00:00 -> 01:00: the local day starts at 01:00 (05:00 UTC)
    ((start, end),) = builtin_24x7("America/Havana").opening_ranges(date(2026, 3, 8))
    assert start.astimezone(UTC) == utc(2026, 3, 8, 5)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=23)


def test_unknown_zone_is_refused_where_it_is_written() -> None:
    with pytest.raises(ValidationError, match=r"got 'Europe/Madird': did you mean 'Europe/Madrid'\?"):
        madrid(timezone="Europe/Madird")
    with pytest.raises(ValidationError, match=r"did you mean 'Europe/Madrid'\?"):
        madrid(timezone="europe/madrid")
    with pytest.raises(ValidationError, match=r"did you mean 'America/New_York'\?"):
        madrid(timezone="America/NewYork")
    with pytest.raises(ValidationError, match="an IANA time zone"):
        madrid(timezone="localtime")  # whatever the machine is set to: not the same plan everywhere


def test_unknown_sources_do_not_crash() -> None:
    # The model refuses an unknown zone (ASP102); a calendar built anyway still never raises.
    model = Calendar.model_validate({"hours": {"mon-fri": "09:00-17:00"}, "holidays_from": {"country": "XX"}})
    bad = WorkCalendar.from_model("laboral", model.model_copy(update={"timezone": "Mars/Olympus"}))
    assert bad.tz.key == "UTC"
    assert not bad.is_holiday(date(2026, 12, 25))
    problems = bad.all_problems()
    assert problems[0].startswith("unknown time zone 'Mars/Olympus'")
    assert problems[1] == "country 'XX' has no public holidays in the holidays package"
    assert public_holiday_problem("ES", "ZZ") is not None
    assert public_holiday_problem("GB", "ENG") is None


def test_build_calendars_adds_24x7_in_account_zone() -> None:
    plan = Plan.model_validate(
        {
            "asplan": 1,
            "account": {"id": "a", "name": "A", "tier": "low", "manager": "m", "timezone": "Asia/Tokyo"},
            "calendars": {"office": {"hours": {"mon-fri": "09:00-17:00"}}},
        }
    )
    calendars = build_calendars(plan)
    assert sorted(calendars) == ["24x7", "office"]
    assert calendars["24x7"].always_open and calendars["24x7"].tz.key == "Asia/Tokyo"
    assert calendars["office"].tz.key == "UTC"
