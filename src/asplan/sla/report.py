"""SLA verdicts as report rows: the ``asplan sla --format json`` shape, and its totals.

One row per SLA and period (spec §4): ``account``, ``sla``, ``name``, ``kind``,
``period``, ``target``, ``value``, ``status``, ``credit`` (a decimal string, cents),
``currency`` and, for timed SLAs, ``events``. The text output is drawn from the same
rows, so both formats always say the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_EVEN, Decimal
from json.encoder import encode_basestring
from typing import Any, Final

from asplan.sla.credits import format_money
from asplan.sla.engine import PlanSlas, SlaResult
from asplan.sla.results import NO_DEADLINE, RUNNING, STATUSES, EventList, EventResult, PeriodResult
from asplan.sla.timed import minutes
from asplan.timecalc.worktable import MICROSECOND, from_micros

_HUNDREDTH: Final = Decimal("0.01")


@dataclass(frozen=True)
class SlaRow:
    account: str
    file: str
    result: SlaResult
    period: PeriodResult
    currency: str | None
    tz: tzinfo

    @property
    def credit(self) -> Decimal | None:
        return self.period.charge.amount if self.period.charge is not None else None

    @property
    def target(self) -> str:
        sla = self.result.sla
        text = str(sla.target)
        return f"{text}, {sla.objective} of events" if sla.objective is not None else text


def rows(plans: Iterable[PlanSlas]) -> list[SlaRow]:
    out: list[SlaRow] = []
    for plan in plans:
        for result in plan.slas:
            for period in result.periods:
                charge = period.charge
                currency = charge.currency if charge is not None and charge.currency else plan.currency
                if result.sla.credit is not None and result.sla.credit.amount is not None:
                    currency = result.sla.credit.amount.currency or currency
                out.append(SlaRow(plan.account, plan.file, result, period, currency, plan.tz))
    return out


def credit_totals(selected: Iterable[SlaRow]) -> dict[str, Decimal]:
    """Unrounded sums per currency (rounded once, when printed)."""
    totals: dict[str, Decimal] = {}
    for row in selected:
        if row.credit is not None and row.credit > 0 and row.currency:
            totals[row.currency] = totals.get(row.currency, Decimal(0)) + row.credit
    return dict(sorted(totals.items()))


def number(value: Decimal | None) -> float | int | None:
    """A figure for JSON: two decimals at most, an integer when whole."""
    if value is None:
        return None
    rounded = value.quantize(_HUNDREDTH, rounding=ROUND_HALF_EVEN)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def _span(span: timedelta | None) -> float | int | None:
    return None if span is None else number(minutes(span))


def event_json(event: EventResult, tz: tzinfo) -> dict[str, Any]:
    """One event; its deadline in the account's time zone, as the client reads it."""
    return {
        "id": event.id,
        "status": event.status,
        "elapsed_minutes": number(event.elapsed_minutes),
        "percent": number(event.percent),
        "remaining_minutes": _span(event.remaining),
        "deadline": event.deadline.astimezone(tz).isoformat() if event.deadline is not None else None,
    }


def row_json(row: SlaRow, with_events: bool = True) -> dict[str, Any]:
    sla = row.result.sla
    data: dict[str, Any] = {
        "account": row.account,
        "sla": sla.id,
        "name": sla.name,
        "kind": row.result.kind,
        "period": row.period.period.label,
        "target": row.target,
        "value": number(row.period.value),
        "status": row.period.status,
        "credit": format_money(row.credit) if row.credit is not None else None,
        "currency": row.currency,
    }
    if sla.timed and with_events:
        data["events"] = [event_json(e, row.tz) for e in row.period.events]
    return data


def report_json(today: date, selected: list[SlaRow]) -> dict[str, Any]:
    return {
        "today": today.isoformat(),
        "slas": [row_json(r) for r in selected],
        "credits": {currency: format_money(total) for currency, total in credit_totals(selected).items()},
    }


def write_json(today: date, selected: list[SlaRow], write: Callable[[str], object]) -> None:
    """:func:`dumps` of :func:`report_json`, written row by row.

    The same text, byte for byte (``tests/test_sla_stream.py``), without building a
    dictionary per event: a million-event report is written from the event columns
    (:class:`~asplan.sla.results.EventColumns`), each distinct elapsed time and each
    hour's time-zone offset formatted once.
    """
    write("{\n")
    write(f'  "today": {json.dumps(today.isoformat())},\n')
    if not selected:
        write('  "slas": [],\n')
    else:
        write('  "slas": [\n')
        deadlines: dict[tzinfo, _DeadlineText] = {}
        many = sum(len(r.period.events) for r in selected if isinstance(r.period.events, EventList))
        big = FAST_JSON_PERIOD if many >= FAST_JSON_MIN else None
        for n, row in enumerate(selected):
            data = row_json(row, with_events=False)
            events = row.period.events
            if not row.result.sla.timed:
                text = json.dumps(data, ensure_ascii=False)
            elif isinstance(events, EventList):
                head = json.dumps(data, ensure_ascii=False)[:-1]
                deadline_text = deadlines.get(row.tz) or deadlines.setdefault(row.tz, _DeadlineText(row.tz))
                text = head + ', "events": [' + _events_text(events, row.tz, deadline_text, big) + "]}"
            else:
                data["events"] = [event_json(e, row.tz) for e in events]
                text = json.dumps(data, ensure_ascii=False)
            write("    " + text + (",\n" if n < len(selected) - 1 else "\n"))
        write("  ],\n")
    credits = {currency: format_money(total) for currency, total in credit_totals(selected).items()}
    write(f'  "credits": {json.dumps(credits, ensure_ascii=False)}\n')
    write("}\n")


