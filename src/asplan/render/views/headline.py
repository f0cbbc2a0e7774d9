"""The figures at the top of the document and in the portfolio."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from asplan.agenda import Kind
from asplan.health import kpi_progress, mean_progress
from asplan.model.plan import Plan
from asplan.model.scalars import PeriodLabel
from asplan.render.sources import DueItem, SlaPeriodFigures, next_review
from asplan.render.views.context import Badge, ViewContext
from asplan.render.views.slas import credits_text, last_closed_rows

# Dated items that are about the contract, not work someone owes: their own indicator.
CONTRACT_KINDS = frozenset({Kind.contract_renewal, Kind.contract_end})


@dataclass(frozen=True)
class Headline:
    """The figures at the top of the document and in the portfolio."""

    next_review: str
    next_review_date: date | None
    next_review_badge: Badge | None
    overdue: int
    due_soon: int
    sla_breaches: int
    sla_period: str
    sla_period_text: str
    sla_labels: tuple[PeriodLabel, ...]
    kpi_progress: float | None
    kpi_progress_text: str
    credits: str
    contract: Badge | None = None
    """The renewal window (open or opening soon) or the contract's end: its own indicator,
    never counted among the overdue items."""
    sla_periods: tuple[str, ...] = ()
    """The latest closed periods one by one (``sla_period`` joins them for display)."""


def headline_view(plan: Plan, ctx: ViewContext, items: list[DueItem], rows: list[SlaPeriodFigures]) -> Headline:
    t = ctx.t
    review = next_review(plan, ctx.today)
    review_item = next((i for i in items if i.kind == "review"), None)
    last_closed = last_closed_rows(rows)
    breaches = sum(1 for r in last_closed if r.status == "breached")
    periods = sorted({r.period for r in last_closed})
    progress = mean_progress([kpi_progress(k) for k in plan.kpis()])
    return Headline(
        next_review=ctx.date(review) or t("none"),
        next_review_date=review,
        next_review_badge=ctx.badge(review_item) if review_item else None,
        overdue=sum(1 for i in items if i.status == "overdue" and i.kind not in CONTRACT_KINDS),
        due_soon=sum(1 for i in items if i.status == "due_soon" and i.kind not in CONTRACT_KINDS),
        sla_breaches=breaches,
        sla_period=", ".join(periods),
        sla_periods=tuple(periods),
        sla_period_text=t.periods(sorted({r.label for r in last_closed})),
        sla_labels=tuple(sorted({r.label for r in last_closed})),
        kpi_progress=progress,
        kpi_progress_text=t.percent(progress) if progress is not None else t("none"),
        credits=credits_text(t, [r for r in rows if r.credit]),
        contract=_contract_indicator(ctx, items),
    )


def _contract_indicator(ctx: ViewContext, items: list[DueItem]) -> Badge | None:
    """ "Contract ended", "renewal window open since ..." or "... opens on ...", else nothing to say.

    The renewal window opening is not an overdue *task*: counting it with the overdue
    items told a client with no late work that something was late.
    """
    t = ctx.t
    ended = next((i for i in items if i.kind is Kind.contract_end and i.status == "overdue"), None)
    if ended is not None:
        return Badge("overdue", t("due.overdue.contract_end"), t("contract.ended", date=ctx.date(ended.date)))
    window = next((i for i in items if i.kind is Kind.contract_renewal and i.status != "upcoming"), None)
    if window is None:
        return None
    end = next((i for i in items if i.kind is Kind.contract_end), None)
    ends = f" · {t('contract.ends', date=ctx.date(end.date))}" if end is not None else ""
    if window.status == "overdue":
        return Badge(
            "due_soon", t("due.overdue.contract_renewal"), t("renewal.open", date=ctx.date(window.date)) + ends
        )
    return Badge("due_soon", t("due.due_soon.contract_renewal"), t("renewal.opens", date=ctx.date(window.date)) + ends)
