"""The rendered document's view model: a plan, today, an audience and a language in;
plain display values and computed figures out.

Templates only lay out what is here: no dates computed, no statuses decided, no
internal field reachable. The audience rule lives here for that reason: a client
document is built from a view in which ``selection``, ``influence``, ``stance`` and
every ``notes`` are simply absent, so no template (built-in or ``--template-dir``)
can print them by mistake.

Each section group has its module under :mod:`asplan.render.views`, whose builder
returns that section's frozen view; :func:`build_view` composes them into one frozen
:class:`PlanView`. A template reads every field flat (``v.actions``,
``v.people_client``), as it always has: ``PlanView`` *is* the section views side by
side (it inherits their fields), so a field's name is the same in the view, in its
section view and in the template.

Figures come from the shared core modules, one function each (:func:`due_items`,
:func:`sla_rows`), so the document, ``asplan due``, ``asplan sla`` and ``asplan
check`` never disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from asplan.health import kpi_progress, mean_progress
from asplan.model.plan import Plan
from asplan.plandiff import Baseline, Change
from asplan.render.i18n import Locale, locale
from asplan.render.sources import DueItem, due_items, sla_rows
from asplan.render.views.account import AccountView, BackgroundView, account_view, background_view
from asplan.render.views.context import AUDIENCES, Audience, Badge, Row, ViewContext
from asplan.render.views.headline import CONTRACT_KINDS, Headline, headline_view
from asplan.render.views.objectives import (
    ActionsView,
    ActionView,
    KpiView,
    MilestoneView,
    ObjectivesView,
    ObjectiveView,
    TimelineEntry,
    actions_view,
    objectives_view,
)
from asplan.render.views.people import OrgNode, PeopleView, PersonView, people_view
from asplan.render.views.service import (
    ChangesView,
    CommunicationView,
    ContinuityView,
    EscalationView,
    ReviewsView,
    RisksView,
    ServicesView,
    changes_view,
    communication_view,
    continuity_view,
    escalation_view,
    reviews_view,
    risks_view,
    services_view,
)
from asplan.render.views.slas import SlaPeriodView, SlasView, SlaView, slas_view
from asplan.render.views.standing import (
    NO_SINCE,
    ChangeView,
    HealthRow,
    SignOffView,
    SinceView,
    StandingView,
    health_reason,
    signoff_view,
    since_view,
    standing_view,
)
from asplan.settings import DEFAULT_KPI_GRACE_DAYS, DEFAULT_WARN_DAYS
from asplan.signoff import SignOffHistory

__all__ = [
    "AUDIENCES",
    "CONTRACT_KINDS",
    "AccountView",
    "ActionView",
    "ActionsView",
    "Audience",
    "BackgroundView",
    "Badge",
    "ChangeView",
    "ChangesView",
    "CommunicationView",
    "ContinuityView",
    "DocumentView",
    "EscalationView",
    "Headline",
    "HealthRow",
    "KpiView",
    "MilestoneView",
    "ObjectiveView",
    "ObjectivesView",
    "OrgNode",
    "PeopleView",
    "PersonView",
    "PlanView",
    "ReviewsView",
    "RisksView",
    "Row",
    "ServicesView",
    "SignOffView",
    "SinceView",
    "SlaPeriodView",
    "SlaView",
    "SlasView",
    "StandingView",
    "TimelineEntry",
    "build_view",
    "health_reason",
    "kpi_progress",
    "mean_progress",
]


@dataclass(frozen=True, kw_only=True)
class DocumentView:
    """What the document is: for whom, in which language, as of which day, from which file."""

    t: Locale
    lang: str
    audience: Audience
    internal: bool
    today: date
    today_text: str
    source: str
    headline: Headline
    due: tuple[DueItem, ...]


@dataclass(frozen=True, kw_only=True)
class PlanView(
    DocumentView,
    AccountView,
    BackgroundView,
    PeopleView,
    ObjectivesView,
    ActionsView,
    ChangesView,
    ReviewsView,
    ServicesView,
    SlasView,
    EscalationView,
    ContinuityView,
    CommunicationView,
    RisksView,
    SignOffView,
    StandingView,
    SinceView,
):
    """Everything a template may show, for one plan, one audience, one language: the
    section views side by side, each field under its own name (``v.slas``, ``v.risks``)."""

    @property
    def sections(self) -> list[str]:
        """The sections this document has, in the order of spec §1."""
        present = {
            "account": True,
            "since": self.since is not None,
            "health": self.health is not None,
            "business": bool(self.business or self.business_lists or self.analyst_reports),
            "selection": self.selection is not None,
            "handoff": bool(self.handoff),
            "people": bool(self.people_provider or self.people_client),
            "objectives": bool(self.objectives),
            "solutions": bool(self.solutions),
            "actions": bool(self.actions or self.timeline),
            "changes": bool(self.changes),
            "reviews": self.reviews is not None,
            "services": bool(self.in_scope or self.out_of_scope),
            "procedures": bool(self.procedures),
            "slas": bool(self.slas),
            "escalation": bool(self.escalation),
            "continuity": bool(self.continuity),
            "communication": bool(self.communication),
            "risks": bool(self.risks),
        }
        return [name for name, shown in present.items() if shown]


def _document(ctx: ViewContext, source: Path | None, headline: Headline, items: list[DueItem]) -> DocumentView:
    t = ctx.t
    account = ctx.plan.account
    assert account is not None
    return DocumentView(
        t=t,
        lang=t.lang,
        audience=ctx.audience,
        internal=ctx.internal,
        today=ctx.today,
        today_text=t.date(ctx.today),
        source=source.name if source else f"{account.id}.yaml",
        headline=headline,
        due=tuple(items),
    )


def _compose(*parts: Any) -> PlanView:
    """One :class:`PlanView` from section views that, together, hold each of its fields once."""
    fields: dict[str, Any] = {}
    for part in parts:
        for f in dataclasses.fields(part):
            if f.name in fields:
                raise TypeError(f"two section views give the field {f.name!r}")
            fields[f.name] = getattr(part, f.name)
    return PlanView(**fields)


def build_view(
    plan: Plan,
    today: date,
    *,
    audience: Audience = "client",
    lang: str | None = None,
    source: Path | None = None,
    warn_days: int = DEFAULT_WARN_DAYS,
    kpi_grace_days: int = DEFAULT_KPI_GRACE_DAYS,
    since: tuple[Baseline, Sequence[Change]] | None = None,
    health_weights: Mapping[str, float] | None = None,
    signoff_history: SignOffHistory | None = None,
) -> PlanView:
    """The document's content for ``audience`` in ``lang`` (default: the plan's language).

    ``since`` is ``render --since``'s baseline and the plan's changes since then
    (:func:`asplan.plandiff.plan_changes`, computed for this audience).
    ``signoff_history`` is what git says happened to the file after its sign-off
    (:func:`asplan.signoff.history_since`); both it and the health score are shown to
    the internal audience only.
    """
    if plan.account is None:
        raise ValueError("a plan without an account cannot be rendered")
    account = plan.account
    t = locale(lang or account.language.value, account.locale)
    ctx = ViewContext(plan, today, audience, t, warn_days)
    items = due_items(plan, today, source, warn_days=warn_days, kpi_grace_days=kpi_grace_days)
    by_key = {(i.kind.value, i.id): i for i in items}
    rows = sla_rows(plan, today, source)
    headline = headline_view(plan, ctx, items, rows)
    objectives = objectives_view(plan, ctx, by_key)
    return _compose(
        _document(ctx, source, headline, items),
        account_view(plan, ctx),
        background_view(plan, ctx),
        people_view(plan, ctx),
        objectives,
        actions_view(plan, ctx, items, objectives),
        changes_view(plan, ctx),
        reviews_view(plan, ctx, headline),
        services_view(plan, ctx),
        slas_view(plan, ctx, rows),
        escalation_view(plan, ctx),
        continuity_view(plan, ctx, by_key),
        communication_view(plan, ctx, by_key),
        risks_view(plan, ctx),
        signoff_view(plan, ctx, signoff_history),
        standing_view(plan, ctx, items, rows, health_weights),
        since_view(ctx, *since) if since is not None else NO_SINCE,
    )
