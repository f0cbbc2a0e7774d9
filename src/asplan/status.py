"""``asplan status`` as a pure function: plans in, the portfolio dashboard's rows out.

The rows are the rendered index page's (:mod:`asplan.render.portfolio`), built from
each plan's view model, so the terminal table, the index and the documents it links
to show the same figures. The dashboard is the provider's own: internal, so the
health score (which weighs the client's stance) and the changes since a sign-off are
there. Reporters (:mod:`asplan.reporters.status`) print it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asplan.config import Config
    from asplan.model.account import Stage
    from asplan.render.portfolio import PortfolioRow

__all__ = ["Dashboard", "Sort", "dashboard"]


class Sort(StrEnum):
    """``--sort``: most attention first (tier, then overdue items), or lowest health score first."""

    tier = "tier"
    health = "health"


@dataclass(frozen=True)
class Dashboard:
    """One row per account, in the order asked for, and the language of the table."""

    rows: list[PortfolioRow]
    lang: str


def dashboard(
    paths: Sequence[str],
    today: date,
    config: Config,
    *,
    lang: str | None = None,
    stages: Sequence[Stage] = (),
    sort: Sort = Sort.tier,
) -> Dashboard:
    """Every plan under ``paths`` (each must validate: :class:`~asplan.render.document.RenderError` if not)."""
    from asplan.render.document import RenderOptions, collect_plans, plan_view
    from asplan.render.portfolio import portfolio_row, sort_rows

    options = RenderOptions(
        audience="internal",
        lang=lang or "en",
        warn_days=config.warn_days,
        kpi_grace_days=config.kpi_grace_days,
        health_weights=config.health,
    )
    plans = collect_plans(paths, config.max_file_bytes)
    if stages:
        wanted = {stage.value for stage in stages}
        plans = [p for p in plans if p.plan.account is not None and p.plan.account.stage.value in wanted]
    views = [portfolio_row(plan_view(p.plan, today, options, p.path), link=str(p.path)) for p in plans]
    return Dashboard(sort_rows(views, by=sort.value), options.lang or "en")
