"""Property tests of cadence arithmetic and the duration / target grammars.

The month-end boundaries (31st into a 30-day month or February, Feb 29 plus a year,
December into January) are pinned as ``@example`` cases, so they run on every run
whatever the random part draws.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from asplan.model.scalars import Cadence, Duration, Target

NAMED = [
    "daily",
    "weekly",
    "biweekly",
    "monthly",
    "bimonthly",
    "quarterly",
    "semiannual",
    "yearly",
    "annual",
]

# Keep clear of year 9999 so that additions stay inside the date range.
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@st.composite
def iso_cadences(draw: st.DrawFn) -> str:
    years = draw(st.integers(0, 3))
    months = draw(st.integers(0, 24))
    weeks = draw(st.integers(0, 5))
    days = draw(st.integers(0, 60))
    if not (years or months or weeks or days):
        days = 1
    text = "P"
    for count, designator in ((years, "Y"), (months, "M"), (weeks, "W"), (days, "D")):
        if count:
            text += f"{count}{designator}"
    return text


cadences = st.one_of(st.sampled_from(NAMED), iso_cadences()).map(Cadence)
month_only = st.one_of(
    st.sampled_from(["monthly", "bimonthly", "quarterly", "semiannual", "yearly", "annual"]),
    st.integers(1, 40).map(lambda n: f"P{n}M"),
    st.integers(1, 5).map(lambda n: f"P{n}Y"),
).map(Cadence)


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def nth_month(d: date, n: int) -> tuple[int, int]:
    year, index = divmod(d.year * 12 + d.month - 1 + n, 12)
    return year, index + 1


@example(Cadence("monthly"), date(2026, 1, 31), 1)  # Feb 28
@example(Cadence("P1Y"), date(2024, 2, 29), 1)  # 2025-02-28
@example(Cadence("monthly"), date(2026, 12, 31), 2)  # 2027-02-28
@given(cadences, dates, st.integers(1, 12))
def test_add_never_goes_backwards(cadence: Cadence, start: date, times: int) -> None:
    result = cadence.add(start, times)
    assert result > start
    assert result >= cadence.add(start, times - 1)


@example(1, 0, 1, date(2026, 1, 30))  # Mar 1
@example(0, 1, 0, date(2026, 12, 28))  # 2027-01-04
@example(12, 0, 1, date(2024, 2, 29))  # 2025-03-01
@given(st.integers(0, 40), st.integers(0, 8), st.integers(0, 60), dates)
def test_a_mixed_cadence_is_its_months_then_its_days(months: int, weeks: int, days: int, start: date) -> None:
    # The months are added (and clamped) first: P1M1D from 2026-01-30 is Feb 28 + 1 day
    # = Mar 1; the days first would give Jan 31 + a month = Feb 28.
    if not (months or weeks or days):
        days = 1
    text = "P" + "".join(f"{n}{d}" for n, d in ((months, "M"), (weeks, "W"), (days, "D")) if n)
    month_part = Cadence(f"P{months}M").add(start) if months else start
    assert Cadence(text).add(start) == month_part + timedelta(days=7 * weeks + days)


@example(Cadence("monthly"), date(2026, 8, 31), 2)  # Oct 31, not Oct 30 via Sep 30
@example(Cadence("quarterly"), date(2026, 11, 30), 1)  # 2027-02-28
@example(Cadence("P1Y"), date(2024, 2, 29), 4)  # 2028-02-29
@example(Cadence("annual"), date(2028, 2, 29), 1)  # 2029-02-28
@given(month_only, dates, st.integers(1, 30))
def test_month_only_cadence_clamps_to_the_month_end(cadence: Cadence, start: date, times: int) -> None:
    result = cadence.add(start, times)
    assert (result.year, result.month) == nth_month(start, cadence.months * times)
    assert result.day == min(start.day, last_day(result.year, result.month))


@example(date(2026, 1, 31), 1)  # Feb 28
@example(date(2024, 1, 31), 1)  # Feb 29 in a leap year
@example(date(2026, 1, 31), 3)  # Apr 30
@example(date(2026, 12, 31), 1)  # Jan 31 of the next year
@given(dates, st.integers(0, 240))
def test_monthly_times_n_is_the_nth_month_clamped_from_the_anchor(start: date, n: int) -> None:
    year, month = nth_month(start, n)
    expected = date(year, month, min(start.day, last_day(year, month)))
    assert Cadence("monthly").add(start, times=n) == expected
    if n:
        assert Cadence(f"P{n}M").add(start) == expected


@given(st.integers(1, 60).map(lambda n: f"P{n}D"), dates, st.integers(0, 20))
def test_day_cadences_are_plain_day_arithmetic(text: str, start: date, times: int) -> None:
    cadence = Cadence(text)
    assert cadence.add(start, times) == start + timedelta(days=cadence.days * times)


@given(cadences)
def test_cadence_text_round_trips(cadence: Cadence) -> None:
    again = Cadence.parse(str(cadence))
    assert again == cadence
    assert str(again) == str(cadence)
    assert (cadence.add(date(2026, 4, 1)) - date(2026, 4, 1)).days >= 1


short_durations = st.builds(
    lambda whole, frac, unit: f"{whole}{'.' + frac if frac else ''}{unit}",
    st.integers(0, 10_000),
    st.one_of(st.just(""), st.from_regex(r"[0-9]{1,3}", fullmatch=True)),
    st.sampled_from("mhdw"),
)


@given(short_durations)
def test_duration_parse_str_round_trip(text: str) -> None:
    duration = Duration.parse(text)
    assert str(duration) == text
    assert Duration.parse(str(duration)) == duration
    canonical = Duration.from_minutes(duration.minutes)
    assert Duration.parse(str(canonical)) == duration


@given(st.integers(0, 16_666))  # x 60 stays within the six digits a duration's number may have
def test_iso_and_short_forms_are_equal(minutes: int) -> None:
    assert Duration(f"PT{minutes}M") == Duration(f"{minutes}m")
    assert Duration(f"PT{minutes}H") == Duration(f"{minutes}h") == Duration(f"{minutes * 60}m")
    assert Duration(f"P{minutes}D") == Duration(f"{minutes}d") == Duration(f"{minutes * 24}h")
    assert Duration(f"P{minutes}W") == Duration(f"{minutes}w") == Duration(f"{minutes * 7}d")
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    assert Duration(f"P{days}DT{hours}H{mins}M") == Duration(f"{minutes}m")


@given(st.integers(0, 100_000), st.integers(0, 100_000))
def test_duration_order_follows_minutes(a: int, b: int) -> None:
    assert (Duration(f"{a}m") < Duration(f"PT{b}M")) == (a < b)
    assert (Duration(f"{a}m") <= Duration(f"PT{b}M")) == (a <= b)
    assert Duration(f"{a}m").delta == timedelta(minutes=a)


percent_values = st.decimals(
    min_value=Decimal(0), max_value=Decimal(100), places=3, allow_nan=False, allow_infinity=False
)


@given(percent_values)
def test_target_boundaries(threshold: Decimal) -> None:
    text = f"{threshold}%"
    assert Target(f">= {text}").is_met(threshold)
    assert not Target(f"> {text}").is_met(threshold)
    assert Target(f"<= {text}").is_met(threshold)
    assert not Target(f"< {text}").is_met(threshold)
    assert Target(f"== {text}").is_met(threshold)
    step = Decimal("0.001")
    assert Target(f"> {text}").is_met(threshold + step)
    assert not Target(f">= {text}").is_met(threshold - step)
    assert Target(f"< {text}").is_met(threshold - step)


def test_target_boundary_example() -> None:
    assert Target(">= 99.9%").is_met(Decimal("99.9"))
    assert not Target("> 99.9%").is_met(Decimal("99.9"))


@given(st.integers(0, 10_000))
def test_duration_target_boundaries(minutes: int) -> None:
    assert Target(f"<= {minutes}m").is_met(Decimal(minutes))
    assert Target(f"<=PT{minutes}M").is_met(Decimal(minutes))
    assert not Target(f"< {minutes}m").is_met(Decimal(minutes))
    assert not Target(f"<= {minutes}m").is_met(Decimal(minutes) + Decimal("0.01"))
