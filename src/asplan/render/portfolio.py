"""The portfolio dashboard's rows: shared by the rendered index page and ``asplan status``.

Built from a :class:`~asplan.render.view.PlanView`, so the dashboard, the documents it
links to and the terminal table show the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from asplan.health import Health
from asplan.model.scalars import PeriodLabel
from asplan.render.view import PlanView
from asplan.signoff import SignOffHistory

TIER_ORDER = {"strategic": 0, "high": 1, "medium": 2, "low": 3}


@dataclass(frozen=True)
class PortfolioRow:
    account: str
    name: str
    tier: str
    manager: str
    manager_name: str
    lang: str
    next_review: date | None
    review_status: str | None
    overdue: int
    due_soon: int
    sla_breaches: int
    sla_period: tuple[str, ...]  # the latest closed period of each SLA, distinct and sorted
    sla_labels: tuple[PeriodLabel, ...]
    kpi_progress: float | None
    link: str
    stage: str = "service"
    health: Health | None = None
    satisfaction: tuple[tuple[str, float, date], ...] = ()
    signoff_date: date | None = None
    signoff_people: tuple[str, ...] = ()
    signoff_history: SignOffHistory | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "name": self.name,
            "tier": self.tier,
            "manager": self.manager,
            "manager_name": self.manager_name,
            "next_review": self.next_review.isoformat() if self.next_review else None,
            "review_status": self.review_status,
            "overdue": self.overdue,
            "due_soon": self.due_soon,
            "sla_breaches": self.sla_breaches,
            "sla_period": list(self.sla_period),
            "kpi_progress": round(self.kpi_progress, 4) if self.kpi_progress is not None else None,
            "stage": self.stage,
            "satisfaction": [
                {"kpi": name, "value": value, "date": day.isoformat()} for name, value, day in self.satisfaction
            ],
            "signoff": self._signoff_json(),
            "health": self.health.to_json() if self.health is not None else None,
        }

    def _signoff_json(self) -> dict[str, Any] | None:
        if self.signoff_date is None:
            return None
        history = self.signoff_history
        return {
            "date": self.signoff_date.isoformat(),
            "by": list(self.signoff_people),
            # null: the file's history is unknown (not in a git work tree, or not committed)
            "changed_since": history.to_json() if history is not None else None,
        }


def portfolio_row(view: PlanView, link: str = "") -> PortfolioRow:
    """Language-neutral figures: the index page and ``status`` word them in their own language."""
    h = view.headline
    badge = h.next_review_badge
    return PortfolioRow(
        account=view.account_id,
        name=view.name,
        tier=view.tier,
        manager=view.manager_id,
        manager_name=view.manager,
        lang=view.lang,
        next_review=h.next_review_date,
        review_status=badge.state if badge else None,
        overdue=h.overdue,
        due_soon=h.due_soon,
        sla_breaches=h.sla_breaches,
        sla_period=h.sla_periods,
        sla_labels=h.sla_labels,
        kpi_progress=h.kpi_progress,
        link=link,
        stage=view.stage,
        health=view.health,
        satisfaction=tuple(view.satisfaction),
        signoff_date=view.signoff_date,
        signoff_people=view.signoff_people,
        signoff_history=view.signoff_history,
    )


def sort_rows(rows: list[PortfolioRow], by: str = "tier") -> list[PortfolioRow]:
    """Most attention first: tier, then overdue items, then account id; ``by="health"``: lowest score first."""
    if by == "health":
        return sorted(rows, key=lambda r: (r.health.score if r.health else 101, TIER_ORDER.get(r.tier, 9), r.account))
    return sorted(rows, key=lambda r: (TIER_ORDER.get(r.tier, 9), -r.overdue, r.account))
