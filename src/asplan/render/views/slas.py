"""The SLAs section: each SLA's periods, figures, chart and credits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from asplan.model.plan import Plan
from asplan.model.sla import Sla
from asplan.render import charts
from asplan.render.i18n import Locale
from asplan.render.numbers import Op
from asplan.render.sources import SlaPeriodFigures
from asplan.render.views.context import ViewContext


@dataclass(frozen=True)
class SlaPeriodView:
    key: str
    period: str
    short: str
    value: str
    status: str
    status_label: str
    credit: str


@dataclass(frozen=True)
class SlaView:
    id: str
    name: str
    kind: str
    target: str
    period: str
    penalty: str | None
    calendar: str
    objective: str
    periods: tuple[SlaPeriodView, ...]
    chart: Markup
    credits: str
    last_closed: SlaPeriodView | None
    notes: str | None


@dataclass(frozen=True, kw_only=True)
class SlasView:
    """The ``slas`` section: one view per SLA, and the credits owed over all of them."""

    slas: tuple[SlaView, ...]
    sla_credits: str


def last_closed_rows(rows: list[SlaPeriodFigures]) -> list[SlaPeriodFigures]:
    """Per SLA, the row of its latest closed period (the one ASP401 speaks about)."""
    latest: dict[str, SlaPeriodFigures] = {}
    for row in rows:
        if row.status == "open":
            continue
        if row.sla not in latest or row.period_start > latest[row.sla].period_start:
            latest[row.sla] = row
    return list(latest.values())


def credits_text(t: Locale, rows: Sequence[SlaPeriodFigures]) -> str:
    totals: dict[str, Decimal] = {}
    for row in rows:
        if row.credit and row.currency:
            totals[row.currency] = totals.get(row.currency, Decimal(0)) + row.credit
    return " + ".join(t.money(v, c) for c, v in sorted(totals.items())) if totals else ""


def _value_text(t: Locale, row: SlaPeriodFigures, sla: Sla) -> str:
    """A period's figure: the measured value, or for a timed SLA the share of events on time.

    Shown with the decimals it takes to be on the same side of the threshold that
    decided its status: the target, the objective, or (a timed SLA without an
    objective, where every late event is a breach) all events on time.
    """
    if sla.timed:
        against: tuple[Op, Decimal] = (
            (sla.objective.op, sla.objective.value) if sla.objective is not None else (">=", Decimal(100))
        )
    else:
        against = (sla.target.op, sla.target.value)
    return t.figure(row.value, "%" if row.unit == "percent" else "", against=against)


def _sla(sla: Sla, own: list[SlaPeriodFigures], closed: SlaPeriodFigures | None, ctx: ViewContext) -> SlaView:
    """One SLA: its periods oldest first, the chart of the last twelve, its credits."""
    t = ctx.t
    periods = tuple(
        SlaPeriodView(
            key=r.period,
            period=t.period(r.label),
            short=t.period(r.label, short=True),
            value=_value_text(t, r, sla),
            status=r.status,
            status_label=t(f"sla.{r.status}"),
            credit=t.money(r.credit, r.currency) if r.credit and r.currency else "",
        )
        for r in own
    )
    met = sum(1 for p in periods if p.status == "met")
    breached = sum(1 for p in periods if p.status == "breached")
    chart = charts.sla_bars(
        [(p.short, p.status) for p in periods[-12:]],
        t("chart.sla_title"),
        f"{t.n('chart.sla', len(periods), name=sla.name, met=met)}, {t.n('chart.sla_breached', breached)}",
        sla.id,
    )
    return SlaView(
        id=sla.id,
        name=sla.name,
        kind="timed" if sla.timed else "measured",
        target=t.target(sla.target),
        period=t(f"period.{sla.period.value}"),
        penalty=sla.penalty,
        calendar=sla.calendar if sla.timed else "",
        objective=t.target(sla.objective) if sla.objective is not None else "",
        periods=periods,
        chart=chart if periods else Markup(""),
        credits=credits_text(t, own),
        last_closed=next((p for p in periods if closed and p.key == closed.period), None),
        notes=sla.notes if ctx.internal else None,
    )


def slas_view(plan: Plan, ctx: ViewContext, rows: list[SlaPeriodFigures]) -> SlasView:
    per_sla: dict[str, list[SlaPeriodFigures]] = {}
    for row in rows:
        per_sla.setdefault(row.sla, []).append(row)
    last = {r.sla: r for r in last_closed_rows(rows)}
    return SlasView(
        slas=tuple(
            _sla(sla, sorted(per_sla.get(sla.id, []), key=lambda r: r.period_start), last.get(sla.id), ctx)
            for sla in plan.slas
        ),
        sla_credits=credits_text(ctx.t, rows),
    )
