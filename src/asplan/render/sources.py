"""Where the document's figures come from: one function per shared core module.

The rendered plan must say exactly what ``asplan due``, ``asplan sla`` and ``asplan
check`` say, so nothing is recomputed here: dated items come from
:mod:`asplan.agenda`, SLA verdicts and credits from :mod:`asplan.sla`. This module
only reshapes their results into the few fields the view model reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from asplan.agenda import DueItem, agenda
from asplan.agenda import next_review as _next_review
from asplan.model.plan import Plan
from asplan.model.scalars import PeriodLabel
from asplan.settings import DEFAULT_KPI_GRACE_DAYS, DEFAULT_WARN_DAYS

__all__ = ["DueItem", "SlaPeriodFigures", "SourceError", "due_items", "next_review", "sla_rows"]

Unit = Literal["percent", "number"]


@dataclass(frozen=True)
class SlaPeriodFigures:
    """One SLA in one period, as the document shows it."""

    sla: str
    name: str
    kind: Literal["measured", "timed"]
    period: str
    period_start: date
    label: PeriodLabel
    status: str
    value: Decimal | None
    unit: Unit
    objective: str | None
    credit: Decimal | None
    currency: str | None
    events: int = 0


def due_items(
    plan: Plan,
    today: date,
    source: Path | None,
    *,
    warn_days: int = DEFAULT_WARN_DAYS,
    kpi_grace_days: int = DEFAULT_KPI_GRACE_DAYS,
) -> list[DueItem]:
    """Every dated item of the plan (:func:`asplan.agenda.agenda`), soonest first."""
    from asplan.timecalc.calendars import build_calendars

    return agenda(plan, today, warn_days=warn_days, kpi_grace_days=kpi_grace_days, calendars=build_calendars(plan))


def next_review(plan: Plan, today: date) -> date | None:
    """Spec §3 "Next review", as :mod:`asplan.agenda` computes it."""
    from asplan.timecalc.calendars import build_calendars

    return _next_review(plan, build_calendars(plan))


class SourceError(Exception):
    """An SLA figure that cannot be computed as the plan is written (event file, calendar)."""


def sla_rows(plan: Plan, today: date, source: Path | None) -> list[SlaPeriodFigures]:
    """Every SLA's periods with status and credit, from :func:`asplan.sla.engine.evaluate_plan`.

    A timed SLA's value is the share of its period's events that met the target, as
    ``asplan sla`` reports it.
    """
    from asplan.sla.engine import evaluate_plan
    from asplan.sla.events import EventFileError
    from asplan.sla.report import rows
    from asplan.sla.timed import SlaDefinitionError

    if not plan.slas:
        return []
    plan_file = str(source) if source is not None else "plan.yaml"
    try:
        evaluated = evaluate_plan(plan, plan_file, today)
    except (EventFileError, SlaDefinitionError) as exc:
        raise SourceError(str(exc)) from None
    out: list[SlaPeriodFigures] = []
    for row in rows([evaluated]):
        sla = row.result.sla
        period = row.period
        unit: Unit = "percent" if sla.timed or sla.target.kind == "percent" else "number"
        out.append(
            SlaPeriodFigures(
                sla=sla.id,
                name=sla.name,
                kind=row.result.kind,
                period=str(period.period),
                period_start=period.period.start,
                label=period.period,
                status=period.status,
                value=period.value,
                unit=unit,
                objective=str(sla.objective) if sla.objective is not None else None,
                credit=row.credit,
                currency=row.currency,
                events=len(period.events),
            )
        )
    return out
