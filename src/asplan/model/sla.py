"""Commitments: working-time ``calendars`` and the ``slas`` measured against them.

Only the *shape* lives here; the arithmetic (working time, periods, credits) lives in
the core modules that compute with it, so the model stays cheap to validate.
"""

import itertools
import re
from enum import StrEnum
from typing import Self

from pydantic import Field, field_validator, model_validator

from asplan.model.base import PlanModel
from asplan.model.scalars import Id, Money, Number, PeriodLabel, StrictDate, Target, TimeZoneName

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAYS_RE = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?$")
_RANGE = r"([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]"
_RANGES_RE = re.compile(rf"^{_RANGE}(\s*,\s*{_RANGE})*$")


def parse_day_key(key: str) -> list[int]:
    """``mon-fri`` -> [0, 1, 2, 3, 4]; ``sat`` -> [5]. Ranges do not wrap past Sunday."""
    match = _DAYS_RE.match(key)
    if not match:
        raise ValueError(f"expected a day or day range like mon, mon-fri, sat-sun, got {key!r}")
    first = DAY_NAMES.index(match.group(1))
    last = DAY_NAMES.index(match.group(3)) if match.group(3) else first
    if last < first:
        raise ValueError(f"day range {key!r} runs backwards: write it from Monday towards Sunday")
    return list(range(first, last + 1))


def parse_ranges(text: str) -> list[tuple[int, int]]:
    """``09:00-14:00,15:00-18:00`` -> minutes since midnight, validated and ordered."""
    if not _RANGES_RE.match(text.strip()):
        raise ValueError(f'expected opening hours like "09:00-18:00" or "09:00-14:00,15:00-18:00", got {text!r}')
    ranges: list[tuple[int, int]] = []
    for part in text.split(","):
        start_s, end_s = part.strip().split("-")
        start = int(start_s[:2]) * 60 + int(start_s[3:])
        end = int(end_s[:2]) * 60 + int(end_s[3:])
        if end > 24 * 60 or end <= start:
            raise ValueError(f"range {part.strip()!r} must end after it starts, by 24:00 at the latest")
        ranges.append((start, end))
    ranges.sort()
    for (_, end), (start, _) in itertools.pairwise(ranges):
        if start < end:
            raise ValueError(f"ranges in {text!r} overlap")
    return ranges


class HolidaySource(PlanModel):
    """Public holidays from the `holidays` package."""

    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 country code.", examples=["ES"])
    subdivision: str | None = Field(default=None, description="Subdivision code, e.g. `MD` (Madrid).")


class Calendar(PlanModel):
    """A working-time calendar: weekly opening hours, minus holidays."""

    timezone: TimeZoneName = Field(default="UTC", description="IANA time zone the hours are read in.")
    hours: dict[str, str] = Field(
        description="Opening hours per day or day range.",
        examples=[{"mon-fri": "09:00-18:00"}],
    )
    holidays: list[StrictDate] = Field(default_factory=list, description="Explicit days off.")
    holidays_from: HolidaySource | None = Field(default=None, description="Public holidays to add.")

    @field_validator("hours")
    @classmethod
    def _check_hours(cls, value: dict[str, str]) -> dict[str, str]:
        seen: set[int] = set()
        for key, ranges in value.items():
            days = parse_day_key(key)
            if not isinstance(ranges, str):
                raise ValueError(f'hours for {key!r} must be a string like "09:00-18:00"')
            parse_ranges(ranges)
            if seen.intersection(days):
                raise ValueError(f"day range {key!r} repeats a day given by another key")
            seen.update(days)
        return value

    def weekly_ranges(self) -> dict[int, list[tuple[int, int]]]:
        """Weekday (0 = Monday) -> opening ranges in minutes since local midnight."""
        weekly: dict[int, list[tuple[int, int]]] = {d: [] for d in range(7)}
        for key, ranges in self.hours.items():
            for day in parse_day_key(key):
                weekly[day] = parse_ranges(ranges)
        return weekly


class SlaPeriod(StrEnum):
    weekly = "weekly"
    monthly = "monthly"
    quarterly = "quarterly"
    yearly = "yearly"


class CreditTier(PlanModel):
    """A credit tier: applies when the value falls below (or above) its bound."""

    below: Number | None = Field(default=None, description="Applies when the value is below this.")
    above: Number | None = Field(default=None, description="Applies when the value is above this (lower is better).")
    percent: Number = Field(ge=0, le=100, description="Credit, percent of the period's fee.")

    @model_validator(mode="after")
    def _one_bound(self) -> Self:
        if (self.below is None) == (self.above is None):
            raise ValueError("a tier needs exactly one of `below` or `above`, e.g. {below: 99.5, percent: 5}")
        return self


class Credit(PlanModel):
    """What missing the SLA costs: a percent of the fee, tiers, or a fixed amount."""

    percent: Number | None = Field(default=None, ge=0, le=100, description="Percent of the period's fee per breach.")
    amount: Money | None = Field(default=None, description="Fixed amount per breach, e.g. `500 EUR`.")
    tiers: list[CreditTier] = Field(
        default_factory=list, description="Tiers; the worst one the value falls into applies."
    )
    cap_percent: Number | None = Field(
        default=None, ge=0, le=100, description="At most this share of the period's fee."
    )

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        forms = sum((self.percent is not None, self.amount is not None, bool(self.tiers)))
        if forms != 1:
            raise ValueError(
                "a credit has exactly one of `percent`, `amount` or `tiers`, e.g. credit: {percent: 5}"
                " or credit: {amount: 500 EUR}"
            )
        return self


class SlaMeasurement(PlanModel):
    """The value measured for one period."""

    period: PeriodLabel = Field(description="Period label: 2026-10, 2026-Q3, 2026-W38 or 2026.")
    value: Number = Field(description="Measured value.")


class Sla(PlanModel):
    """A commitment: an indicator per period (measured) or a clock over events (timed).

    A timed SLA is one with a `stop` column.
    """

    id: Id = Field(description="SLA id.")
    name: str = Field(min_length=1, description="SLA name.")
    target: Target = Field(description="Target, e.g. `>= 99.9%` or `<= 30m`.")
    period: SlaPeriod = Field(default=SlaPeriod.monthly, description="Reporting period.")
    penalty: str | None = Field(default=None, description="The impact of missing it, in words.")
    credit: Credit | None = Field(default=None, description="Service credit per breach.")
    measurements: list[SlaMeasurement] = Field(default_factory=list, description="Measured SLAs: one value per period.")
    where: dict[str, str | list[str]] = Field(
        default_factory=dict, description="Timed SLAs: event column = value or list of values."
    )
    start: str = Field(default="created", description="Timed SLAs: column where the clock starts.")
    stop: str | None = Field(default=None, description="Timed SLAs: column where the clock stops.")
    calendar: str = Field(default="24x7", description="`24x7` or a key of `calendars`.")
    objective: Target | None = Field(
        default=None, description="Timed SLAs: share of events per period that must meet the target."
    )
    at_risk: Number | None = Field(
        default=None,
        gt=0,
        le=100,
        description=(
            "Timed SLAs: percent of the target past which a running event is at risk"
            " (default: sla_at_risk in the configuration, 75)."
        ),
    )
    notes: str | None = Field(default=None, description="Internal Markdown notes.")

    @property
    def timed(self) -> bool:
        return self.stop is not None

    @field_validator("where", mode="before")
    @classmethod
    def _stringify_where(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: ([str(x) for x in v] if isinstance(v, list) else str(v)) for k, v in value.items()}
        return value
