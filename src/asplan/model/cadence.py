"""Cadence: how often something recurs (weekly, monthly, P10D), added to dates by calendar.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any, ClassVar, Final, Self

from asplan.model.durations import _ISO_DURATION_RE
from asplan.model.scalar_base import _fail, _Scalar

_CADENCE_EXPECTED: Final = (
    "a cadence: daily, weekly, biweekly, monthly, bimonthly, quarterly, semiannual, "
    "yearly, annual or ISO 8601 like P10D, P2W, P3M, P1Y"
)
# "biweekly" and "bimonthly" mean every two weeks / months, as in scheduling tools;
# the "twice a ..." reading would not be a fixed step at all.
_CADENCE_NAMES: Final[dict[str, tuple[int, int]]] = {
    "daily": (0, 1),
    "weekly": (0, 7),
    "biweekly": (0, 14),
    "monthly": (1, 0),
    "bimonthly": (2, 0),
    "quarterly": (3, 0),
    "semiannual": (6, 0),
    "yearly": (12, 0),
    "annual": (12, 0),
}
_CADENCE_MAX_DIGITS: Final = 7  # beyond the date range anyway; keeps int() cheap
_CADENCE_DIGITS: Final = rf"[0-9]{{1,{_CADENCE_MAX_DIGITS}}}"
# ``(?=[^T]*[1-9])``: some part is not zero (``P0D`` never comes round again).
_CADENCE_PATTERN: Final = (
    "^(?:"
    + "|".join(_CADENCE_NAMES)
    + rf"|P(?=[0-9])(?=[^T]*[1-9])(?:{_CADENCE_DIGITS}Y)?(?:{_CADENCE_DIGITS}M)?"
    + rf"(?:{_CADENCE_DIGITS}W)?(?:{_CADENCE_DIGITS}D)?)$"
)


class Cadence(_Scalar):
    """How often something recurs (reviews, touchpoints, KPI measurements, tests).

    Stored as whole months and days because "monthly" is not a fixed number of days:
    months are added on the calendar, clamped to the month's end, then days.
    Equality is by (months, days), so ``yearly == annual == P12M`` and
    ``biweekly == P2W == P14D``.
    """

    __slots__ = ("days", "months")
    months: int
    days: int

    _JSON_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "string",
        "pattern": _CADENCE_PATTERN,
        "description": (
            "A cadence: daily, weekly, biweekly (every two weeks), monthly, bimonthly "
            "(every two months), quarterly, semiannual, yearly (alias annual), or an "
            "ISO 8601 date duration (P10D, P2W, P3M, P1Y, P1Y6M). Adding months clamps "
            "to the month's end: 2026-08-31 + P3M = 2026-11-30."
        ),
        "examples": ["weekly", "monthly", "quarterly", "P10D", "P2W", "P3M", "P1Y6M"],
    }

    @classmethod
    def _from_raw(cls, value: object) -> Self:
        if not isinstance(value, str):
            _fail(_CADENCE_EXPECTED, value)
        text = str(value)
        named = _CADENCE_NAMES.get(text)
        if named is not None:
            return cls._build(text, months=named[0], days=named[1])
        iso = _ISO_DURATION_RE.fullmatch(text)
        if iso is None:
            _fail(_CADENCE_EXPECTED, value)
        date_parts = ("years", "months", "weeks", "days")
        time_parts = ("hours", "minutes", "seconds")
        if iso["time"]:
            _fail(
                _CADENCE_EXPECTED,
                value,
                "a cadence counts whole days, weeks, months or years, not hours (use P1D or daily)",
            )
        if not any(iso[part] for part in date_parts + time_parts):
            _fail(_CADENCE_EXPECTED, value)
        counts: dict[str, int] = {}
        for part in date_parts:
            digits = iso[part] or "0"
            if not digits.isdigit():
                _fail(_CADENCE_EXPECTED, value, "use whole numbers (P45D rather than P1.5M)")
            if len(digits) > _CADENCE_MAX_DIGITS:
                _fail(_CADENCE_EXPECTED, value, "too long")
            counts[part] = int(digits)
        months = counts["years"] * 12 + counts["months"]
        days = counts["weeks"] * 7 + counts["days"]
        if months == 0 and days == 0:
            _fail(_CADENCE_EXPECTED, value, "a cadence must be longer than zero")
        return cls._build(text, months=months, days=days)

    def add(self, d: date, times: int = 1) -> date:
        """The date ``times`` steps after ``d`` (before it when ``times`` is negative).

        All months are added at once from the anchor and clamped once, so
        Aug 31 + 2 x monthly is Oct 31, not Oct 30 via a clamped Sep 30.
        Raises ``OverflowError`` beyond the supported date range.
        """
        total = d.year * 12 + (d.month - 1) + self.months * times
        year, month_index = divmod(total, 12)
        if not 1 <= year <= 9999:
            raise OverflowError(f"{d.isoformat()} + {times} x {self} is outside the date range")
        month = month_index + 1
        day = min(d.day, calendar.monthrange(year, month)[1])
        try:
            return date(year, month, day) + timedelta(days=self.days * times)
        except OverflowError:
            raise OverflowError(f"{d.isoformat()} + {times} x {self} is outside the date range") from None

    def _key(self) -> tuple[object, ...]:
        return (self.months, self.days)
