"""PeriodLabel: a reporting period (month, quarter, ISO week, year) with its bounds.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, ClassVar, Final, Literal, Self, TypeAlias

from asplan.model.scalar_base import _fail, _OrderedScalar

PeriodKind: TypeAlias = Literal["month", "quarter", "week", "year"]
_PERIOD_KINDS: Final = ("month", "quarter", "week", "year")
_PERIOD_EXPECTED: Final = "a period like 2026-10, 2026-Q3, 2026-W38 or 2026"
_PERIOD_RE: Final = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?:(?P<month>[0-9]{2})|Q(?P<quarter>[0-9])|W(?P<week>[0-9]{2})))?",
    re.ASCII,
)
# Years 0001 to 9998: a period of 9999 would end after the last representable day.
_PERIOD_PATTERN: Final = r"^(?!0000|9999)[0-9]{4}(?:-(?:0[1-9]|1[0-2])|-Q[1-4]|-W(?:0[1-9]|[1-4][0-9]|5[0-3]))?$"


def _month_start(year: int, month: int) -> date:
    """First day of a month given possibly out-of-range month numbers (13 -> next Jan)."""
    years, index = divmod(month - 1, 12)
    return date(year + years, index + 1, 1)


class PeriodLabel(_OrderedScalar):
    """A reporting period of an SLA measurement: a month, quarter, ISO week or year.

    Carries its own bounds (``end`` exclusive) so that "which period does this event
    belong to" and "latest closed period" are plain date comparisons.  Ordered by
    start (then end); equal labels mean the same period.
    """

    __slots__ = ("end", "kind", "label", "start")
    kind: PeriodKind
    start: date
    end: date
    label: str

    _JSON_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": ["string", "integer"],
        "pattern": _PERIOD_PATTERN,
        "minimum": 1000,
        "maximum": 9998,
        "description": (
            "A period: a month (2026-10), a quarter (2026-Q3), an ISO 8601 week (2026-W38) or a year (2026)."
        ),
        "examples": ["2026-10", "2026-Q3", "2026-W38", "2026"],
    }

    @classmethod
    def _from_raw(cls, value: object) -> Self:
        if isinstance(value, int) and not isinstance(value, bool):
            if not 1000 <= value <= 9998:
                _fail(_PERIOD_EXPECTED, value)
            text = str(value)
        elif isinstance(value, str):
            text = str(value)
        else:
            _fail(_PERIOD_EXPECTED, value)
        match = _PERIOD_RE.fullmatch(text)
        if match is None:
            _fail(_PERIOD_EXPECTED, value)
        year = int(match["year"])
        if not 1 <= year <= 9998:
            _fail(_PERIOD_EXPECTED, value, "outside the supported dates (years 0001 to 9998)")
        kind: PeriodKind
        try:
            if match["month"]:
                kind, month = "month", int(match["month"])
                if not 1 <= month <= 12:
                    _fail(_PERIOD_EXPECTED, value, "months run from 01 to 12")
                start, end = date(year, month, 1), _month_start(year, month + 1)
            elif match["quarter"]:
                kind, quarter = "quarter", int(match["quarter"])
                if not 1 <= quarter <= 4:
                    _fail(_PERIOD_EXPECTED, value, "quarters run from Q1 to Q4")
                start = date(year, 3 * quarter - 2, 1)
                end = _month_start(year, 3 * quarter + 1)
            elif match["week"]:
                kind, week = "week", int(match["week"])
                weeks = date(year, 12, 28).isocalendar().week
                if not 1 <= week <= weeks:
                    _fail(_PERIOD_EXPECTED, value, f"ISO year {year} has weeks W01 to W{weeks}")
                start = date.fromisocalendar(year, week, 1)
                end = start + timedelta(days=7)
            else:
                kind, start, end = "year", date(year, 1, 1), date(year + 1, 1, 1)
        except (ValueError, OverflowError) as exc:
            if str(exc).startswith("expected "):
                raise
            _fail(_PERIOD_EXPECTED, value, "outside the supported dates (years 0001 to 9998)")
        return cls._build(str(value), kind=kind, start=start, end=end, label=text)

    @classmethod
    def for_date(cls, kind: PeriodKind, d: date) -> Self:
        """The period of ``kind`` holding ``d`` (weeks by ISO 8601 week-numbering year)."""
        if kind == "year":
            label = f"{d.year:04d}"
        elif kind == "month":
            label = f"{d.year:04d}-{d.month:02d}"
        elif kind == "quarter":
            label = f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        elif kind == "week":
            iso = d.isocalendar()
            label = f"{iso.year:04d}-W{iso.week:02d}"
        else:
            raise ValueError(f"expected a period kind ({', '.join(_PERIOD_KINDS)}), got {kind!r}")
        return cls._from_raw(label)

    def previous(self) -> Self:
        """The period of the same kind just before this one."""
        if self.start == date.min:
            raise OverflowError(f"no period before {self.label}")
        return self.for_date(self.kind, self.start - timedelta(days=1))

    def next(self) -> Self:
        """The period of the same kind just after this one."""
        return self.for_date(self.kind, self.end)

    def contains(self, d: date) -> bool:
        """Whether ``d`` falls in the period (``end`` is exclusive)."""
        return self.start <= d < self.end

    def _key(self) -> tuple[object, ...]:
        # (start, end) identifies the period: no two kinds share both bounds.
        return (self.start, self.end)




