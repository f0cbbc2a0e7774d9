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

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Final

from asplan.model.account import Fee
from asplan.model.scalars import PeriodKind, PeriodLabel
from asplan.model.sla import Sla
from asplan.periods import KIND_OF, is_closed, latest_closed, period_fee, periods_between
from asplan.settings import DEFAULT_SLA_AT_RISK
from asplan.sla.credits import period_credit
from asplan.sla.eventdata import PAUSES_COLUMN, DuplicateIds, FormatMisses, NaiveTimes, WhereValues
from asplan.sla.events import RowProblem, TimestampMismatch, parse_instant, parse_pauses
from asplan.sla.results import EventResult, EventStatus, PeriodResult, PeriodStatus
from asplan.sla.sources import SourceTable
from asplan.timecalc.worktime import Interval, WorkClock

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


def time_events(
    sla: Sla,
    clock: WorkClock,
    tables: Sequence[SourceTable],
    account_tz: tzinfo,
    now: datetime,
    problems: list[RowProblem],
    periods: Collection[PeriodLabel] | None = None,
    data: SlaData | None = None,
    at_risk: Decimal | int | float = DEFAULT_AT_RISK,
) -> list[EventResult]:
    """Every event the SLA applies to (only those starting in ``periods`` when given).

    A running event past ``at_risk`` percent of the target (the SLA's own ``at_risk``
    wins) is ``at_risk``; those are also collected in ``data.at_risk`` from every
    period, selected or not: a ticket opened last month can be about to breach today.

    ``now`` bounds the data: a row that starts after it is left out (it had not
    happened yet), a stop after it is still open, and pauses are cut at it. The first
    row of an event id is the event; later rows with the same id, in any of the
    tables, are left out and counted in ``data``. Rows that cannot be read (a broken
    timestamp, a stop before the start) are added to ``problems`` and left out; the
    caller reports them.
    """
    needed = target_duration(sla)
    stop_column = sla.stop or ""
    period_of = _PeriodOf(KIND_OF[sla.period], account_tz)
    where = {column: (value,) if isinstance(value, str) else tuple(value) for column, value in sla.where.items()}
    seen = data if data is not None else SlaData(WhereValues(where))
    risk = Decimal(str(sla.at_risk if sla.at_risk is not None else at_risk))
    results: list[EventResult] = []
    for bound in tables:
        table, index, source = bound.table, bound.index, bound.source
        i_id, i_start, i_stop = index["id"], index[sla.start], index[stop_column]
        i_pauses = index.get(PAUSES_COLUMN)
        filters = [(column, index[column], allowed) for column, allowed in where.items()]
        reading = _Reading(
            source.tz or account_tz, source.time_format, bound.header_of(sla.start), bound.header_of(stop_column)
        )
        log = bound.log
        pause_on = source.status_log.pause_on if source.status_log is not None else frozenset()
        for line, row in table.records():
            if seen.duplicates.repeated(row[i_id].strip(), table.file, line):
                continue
            matched = True
            for column, i, allowed in filters:
                value = row[i].strip()
                seen.where.add(column, value)
                matched = matched and value in allowed
            if not matched:
                continue
            try:
                logged = log.pauses(row[i_id].strip(), pause_on) if log is not None else ()
                event = _time_one(row, i_start, i_stop, i_pauses, reading, now, seen.naive, table.file, line, logged)
                if event is None:
                    continue  # started after now
                start, stop, pauses, paused_now = event
                period = period_of(start)
            except _BadTime as exc:
                seen.formats.saw(source.format_target, line, exc.column)
                problems.append(RowProblem(table.file, line, f"{exc}; row left out"))
                continue
            except ValueError as exc:
                problems.append(RowProblem(table.file, line, f"{exc}; row left out"))
                continue
            selected = periods is None or period in periods
            if not selected and stop is not None:
                continue
            event_id = row[i_id].strip()
            judged = _judge(
                sla, clock, event_id, table.file, line, start, stop, pauses, now, needed, period, paused_now, risk
            )
            if judged.status == "at_risk":
                seen.at_risk.append(judged)
            if selected:
                results.append(judged)
    return results


EARLIEST_START: Final = datetime(1970, 1, 1, tzinfo=UTC)
"""Before any ticketing system: an earlier start is a placeholder (0001-01-01, 1900-01-01), not a ticket."""


@dataclass(frozen=True)
class _Reading:
    """How one source's timestamps are read: zone for naive times, format, and the headers read."""

    tz: tzinfo
    time_format: str | None
    start: str  # the export's header of the SLA's start field
    stop: str


