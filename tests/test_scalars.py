"""Tests of the plan format's scalar types (spec §2, "Scalar conventions")."""

from __future__ import annotations

import copy
import pickle
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from pydantic import BaseModel, ValidationError

from asplan.model.scalars import (
    DURATION_PATTERN,
    ID_PATTERN,
    Cadence,
    Duration,
    Id,
    Money,
    PeriodLabel,
    StrictDate,
    Target,
    parse_date,
    parse_id,
)
from asplan.sla import timed

DURATION_ERROR = "expected a duration like 30m, 4h, 2d, 1w or ISO 8601 PT30M"

# ---------------------------------------------------------------------------- Duration


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("30m", Decimal(30)),
        ("4h", Decimal(240)),
        ("2d", Decimal(2880)),
        ("1w", Decimal(10080)),
        ("1.5h", Decimal(90)),
        ("0.5m", Decimal("0.5")),
        ("0m", Decimal(0)),
        ("PT30M", Decimal(30)),
        ("P2D", Decimal(2880)),
        ("P1DT2H30M", Decimal(1440 + 120 + 30)),
        ("PT1.5H", Decimal(90)),
        ("PT1,5H", Decimal(90)),
        ("P1W", Decimal(10080)),
        ("P1W1D", Decimal(11520)),
        ("PT90S", Decimal("1.5")),
        ("PT0S", Decimal(0)),
    ],
)
def test_duration_parses_to_exact_minutes(text: str, minutes: Decimal) -> None:
    duration = Duration.parse(text)
    assert duration.minutes == minutes
    assert str(duration) == text
    assert duration.delta == timedelta(minutes=float(minutes))


@pytest.mark.parametrize(
    "bad",
    ["3 hours", "30", "30 m", "30M", "1.h", ".5h", "-5m", "", "P", "PT", "PT30", "P1DT", " 30m"],
)
def test_duration_rejects_with_expected_form(bad: str) -> None:
    with pytest.raises(ValueError) as info:
        Duration.parse(bad)
    assert str(info.value) == f"{DURATION_ERROR}, got {bad!r}"


def test_duration_error_message_matches_the_brief_example() -> None:
    with pytest.raises(ValueError, match=re.escape(f"{DURATION_ERROR}, got '3 hours'")):
        Duration("3 hours")


@pytest.mark.parametrize("bad", ["P1M", "P1Y", "P1Y2D", "P1MT2H"])
def test_duration_rejects_years_and_months_explaining_why(bad: str) -> None:
    with pytest.raises(ValueError) as info:
        Duration.parse(bad)
    message = str(info.value)
    assert message.startswith(f"{DURATION_ERROR}, got {bad!r}: ")
    assert "years and months have no fixed length" in message


def test_duration_from_a_yaml_number_suggests_a_unit() -> None:
    with pytest.raises(ValueError) as info:
        Duration(30)  # type: ignore[arg-type]
    assert str(info.value) == f"{DURATION_ERROR}, got the number 30: add a unit, e.g. '30m' or '30h'"


@pytest.mark.parametrize("bad", [None, True, [], {}, 1.5])
def test_duration_rejects_non_strings(bad: Any) -> None:
    with pytest.raises(ValueError, match=re.escape(DURATION_ERROR)):
        Duration(bad)


def test_duration_too_long_is_refused() -> None:
    with pytest.raises(ValueError, match="too long"):
        Duration("99999999999999w")


def test_duration_iso_and_short_forms_are_equal_and_hash_alike() -> None:
    assert Duration("PT30M") == Duration("30m")
    assert Duration("P1D") == Duration("1d") == Duration("24h") == Duration("1440m")
    assert Duration("P1W") == Duration("7d")
    assert hash(Duration("PT30M")) == hash(Duration("30m"))
    assert len({Duration("1h"), Duration("60m"), Duration("PT1H")}) == 1
    assert str(Duration("PT30M")) == "PT30M"  # equal values keep their own spelling


