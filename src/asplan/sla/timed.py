"""SLA (b): a clock over events (tickets), in working time on the SLA's calendar.

Each event the SLA's ``where`` matches is timed from its ``start`` column to its
``stop`` column (or ``now`` while open), minus its pauses, on the SLA calendar; it
belongs to the period of its start in the *account's* time zone (the client's
monthly report, not the calendar's office, decides where a ticket counts).

Per period, without ``objective`` every breached event is a breach (and costs a
credit); with ``objective`` the period breaches when the share of events that met the
target fails it. Events still running count in neither the share's numerator nor its
denominator: they have not met or missed anything yet.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from operator import itemgetter
from typing import Final

from asplan.model.account import Fee
from asplan.model.scalars import PeriodKind, PeriodLabel
from asplan.model.sla import Sla
from asplan.periods import KIND_OF, is_closed, latest_closed, period_fee, periods_between
from asplan.settings import DEFAULT_SLA_AT_RISK
from asplan.sla.credits import period_credit
from asplan.sla.eventdata import PAUSES_COLUMN, DuplicateIds, FormatMisses, NaiveTimes, WhereValues
from asplan.sla.events import RowProblem, TimestampMismatch, parse_instant, parse_pauses
from asplan.sla.results import (
    AT_RISK,
    BREACHED,
    BREACHED_OPEN,
    MET,
    NO_DEADLINE,
    RUNNING,
    EventColumns,
    EventList,
    EventResult,
    PeriodResult,
    PeriodStatus,
)
from asplan.sla.sources import SourceTable
from asplan.timecalc.worktable import EPOCH, MICROSECOND, WorkTable, from_micros, to_micros
from asplan.timecalc.worktime import LAST_INSTANT, Interval, WorkClock

_MICROS_PER_MINUTE: Final = Decimal(60_000_000)
DEFAULT_AT_RISK: Final = DEFAULT_SLA_AT_RISK
"""Percent of the target past which a running event is at risk, unless config or the SLA says (spec §7.3)."""
_HUNDRED: Final = Decimal(100)


class SlaDefinitionError(ValueError):
    """A timed SLA that cannot be computed as written (e.g. a target that is not a duration)."""


def needed_columns(slas: Sequence[Sla]) -> dict[str, list[str]]:
    """Column -> ids of the timed SLAs that need it; ``id`` is always needed."""
    needed: dict[str, list[str]] = {"id": []}
    for sla in slas:
        if not sla.timed:
            continue
        for column in (sla.start, sla.stop or "", *sla.where):
            if column:
                needed.setdefault(column, []).append(sla.id)
    return needed


def target_duration(sla: Sla) -> timedelta:
    if sla.target.kind != "duration":
        raise SlaDefinitionError(
            f"{sla.id}: a timed SLA needs a duration target like '<= 30m' or '<= 8h', not {str(sla.target)!r}"
        )
    return timedelta(microseconds=int(sla.target.value * _MICROS_PER_MINUTE))


def minutes(span: timedelta) -> Decimal:
    """A span in minutes, exactly (to the microsecond)."""
    return Decimal(span // timedelta(microseconds=1)) / _MICROS_PER_MINUTE


class _PeriodOf:
    """Local date -> period, cached: 100,000 events fall on a few hundred dates."""

    def __init__(self, kind: PeriodKind, tz: tzinfo) -> None:
        self.kind = kind
        self.tz = tz
        self._cache: dict[date, PeriodLabel] = {}

    def __call__(self, instant: datetime) -> PeriodLabel:
        """The period of ``instant``; ``ValueError`` when it has none (the last days of year 9998)."""
        day = instant.astimezone(self.tz).date()
        period = self._cache.get(day)
        if period is None:
            period = self._cache[day] = PeriodLabel.for_date(self.kind, day)
        return period


@dataclass
class SlaData:
    """What one pass of an SLA over its events noticed about the data (see :mod:`asplan.sla.eventdata`)."""

    where: WhereValues
    duplicates: DuplicateIds = field(default_factory=DuplicateIds)
    naive: NaiveTimes = field(default_factory=NaiveTimes)
    formats: FormatMisses = field(default_factory=FormatMisses)
    at_risk: list[EventResult] = field(default_factory=list)  # in any period, whatever the selection


Taker = Callable[[str, int, list[str], int], None]
"""Times one row for one SLA: ``(event id, line, row, now in microseconds)``."""


class SlaRun:
    """One timed SLA during the pass over the event files: its clock, filters and the events so far."""

    def __init__(
        self,
        sla: Sla,
        clock: WorkClock,
        account_tz: tzinfo,
        files: list[str],
        periods: Collection[PeriodLabel] | None = None,
        data: SlaData | None = None,
        at_risk: Decimal | int | float = DEFAULT_AT_RISK,
    ) -> None:
        self.sla = sla
        self.clock = clock
        self.table = table_for(clock)
        self.needed = target_duration(sla)
        self.needed_us = self.needed // MICROSECOND
        self.periods = periods
        self.where = {c: (v,) if isinstance(v, str) else tuple(v) for c, v in sla.where.items()}
        self.data = data if data is not None else SlaData(WhereValues(self.where))
        self.risk = Decimal(str(sla.at_risk if sla.at_risk is not None else at_risk))
        self.period_of = _PeriodOf(KIND_OF[sla.period], account_tz)
        self.events = EventColumns(files, self.figures, self.needed_us)
        self.period_list: list[PeriodLabel] = []
        self._period_index: dict[PeriodLabel, int] = {}
        self._hours: dict[int, tuple[PeriodLabel, int] | None] = {}  # UTC hour -> (period, index or -1)
        self._figures: dict[int, tuple[Decimal, Decimal | None, bool]] = {}
        self.problems: list[RowProblem] = []

    def figures(self, elapsed_us: int) -> tuple[Decimal, Decimal | None, bool]:
        """Minutes, percent of the target and whether it is met, computed once per distinct elapsed time."""
        found = self._figures.get(elapsed_us)
        if found is None:
            target = self.sla.target
            elapsed_min = minutes(timedelta(microseconds=elapsed_us))
            percent = elapsed_min / target.value * _HUNDRED if target.value > 0 else None
            found = (elapsed_min, percent, target.is_met(elapsed_min))
            if len(self._figures) < _FIGURES_KEPT:
                self._figures[elapsed_us] = found
        return found

    def period(self, start: int) -> tuple[PeriodLabel, int]:
        """The period of ``start`` in the account's zone and its index in :attr:`period_list` (-1: not selected).

        Looked up once per hour of UTC, unless the period changes within that hour.
        """
        hour = start // _HOUR
        if hour in self._hours:
            found = self._hours[hour]
        else:
            found = None
            try:
                first = self._indexed(self.period_of(from_micros(hour * _HOUR)))
                if self.period_of(from_micros(hour * _HOUR + _HOUR - 1)) == first[0]:
                    found = first
            except ValueError:
                pass
            self._hours[hour] = found
        return found if found is not None else self._indexed(self.period_of(from_micros(start)))

    def _indexed(self, period: PeriodLabel) -> tuple[PeriodLabel, int]:
        if self.periods is not None and period not in self.periods:
            return period, -1
        index = self._period_index.get(period)
        if index is None:
            index = self._period_index[period] = len(self.period_list)
            self.period_list.append(period)
        return period, index

    def results(self) -> dict[PeriodLabel, EventList]:
        """The selected periods' events, each in order of start then id."""
        events = self.events
        if not self.period_list:
            return {}
        order = events.order()
        by_period: list[list[int]] = [[] for _ in self.period_list]
        periods = events.periods
        for i in order:
            by_period[periods[i]].append(i)
        return {p: EventList(events, by_period[n], p) for n, p in enumerate(self.period_list)}

    def elapsed(self, start: int, bound: int, pauses: list[tuple[int, int]]) -> int:
        """Working time from ``start`` to ``bound`` minus the working time inside ``pauses`` (microseconds)."""
        total = self.working(start, bound)
        if pauses:
            for lo, hi in _merged(pauses):
                lo = lo if lo > start else start
                hi = hi if hi < bound else bound
                if hi > lo:
                    total -= self.working(lo, hi)
        return total if total > 0 else 0

    def working(self, a: int, b: int) -> int:
        if b <= a:
            return 0
        clock = self.clock
        if clock.always_open:
            return b - a
        table = self.table
        if table is not None and (table.covers(a) or table.extend_to(a)) and (table.covers(b) or table.extend_to(b)):
            return table.at(b) - table.at(a)
        return clock.working_time(from_micros(a), from_micros(b)) // MICROSECOND

    def deadline(self, start: int, pauses: list[tuple[int, int]]) -> int:
        """:meth:`WorkClock.deadline` in microseconds (``NO_DEADLINE`` for none), from the table when it can."""
        needed = self.needed_us
        clock = self.clock
        if needed > 0 and not clock.never_open:
            if clock.always_open:
                if not pauses:
                    reached = start + needed
                    return reached if start < LAST_MICROS and reached <= LAST_MICROS else NO_DEADLINE
            else:
                found = self._table_deadline(start, needed, pauses)
                if found is not None:
                    return found
        instant = clock.deadline(from_micros(start), self.needed, [(from_micros(a), from_micros(b)) for a, b in pauses])
        return to_micros(instant) if instant is not None else NO_DEADLINE

    def _table_deadline(self, start: int, needed: int, pauses: list[tuple[int, int]]) -> int | None:
        """The deadline walked over the pauses on the table; None when an instant falls outside it."""
        table = self.table
        if table is None:
            return None
        cursor = start
        remaining = needed
        for hole_start, hole_end in _merged(pauses):
            if hole_end <= start:
                continue
            if hole_start > cursor:
                if not ((table.covers(cursor) or table.extend_to(cursor)) and (
                    table.covers(hole_start) or table.extend_to(hole_start)
                )):
                    return None
                at_cursor = table.at(cursor)
                available = table.at(hole_start) - at_cursor
                if available >= remaining:
                    return table.reach(at_cursor + remaining)
                remaining -= available
            cursor = max(cursor, hole_end)
        if not (table.covers(cursor) or table.extend_to(cursor)):
            return None
        return table.reach(table.at(cursor) + remaining)

    def taker(self, bound: SourceTable, file_index: int, reader: TimeReader) -> Taker:
        """The function that times one row of ``bound`` for this SLA (raises ``ValueError`` for a bad row).

        A closure over everything it needs, because it runs once per event: a million
        times on a big export.
        """
        sla = self.sla
        index = bound.index
        stop_column = sla.stop or ""
        i_start, i_stop = index[sla.start], index[stop_column]
        start_header, stop_header = bound.header_of(sla.start), bound.header_of(stop_column)
        file = bound.table.file
        log = bound.log
        pause_on = bound.source.status_log.pause_on if bound.source.status_log is not None else frozenset()
        i_pauses = index.get(PAUSES_COLUMN)
        tz = reader.tz
        micros = reader.micros
        data = self.data
        naive = data.naive
        at_risk_list = data.at_risk
        risk = self.risk
        figures_cache = self._figures
        figures = self.figures
        elapsed_of = self.elapsed
        deadline_of = self.deadline
        period_of = self.period
        hours = self._hours
        table = self.table
        always_open = self.clock.always_open
        needed = self.needed_us
        events = self.events
        add_period, add_id, add_file = events.periods.append, events.ids.append, events.file_index.append
        add_line, add_start, add_status = events.lines.append, events.starts.append, events.statuses.append
        add_elapsed, add_deadline = events.elapsed.append, events.deadlines.append

        def take(event_id: str, line: int, row: list[str], now: int) -> None:
            start_text = row[i_start]
            if not start_text or not start_text.strip():
                raise ValueError(f"'{start_header}' is empty")
            start, was_naive = micros(start_text, start_header)
            if was_naive and naive.first is None:
                naive.saw(file, line)
            if start > now:
                return
            if start < _EARLIEST_US:
                raise ValueError(
                    f"'{start_header}' {start_text.strip()} is before 1970: a placeholder date, not a ticket's start"
                )
            stop_text = row[i_stop]
            stop: int | None = None
            if stop_text and not stop_text.isspace():
                stop = micros(stop_text, stop_header)[0]
                if stop < start:
                    raise ValueError(
                        f"'{stop_header}' {stop_text.strip()} is before '{start_header}' {start_text.strip()}"
                    )
                if stop > now:
                    stop = None
            bound_at = stop if stop is not None else now
            pauses: list[tuple[int, int]] = []
            paused_now = False
            if log is not None or (i_pauses is not None and row[i_pauses]):
                written = _micro_pauses(log.pauses(event_id, pause_on)) if log is not None else []
                if i_pauses is not None:
                    written += _written_pauses(row, i_pauses, tz)
                for p_start, p_end in written:
                    if p_start >= bound_at:
                        continue
                    if stop is None and p_end > now:
                        paused_now = True
                    pauses.append((p_start, p_end if p_end < bound_at else bound_at))
            known_hour = hours.get(start // _HOUR)
            period, slot = known_hour if known_hour is not None else period_of(start)
            if slot < 0 and stop is not None:
                return
            deadline = NO_DEADLINE
            if pauses:
                elapsed = elapsed_of(start, bound_at, pauses)
                if not paused_now:
                    deadline = deadline_of(start, pauses)
            elif always_open:
                elapsed = bound_at - start
                reached = start + needed
                if needed > 0 and start < LAST_MICROS and reached <= LAST_MICROS:
                    deadline = reached
                else:
                    deadline = deadline_of(start, pauses)
            elif table is not None and table.covers(start) and table.covers(bound_at) and needed > 0:
                at_start = table.at(start)
                elapsed = table.at(bound_at) - at_start
                found = table.reach(at_start + needed)
                deadline = found if found is not None else deadline_of(start, pauses)
            else:
                elapsed = elapsed_of(start, bound_at, pauses)
                deadline = deadline_of(start, pauses)
            known = figures_cache.get(elapsed)
            _, percent, met = known if known is not None else figures(elapsed)
            if stop is not None:
                code = MET if met else BREACHED
            elif not met:
                code = BREACHED_OPEN
            elif percent is not None and percent >= risk:
                code = AT_RISK
            else:
                code = RUNNING
            if slot >= 0:  # EventColumns.add, inlined: this runs once per event
                add_period(slot)
                add_id(event_id)
                add_file(file_index)
                add_line(line)
                add_start(start)
                add_status(code)
                add_elapsed(elapsed)
                add_deadline(deadline)
            if code == AT_RISK:
                one = EventColumns(events.files, figures, needed)
                one.add(event_id, file_index, line, start, code, elapsed, deadline, 0)
                at_risk_list.append(one.result(0, period))

        return take


_FIGURES_KEPT: Final = 500_000
LAST_MICROS: Final = to_micros(LAST_INSTANT)
_HOUR: Final = 3_600_000_000


def table_for(clock: WorkClock) -> WorkTable | None:
    """The clock's table (one per clock, shared by the SLAs on its calendar); None for 24x7."""
    if clock.always_open or clock.never_open:
        return None
    table = getattr(clock, "table", None)
    if table is None:
        table = WorkTable(clock)
        clock.table = table  # type: ignore[attr-defined]
    return table


def _merged(pauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """:func:`~asplan.timecalc.worktime.merge_intervals` on microseconds."""
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(pauses):
        if hi <= lo:
            continue
        if merged and lo <= merged[-1][1]:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


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
        """The instant of ``text`` and whether it was naive; :class:`_BadTime` or ``ValueError`` when unreadable.

        The usual export writes ``2026-06-01T09:30`` (or ``2026-06-01 09:30``): such a
        text is read by table lookups (its date's local midnight, its time of day)
        without building a datetime. Anything else goes through ``fromisoformat``.
        """
        if self.time_format is None and len(text) == 16 and (text[10] == "T" or text[10] == " "):
            base = self._dates.get(text[:10], _NOT_YET)
            if base == _NOT_YET:
                base = self._dates[text[:10]] = self._date_base(text[:10])
            of_day = _TIMES_OF_DAY.get(text[11:])
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
                raise _BadTime(column, f"'{column}': {exc}") from None
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
_TIMES_OF_DAY: Final = {f"{h:02d}:{m:02d}": (h * 60 + m) * 60_000_000 for h in range(24) for m in range(60)}
"""``HH:MM`` -> microseconds into the day: the only times of day the fast path reads."""
_NOT_YET: Final = 1 << 80  # no offset is this large: the day has not been looked at
_NAIVE_EPOCH: Final = datetime(1970, 1, 1)
_FIRST_ORDINAL: Final = date(1970, 1, 2).toordinal()
_LAST_ORDINAL: Final = date(9998, 12, 30).toordinal()


def time_events(
    runs: Sequence[SlaRun],
    tables: Sequence[SourceTable],
    account_tz: tzinfo,
    now: datetime,
) -> None:
    """Time every event of ``tables`` for every SLA of ``runs``, in one pass over each file.

    Each run collects its selected periods' events (:meth:`SlaRun.results`), the
    running events past its ``at_risk`` share in any period (``data.at_risk``: a
    ticket opened last month can be about to breach today) and the rows it could
    not read (``problems``).

    ``now`` bounds the data: a row that starts after it is left out (it had not
    happened yet), a stop after it is still open, and pauses are cut at it. The first
    row of an event id is the event; later rows with the same id, in any of the
    tables, are left out and counted in each run's ``data``. Rows that cannot be read
    (a broken timestamp, a stop before the start) are added to the run's
    ``problems`` and left out; the caller reports them.
    """
    if not runs:
        return
    now_us = to_micros(now)
    ids: set[str] = set()
    add_id = ids.add
    duplicates = [run.data.duplicates for run in runs]
    # Rows go to the SLAs their ``where`` values select; each distinct combination of
    # those values is looked at once (and shown to each SLA's WhereValues once).
    where_columns = sorted({c for run in runs for c in run.where})
    for file_index, bound in enumerate(tables):
        table, index, source = bound.table, bound.index, bound.source
        file = table.file
        reader = TimeReader(source.tz or account_tz, source.time_format)
        i_id = index["id"]
        where_positions = [index[c] for c in where_columns]
        key_of = itemgetter(*where_positions) if where_positions else None
        takers = [(run, run.taker(bound, file_index, reader)) for run in runs]
        chosen: dict[object, list[tuple[SlaRun, Taker]]] = {}
        everyone = takers if key_of is None else None
        for line, row in table.records():
            event_id = row[i_id].strip()
            size = len(ids)
            add_id(event_id)
            if len(ids) == size:
                for seen in duplicates:
                    seen.note(file, line)
                continue
            if everyone is not None:
                matched = everyone
            else:
                key = key_of(row)  # type: ignore[misc]
                found = chosen.get(key)
                if found is None:
                    values = [v.strip() for v in key] if len(where_positions) > 1 else [key.strip()]
                    found = [t for t in takers if _selects(t[0], where_columns, values)]
                    if len(chosen) < _WHERE_KEYS_KEPT:
                        chosen[key] = found
                matched = found
                if not matched:
                    continue
            for run, take in matched:
                try:
                    take(event_id, line, row, now_us)
                except _BadTime as exc:
                    run.data.formats.saw(source.format_target, line, exc.column)
                    run.problems.append(RowProblem(file, line, f"{exc}; row left out"))
                except ValueError as exc:
                    run.problems.append(RowProblem(file, line, f"{exc}; row left out"))


def _selects(run: SlaRun, columns: list[str], values: list[str]) -> bool:
    """Whether the SLA's ``where`` selects a row with these values of ``columns`` (each seen by WhereValues)."""
    matched = True
    seen = run.data.where
    for column, allowed in run.where.items():
        value = values[columns.index(column)]
        seen.add(column, value)
        matched = matched and value in allowed
    return matched


_WHERE_KEYS_KEPT: Final = 10_000


def _micro_pauses(pauses: Sequence[Interval]) -> list[tuple[int, int]]:
    return [(to_micros(a), to_micros(b)) for a, b in pauses]


def _written_pauses(row: list[str], i_pauses: int | None, tz: tzinfo) -> list[tuple[int, int]]:
    if i_pauses is None:
        return []
    text = row[i_pauses]
    if not text or not text.strip():
        return []
    try:
        return _micro_pauses(parse_pauses(text, tz))
    except ValueError as exc:
        raise ValueError(f"'{PAUSES_COLUMN}': {exc}") from None


EARLIEST_START: Final = datetime(1970, 1, 1, tzinfo=UTC)
"""Before any ticketing system: an earlier start is a placeholder (0001-01-01, 1900-01-01), not a ticket."""
_EARLIEST_US: Final = 0  # EARLIEST_START in microseconds since the Unix epoch


class _BadTime(ValueError):
    """A row's timestamp in the wrong format (counted per source for ASP409)."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def default_periods(sla: Sla, with_events: Collection[PeriodLabel], today: date) -> list[PeriodLabel]:
    """From the first event's period to the latest closed one, plus the current one if it has events."""
    last = latest_closed(KIND_OF[sla.period], today)
    seen = {p for p in with_events if p.start <= today}
    first = min([*seen, last])
    return sorted(set(periods_between(first, last)) | seen)


def timed_periods(
    sla: Sla,
    events: Mapping[PeriodLabel, EventList],
    today: date,
    fee: Fee | None,
    periods: Sequence[PeriodLabel] | None = None,
) -> list[PeriodResult]:
    """One result per period, with its events (:meth:`SlaRun.results`); a period with no events met its commitment."""
    results: list[PeriodResult] = []
    for period in periods if periods is not None else default_periods(sla, events.keys(), today):
        if period.start > today:
            continue
        own = events.get(period)
        counts = own.counts if own is not None else [0] * 5
        met = counts[MET]
        breached = counts[BREACHED] + counts[BREACHED_OPEN]
        decided = met + breached
        share = Decimal(met) * _HUNDRED / decided if decided else None
        if sla.objective is not None:
            breach_values = [share] if share is not None and not sla.objective.is_met(share) else []
        elif own is not None and breached:
            breach_values = own.breached_minutes()
        else:
            breach_values = []
        shown: Sequence[EventResult] = own if own is not None else ()
        if not is_closed(period, today):
            results.append(PeriodResult(period, "open", share, None, shown))
            continue
        fee_amount = period_fee(fee, period.kind) if fee is not None else None
        charge = period_credit(sla.credit, breach_values, fee_amount, fee.currency if fee else None)
        status: PeriodStatus = "breached" if breach_values else "met"
        results.append(PeriodResult(period, status, share, charge, shown))
    return results
