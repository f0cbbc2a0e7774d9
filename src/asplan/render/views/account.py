"""The account section (who the client is, the contract) and its background: the
hand-off, the business and, internally, the selection scores."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from asplan.model.account import Audience as ModelAudience
from asplan.model.account import Stage
from asplan.model.plan import Plan
from asplan.render.views.context import Row, ViewContext


@dataclass(frozen=True, kw_only=True)
class AccountView:
    """The ``account`` section: the account's identity and its fact sheet."""

    account_id: str
    name: str
    tier: str
    tier_label: str
    manager: str
    manager_id: str
    facts: tuple[Row, ...]
    summary: str | None


@dataclass(frozen=True, kw_only=True)
class BackgroundView:
    """The ``handoff``, ``business`` and ``selection`` sections."""

    handoff: tuple[Row, ...]
    handoff_notes: str | None
    business: Mapping[str, str | None]
    business_lists: tuple[tuple[str, tuple[str, ...]], ...]
    analyst_reports: tuple[tuple[str, str | None, str], ...]
    selection: tuple[tuple[str, str, str], ...] | None
    selection_score: str | None
    internal_sections: frozenset[str]
    """Sections shown only because this is the internal document (the client's leaves them out)."""


def account_view(plan: Plan, ctx: ViewContext) -> AccountView:
    account = plan.account
    assert account is not None  # build_view refuses a plan without one
    t = ctx.t
    return AccountView(
        account_id=account.id,
        name=account.name,
        tier=account.tier.value,
        tier_label=t(f"tier.{account.tier.value}"),
        manager=ctx.name(account.manager),
        manager_id=account.manager,
        facts=_facts(plan, ctx),
        summary=account.summary,
    )


def _facts(plan: Plan, ctx: ViewContext) -> tuple[Row, ...]:
    account = plan.account
    assert account is not None
    t = ctx.t
    facts = [Row(t("acc.tier"), t(f"tier.{account.tier.value}")), Row(t("acc.manager"), ctx.name(account.manager))]
    if account.industry:
        facts.append(Row(t("acc.industry"), account.industry))
    if account.region:
        facts.append(Row(t("acc.region"), account.region))
    if account.stage is not Stage.service:
        facts.append(Row(t("acc.stage"), t(f"stage.{account.stage.value}")))
    if account.since:
        facts.append(Row(t("acc.since"), ctx.date(account.since)))
    contract = account.contract
    if contract is not None:
        if contract.id:
            facts.append(Row(t("acc.contract"), contract.id))
        if contract.start or contract.end:
            facts.append(Row(t("acc.term"), f"{ctx.date(contract.start)} – {ctx.date(contract.end)}".strip(" –")))
        if contract.fee is not None:
            amount = t.money(contract.fee.amount, contract.fee.currency)
            facts.append(Row(t("acc.fee"), t(f"fee.{contract.fee.per.value}", amount=amount)))
    return tuple(facts)


def background_view(plan: Plan, ctx: ViewContext) -> BackgroundView:
    t = ctx.t
    internal_sections: set[str] = set()
    handoff: list[Row] = []
    handoff_notes = None
    if plan.handoff is not None and (ctx.internal or plan.handoff.audience is ModelAudience.client):
        h = plan.handoff
        if h.audience is ModelAudience.internal:
            internal_sections.add("handoff")
        handoff = [
            Row(t(label), value)
            for label, value in (
                ("ho.date", ctx.date(h.date)),
                ("ho.from", ctx.name(h.from_)),
                ("ho.to", ctx.name(h.to)),
            )
            if value
        ]
        handoff_notes = h.notes if ctx.internal else None
        if not handoff and handoff_notes:
            handoff = [Row(t("ho.notes"), "")]
    selection = None
    selection_score = None
    if ctx.internal and plan.selection is not None and plan.selection.criteria:
        internal_sections.add("selection")
        selection = tuple((c.name, t.number(c.weight, 0), str(c.score)) for c in plan.selection.criteria)
        score = plan.selection.score()
        if score is not None:
            selection_score = t.number(score, 2)
    business, business_lists, analyst_reports = _business(plan, ctx)
    return BackgroundView(
        handoff=tuple(handoff),
        handoff_notes=handoff_notes,
        business=business,
        business_lists=business_lists,
        analyst_reports=analyst_reports,
        selection=selection,
        selection_score=selection_score,
        internal_sections=frozenset(internal_sections),
    )


def _business(
    plan: Plan, ctx: ViewContext
) -> tuple[dict[str, str | None], tuple[tuple[str, tuple[str, ...]], ...], tuple[tuple[str, str | None, str], ...]]:
    """The business section: texts by label, lists by label, analyst reports."""
    biz = plan.business
    if biz is None:
        return {}, (), ()
    t = ctx.t
    texts = {
        t(f"biz.{key}"): getattr(biz, key) for key in ("overview", "strategy", "it_alignment") if getattr(biz, key)
    }
    lists = tuple(
        (t(f"biz.{key}"), tuple(getattr(biz, key)))
        for key in ("markets", "priorities", "challenges", "pain_points", "opportunities", "competitors")
        if getattr(biz, key)
    )
    return texts, lists, tuple((r.title, r.url, ctx.date(r.date)) for r in biz.analyst_reports)