def test_duration_orders_by_length() -> None:
    assert Duration("30m") < Duration("1h") <= Duration("60m") < Duration("P1D")
    assert Duration("1w") > Duration("6d") >= Duration("144h")
    assert sorted([Duration("1d"), Duration("4h"), Duration("PT30M")]) == [
        Duration("30m"),
        Duration("4h"),
        Duration("24h"),
    ]
    assert max(Duration("1h"), Duration("2h")) == Duration("2h")


def test_duration_is_not_equal_to_its_text() -> None:
    assert Duration("30m") != "30m"


def test_duration_seconds_that_are_not_decimal_minutes() -> None:
    one_second = Duration("PT1S")
    assert one_second.delta == timedelta(seconds=1)
    assert Duration("PT60S") == Duration("1m")


def test_duration_from_minutes_and_delta_give_canonical_text() -> None:
    assert str(Duration.from_minutes(90)) == "90m"
    assert str(Duration.from_minutes(120)) == "2h"
    assert str(Duration.from_minutes(2880)) == "2d"
    assert str(Duration.from_minutes(20160)) == "2w"
    assert str(Duration.from_minutes(Decimal("0.50"))) == "0.5m"
    assert str(Duration.from_minutes(0)) == "0m"
    # A span becomes minutes the way the SLA engine turns one into minutes (to the microsecond).
    assert Duration.from_minutes(timed.minutes(timedelta(hours=1, minutes=30))) == Duration("1.5h")
    assert Duration.from_minutes(timed.minutes(timedelta(seconds=30))).minutes == Decimal("0.5")
    with pytest.raises(ValueError):
        Duration.from_minutes(-1)


def test_duration_constructor_returns_an_existing_instance() -> None:
    duration = Duration("4h")
    assert Duration(duration) is duration
    assert Duration.parse(duration) is duration  # type: ignore[arg-type]


def test_duration_is_immutable_copyable_and_picklable() -> None:
    duration = Duration("1.5h")
    with pytest.raises(AttributeError):
        duration.minutes = Decimal(1)
    assert copy.deepcopy(duration) is duration
    restored = pickle.loads(pickle.dumps(duration))
    assert restored == duration
    assert str(restored) == "1.5h"
    assert repr(duration) == "Duration('1.5h')"


# ---------------------------------------------------------------------------- Cadence


@pytest.mark.parametrize(
    ("text", "months", "days"),
    [
        ("daily", 0, 1),
        ("weekly", 0, 7),
        ("biweekly", 0, 14),
        ("monthly", 1, 0),
        ("bimonthly", 2, 0),
        ("quarterly", 3, 0),
        ("semiannual", 6, 0),
        ("yearly", 12, 0),
        ("annual", 12, 0),
        ("P10D", 0, 10),
        ("P2W", 0, 14),
        ("P3M", 3, 0),
        ("P1Y", 12, 0),
        ("P1Y6M", 18, 0),
        ("P1M15D", 1, 15),
    ],
)
def test_cadence_parses_names_and_iso(text: str, months: int, days: int) -> None:
    cadence = Cadence.parse(text)
    assert (cadence.months, cadence.days) == (months, days)
    assert str(cadence) == text


def test_cadence_equality_is_by_meaning() -> None:
    assert Cadence("yearly") == Cadence("annual") == Cadence("P1Y") == Cadence("P12M")
    assert Cadence("biweekly") == Cadence("P2W") == Cadence("P14D")
    assert Cadence("monthly") != Cadence("P30D")
    assert hash(Cadence("quarterly")) == hash(Cadence("P3M"))


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("fortnightly", None),
        ("Monthly", None),
        ("P", None),
        ("3M", None),
        ("PT1H", "not hours"),
        ("P1DT12H", "not hours"),
        ("P1.5M", "whole numbers"),
        ("P0D", "longer than zero"),
        ("P0Y0M", "longer than zero"),
        ("P99999999Y", "too long"),
    ],
)
def test_cadence_rejects_with_expected_form(bad: str, why: str | None) -> None:
    with pytest.raises(ValueError) as info:
        Cadence.parse(bad)
    message = str(info.value)
    assert message.startswith("expected a cadence: daily, weekly, biweekly, monthly")
    assert f"got {bad!r}" in message
    if why:
        assert why in message


