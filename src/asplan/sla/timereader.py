"""Timestamps of an export as integer microseconds since the Unix epoch, read fast.

A million-row export has two million timestamps, most of them written the same way
(``2026-06-01T09:30``, naive, in the account's zone). :class:`TimeReader` reads those
by table lookups and reads everything else exactly as
:func:`~asplan.sla.events.parse_instant` does, with the same errors.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Final

from asplan.sla.events import TimestampMismatch, parse_instant
from asplan.timecalc.worktable import EPOCH, MICROSECOND, to_micros


class BadTime(ValueError):
    """A row's timestamp in the wrong format (counted per source for ASP409)."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


class TimeReader:
    """How one source's timestamps become instants: ISO 8601 or its ``time_format``, naive ones in its zone.

    Returns microseconds since the Unix epoch. A naive time is placed in the zone by
    the offset of its local day, looked up once per day; a day on which the offset
    changes (and any day outside 1970-9998) goes through ``zoneinfo`` for each time,
    with the same rules as :func:`~asplan.sla.events.parse_instant` (the first of a
    repeated hour, a skipped time as if the change had not happened yet).
    """

    def __init__(self, tz: tzinfo, time_format: str | None) -> None:
        self.tz = tz
        self.time_format = time_format
        self._days: dict[int, int | None] = {}
        self._dates: dict[str, int | None] = {}  # "2026-06-01" -> its local midnight (microseconds), when uniform

    def micros(self, text: str, column: str) -> tuple[int, bool]:
        """The instant of ``text`` and whether it was naive; :class:`BadTime` or ``ValueError`` when unreadable.

        The usual export writes ``2026-06-01T09:30`` (or ``2026-06-01 09:30``): such a
        text is read by table lookups (its date's local midnight, its time of day)
        without building a datetime. Anything else goes through ``fromisoformat``.
        """
        if self.time_format is None and len(text) == 16 and (text[10] == "T" or text[10] == " "):
            base = self._dates.get(text[:10], _NOT_YET)
            if base == _NOT_YET:
                base = self._dates[text[:10]] = self._date_base(text[:10])
            of_day = TIMES_OF_DAY.get(text[11:])
            if base is not None and of_day is not None:
                return base + of_day, True
        value = text.strip()
        try:
            if self.time_format is None:
                parsed = datetime.fromisoformat(value)
            else:
                parsed = datetime.strptime(value, self.time_format)
        except ValueError:
            try:
                parse_instant(value, self.tz, self.time_format)
            except TimestampMismatch as exc:
                raise BadTime(column, f"'{column}': {exc}") from None
            except ValueError as exc:
                raise ValueError(f"'{column}': {exc}") from None
            raise  # pragma: no cover  # parse_instant reads what fromisoformat/strptime refuse
        if parsed.tzinfo is None:
            day = parsed.toordinal()
            offset = self._days.get(day, _NOT_YET)
            if offset == _NOT_YET:
                offset = self._days[day] = self._day_offset(day)
            if offset is not None:
                return (parsed - _NAIVE_EPOCH) // MICROSECOND - offset, True
        elif _FIRST_ORDINAL <= parsed.toordinal() <= _LAST_ORDINAL:
            return (parsed - EPOCH) // MICROSECOND, False
        try:
            instant, naive = parse_instant(value, self.tz, self.time_format)
        except ValueError as exc:
            raise ValueError(f"'{column}': {exc}") from None
        return to_micros(instant), naive

    def day_base(self, text: str) -> int | None:
        """:meth:`micros`' table for ``YYYY-MM-DD``: its local midnight (microseconds), None when not that simple."""
        base = self._dates.get(text, _NOT_YET)
        if base == _NOT_YET:
            base = self._dates[text] = self._date_base(text)
        return base

    def _date_base(self, text: str) -> int | None:
        """Local midnight of ``YYYY-MM-DD`` in microseconds, if the day has one offset (else None: the slow path)."""
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return None
        if day.isoformat() != text:
            return None  # not the plain form (a week date, say): fromisoformat reads it
        offset = self._day_offset(day.toordinal())
        if offset is None:
            return None
        return (day.toordinal() - _EPOCH_ORDINAL) * _DAY - offset

    def _day_offset(self, day: int) -> int | None:
        """The zone's offset (microseconds) all through local day ``day``, or None if it changes that day."""
        if not _FIRST_ORDINAL <= day <= _LAST_ORDINAL:
            return None
        local = date.fromordinal(day)
        begins = datetime.combine(local, time(), tzinfo=self.tz).utcoffset()
        ends = datetime.combine(local + timedelta(days=1), time(), tzinfo=self.tz).utcoffset()
        if begins is None or begins != ends:
            return None
        return begins // MICROSECOND


_DAY: Final = 86_400_000_000
_EPOCH_ORDINAL: Final = date(1970, 1, 1).toordinal()
TIMES_OF_DAY: Final = {f"{h:02d}:{m:02d}": (h * 60 + m) * 60_000_000 for h in range(24) for m in range(60)}
"""``HH:MM`` -> microseconds into the day: the only times of day the fast path reads."""
_NOT_YET: Final = 1 << 80  # no offset is this large: the day has not been looked at
_NAIVE_EPOCH: Final = datetime(1970, 1, 1)
_FIRST_ORDINAL: Final = date(1970, 1, 2).toordinal()
_LAST_ORDINAL: Final = date(9998, 12, 30).toordinal()
