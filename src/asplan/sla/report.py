"""SLA verdicts as report rows: the ``asplan sla --format json`` shape, and its totals.

One row per SLA and period (spec §4): ``account``, ``sla``, ``name``, ``kind``,
``period``, ``target``, ``value``, ``status``, ``credit`` (a decimal string, cents),
``currency`` and, for timed SLAs, ``events``. The text output is drawn from the same
rows, so both formats always say the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Final

from asplan.sla.credits import format_money
from asplan.sla.engine import PlanSlas, SlaResult
from asplan.sla.results import EventResult, PeriodResult
from asplan.sla.timed import minutes

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


def row_json(row: SlaRow) -> dict[str, Any]:
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
    if sla.timed:
        data["events"] = [event_json(e, row.tz) for e in row.period.events]
    return data


def report_json(today: date, selected: list[SlaRow]) -> dict[str, Any]:
    return {
        "today": today.isoformat(),
        "slas": [row_json(r) for r in selected],
        "credits": {currency: format_money(total) for currency, total in credit_totals(selected).items()},
    }


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