def test_cadence_rejects_a_number() -> None:
    with pytest.raises(ValueError, match="got the number 7"):
        Cadence(7)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cadence", "start", "expected"),
    [
        ("P3M", date(2026, 8, 31), date(2026, 11, 30)),
        ("P1Y", date(2024, 2, 29), date(2025, 2, 28)),
        ("yearly", date(2024, 2, 29), date(2025, 2, 28)),
        ("monthly", date(2026, 1, 31), date(2026, 2, 28)),
        ("monthly", date(2024, 1, 31), date(2024, 2, 29)),
        ("quarterly", date(2026, 11, 30), date(2027, 2, 28)),
        ("P2W", date(2026, 12, 25), date(2027, 1, 8)),
        ("weekly", date(2026, 12, 28), date(2027, 1, 4)),
        ("daily", date(2026, 12, 31), date(2027, 1, 1)),
        ("semiannual", date(2026, 8, 31), date(2027, 2, 28)),
        ("P1M15D", date(2026, 1, 31), date(2026, 3, 15)),  # Feb 28 + 15 days
    ],
)
def test_cadence_add_hand_computed(cadence: str, start: date, expected: date) -> None:
    assert Cadence(cadence).add(start) == expected


def test_cadence_add_times_counts_from_the_anchor() -> None:
    monthly = Cadence("monthly")
    # Repeated clamped additions would give Oct 30 (via Sep 30); the anchor keeps the 31st.
    assert monthly.add(date(2026, 8, 31), times=2) == date(2026, 10, 31)
    assert monthly.add(monthly.add(date(2026, 8, 31))) == date(2026, 10, 30)
    assert Cadence("quarterly").add(date(2026, 8, 31), times=2) == date(2027, 2, 28)
    assert Cadence("P1M15D").add(date(2026, 1, 31), times=2) == date(2026, 4, 30)
    assert Cadence("P2W").add(date(2026, 1, 1), times=3) == date(2026, 2, 12)
    assert monthly.add(date(2026, 3, 31), times=0) == date(2026, 3, 31)
    assert monthly.add(date(2026, 3, 31), times=-1) == date(2026, 2, 28)


def test_cadence_add_out_of_range_is_an_overflow() -> None:
    with pytest.raises(OverflowError, match="outside the date range"):
        Cadence("yearly").add(date(9999, 6, 1))
    with pytest.raises(OverflowError, match="outside the date range"):
        Cadence("daily").add(date(9999, 12, 31))


def test_cadence_lengths_in_days() -> None:
    # Cadence.add is what the agenda steps with. From 1 April the months that follow are
    # 30, 91, 183 and 365 days long, so a step from there has the lengths a reader expects.
    april = date(2026, 4, 1)
    assert [
        (Cadence(name).add(april) - april).days
        for name in ("daily", "weekly", "biweekly", "monthly", "quarterly", "semiannual", "yearly")
    ] == [1, 7, 14, 30, 91, 183, 365]
    assert (Cadence("P1M15D").add(april) - april).days == 45


# ----------------------------------------------------------------------------- Target