class _BadTime(ValueError):
    """A row's timestamp in the wrong format (counted per source for ASP409)."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def _instant(text: str, column: str, reading: _Reading) -> tuple[datetime, bool]:
    try:
        return parse_instant(text, reading.tz, reading.time_format)
    except TimestampMismatch as exc:
        raise _BadTime(column, f"'{column}': {exc}") from None
    except ValueError as exc:
        raise ValueError(f"'{column}': {exc}") from None


def _time_one(
    row: list[str],
    i_start: int,
    i_stop: int,
    i_pauses: int | None,
    reading: _Reading,
    now: datetime,
    naive: NaiveTimes,
    file: str,
    line: int,
    logged: Sequence[Interval] = (),
) -> tuple[datetime, datetime | None, list[Interval], bool] | None:
    """(start, stop or None while open at ``now``, pauses cut at the stop or ``now``, paused at ``now``).

    ``logged`` are the pauses derived from the status log; they join the ``pauses`` column's.
    """
    tz = reading.tz
    start_text = row[i_start].strip()
    if not start_text:
        raise ValueError(f"'{reading.start}' is empty")
    start, was_naive = _instant(start_text, reading.start, reading)
    if was_naive:
        naive.saw(file, line)
    if start > now:
        return None
    if start < EARLIEST_START:
        raise ValueError(f"'{reading.start}' {start_text} is before 1970: a placeholder date, not a ticket's start")
    stop_text = row[i_stop].strip()
    stop = None
    if stop_text:
        stop = _instant(stop_text, reading.stop, reading)[0]
        if stop < start:
            raise ValueError(f"'{reading.stop}' {stop_text} is before '{reading.start}' {start_text}")
        if stop > now:
            stop = None  # not stopped yet at now
    pauses: list[Interval] = []
    paused_now = False
    written: list[Interval] = list(logged)
    if i_pauses is not None and row[i_pauses].strip():
        try:
            written += parse_pauses(row[i_pauses], tz)
        except ValueError as exc:
            raise ValueError(f"'{PAUSES_COLUMN}': {exc}") from None
    if written:
        bound = stop if stop is not None else now
        for p_start, p_end in written:
            if p_start >= bound:
                continue  # after the stop, or not begun at now
            if stop is None and p_end > now:
                paused_now = True  # waiting at now, for as long as nobody knows yet
            pauses.append((p_start, min(p_end, bound)))
    return start, stop, pauses, paused_now


def _judge(
    sla: Sla,
    clock: WorkClock,
    event_id: str,
    file: str,
    line: int,
    start: datetime,
    stop: datetime | None,
    pauses: list[Interval],
    now: datetime,
    needed: timedelta,
    period: PeriodLabel,
    paused_now: bool = False,
    at_risk: Decimal | None = None,
) -> EventResult:
    elapsed = clock.elapsed(start, stop if stop is not None else now, pauses)
    elapsed_min = minutes(elapsed)
    met = sla.target.is_met(elapsed_min)
    status: EventStatus
    remaining: timedelta | None = None
    if stop is not None:
        status = "met" if met else "breached"
    else:
        status = "running" if met else "breached"
        remaining = max(needed - elapsed, timedelta(0))
    percent = elapsed_min / sla.target.value * _HUNDRED if sla.target.value > 0 else None
    if status == "running" and at_risk is not None and percent is not None and percent >= at_risk:
        status = "at_risk"
    # A clock paused at now, with no end in sight, has no deadline: it waits on the client.
    deadline = None if paused_now else clock.deadline(start, needed, pauses)
    return EventResult(
        id=event_id,
        file=file,
        line=line,
        start=start,
        period=period,
        status=status,
        elapsed=elapsed,
        elapsed_minutes=elapsed_min,
        percent=percent,
        remaining=remaining,
        deadline=deadline,
    )


def default_periods(sla: Sla, events: Sequence[EventResult], today: date) -> list[PeriodLabel]:
    """From the first event's period to the latest closed one, plus the current one if it has events."""
    last = latest_closed(KIND_OF[sla.period], today)
    seen = {e.period for e in events if e.period.start <= today}
    first = min([*seen, last])
    return sorted(set(periods_between(first, last)) | seen)


def timed_periods(
    sla: Sla,
    events: Sequence[EventResult],
    today: date,
    fee: Fee | None,
    periods: Sequence[PeriodLabel] | None = None,
) -> list[PeriodResult]:
    """One result per period, with its events; a period with no events met its commitment."""
    by_period: dict[PeriodLabel, list[EventResult]] = defaultdict(list)
    for event in events:
        by_period[event.period].append(event)
    results: list[PeriodResult] = []
    for period in periods if periods is not None else default_periods(sla, events, today):
        if period.start > today:
            continue
        own = sorted(by_period.get(period, []), key=lambda e: (e.start, e.id))
        met = sum(1 for e in own if e.status == "met")
        breached = [e for e in own if e.status == "breached"]
        decided = met + len(breached)
        share = Decimal(met) * _HUNDRED / decided if decided else None
        if sla.objective is not None:
            breach_values = [share] if share is not None and not sla.objective.is_met(share) else []
        else:
            breach_values = [e.elapsed_minutes for e in breached]
        if not is_closed(period, today):
            results.append(PeriodResult(period, "open", share, None, tuple(own)))
            continue
        fee_amount = period_fee(fee, period.kind) if fee is not None else None
        charge = period_credit(sla.credit, breach_values, fee_amount, fee.currency if fee else None)
        status: PeriodStatus = "breached" if breach_values else "met"
        results.append(PeriodResult(period, status, share, charge, tuple(own)))
    return results
