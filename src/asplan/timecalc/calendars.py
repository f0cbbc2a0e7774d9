"""Working-time calendars: when a service desk is open, in its own time zone.

One calendar type serves two masters: the agenda (roll a review forward to the next
working day) and the SLA engine (count working minutes between two instants). So a
calendar answers both day-level questions (``is_working_day``, ``next_working_day``)
and instant-level ones (``opening_ranges``: real, DST-correct instants of a local day).

Why opening ranges are built from local wall times and not by adding minutes to
midnight: on a DST day, "09:00" is still 09:00 on the office clock, while midnight +
540 minutes is 08:00 or 10:00. A wall time that does not exist (inside a spring-forward
gap) opens at the instant the clocks jump; an ambiguous one (fall-back) is its first
occurrence.

Beware when computing with the returned datetimes: Python compares and subtracts two
aware datetimes *with the same tzinfo* by wall time, ignoring the offset. Convert to
UTC (``.astimezone(timezone.utc)``) before subtracting across a DST change.

Unknown public-holiday sources and unknown time zones never raise: the calendar falls
back (no public holidays; UTC) and says why in ``problems``, which ``asplan check``
reports (ASP202) and ``asplan due`` prints as a warning.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from asplan.model.plan import Plan
    from asplan.model.sla import Calendar

__all__ = ["WorkCalendar", "build_calendars", "builtin_24x7", "public_holiday_problem", "resolve_zone"]

BUILTIN_24X7 = "24x7"
# How far next_working_day looks: a year of closures is plausible, three is a typo.
_SEARCH_DAYS = 3 * 366
_DAY_MINUTES = 24 * 60


def resolve_zone(name: str) -> tuple[ZoneInfo, str | None]:
    """The zone called ``name``, or UTC and the reason it could not be used."""
    try:
        return ZoneInfo(name), None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return ZoneInfo("UTC"), f"unknown time zone {name!r} (use an IANA name like Europe/Madrid); UTC is used"


def public_holiday_problem(country: str, subdivision: str | None) -> str | None:
    """Why the ``holidays`` package cannot give holidays for this place, or None."""
    from asplan.timecalc.holiday_cache import place_problem

    return place_problem(country, subdivision)


@functools.lru_cache(maxsize=64)
def _place_years(country: str, subdivision: str | None) -> tuple[int, int]:
    from asplan.timecalc.holiday_cache import place_years

    return place_years(country, subdivision)


@functools.lru_cache(maxsize=512)
def _public_holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """One place-year of public holidays, shared by every calendar and plan of a run."""
    from asplan.timecalc.holiday_cache import public_holidays

    return public_holidays(country, subdivision, year)


@dataclass(eq=False)
class WorkCalendar:
    """Weekly opening hours in a time zone, minus explicit and public holidays."""

    name: str
    tz: ZoneInfo
    always_open: bool = False
    weekly: dict[int, list[tuple[int, int]]] = field(default_factory=lambda: {d: [] for d in range(7)})
    holidays: frozenset[date] = frozenset()
    country: str | None = None
    subdivision: str | None = None
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_model(cls, name: str, calendar: Calendar) -> WorkCalendar:
        """A calendar from a plan's ``calendars`` entry (already validated)."""
        tz, tz_problem = resolve_zone(calendar.timezone)
        source = calendar.holidays_from
        return cls(
            name=name,
            tz=tz,
            weekly=calendar.weekly_ranges(),
            holidays=frozenset(calendar.holidays),
            country=source.country if source else None,
            subdivision=source.subdivision if source else None,
            problems=[tz_problem] if tz_problem else [],
        )

    def all_problems(self) -> list[str]:
        """Why this calendar is not what was written (zone, public-holiday source), if it is not."""
        problems = list(self.problems)
        if self.country is not None:
            holiday_problem = public_holiday_problem(self.country, self.subdivision)
            if holiday_problem:
                problems.append(holiday_problem)
        return problems

    def is_holiday(self, day: date) -> bool:
        if self.always_open:
            return False
        if day in self.holidays:
            return True
        return day in self.public_holidays_in(day.year)

    def public_holidays_in(self, year: int) -> frozenset[date]:
        """The public holidays of ``year`` (none outside the years the ``holidays`` package covers)."""
        if self.always_open or self.country is None:
            return frozenset()
        first, last = _place_years(self.country, self.subdivision)
        if not first <= year <= last:
            return frozenset()
        return _public_holidays(self.country, self.subdivision, year)

    def prepare_years(self, first: int, last: int) -> None:
        """About to ask for the public holidays of years ``first`` to ``last``: fetch them at once."""
        if self.always_open or self.country is None:
            return
        from asplan.timecalc.holiday_cache import prefetch

        low, high = _place_years(self.country, self.subdivision)
        years = range(max(first, low), min(last, high) + 1)
        if len(years) > 1:
            prefetch(self.country, self.subdivision, years)

    def last_public_holiday_year(self) -> int:
        """The last year with public holidays (0 without any): working time is periodic after it."""
        if self.always_open or self.country is None:
            return 0
        return _place_years(self.country, self.subdivision)[1]

    def is_working_day(self, day: date) -> bool:
        if self.always_open:
            return True
        return bool(self.weekly.get(day.weekday())) and not self.is_holiday(day)

    def opening_ranges(self, day: date) -> list[tuple[datetime, datetime]]:
        """Real instants (in ``self.tz``) of the day's opening ranges; [] when closed."""
        if not self.always_open and not self.is_working_day(day):
            return []
        return self.weekday_ranges(day)

    def weekday_ranges(self, day: date) -> list[tuple[datetime, datetime]]:
        """The opening ranges of ``day``'s weekday on that date, holiday or not."""
        if self.always_open:
            return [(self._instant(day, 0), self._instant(day, _DAY_MINUTES))]
        ranges = []
        for start, end in self.weekly.get(day.weekday(), []):
            opens, closes = self._instant(day, start), self._instant(day, end)
            if opens.astimezone(UTC) < closes.astimezone(UTC):  # a range swallowed by a DST gap is no range
                ranges.append((opens, closes))
        return ranges

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first one after it."""
        current = day
        for _ in range(_SEARCH_DAYS):
            if self.is_working_day(current):
                return current
            current += timedelta(days=1)
        raise ValueError(f"calendar {self.name!r} has no working day within three years of {day.isoformat()}")

    def _instant(self, day: date, minutes: int) -> datetime:
        """The instant the local clock of ``self.tz`` first shows ``day`` + ``minutes``."""
        wall = datetime.combine(day, time()) + timedelta(minutes=minutes)  # 24:00 is the next day's 00:00
        first = wall.replace(tzinfo=self.tz)
        if first.astimezone(UTC).astimezone(self.tz).replace(tzinfo=None) == wall:
            return first
        # ``wall`` falls in a spring-forward gap: find the jump, to the second, between
        # the two readings of the wall time (fold=1 is before the jump, fold=0 after).
        low = wall.replace(tzinfo=self.tz, fold=1).astimezone(UTC)
        high = first.astimezone(UTC)
        while high - low > timedelta(seconds=1):
            middle = low + (high - low) / 2
            if middle.astimezone(self.tz).replace(tzinfo=None) >= wall:
                high = middle
            else:
                low = middle
        return high.replace(microsecond=0).astimezone(self.tz)


def builtin_24x7(tz: str = "UTC") -> WorkCalendar:
    """The calendar every plan has: always open, no holidays."""
    zone, problem = resolve_zone(tz)
    return WorkCalendar(
        name=BUILTIN_24X7,
        tz=zone,
        always_open=True,
        weekly={d: [(0, _DAY_MINUTES)] for d in range(7)},
        problems=[problem] if problem else [],
    )


def build_calendars(plan: Plan) -> dict[str, WorkCalendar]:
    """Every calendar a plan can name: its ``calendars`` plus ``24x7`` in the account's zone.

    A plan that defines its own ``24x7`` gets its own definition: what is written wins.
    """
    tz = plan.account.timezone if plan.account is not None else "UTC"
    calendars: dict[str, WorkCalendar] = {BUILTIN_24X7: builtin_24x7(tz)}
    for name, calendar in plan.calendars.items():
        calendars[name] = WorkCalendar.from_model(name, calendar)
    return calendars


def calendar_for(plan: Plan, name: str | None, cache: Mapping[str, WorkCalendar] | None = None) -> WorkCalendar | None:
    """One named calendar of a plan, built alone (the rules need one, not all)."""
    if name is None:
        return None
    if cache is not None:
        return cache.get(name)
    if name in plan.calendars:
        return WorkCalendar.from_model(name, plan.calendars[name])
    if name == BUILTIN_24X7:
        return builtin_24x7(plan.account.timezone if plan.account is not None else "UTC")
    return None