@pytest.mark.parametrize(
    ("text", "op", "kind", "value"),
    [
        (">= 99.9%", ">=", "percent", Decimal("99.9")),
        (">=99.9%", ">=", "percent", Decimal("99.9")),
        (">= 99.9 %", ">=", "percent", Decimal("99.9")),
        ("<= 30m", "<=", "duration", Decimal(30)),
        ("<=PT4H", "<=", "duration", Decimal(240)),
        ("< 2", "<", "number", Decimal(2)),
        ("== 0", "==", "number", Decimal(0)),
        ("> -1.5", ">", "number", Decimal("-1.5")),
        ("  <  5  ", "<", "number", Decimal(5)),
    ],
)
def test_target_parses(text: str, op: str, kind: str, value: Decimal) -> None:
    target = Target.parse(text)
    assert (target.op, target.kind, target.value) == (op, kind, value)
    assert str(target) == text
    if kind == "duration":
        assert target.duration is not None
        assert target.duration.minutes == value
    else:
        assert target.duration is None


def test_target_boundaries() -> None:
    assert Target(">= 99.9%").is_met(Decimal("99.9"))
    assert not Target("> 99.9%").is_met(Decimal("99.9"))
    assert Target(">= 99.9%").is_met(99.9)  # a YAML float is taken by its text
    assert not Target(">= 99.9%").is_met(Decimal("99.89"))
    assert Target("<= 30m").is_met(Decimal(30))
    assert not Target("< 30m").is_met(Decimal(30))
    assert not Target("<= 30m").is_met(Decimal("30.01"))
    assert Target("== 0").is_met(0)
    assert not Target("== 0").is_met(1)
    assert Target("< 2").is_met(1)
    assert Target("> 1").is_met(Decimal("1.0001"))


def test_target_direction() -> None:
    assert Target("<= 30m").lower_is_better
    assert Target("< 2").lower_is_better
    assert not Target(">= 99.9%").lower_is_better
    assert not Target("> 1").lower_is_better
    assert not Target("== 0").lower_is_better


def test_target_equality_is_by_meaning() -> None:
    assert Target("<=1h") == Target("<= 60m") == Target("<= PT1H")
    assert Target(">= 99.9%") != Target(">= 99.9")
    assert Target(">= 99.90%") == Target(">=99.9%")
    assert hash(Target("<=1h")) == hash(Target("<= 60m"))


def test_target_from_a_yaml_number_says_an_operator_is_needed() -> None:
    with pytest.raises(ValueError) as info:
        Target(95)  # type: ignore[arg-type]
    message = str(info.value)
    assert message.startswith("expected a target like '>= 99.9%', '<= 30m' or '< 2'")
    assert "got the number 95" in message
    assert "needs a comparison operator, e.g. '>= 95'" in message


@pytest.mark.parametrize(
    "bad", ["95", "95%", "= 5", "=> 5", "!= 0", ">=", ">= ", "<= 30 minutes", ">= 99.9%%", "<= -5m"]
)
def test_target_rejects_with_expected_form(bad: str) -> None:
    with pytest.raises(ValueError) as info:
        Target.parse(bad)
    assert str(info.value).startswith(
        "expected a target like '>= 99.9%', '<= 30m' or '< 2' (an operator >=, >, <=, < or == "
        f"and a number, percentage or duration), got {bad!r}"
    )


# ------------------------------------------------------------------------------ Money


@pytest.mark.parametrize(
    ("raw", "amount", "currency", "text"),
    [
        (12000, Decimal(12000), None, "12000"),
        (12000.5, Decimal("12000.5"), None, "12000.5"),
        (0.1, Decimal("0.1"), None, "0.1"),
        (Decimal("7.25"), Decimal("7.25"), None, "7.25"),
        ("12000 EUR", Decimal(12000), "EUR", "12000 EUR"),
        ("12000.50 EUR", Decimal("12000.50"), "EUR", "12000.50 EUR"),
        ("500", Decimal(500), None, "500"),
        ("0 USD", Decimal(0), "USD", "0 USD"),
    ],
)
def test_money_parses(raw: Any, amount: Decimal, currency: str | None, text: str) -> None:
    money = Money(raw)
    assert money.amount == amount
    assert money.currency == currency
    assert str(money) == text