class _DeadlineText:
    """Deadlines as ``isoformat()`` in one zone: each UTC hour's offset and each local hour's text made once."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self._offsets: dict[int, tuple[int, str] | None] = {}  # UTC hour -> (offset, how isoformat writes it)
        self._prefixes: dict[int, str] = {}  # local hour -> "2026-07-07T15:"

    def __call__(self, micros: int) -> str:
        found = self.hour_offset(micros // _HOUR)
        if found is None:
            return from_micros(micros).astimezone(self.tz).isoformat()
        offset, suffix = found
        local = micros + offset
        local_hour, rest = divmod(local, _HOUR)
        prefix = self.prefix(local_hour)
        minute, rest = divmod(rest, 60_000_000)
        second, micro = divmod(rest, 1_000_000)
        if micro:
            return f"{prefix}{minute:02d}:{second:02d}.{micro:06d}{suffix}"
        return f"{prefix}{minute:02d}:{second:02d}{suffix}"

    def hour_offset(self, hour: int) -> tuple[int, str] | None:
        """The UTC hour's one offset (microseconds) and how ``isoformat`` writes it; None if it changes."""
        if hour in self._offsets:
            return self._offsets[hour]
        found = self._offsets[hour] = self._hour(hour)
        return found

    def prefix(self, local_hour: int) -> str:
        """``"2026-07-07T15:"``: how ``isoformat`` begins in that local hour (hours since 1970, local)."""
        prefix = self._prefixes.get(local_hour)
        if prefix is None:
            start = _NAIVE_EPOCH + timedelta(microseconds=local_hour * _HOUR)
            prefix = self._prefixes[local_hour] = start.isoformat()[:14]
        return prefix

    def _hour(self, hour: int) -> tuple[int, str] | None:
        """The hour's one offset (microseconds) and how ``isoformat`` writes it; None if it changes."""
        first = from_micros(hour * _HOUR).astimezone(self.tz)
        last = from_micros(hour * _HOUR + _HOUR - 1).astimezone(self.tz)
        offset = first.utcoffset()
        if offset is None or offset != last.utcoffset():
            return None
        naive = first.replace(tzinfo=None).isoformat()
        return offset // MICROSECOND, first.isoformat()[len(naive) :]


_HOUR: Final = 3_600_000_000
_NAIVE_EPOCH: Final = datetime(1970, 1, 1)


def _events_json(events: EventList, tz: tzinfo, deadline_text: _DeadlineText) -> Iterator[str]:
    """Each event as :func:`event_json` would encode it."""
    columns = events.columns
    ids, statuses, elapsed, deadlines = columns.ids, columns.statuses, columns.elapsed, columns.deadlines
    figures = columns.figures
    needed = columns.needed_us
    cache: dict[int, str] = {}
    encode = encode_basestring
    for i in events.positions:
        elapsed_us = elapsed[i]
        code = statuses[i]
        spans = cache.get(elapsed_us)
        if spans is None:
            elapsed_min, percent, _ = figures(elapsed_us)
            spans = f'"elapsed_minutes": {_number_json(elapsed_min)}, "percent": {_number_json(percent)}'
            if len(cache) < 100_000:
                cache[elapsed_us] = spans
        if code >= RUNNING:
            remaining = _number_json(minutes(timedelta(microseconds=max(needed - elapsed_us, 0))))
        else:
            remaining = "null"
        deadline = deadlines[i]
        when = '"' + deadline_text(deadline) + '"' if deadline != NO_DEADLINE else "null"
        yield (
            f'{{"id": {encode(ids[i])}, "status": "{STATUSES[code]}", {spans},'
            f' "remaining_minutes": {remaining}, "deadline": {when}}}'
        )


FAST_JSON_MIN = 20_000
"""A report with at least this many events writes its bigger periods column-wise (:mod:`asplan.sla.fastjson`).

Below it, importing numpy costs more than it saves; tests set it to 0 or
beyond any report to compare the two writers.
"""
FAST_JSON_PERIOD = 200
"""In such a report, a period with fewer events is written one by one (the columns' fixed cost is higher)."""


def _events_text(events: EventList, tz: tzinfo, deadline_text: _DeadlineText, big: int | None) -> str:
    """A period's events as JSON objects joined by ``", "``: column-wise for a big period, else one by one."""
    if big is not None and len(events) >= big:
        try:
            from asplan.sla.fastjson import events_text
        except ImportError:  # pragma: no cover  # numpy is a dependency; a broken install still works
            pass
        else:
            return events_text(events, deadline_text, _number_json)
    return ", ".join(_events_json(events, tz, deadline_text))


def _number_json(value: Decimal | None) -> str:
    return json.dumps(number(value))


def dumps(report: dict[str, Any]) -> str:
    """The report as JSON, one SLA row per line.

    ``json.dumps(indent=2)`` runs the pure-Python encoder, which takes seconds on
    100,000 events; rows encoded compactly by the C encoder keep the output readable
    and fast.
    """
    slas = ",\n".join("    " + json.dumps(row, ensure_ascii=False) for row in report["slas"])
    return (
        "{\n"
        f'  "today": {json.dumps(report["today"])},\n'
        + (f'  "slas": [\n{slas}\n  ],\n' if slas else '  "slas": [],\n')
        + f'  "credits": {json.dumps(report["credits"], ensure_ascii=False)}\n'
        "}\n"
    )
