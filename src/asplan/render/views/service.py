"""How the service runs: changes, reviews, scope and procedures, escalation,
continuity, communication and risks; one frozen view per section.

Rows of these sections are read-only mappings (``c.title`` and ``c["title"]`` both
work in a template), as they have been since the first templates were written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from asplan.model.account import Audience as ModelAudience
from asplan.model.plan import Plan
from asplan.render.i18n import LANGUAGES, locale
from asplan.render.views.context import Badge, DueIndex, Row, ViewContext
from asplan.render.views.headline import Headline


@dataclass(frozen=True, kw_only=True)
class ChangesView:
    """The ``changes`` section, and the cost of the approved and implemented ones per currency."""

    changes: tuple[Mapping[str, str | None], ...]
    changes_total: str


@dataclass(frozen=True, kw_only=True)
class ReviewsView:
    """The ``reviews`` section: the cadence and next date (``None`` without reviews), newest review first."""

    reviews: Mapping[str, str] | None
    review_history: tuple[Mapping[str, object], ...]


@dataclass(frozen=True, kw_only=True)
class ServicesView:
    """The ``services`` and ``procedures`` sections."""

    in_scope: tuple[tuple[str, str | None], ...]
    out_of_scope: tuple[tuple[str, str | None], ...]
    procedures: tuple[Mapping[str, object], ...]


@dataclass(frozen=True, kw_only=True)
class EscalationView:
    """The ``escalation`` section, by level."""

    escalation: tuple[Mapping[str, str], ...]


@dataclass(frozen=True, kw_only=True)
class ContinuityView:
    """The ``continuity`` section: the rows that have a value."""

    continuity: tuple[Row, ...]
    continuity_notes: str | None


@dataclass(frozen=True, kw_only=True)
class CommunicationView:
    """The ``communication`` section: each touchpoint with its next date."""

    communication: tuple[Mapping[str, object], ...]


@dataclass(frozen=True, kw_only=True)
class RisksView:
    """The ``risks`` section: the ones this audience may see, open and high impact first."""

    risks: tuple[Mapping[str, str | bool | None], ...]


def changes_view(plan: Plan, ctx: ViewContext) -> ChangesView:
    t = ctx.t
    fee = plan.contract_fee
    default_currency = fee.currency if fee is not None else None
    totals: dict[str, Decimal] = {}
    changes: list[Mapping[str, str | None]] = []
    for c in plan.changes:
        cost = ""
        if c.cost is not None:
            currency = c.cost.currency or default_currency
            cost = t.money(c.cost.amount, currency) if currency else t.number(c.cost.amount)
            if c.status.value in ("approved", "implemented") and currency:
                totals[currency] = totals.get(currency, Decimal(0)) + c.cost.amount
        changes.append(
            {
                "id": c.id,
                "title": c.title,
                "requested": ctx.date(c.requested),
                "requested_by": ctx.name(c.requested_by),
                "status": c.status.value,
                "status_label": t(f"chg.{c.status.value}"),
                "cost": cost,
                "delay": ctx.duration(c.delay),
                "decided": ctx.date(c.decided),
                "description": c.description,
                "notes": c.notes if ctx.internal else None,
            }
        )
    return ChangesView(
        changes=tuple(changes), changes_total=" + ".join(t.money(v, k) for k, v in sorted(totals.items()))
    )


def reviews_view(plan: Plan, ctx: ViewContext, headline: Headline) -> ReviewsView:
    if plan.reviews is None:
        return ReviewsView(reviews=None, review_history=())
    r = plan.reviews
    history: tuple[Mapping[str, object], ...] = tuple(
        {
            "date": ctx.date(h.date),
            "attendees": [ctx.name(a) for a in h.attendees],
            "summary": h.summary,
            "decisions": list(h.decisions),
            "notes": h.notes if ctx.internal else None,
        }
        for h in sorted(r.history, key=lambda h: h.date, reverse=True)
    )
    return ReviewsView(
        reviews={"every": ctx.t.cadence(str(r.every)), "next": headline.next_review}, review_history=history
    )


def services_view(plan: Plan, ctx: ViewContext) -> ServicesView:
    services = plan.services
    procedures: tuple[Mapping[str, object], ...] = tuple(
        {"name": p.name, "contact": ctx.name(p.contact), "response": ctx.duration(p.response), "steps": list(p.steps)}
        for p in plan.procedures
    )
    return ServicesView(
        in_scope=tuple((s.name, s.description) for s in services.in_scope) if services is not None else (),
        out_of_scope=tuple((s.name, s.note) for s in services.out_of_scope) if services is not None else (),
        procedures=procedures,
    )


def escalation_view(plan: Plan, ctx: ViewContext) -> EscalationView:
    levels: list[Mapping[str, str]] = []
    for level in sorted(plan.escalation, key=lambda e: e.level):
        person = ctx.people.get(level.contact)
        levels.append(
            {
                "level": str(level.level),
                "name": ctx.name(level.contact),
                "role": (person.role or "") if person else "",
                "after": ctx.duration(level.after),
            }
        )
    return EscalationView(escalation=tuple(levels))


def continuity_view(plan: Plan, ctx: ViewContext, items: DueIndex) -> ContinuityView:
    c = plan.continuity
    if c is None:
        return ContinuityView(continuity=(), continuity_notes=None)
    t = ctx.t
    rows = [
        Row(t("cont.rto"), ctx.duration(c.rto)),
        Row(t("cont.rpo"), ctx.duration(c.rpo)),
        Row(t("cont.last_test"), ctx.date(c.last_test)),
        Row(t("cont.test_every"), t.cadence(str(c.test_every)) if c.test_every else ""),
    ]
    test = items.get(("continuity_test", "continuity"))
    if test is not None:
        badge = ctx.badge(test)
        rows.append(Row(t("cont.next_test"), f"{ctx.date(test.date)} ({badge.label})"))
    return ContinuityView(
        continuity=tuple(r for r in rows if r.value), continuity_notes=c.notes if ctx.internal else None
    )


def communication_view(plan: Plan, ctx: ViewContext, items: DueIndex) -> CommunicationView:
    t = ctx.t
    seen: dict[str, int] = {}
    touchpoints: list[Mapping[str, object]] = []
    for tp in plan.communication:
        seen[tp.name] = seen.get(tp.name, 0) + 1
        item = items.get(("touchpoint", tp.name if seen[tp.name] == 1 else f"{tp.name} #{seen[tp.name]}"))
        touchpoints.append(
            {
                "name": tp.name,
                "every": t.cadence(str(tp.every)),
                "channel": tp.channel or "",
                "face_to_face": tp.face_to_face and not _says_in_person(tp.channel),
                "owner": ctx.name(tp.owner),
                "participants": [ctx.name(p) for p in tp.participants],
                "last": ctx.date(tp.last),
                "next": ctx.date(item.date) if item else "",
                "badge": ctx.badge(item) if item else Badge("none", ""),
            }
        )
    return CommunicationView(communication=tuple(touchpoints))


def _says_in_person(channel: str | None) -> bool:
    """Whether the channel already reads "in person" in a catalogue language ("presencial"):
    the face-to-face badge would then only repeat it."""
    if not channel:
        return False
    said = channel.strip().casefold()
    return any(said == locale(lang)("com.face_to_face").casefold() for lang in LANGUAGES)


def risks_view(plan: Plan, ctx: ViewContext) -> RisksView:
    t = ctx.t
    order = {"high": 0, "medium": 1, "low": 2, None: 3}
    shown = [r for r in plan.risks if ctx.internal or r.audience is ModelAudience.client]
    risks: list[Mapping[str, str | bool | None]] = []
    for r in sorted(
        shown,
        key=lambda r: (r.status.value != "open", order[r.impact.value if r.impact else None], r.id),
    ):
        risks.append(
            {
                "id": r.id,
                "title": r.title,
                "internal": r.audience is ModelAudience.internal,
                "likelihood": t(f"likelihood.{r.likelihood.value}") if r.likelihood else "",
                "likelihood_key": r.likelihood.value if r.likelihood else "",
                "impact": t(f"impact.{r.impact.value}") if r.impact else "",
                "impact_key": r.impact.value if r.impact else "",
                "owner": ctx.name(r.owner),
                "mitigation": r.mitigation,
                "status": r.status.value,
                "status_label": t(f"risk.{r.status.value}"),
            }
        )
    return RisksView(risks=tuple(risks))