def test_money_float_goes_through_str() -> None:
    assert Money(0.1).amount == Decimal("0.1")  # not 0.1000000000000000055511151231257827...
    assert str(Money(1e20)) == "100000000000000000000"


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("-5 EUR", "cannot be negative"),
        (-5, "cannot be negative"),
        (-0.5, "cannot be negative"),
        ("12000 eur", None),
        ("EUR 12000", None),
        ("12000 EURO", None),
        ("12,000 EUR", None),
        ("", None),
        (True, None),
        (None, None),
        (float("nan"), None),
        (float("inf"), None),
    ],
)
def test_money_rejects(bad: Any, why: str | None) -> None:
    with pytest.raises(ValueError) as info:
        Money(bad)
    message = str(info.value)
    assert message.startswith("expected an amount of money: a number, or a string like '12000 EUR'")
    if why:
        assert why in message


def test_money_equality() -> None:
    assert Money("500") == Money(500) == Money("500.00")
    assert Money("500 EUR") != Money("500")
    assert Money("500 EUR") != Money("500 USD")
    assert hash(Money(500)) == hash(Money("500.0"))
    money = Money("1 EUR")
    assert Money(money) is money
    assert pickle.loads(pickle.dumps(Money(12000.5))) == Money("12000.5")


# --------------------------------------------------------------------------------- Id


@pytest.mark.parametrize("good", ["OBJ-1", "acme-logistica", "maria.lopez", "a", "9", "A_b.c-D"])
def test_id_accepts(good: str) -> None:
    assert parse_id(good) == good


@pytest.mark.parametrize("bad", ["x y", "-a", ".a", "_a", "", "a/b", "ñu", "a\n"])
def test_id_rejects_with_expected_form(bad: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_id(bad)
    assert str(info.value) == (
        f"expected an id: letters, digits, '.', '_' or '-', starting with a letter or digit, got {bad!r}"
    )


def test_id_message_of_the_brief() -> None:
    with pytest.raises(ValueError) as info:
        parse_id("x y")
    assert str(info.value) == (
        "expected an id: letters, digits, '.', '_' or '-', starting with a letter or digit, got 'x y'"
    )


def test_id_length_and_numbers() -> None:
    assert parse_id("a" * 100) == "a" * 100
    with pytest.raises(ValueError, match="at most 100 characters, this has 101"):
        parse_id("a" * 101)
    with pytest.raises(ValueError, match="got the number 42: quote it"):
        parse_id(42)
    with pytest.raises(ValueError, match="got the boolean true"):
        parse_id(True)


def test_id_pattern_is_the_spec_one() -> None:
    assert ID_PATTERN == r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


# ------------------------------------------------------------------------ PeriodLabel


@pytest.mark.parametrize(
    ("raw", "kind", "start", "end"),
    [
        ("2026-10", "month", date(2026, 10, 1), date(2026, 11, 1)),
        ("2026-12", "month", date(2026, 12, 1), date(2027, 1, 1)),
        ("2026-Q3", "quarter", date(2026, 7, 1), date(2026, 10, 1)),
        ("2026-Q4", "quarter", date(2026, 10, 1), date(2027, 1, 1)),
        ("2026-W38", "week", date(2026, 9, 14), date(2026, 9, 21)),
        ("2026-W01", "week", date(2025, 12, 29), date(2026, 1, 5)),
        ("2026-W53", "week", date(2026, 12, 28), date(2027, 1, 4)),
        ("2020-W53", "week", date(2020, 12, 28), date(2021, 1, 4)),
        ("2026", "year", date(2026, 1, 1), date(2027, 1, 1)),
        (2026, "year", date(2026, 1, 1), date(2027, 1, 1)),
    ],
)
def test_period_label_parses(raw: str | int, kind: str, start: date, end: date) -> None:
    period = PeriodLabel(raw)
    assert (period.kind, period.start, period.end) == (kind, start, end)
    assert period.label == str(raw)
    assert str(period) == str(raw)


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("2027-W53", "ISO year 2027 has weeks W01 to W52"),
        ("2025-W53", "ISO year 2025 has weeks W01 to W52"),
        ("2026-W00", "weeks W01 to W53"),
        ("2026-13", "months run from 01 to 12"),
        ("2026-00", "months run from 01 to 12"),
        ("2026-Q5", "quarters run from Q1 to Q4"),
        ("2026-Q0", "quarters run from Q1 to Q4"),
        ("9999", "outside the supported dates"),
        ("0000", "outside the supported dates"),
        ("2026-1", None),
        ("2026-W1", None),
        ("2026-q3", None),
        ("2026-10-01", None),
        ("26", None),
        (26, None),
        (True, None),
        (2026.0, None),
    ],
)
def test_period_label_rejects(bad: Any, why: str | None) -> None:
    with pytest.raises(ValueError) as info:
        PeriodLabel(bad)
    message = str(info.value)
    assert message.startswith("expected a period like 2026-10, 2026-Q3, 2026-W38 or 2026, got ")
    if why:
        assert why in message


