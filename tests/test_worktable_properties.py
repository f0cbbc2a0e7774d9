"""The ``sla`` engine's fast paths answer exactly what the working-time clock answers.

A million events are timed from per-calendar tables of cumulative working time
(:mod:`asplan.timecalc.worktable`), naive timestamps are placed in their zone by the
offset of their local day (:class:`asplan.sla.timereader.TimeReader`), and elapsed times
and deadlines are integers of microseconds (:class:`asplan.sla.run.SlaRun`). Each
law here compares one of them with the reference it replaces, on the calendars of
``test_worktime_properties`` (lunch breaks, holidays, the DST nights of Madrid, New
York, Sydney and Chatham, Kolkata's half-hour offset), to the microsecond.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from asplan.model.scalars import PeriodLabel
from asplan.model.sla import Sla
from asplan.sla.events import parse_instant
from asplan.sla.results import NO_DEADLINE
from asplan.sla.run import SlaRun
from asplan.sla.timereader import TimeReader
from asplan.timecalc.worktable import WorkTable, from_micros, to_micros
from asplan.timecalc.worktime import Interval, WorkClock
from helpers import examples
from test_worktime_properties import CLOCKS, MADRID_OFFICE, NY_NIGHT, SYDNEY, clocks, instants, pause_lists, utc

MICRO = timedelta(microseconds=1)


def _run(clock: WorkClock, target: str) -> SlaRun:
    sla = Sla.model_validate(
        {
            "id": "SLA-1",
            "name": "Resolution",
            "target": target,
            "start": "created",
            "stop": "resolved",
            "period": "monthly",
            "calendar": "24x7",
            "penalty": "-",
        }
    )
    return SlaRun(sla, clock, UTC, ["tickets.csv"])


@example(SYDNEY, utc("2026-05-31T23:00"), utc("2026-06-01T23:30"))
@example(MADRID_OFFICE, utc("2026-10-24T12:00"), utc("2026-10-27T12:00"))
@example(NY_NIGHT, utc("2026-03-07T12:00"), utc("2026-03-09T12:00"))
@settings(max_examples=examples(300))
@given(clocks, instants, instants)
def test_the_table_gives_the_clocks_working_time(clock: WorkClock, a: datetime, b: datetime) -> None:
    a, b = sorted((a, b))
    table = WorkTable(clock)
    if not table.usable:
        return  # 24x7: plain subtraction, no table
    lo, hi = to_micros(a), to_micros(b)
    assert table.extend_to(lo) and table.extend_to(hi)
    assert table.at(hi) - table.at(lo) == clock.working_time(a, b) // MICRO


@settings(max_examples=examples(300))
@given(clocks, instants, instants, pause_lists)
def test_elapsed_in_microseconds_is_the_clocks(
    clock: WorkClock, a: datetime, b: datetime, pauses: list[Interval]
) -> None:
    a, b = sorted((a, b))
    run = _run(clock, "<= 8h")
    micro_pauses = [(to_micros(p), to_micros(q)) for p, q in pauses]
    assert run.elapsed(to_micros(a), to_micros(b), micro_pauses) == clock.elapsed(a, b, pauses) // MICRO


# An 8 h target from Friday afternoon in Madrid runs into Monday; in New York over the
# spring-forward Sunday night shift; a pause straddling the start.
@example(MADRID_OFFICE, utc("2026-06-05T14:00"), 480, [])
@example(NY_NIGHT, utc("2026-03-07T12:00"), 300, [])
@example(MADRID_OFFICE, utc("2026-06-01T08:00"), 90, [(utc("2026-06-01T06:00"), utc("2026-06-01T08:30"))])
@settings(max_examples=examples(300))
@given(clocks, instants, st.integers(min_value=1, max_value=5 * 24 * 60), pause_lists)
def test_deadline_in_microseconds_is_the_clocks(
    clock: WorkClock, start: datetime, target_minutes: int, pauses: list[Interval]
) -> None:
    run = _run(clock, f"<= {target_minutes}m")
    expected = clock.deadline(start, timedelta(minutes=target_minutes), pauses)
    got = run.deadline(to_micros(start), [(to_micros(p), to_micros(q)) for p, q in pauses])
    assert (from_micros(got) if got != NO_DEADLINE else None) == expected


ZONES = [ZoneInfo(name) for name in ("Europe/Madrid", "America/New_York", "Australia/Sydney", "Pacific/Chatham")]


# The repeated hour of Madrid's autumn night (its first occurrence) and the skipped one of spring.
@example(ZONES[0], datetime(2026, 10, 25, 2, 30))
@example(ZONES[0], datetime(2026, 3, 29, 2, 30))
@example(ZONES[3], datetime(2026, 4, 5, 2, 50))
@settings(max_examples=examples(300))
@given(st.sampled_from(ZONES), st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1)))
def test_naive_times_are_placed_like_parse_instant(zone: ZoneInfo, local: datetime) -> None:
    text = local.isoformat(timespec="minutes")
    instant, naive = parse_instant(text, zone)
    assert TimeReader(zone, None).micros(text, "created") == (to_micros(instant), naive)


@settings(max_examples=examples(100))
@given(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1)), st.integers(-14 * 60, 14 * 60))
def test_times_with_an_offset_are_that_instant(local: datetime, offset: int) -> None:
    sign = "+" if offset >= 0 else "-"
    text = local.isoformat(timespec="seconds") + f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    instant, naive = parse_instant(text, UTC)
    assert TimeReader(ZONES[0], None).micros(text, "created") == (to_micros(instant), False) and not naive


def test_period_looked_up_by_the_hour_is_the_local_day_s() -> None:
    """Madrid, 31 October 2026 23:30 CET is 22:30 UTC: October there, whatever the UTC hour says."""
    run = SlaRun(_run(CLOCKS[0], "<= 8h").sla, CLOCKS[0], ZoneInfo("Europe/Madrid"), ["tickets.csv"])
    assert run.period(to_micros(utc("2026-10-31T22:30")))[0] == PeriodLabel.parse("2026-10")
    assert run.period(to_micros(utc("2026-10-31T23:00")))[0] == PeriodLabel.parse("2026-11")


@pytest.mark.parametrize(
    "text",
    [
        "2026-10-25 02:30",  # a space for the T, in the repeated hour
        "2026-03-29T02:30",  # the skipped hour
        "2026-W23-1T08:00",  # a week date: not the plain form, read by fromisoformat
        "2026-02-30T10:00",  # no such day
        "2026-06-01T24:00",  # no such time
        "2026-06-01T0a:00",
        " 2026-06-01T08:00 ",  # spaces around
        "2026-06-01T08:00Z",
        "1969-12-31T23:30",  # before the tables' years
        "9999-12-31T23:30",  # after them
    ],
)
def test_odd_timestamps_read_like_parse_instant(text: str) -> None:
    """The table lookups of plain ``YYYY-MM-DDTHH:MM`` texts leave every other text to ``fromisoformat``."""
    zone = ZONES[0]
    try:
        instant, naive = parse_instant(text, zone)
    except ValueError as exc:
        with pytest.raises(ValueError) as caught:
            TimeReader(zone, None).micros(text, "created")
        assert str(caught.value) == f"'created': {exc}"
    else:
        assert TimeReader(zone, None).micros(text, "created") == (to_micros(instant), naive)


def test_far_apart_years_fall_back_to_the_clock() -> None:
    """Events of 1990 and 2036 among 2026's: the table grows to 40 years at most; the rest is the clock's."""
    run = _run(MADRID_OFFICE, "<= 8h")
    spans = [
        (utc("2026-06-01T07:00"), utc("2026-06-03T15:00")),  # lays out 2025-2027
        (utc("2036-06-02T07:00"), utc("2036-06-02T15:00")),  # grows it to 2025-2037
        (utc("1990-06-01T07:00"), utc("1990-06-01T15:00")),  # 48 years: left to the clock
        (utc("1990-06-01T07:00"), utc("2030-06-01T15:00")),  # across both
        (utc("2199-12-30T07:00"), utc("2200-01-02T15:00")),  # past the tables' last year
    ]
    for a, b in spans:
        assert run.elapsed(to_micros(a), to_micros(b), []) == MADRID_OFFICE.working_time(a, b) // MICRO
    table = run.table
    assert table is not None and (table.first_year, table.last_year) == (2025, 2037)
    assert not table.extend_to(to_micros(utc("1990-06-01T07:00")))
