"""The ``sla`` pass: every timed SLA of a plan over every row of its event files, once.

:func:`time_events` reads each file once and hands each row to the SLAs whose
``where`` selects it; each :class:`SlaRun` times its rows in integer microseconds on
its calendar's :class:`~asplan.timecalc.worktable.WorkTable` (the
:class:`~asplan.timecalc.worktime.WorkClock` where the table cannot answer) and keeps
them as :class:`~asplan.sla.results.EventColumns`. The figures are those of the
clock, to the microsecond (``tests/test_worktable_properties.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from operator import itemgetter
from typing import Final

from asplan.model.scalars import PeriodLabel
from asplan.model.sla import Sla
from asplan.periods import KIND_OF
from asplan.sla import fastgate
from asplan.sla.eventdata import PAUSES_COLUMN, WhereValues
from asplan.sla.events import RowProblem, parse_pauses
from asplan.sla.results import (
    AT_RISK,
    BREACHED,
    BREACHED_OPEN,
    MET,
    NO_DEADLINE,
    RUNNING,
    EventColumns,
    EventList,
)
from asplan.sla.sources import SourceTable
from asplan.sla.timed import (
    _HUNDRED,
    DEFAULT_AT_RISK,
    SlaData,
    _PeriodOf,
    minutes,
    target_duration,
)
from asplan.sla.timereader import BadTime, TimeReader
from asplan.timecalc.worktable import MICROSECOND, WorkTable, from_micros, to_micros
from asplan.timecalc.worktime import LAST_INSTANT, Interval, WorkClock

Taker = Callable[[str, int, list[str], int], None]
"""Times one row for one SLA: ``(event id, line, row, now in microseconds)``."""

_NO_PAUSES: Final[list[tuple[int, int]]] = []


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
        if len(events) >= fastgate.FAST_MIN_EVENTS:
            grouped = fastgate.grouped(events, len(self.period_list))
            if grouped is not None:
                return {p: EventList(events, grouped[n][0], p, grouped[n][1]) for n, p in enumerate(self.period_list)}
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

        A closure over what it needs, because it runs once per event: a million times
        on a big export.
        """
        read = _RowReader(self, bound, reader)
        times, may_pause, pauses_of = read.times, read.may_pause, read.pauses
        hours, period_of, clocked, store = self._hours, self.period, self._clocked, self._store

        def take(event_id: str, line: int, row: list[str], now: int) -> None:
            found = times(row, line, now)
            if found is None:
                return  # started after now
            start, stop = found
            bound_at = stop if stop is not None else now
            pauses, paused_now = pauses_of(event_id, row, stop, now) if may_pause(row) else (_NO_PAUSES, False)
            known = hours.get(start // _HOUR)
            period, slot = known if known is not None else period_of(start)
            if slot < 0 and stop is not None:
                return  # closed, in a period not asked for
            elapsed, deadline = clocked(start, bound_at, pauses, paused_now)
            store(event_id, file_index, line, start, stop is None, elapsed, deadline, period, slot)

        return take

    def _clocked(self, start: int, bound: int, pauses: list[tuple[int, int]], paused_now: bool) -> tuple[int, int]:
        """Elapsed time and deadline (microseconds; ``NO_DEADLINE`` for none), from the table when it can."""
        needed = self.needed_us
        if pauses:
            elapsed = self.elapsed(start, bound, pauses)
            return elapsed, NO_DEADLINE if paused_now else self.deadline(start, pauses)
        if self.clock.always_open:
            reached = start + needed
            if needed > 0 and start < LAST_MICROS and reached <= LAST_MICROS:
                return bound - start, reached
            return bound - start, self.deadline(start, pauses)
        table = self.table
        if table is not None and needed > 0 and table.covers(start) and table.covers(bound):
            at_start = table.at(start)
            found = table.reach(at_start + needed)
            return table.at(bound) - at_start, found if found is not None else self.deadline(start, pauses)
        return self.elapsed(start, bound, pauses), self.deadline(start, pauses)

    def _store(
        self,
        event_id: str,
        file_index: int,
        line: int,
        start: int,
        still_open: bool,
        elapsed: int,
        deadline: int,
        period: PeriodLabel,
        slot: int,
    ) -> None:
        """Judge one timed event and keep it (in its period's columns, and among the at-risk ones)."""
        known = self._figures.get(elapsed)
        _, percent, met = known if known is not None else self.figures(elapsed)
        if not still_open:
            code = MET if met else BREACHED
        elif not met:
            code = BREACHED_OPEN
        elif percent is not None and percent >= self.risk:
            code = AT_RISK
        else:
            code = RUNNING
        if slot >= 0:
            self.events.add(event_id, file_index, line, start, code, elapsed, deadline, slot)
        if code == AT_RISK:
            one = EventColumns(self.events.files, self.figures, self.needed_us)
            one.add(event_id, file_index, line, start, code, elapsed, deadline, 0)
            self.data.at_risk.append(one.result(0, period))


class _RowReader:
    """One SLA's way of reading the rows of one source: its columns, headers, zone and pauses."""

    def __init__(self, run: SlaRun, bound: SourceTable, reader: TimeReader) -> None:
        sla = run.sla
        stop_column = sla.stop or ""
        self.i_start, self.i_stop = bound.index[sla.start], bound.index[stop_column]
        self.start_header, self.stop_header = bound.header_of(sla.start), bound.header_of(stop_column)
        self.file = bound.table.file
        self.naive = run.data.naive
        self.micros = reader.micros
        self.tz = reader.tz
        self.log = bound.log
        log_spec = bound.source.status_log
        self.pause_on = log_spec.pause_on if log_spec is not None else frozenset()
        self.i_pauses = bound.index.get(PAUSES_COLUMN)

    def times(self, row: list[str], line: int, now: int) -> tuple[int, int | None] | None:
        """Start and stop (None while open at ``now``); None when the row starts after ``now``."""
        start_text = row[self.i_start]
        if not start_text or start_text.isspace():
            raise ValueError(f"'{self.start_header}' is empty")
        start, was_naive = self.micros(start_text, self.start_header)
        if was_naive and self.naive.first is None:
            self.naive.saw(self.file, line)
        if start > now:
            return None
        if start < _EARLIEST_US:
            raise ValueError(
                f"'{self.start_header}' {start_text.strip()} is before 1970: a placeholder date, not a ticket's start"
            )
        stop_text = row[self.i_stop]
        if not stop_text or stop_text.isspace():
            return start, None
        stop = self.micros(stop_text, self.stop_header)[0]
        if stop < start:
            raise ValueError(
                f"'{self.stop_header}' {stop_text.strip()} is before '{self.start_header}' {start_text.strip()}"
            )
        return start, stop if stop <= now else None

    def may_pause(self, row: list[str]) -> bool:
        return self.log is not None or (self.i_pauses is not None and bool(row[self.i_pauses]))

    def pauses(self, event_id: str, row: list[str], stop: int | None, now: int) -> tuple[list[tuple[int, int]], bool]:
        """The row's pauses (status log and ``pauses`` column) cut at its stop or ``now``; whether paused at ``now``."""
        bound = stop if stop is not None else now
        written = _micro_pauses(self.log.pauses(event_id, self.pause_on)) if self.log is not None else []
        if self.i_pauses is not None:
            written += _written_pauses(row, self.i_pauses, self.tz)
        pauses: list[tuple[int, int]] = []
        paused_now = False
        for p_start, p_end in written:
            if p_start >= bound:
                continue  # after the stop, or not begun at now
            if stop is None and p_end > now:
                paused_now = True  # waiting at now, for as long as nobody knows yet
            pauses.append((p_start, p_end if p_end < bound else bound))
        return pauses, paused_now


_FIGURES_KEPT: Final = 500_000
LAST_MICROS: Final = to_micros(LAST_INSTANT)
_HOUR: Final = 3_600_000_000
_EARLIEST_US: Final = 0  # EARLIEST_START (1970-01-01 UTC) in microseconds since the Unix epoch


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
    where_columns = sorted({c for run in runs for c in run.where})
    for file_index, bound in enumerate(tables):
        file, source = bound.table.file, bound.source
        reader = TimeReader(source.tz or account_tz, source.time_format)
        i_id = bound.index["id"]
        selected = _Selection(runs, bound, file_index, reader, where_columns)
        for line, row in bound.table.records():
            event_id = row[i_id].strip()
            size = len(ids)
            add_id(event_id)
            if len(ids) == size:
                for seen in duplicates:
                    seen.note(file, line)
                continue
            for run, take in selected(row):
                take_row(run, take, event_id, line, row, now_us, bound)


def take_row(run: SlaRun, take: Taker, event_id: str, line: int, row: list[str], now: int, bound: SourceTable) -> None:
    """Time one row for one SLA; a row it cannot read becomes one of the run's ``problems`` (and ASP409's count)."""
    try:
        take(event_id, line, row, now)
    except BadTime as exc:
        run.data.formats.saw(bound.source.format_target, line, exc.column)
        run.problems.append(RowProblem(bound.table.file, line, f"{exc}; row left out"))
    except ValueError as exc:
        run.problems.append(RowProblem(bound.table.file, line, f"{exc}; row left out"))


class _Selection:
    """Which SLAs a row goes to: those its ``where`` values select.

    Each distinct combination of those values is looked at once (and shown to each
    SLA's :class:`~asplan.sla.eventdata.WhereValues` once); up to 10,000 are remembered.
    """

    def __init__(
        self, runs: Sequence[SlaRun], bound: SourceTable, file_index: int, reader: TimeReader, columns: list[str]
    ) -> None:
        self.takers = [(run, run.taker(bound, file_index, reader)) for run in runs]
        self.columns = columns
        positions = [bound.index[c] for c in columns]
        self.several = len(positions) > 1
        self.key_of = itemgetter(*positions) if positions else None
        self.chosen: dict[object, list[tuple[SlaRun, Taker]]] = {}

    def __call__(self, row: list[str]) -> list[tuple[SlaRun, Taker]]:
        if self.key_of is None:
            return self.takers
        key = self.key_of(row)
        found = self.chosen.get(key)
        if found is None:
            values = [v.strip() for v in key] if self.several else [key.strip()]
            found = [t for t in self.takers if _selects(t[0], self.columns, values)]
            if len(self.chosen) < _WHERE_KEYS_KEPT:
                self.chosen[key] = found
        return found


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