def test_period_label_for_date_previous_next_contains() -> None:
    assert PeriodLabel.for_date("month", date(2026, 10, 15)) == PeriodLabel("2026-10")
    assert PeriodLabel.for_date("quarter", date(2026, 9, 30)).label == "2026-Q3"
    assert PeriodLabel.for_date("week", date(2027, 1, 1)).label == "2026-W53"
    assert PeriodLabel.for_date("week", date(2025, 12, 29)).label == "2026-W01"
    assert PeriodLabel.for_date("year", date(2026, 3, 1)) == PeriodLabel(2026)
    assert PeriodLabel("2026-01").previous().label == "2025-12"
    assert PeriodLabel("2026-Q1").previous().label == "2025-Q4"
    assert PeriodLabel("2026-W01").previous().label == "2025-W52"
    assert PeriodLabel("2027-W01").previous().label == "2026-W53"
    assert PeriodLabel("2026").previous().label == "2025"
    assert PeriodLabel("2026-12").next().label == "2027-01"
    assert PeriodLabel("2026-W53").next().label == "2027-W01"
    october = PeriodLabel("2026-10")
    assert october.contains(date(2026, 10, 1))
    assert october.contains(date(2026, 10, 31))
    assert not october.contains(date(2026, 11, 1))
    assert not october.contains(date(2026, 9, 30))
    with pytest.raises(ValueError, match="expected a period kind"):
        PeriodLabel.for_date("day", date(2026, 1, 1))  # type: ignore[arg-type]


def test_period_label_ordering_and_identity() -> None:
    labels = [PeriodLabel(x) for x in ("2026-Q1", "2026", "2025-W52", "2026-02", "2026-01")]
    assert [p.label for p in sorted(labels)] == ["2025-W52", "2026-01", "2026-Q1", "2026", "2026-02"]
    assert PeriodLabel("2026-10") < PeriodLabel("2026-11")
    assert PeriodLabel("2026") == PeriodLabel(2026)
    assert hash(PeriodLabel("2026")) == hash(PeriodLabel(2026))
    assert PeriodLabel("2026-Q1") != PeriodLabel("2026-01")
    period = PeriodLabel("2026-W38")
    assert PeriodLabel(period) is period
    assert pickle.loads(pickle.dumps(period)) == period


# ------------------------------------------------------------------------------ Dates


def test_parse_date_accepts_only_the_plain_form() -> None:
    assert parse_date("2026-01-05") == date(2026, 1, 5)
    assert parse_date("2024-02-29") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("2026-1-5", None),
        ("20260105", None),
        ("2026-01-05T10:00:00", None),
        ("2026-01-05 ", None),
        ("2026-W01-1", None),
        ("2026-02-30", "day is out of range for month"),
        ("2026-13-01", "month must be in 1..12"),
        (20260105, None),
    ],
)
def test_parse_date_rejects(bad: Any, why: str | None) -> None:
    with pytest.raises(ValueError) as info:
        parse_date(bad)
    message = str(info.value)
    assert message.startswith("expected a date YYYY-MM-DD, got ")
    if why:
        assert message.endswith(f": {why}")


def test_parse_date_names_the_input() -> None:
    with pytest.raises(ValueError) as info:
        parse_date("2026-1-5")
    assert str(info.value) == "expected a date YYYY-MM-DD, got '2026-1-5'"


# --------------------------------------------------------------------- pydantic model


class Sample(BaseModel):
    duration: Duration
    cadence: Cadence
    target: Target
    money: Money
    id: Id
    period: PeriodLabel
    day: StrictDate
    ids: list[Id] = []
    rto: Duration | None = None


GOOD: dict[str, Any] = {
    "duration": "PT30M",
    "cadence": "quarterly",
    "target": ">= 99.9%",
    "money": "12000 EUR",
    "id": "OBJ-1",
    "period": 2026,
    "day": "2026-10-15",
    "ids": ["a", "b.c"],
}


def test_model_validates_good_input() -> None:
    sample = Sample.model_validate(GOOD)
    assert sample.duration == Duration("30m")
    assert sample.cadence.months == 3
    assert sample.target.value == Decimal("99.9")
    assert sample.money.amount == Decimal(12000)
    assert sample.money.currency == "EUR"
    assert sample.id == "OBJ-1"
    assert sample.period.kind == "year"
    assert sample.day == date(2026, 10, 15)
    assert sample.ids == ["a", "b.c"]
    assert sample.rto is None


def test_model_accepts_parsed_instances_as_they_are() -> None:
    duration = Duration("4h")
    sample = Sample.model_validate({**GOOD, "duration": duration, "day": date(2026, 1, 2)})
    assert sample.duration is duration
    assert sample.day == date(2026, 1, 2)


def test_model_json_dump_gives_the_users_spelling_back() -> None:
    sample = Sample.model_validate(GOOD)
    assert sample.model_dump(mode="json") == {
        "duration": "PT30M",
        "cadence": "quarterly",
        "target": ">= 99.9%",
        "money": "12000 EUR",
        "id": "OBJ-1",
        "period": "2026",
        "day": "2026-10-15",
        "ids": ["a", "b.c"],
        "rto": None,
    }
    assert sample.model_dump()["duration"] == Duration("30m")
    assert Sample.model_validate_json(sample.model_dump_json()) == sample


@pytest.mark.parametrize(
    ("field", "bad", "expected"),
    [
        ("duration", "3 hours", DURATION_ERROR + ", got '3 hours'"),
        ("cadence", "fortnightly", "expected a cadence: daily, weekly"),
        ("target", 95, "needs a comparison operator"),
        ("money", "12 euros", "expected an amount of money"),
        ("id", "x y", "starting with a letter or digit, got 'x y'"),
        ("period", "2027-W53", "ISO year 2027 has weeks W01 to W52"),
        ("day", "2026-1-5", "expected a date YYYY-MM-DD, got '2026-1-5'"),
        ("day", datetime(2026, 1, 5, 10, 0), "expected a date YYYY-MM-DD, got the timestamp"),
        ("ids", ["ok", "not ok"], "got 'not ok'"),
    ],
)
def test_model_errors_carry_the_expected_form(field: str, bad: Any, expected: str) -> None:
    with pytest.raises(ValidationError) as info:
        Sample.model_validate({**GOOD, field: bad})
    errors = info.value.errors()
    assert len(errors) == 1
    assert errors[0]["loc"][0] == field
    assert expected in errors[0]["msg"]
    assert expected in str(info.value)


def test_model_json_schema_describes_each_scalar() -> None:
    schema = Sample.model_json_schema()
    props = schema["properties"]
    assert props["duration"]["type"] == "string"
    assert props["duration"]["pattern"] == DURATION_PATTERN
    assert "ISO 8601" in props["duration"]["description"]
    assert "30m" in props["duration"]["examples"]
    assert "quarterly" in props["cadence"]["pattern"]
    assert "clamps to the month's end" in props["cadence"]["description"]
    assert props["target"]["type"] == "string"
    assert props["target"]["examples"][0] == ">= 99.9%"
    assert props["money"]["type"] == ["number", "string"]
    assert props["money"]["minimum"] == 0
    assert "ISO 4217" in props["money"]["description"]
    assert props["id"]["pattern"] == ID_PATTERN
    assert props["id"]["maxLength"] == 100
    assert props["ids"]["items"]["pattern"] == ID_PATTERN
    assert props["period"]["type"] == ["string", "integer"]
    assert "2026-W38" in props["period"]["examples"]
    assert props["day"]["type"] == "string"
    assert props["day"]["format"] == "date"
    assert {"type": "string", "pattern": DURATION_PATTERN}.items() <= props["rto"]["anyOf"][0].items()
    # Building the schema twice must not see the first build's titles (no shared dicts).
    assert Sample.model_json_schema() == schema
    jsonschema.Draft202012Validator.check_schema(schema)


# The JSON Schema patterns are what editors and check-jsonschema apply; they must accept
# what the parsers accept.  Values only the parser can refuse (ISO week 53 of a 52-week
# year) are listed as "schema-only".
PARITY: list[tuple[str, Callable[[Any], object], list[Any], list[Any], list[Any]]] = [
    (
        "duration",
        Duration,
        ["30m", "4h", "1.5h", "2d", "1w", "PT30M", "P2D", "P1DT2H30M", "PT1.5H", "PT1,5H", "P1W"],
        ["3 hours", "30", "30 m", "P1M", "P1Y", "P", "PT", "PT30", "P1DT", "-5m", ".5h", 30, "1000000m", "PT1000000H"],
        [],
    ),
    (
        "cadence",
        Cadence,
        ["daily", "biweekly", "annual", "P10D", "P2W", "P3M", "P1Y", "P1Y6M", "P1M15D"],
        ["Monthly", "fortnightly", "PT1H", "P1.5M", "P", "P1DT2H", "3M", 7, "P0D", "P0Y0M", "P10000000D"],
        [],
    ),
    (
        "target",
        Target,
        [">= 99.9%", ">=99.9%", "<= 30m", "< 2", "== 0", "<= PT4H", "> -1", " < 5 ", ">= 99.9 %"],
        ["95", "= 5", "=> 5", ">=", "<= 30 minutes", "<= -5m", 95],
        [],
    ),
    (
        "money",
        Money,
        [0, 500, 12000.5, "12000 EUR", "12000.50 EUR", "500"],
        ["-5 EUR", -5, "12000 eur", "EUR 12000", "12,000", True],
        [],
    ),
    (
        "id",
        parse_id,
        ["OBJ-1", "a", "9.x_y-z"],
        ["x y", "-a", "", "ñu", 42],
        [],
    ),
    (
        "period",
        PeriodLabel,
        ["2026-10", "2026-Q3", "2026-W38", "2026-W53", "2026", 2026],
        ["2026-13", "2026-Q5", "2026-W54", "2026-W00", "2026-1", "2026-q3", 26, "2026-10-01", "9999", "0000"],
        ["2027-W53"],
    ),
]


@pytest.mark.parametrize(("field", "parse", "good", "bad", "schema_only"), PARITY)
def test_json_schema_patterns_agree_with_the_parsers(
    field: str, parse: Any, good: list[Any], bad: list[Any], schema_only: list[Any]
) -> None:
    field_schema = Sample.model_json_schema()["properties"][field]
    validator = jsonschema.Draft202012Validator(field_schema)
    for value in good:
        parse(value)
        assert validator.is_valid(value), value
    for value in bad:
        with pytest.raises(ValueError):
            parse(value)
        assert not validator.is_valid(value), value
    for value in schema_only:
        with pytest.raises(ValueError):
            parse(value)
        assert validator.is_valid(value), value
