"""The rendered document's view model: a plan, today, an audience and a language in;
plain display values and computed figures out.

Templates only lay out what is here: no dates computed, no statuses decided, no
internal field reachable. The audience rule lives here for that reason: a client
document is built from a view in which ``selection``, ``influence``, ``stance`` and
every ``notes`` are simply absent, so no template (built-in or ``--template-dir``)
can print them by mistake.

Figures come from the shared core modules, one function each (:func:`due_items`,
:func:`sla_rows`), so the document, ``asplan due``, ``asplan sla`` and ``asplan
check`` never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from markupsafe import Markup

from asplan.agenda import Kind, milestone_ref
from asplan.health import Health, health, kpi_progress, mean_progress
from asplan.model.account import Audience as ModelAudience
from asplan.model.account import Stage
from asplan.model.objectives import ActionStatus, Direction, Kpi
from asplan.model.plan import Plan
from asplan.model.scalars import Duration, PeriodLabel
from asplan.model.sla import Sla
from asplan.plandiff import Baseline, Change, flow
from asplan.render import charts
from asplan.render.i18n import LANGUAGES, Locale, locale
from asplan.render.numbers import Op, as_decimal
from asplan.render.sources import DueItem, SlaPeriodFigures, due_items, next_review, sla_rows
from asplan.settings import DEFAULT_KPI_GRACE_DAYS, DEFAULT_WARN_DAYS
from asplan.signoff import SignOffHistory, latest_signoff

Audience = Literal["client", "internal"]
AUDIENCES: tuple[Audience, ...] = ("client", "internal")

# Dated items that are about the contract, not work someone owes: their own indicator.
CONTRACT_KINDS = frozenset({Kind.contract_renewal, Kind.contract_end})

# ----------------------------------------------------------------------------- views


@dataclass(frozen=True)
class Badge:
    """A dated item's state for the reader: ``overdue``, ``due_soon``, ``upcoming``, ``done``..."""

    state: str
    label: str
    detail: str = ""


@dataclass(frozen=True)
class PersonView:
    id: str
    name: str
    side: str
    role: str
    email: str
    phone: str
    reports_to: str
    reports_to_name: str
    decision_maker: bool
    executive: bool
    influence: str | None
    stance: str | None
    stance_key: str | None


@dataclass(frozen=True)
class OrgNode:
    """A person in the relationship map with the people reporting to them."""

    person: PersonView
    children: tuple[OrgNode, ...]


@dataclass(frozen=True)
class KpiView:
    id: str
    name: str
    unit: str
    baseline: str
    target: str
    latest: str
    latest_date: str
    direction: str
    progress: float | None
    progress_text: str
    progress_svg: Markup
    trend_svg: Markup
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class MilestoneView:
    title: str
    due: str
    done: str
    badge: Badge


@dataclass(frozen=True)
class ObjectiveView:
    id: str
    title: str
    description: str | None
    owner: str
    due: str
    kpis: tuple[KpiView, ...]
    milestones: tuple[MilestoneView, ...]


@dataclass(frozen=True)
class ActionView:
    id: str
    title: str
    owner: str
    due: str
    status: str
    status_label: str
    objective: str
    badge: Badge
    notes: str | None


@dataclass(frozen=True)
class TimelineEntry:
    date: date
    date_text: str
    kind: str
    kind_label: str
    ref: str
    title: str
    owner: str
    badge: Badge


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


@dataclass(frozen=True)
class HealthRow:
    """One component of the health score, worded for the document."""

    name: str
    label: str
    weight: str
    points: str
    reason: str
    applies: bool


@dataclass(frozen=True)
class ChangeView:
    """One change since the revision of ``render --since`` (already filtered for the audience)."""

    change: str  # added | removed | changed
    label: str
    path: str  # "" for the whole plan
    old: str
    new: str


@dataclass(frozen=True)
class Row:
    """A generic labelled value (fact sheets)."""

    label: str
    value: str


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


@dataclass
class PlanView:
    """Everything a template may show, for one plan, one audience, one language."""

    t: Locale
    lang: str
    audience: Audience
    internal: bool
    today: date
    today_text: str
    source: str
    account_id: str
    name: str
    tier: str
    tier_label: str
    manager: str
    manager_id: str
    facts: list[Row]
    summary: str | None
    headline: Headline
    handoff: list[Row] = field(default_factory=list)
    handoff_notes: str | None = None
    business: dict[str, str | None] = field(default_factory=dict)
    business_lists: list[tuple[str, list[str]]] = field(default_factory=list)
    analyst_reports: list[tuple[str, str | None, str]] = field(default_factory=list)
    selection: list[tuple[str, str, str]] | None = None
    selection_score: str | None = None
    people_provider: list[PersonView] = field(default_factory=list)
    people_client: list[PersonView] = field(default_factory=list)
    org_provider: list[OrgNode] = field(default_factory=list)
    org_client: list[OrgNode] = field(default_factory=list)
    objectives: list[ObjectiveView] = field(default_factory=list)
    solutions: list[tuple[str, str, list[str], str | None]] = field(default_factory=list)
    actions: list[ActionView] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    changes: list[dict[str, str | None]] = field(default_factory=list)
    changes_total: str = ""
    reviews: dict[str, str] | None = None
    review_history: list[dict[str, object]] = field(default_factory=list)
    in_scope: list[tuple[str, str | None]] = field(default_factory=list)
    out_of_scope: list[tuple[str, str | None]] = field(default_factory=list)
    procedures: list[dict[str, object]] = field(default_factory=list)
    slas: list[SlaView] = field(default_factory=list)
    sla_credits: str = ""
    escalation: list[dict[str, str]] = field(default_factory=list)
    continuity: list[Row] = field(default_factory=list)
    continuity_notes: str | None = None
    communication: list[dict[str, object]] = field(default_factory=list)
    risks: list[dict[str, str | bool | None]] = field(default_factory=list)
    due: list[DueItem] = field(default_factory=list)
    stage: str = "service"
    signoff: str = ""
    """"Agreed with <names> on <date>" for the latest review with a sign-off ("" without one)."""
    signoff_date: date | None = None
    signoff_people: tuple[str, ...] = ()
    signoff_status: str = ""
    """Internal only: whether the plan changed since its sign-off ("" when its history is unknown)."""
    signoff_history: SignOffHistory | None = None
    health: Health | None = None
    """Internal only: the health score (:mod:`asplan.health`)."""
    health_rows: list[HealthRow] = field(default_factory=list)
    health_score: str = ""
    satisfaction: list[tuple[str, float, date]] = field(default_factory=list)
    """The latest measurement of each satisfaction KPI: (name, value, date)."""
    since: str | None = None
    """The revision of ``render --since`` (``None``: no "changes since" section)."""
    since_date: str = ""
    since_commit: str = ""
    changes_since: list[ChangeView] = field(default_factory=list)
    internal_sections: set[str] = field(default_factory=set)
    """Sections shown only because this is the internal document (the client's leaves them out)."""

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


# --------------------------------------------------------------------------- helpers


class _Builder:
    def __init__(self, plan: Plan, today: date, audience: Audience, t: Locale, warn_days: int) -> None:
        self.plan = plan
        self.today = today
        self.audience = audience
        self.internal = audience == "internal"
        self.t = t
        self.warn_days = warn_days
        self.people = {p.id: p for p in plan.people}

    def name(self, person_id: str | None) -> str:
        if not person_id:
            return ""
        person = self.people.get(person_id)
        return person.name if person else person_id

    def date(self, value: date | None) -> str:
        return self.t.date(value) if value else ""

    def number(self, value: float | Decimal | None) -> str:
        return self.t.number(value) if value is not None else ""

    def duration(self, value: Duration | None) -> str:
        return self.t.duration(value.minutes, str(value)) if value is not None else ""

    def badge(self, item: DueItem | None) -> Badge:
        """The item's state in words that agree with the item ("vencida" action, "vencido" milestone)."""
        if item is None:
            return Badge("none", "")
        t = self.t
        if item.status == "overdue":
            detail = t.n("due.days_late", -item.days)
        elif item.days == 0:
            detail = t("due.today")
        else:
            detail = t.n("due.in_days", item.days)
        return Badge(item.status, t(f"due.{item.status}.{item.kind.value}"), detail)


# ---------------------------------------------------------------------------- build


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
    b = _Builder(plan, today, audience, t, warn_days)
    items = due_items(plan, today, source, warn_days=warn_days, kpi_grace_days=kpi_grace_days)
    by_key = {(i.kind.value, i.id): i for i in items}
    rows = sla_rows(plan, today, source)

    facts = [Row(t("acc.tier"), t(f"tier.{account.tier.value}")), Row(t("acc.manager"), b.name(account.manager))]
    if account.industry:
        facts.append(Row(t("acc.industry"), account.industry))
    if account.region:
        facts.append(Row(t("acc.region"), account.region))
    if account.stage is not Stage.service:
        facts.append(Row(t("acc.stage"), t(f"stage.{account.stage.value}")))
    if account.since:
        facts.append(Row(t("acc.since"), b.date(account.since)))
    contract = account.contract
    if contract is not None:
        if contract.id:
            facts.append(Row(t("acc.contract"), contract.id))
        if contract.start or contract.end:
            facts.append(Row(t("acc.term"), f"{b.date(contract.start)} – {b.date(contract.end)}".strip(" –")))
        if contract.fee is not None:
            amount = t.money(contract.fee.amount, contract.fee.currency)
            facts.append(Row(t("acc.fee"), t(f"fee.{contract.fee.per.value}", amount=amount)))

    view = PlanView(
        t=t,
        lang=t.lang,
        audience=audience,
        internal=b.internal,
        today=today,
        today_text=t.date(today),
        source=source.name if source else f"{account.id}.yaml",
        account_id=account.id,
        name=account.name,
        tier=account.tier.value,
        tier_label=t(f"tier.{account.tier.value}"),
        manager=b.name(account.manager),
        manager_id=account.manager,
        facts=facts,
        summary=account.summary,
        headline=_headline(plan, today, b, items, rows),
        due=items,
    )
    _business(view, plan, b)
    _people(view, plan, b)
    _objectives(view, plan, b, by_key)
    _actions(view, plan, b, by_key)
    _timeline(view, plan, b, items)
    _changes(view, plan, b)
    _reviews(view, plan, b, items)
    _services(view, plan, b)
    _slas(view, plan, b, rows)
    _escalation(view, plan, b)
    _continuity(view, plan, b, by_key)
    _communication(view, plan, b, by_key)
    _risks(view, plan, b)
    _standing(view, plan, b, items, rows, health_weights, signoff_history)
    if since is not None:
        _since(view, b, *since)
    return view


def _headline(plan: Plan, today: date, b: _Builder, items: list[DueItem], rows: list[SlaPeriodFigures]) -> Headline:
    t = b.t
    review = next_review(plan, today)
    review_item = next((i for i in items if i.kind == "review"), None)
    last_closed = _last_closed_rows(rows)
    breaches = sum(1 for r in last_closed if r.status == "breached")
    periods = sorted({r.period for r in last_closed})
    progress = mean_progress([kpi_progress(k) for o in plan.objectives for k in o.kpis])
    return Headline(
        next_review=b.date(review) or t("none"),
        next_review_date=review,
        next_review_badge=b.badge(review_item) if review_item else None,
        overdue=sum(1 for i in items if i.status == "overdue" and i.kind not in CONTRACT_KINDS),
        due_soon=sum(1 for i in items if i.status == "due_soon" and i.kind not in CONTRACT_KINDS),
        sla_breaches=breaches,
        sla_period=", ".join(periods),
        sla_periods=tuple(periods),
        sla_period_text=t.periods(sorted({r.label for r in last_closed})),
        sla_labels=tuple(sorted({r.label for r in last_closed})),
        kpi_progress=progress,
        kpi_progress_text=t.percent(progress) if progress is not None else t("none"),
        credits=_credits_text(t, [r for r in rows if r.credit]),
        contract=_contract_indicator(b, items),
    )


def _contract_indicator(b: _Builder, items: list[DueItem]) -> Badge | None:
    """ "Contract ended", "renewal window open since ..." or "... opens on ...", else nothing to say.

    The renewal window opening is not an overdue *task*: counting it with the overdue
    items told a client with no late work that something was late.
    """
    t = b.t
    ended = next((i for i in items if i.kind is Kind.contract_end and i.status == "overdue"), None)
    if ended is not None:
        return Badge("overdue", t("due.overdue.contract_end"), t("contract.ended", date=b.date(ended.date)))
    window = next((i for i in items if i.kind is Kind.contract_renewal and i.status != "upcoming"), None)
    if window is None:
        return None
    end = next((i for i in items if i.kind is Kind.contract_end), None)
    ends = f" · {t('contract.ends', date=b.date(end.date))}" if end is not None else ""
    if window.status == "overdue":
        return Badge("due_soon", t("due.overdue.contract_renewal"), t("renewal.open", date=b.date(window.date)) + ends)
    return Badge("due_soon", t("due.due_soon.contract_renewal"), t("renewal.opens", date=b.date(window.date)) + ends)


def _last_closed_rows(rows: list[SlaPeriodFigures]) -> list[SlaPeriodFigures]:
    """Per SLA, the row of its latest closed period (the one ASP401 speaks about)."""
    latest: dict[str, SlaPeriodFigures] = {}
    for row in rows:
        if row.status == "open":
            continue
        if row.sla not in latest or row.period_start > latest[row.sla].period_start:
            latest[row.sla] = row
    return list(latest.values())


def _credits_text(t: Locale, rows: Sequence[SlaPeriodFigures]) -> str:
    totals: dict[str, Decimal] = {}
    for row in rows:
        if row.credit and row.currency:
            totals[row.currency] = totals.get(row.currency, Decimal(0)) + row.credit
    return " + ".join(t.money(v, c) for c, v in sorted(totals.items())) if totals else ""


def _business(view: PlanView, plan: Plan, b: _Builder) -> None:
    t = b.t
    if plan.handoff is not None and (b.internal or plan.handoff.audience is ModelAudience.client):
        h = plan.handoff
        if h.audience is ModelAudience.internal:
            view.internal_sections.add("handoff")
        view.handoff = [
            Row(t(label), value)
            for label, value in (("ho.date", b.date(h.date)), ("ho.from", b.name(h.from_)), ("ho.to", b.name(h.to)))
            if value
        ]
        view.handoff_notes = h.notes if b.internal else None
        if not view.handoff and view.handoff_notes:
            view.handoff = [Row(t("ho.notes"), "")]
    if plan.business is not None:
        biz = plan.business
        view.business = {
            t(f"biz.{key}"): getattr(biz, key) for key in ("overview", "strategy", "it_alignment") if getattr(biz, key)
        }
        view.business_lists = [
            (t(f"biz.{key}"), list(getattr(biz, key)))
            for key in ("markets", "priorities", "challenges", "pain_points", "opportunities", "competitors")
            if getattr(biz, key)
        ]
        view.analyst_reports = [(r.title, r.url, b.date(r.date)) for r in biz.analyst_reports]
    if b.internal and plan.selection is not None and plan.selection.criteria:
        view.internal_sections.add("selection")
        criteria = plan.selection.criteria
        view.selection = [(c.name, b.t.number(c.weight, 0), str(c.score)) for c in criteria]
        score = plan.selection.score()
        if score is not None:
            view.selection_score = b.t.number(score, 2)


def _person(p_id: str, b: _Builder) -> PersonView:
    p = b.people[p_id]
    t = b.t
    return PersonView(
        id=p.id,
        name=p.name,
        side=p.side.value,
        role=p.role or "",
        email=p.email or "",
        phone=p.phone or "",
        reports_to=p.reports_to or "",
        reports_to_name=b.name(p.reports_to),
        decision_maker=p.decision_maker,
        executive=p.executive,
        influence=t(f"influence.{p.influence.value}") if b.internal and p.influence else None,
        stance=t(f"stance.{p.stance.value}") if b.internal and p.stance else None,
        stance_key=p.stance.value if b.internal and p.stance else None,
    )


def _org_trees(ids: list[str], boss_of: dict[str, str | None], views: dict[str, PersonView]) -> list[OrgNode]:
    """Reports-to trees of one side; people caught in a reporting cycle are shown flat, never lost."""
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for person_id in ids:
        boss = boss_of.get(person_id)
        if boss in views and boss != person_id:
            children.setdefault(boss, []).append(person_id)
        else:
            roots.append(person_id)
    placed: set[str] = set()

    def node(person_id: str) -> OrgNode:
        placed.add(person_id)
        kids = tuple(node(c) for c in children.get(person_id, []) if c not in placed)
        return OrgNode(views[person_id], kids)

    trees = [node(root) for root in roots]
    trees.extend(OrgNode(views[p], ()) for p in ids if p not in placed)
    return trees


def _people(view: PlanView, plan: Plan, b: _Builder) -> None:
    for side, people, org in (
        ("provider", view.people_provider, view.org_provider),
        ("client", view.people_client, view.org_client),
    ):
        members = [p for p in plan.people if p.side.value == side]
        views = {p.id: _person(p.id, b) for p in members}
        people.extend(views.values())
        org.extend(_org_trees([p.id for p in members], {p.id: p.reports_to for p in members}, views))


def _kpi(kpi: Kpi, b: _Builder, objective_id: str) -> KpiView:
    key = f"{objective_id}-{kpi.id}"
    t = b.t
    unit = kpi.unit or ""
    ordered = sorted(kpi.measurements, key=lambda m: m.date)
    progress = kpi_progress(kpi)
    latest = ordered[-1] if ordered else None
    progress_text = t.percent(progress) if progress is not None else t("obj.no_data")
    values = [m.value for m in ordered]
    op: Op = "<=" if kpi.direction is Direction.decrease else ">="
    against = (op, as_decimal(kpi.target)) if kpi.target is not None else None

    def fig(value: float | None) -> str:
        """A measurement, never rounded onto the target's side it is not on."""
        return t.figure(value, unit, against=against)

    def given(value: float | None) -> str:
        """Baseline and target as the plan writes them, every decimal kept."""
        return t.exact(value, unit) if value is not None else t("none")

    progress_desc = t(
        "chart.progress",
        name=kpi.name,
        progress=progress_text,
        baseline=given(kpi.baseline),
        target=given(kpi.target),
    )
    trend_desc = t.n(
        "chart.trend",
        len(values),
        name=kpi.name,
        first=fig(values[0]) if values else t("none"),
        last=fig(values[-1]) if values else t("none"),
    )
    return KpiView(
        id=kpi.id,
        name=kpi.name,
        unit=unit,
        baseline=given(kpi.baseline),
        target=given(kpi.target),
        latest=fig(latest.value) if latest else t("none"),
        latest_date=b.date(latest.date) if latest else "",
        direction=kpi.direction.value if kpi.direction else Direction.increase.value,
        progress=progress,
        progress_text=progress_text,
        progress_svg=charts.progress_bar(progress, t("chart.progress_title"), progress_desc, key),
        trend_svg=charts.sparkline(values, kpi.target, t("chart.trend_title"), trend_desc, key)
        if values
        else Markup(""),
        values=tuple((t.short_date(m.date), fig(m.value)) for m in ordered),
    )


def _milestone_badge(b: _Builder, done: date | None, item: DueItem | None) -> Badge:
    if done is not None:
        return Badge("done", b.t("ms.reached"), b.date(done))
    return b.badge(item)


def _find(items: dict[tuple[str, str], DueItem], kind: str, ident: str) -> DueItem | None:
    return items.get((kind, ident))


def _objectives(view: PlanView, plan: Plan, b: _Builder, items: dict[tuple[str, str], DueItem]) -> None:
    for obj in plan.objectives:
        milestones = tuple(
            MilestoneView(
                title=m.title,
                due=b.date(m.due),
                done=b.date(m.done),
                badge=_milestone_badge(b, m.done, items.get(("milestone", milestone_ref(obj, number, m)))),
            )
            for number, m in enumerate(obj.milestones, start=1)
        )
        view.objectives.append(
            ObjectiveView(
                id=obj.id,
                title=obj.title,
                description=obj.description,
                owner=b.name(obj.owner),
                due=b.date(obj.due),
                kpis=tuple(_kpi(k, b, obj.id) for k in obj.kpis),
                milestones=milestones,
            )
        )
    titles = {o.id: o.title for o in plan.objectives}
    view.solutions = [
        (s.id, s.title, [f"{o} · {titles[o]}" if o in titles else o for o in s.objectives], s.description)
        for s in plan.solutions
    ]


def _actions(view: PlanView, plan: Plan, b: _Builder, items: dict[tuple[str, str], DueItem]) -> None:
    t = b.t
    for a in plan.actions:
        if a.status is ActionStatus.done:
            badge = Badge("done", t("status.done"), b.date(a.done))
        elif a.status is ActionStatus.cancelled:
            badge = Badge("cancelled", t("status.cancelled"))
        else:
            badge = b.badge(_find(items, "action", a.id))
        view.actions.append(
            ActionView(
                id=a.id,
                title=a.title,
                owner=b.name(a.owner),
                due=b.date(a.due),
                status=a.status.value,
                status_label=t(f"status.{a.status.value}"),
                objective=a.objective or "",
                badge=badge,
                notes=a.notes if b.internal else None,
            )
        )


def _timeline(view: PlanView, plan: Plan, b: _Builder, items: list[DueItem]) -> None:
    """Actions and milestones on one dated line: done ones where they happened, open ones by due date."""
    t = b.t
    entries: list[TimelineEntry] = []
    for a in view.actions:
        source = next(x for x in plan.actions if x.id == a.id)
        when = source.done if source.status is ActionStatus.done and source.done else source.due
        if when is None:
            continue
        entries.append(
            TimelineEntry(when, t.short_date(when), "action", t("kind.action"), a.id, a.title, a.owner, a.badge)
        )
    for obj, o_view in zip(plan.objectives, view.objectives, strict=True):
        for m, m_view in zip(obj.milestones, o_view.milestones, strict=True):
            when = m.done or m.due
            if when is None:
                continue
            entries.append(
                TimelineEntry(
                    when, t.short_date(when), "milestone", t("kind.milestone"), obj.id, m.title, "", m_view.badge
                )
            )
    review = next((i for i in items if i.kind == "review"), None)
    if review is not None:
        entries.append(
            TimelineEntry(
                review.date,
                t.short_date(review.date),
                "review",
                t("kind.review"),
                "",
                t("tl.review_title"),
                "",
                b.badge(review),
            )
        )
    entries.sort(key=lambda e: (e.date, e.kind, e.ref))
    view.timeline = entries


def _changes(view: PlanView, plan: Plan, b: _Builder) -> None:
    t = b.t
    default_currency = (
        plan.account.contract.fee.currency
        if plan.account and plan.account.contract and plan.account.contract.fee
        else None
    )
    totals: dict[str, Decimal] = {}
    for c in plan.changes:
        cost = ""
        if c.cost is not None:
            currency = c.cost.currency or default_currency
            cost = t.money(c.cost.amount, currency) if currency else t.number(c.cost.amount)
            if c.status.value in ("approved", "implemented") and currency:
                totals[currency] = totals.get(currency, Decimal(0)) + c.cost.amount
        view.changes.append(
            {
                "id": c.id,
                "title": c.title,
                "requested": b.date(c.requested),
                "requested_by": b.name(c.requested_by),
                "status": c.status.value,
                "status_label": t(f"chg.{c.status.value}"),
                "cost": cost,
                "delay": b.duration(c.delay),
                "decided": b.date(c.decided),
                "description": c.description,
                "notes": c.notes if b.internal else None,
            }
        )
    view.changes_total = " + ".join(t.money(v, k) for k, v in sorted(totals.items()))


def _reviews(view: PlanView, plan: Plan, b: _Builder, items: list[DueItem]) -> None:
    if plan.reviews is None:
        return
    t = b.t
    r = plan.reviews
    view.reviews = {"every": t.cadence(str(r.every)), "next": view.headline.next_review}
    for h in sorted(r.history, key=lambda h: h.date, reverse=True):
        view.review_history.append(
            {
                "date": b.date(h.date),
                "attendees": [b.name(a) for a in h.attendees],
                "summary": h.summary,
                "decisions": list(h.decisions),
                "notes": h.notes if b.internal else None,
            }
        )


def _services(view: PlanView, plan: Plan, b: _Builder) -> None:
    if plan.services is not None:
        view.in_scope = [(s.name, s.description) for s in plan.services.in_scope]
        view.out_of_scope = [(s.name, s.note) for s in plan.services.out_of_scope]
    for p in plan.procedures:
        view.procedures.append(
            {"name": p.name, "contact": b.name(p.contact), "response": b.duration(p.response), "steps": list(p.steps)}
        )


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


def _slas(view: PlanView, plan: Plan, b: _Builder, rows: list[SlaPeriodFigures]) -> None:
    t = b.t
    per_sla: dict[str, list[SlaPeriodFigures]] = {}
    for row in rows:
        per_sla.setdefault(row.sla, []).append(row)
    last = {r.sla: r for r in _last_closed_rows(rows)}
    for sla in plan.slas:
        own = sorted(per_sla.get(sla.id, []), key=lambda r: r.period_start)
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
        closed = last.get(sla.id)
        view.slas.append(
            SlaView(
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
                credits=_credits_text(t, own),
                last_closed=next((p for p in periods if closed and p.key == closed.period), None),
                notes=sla.notes if b.internal else None,
            )
        )
    view.sla_credits = _credits_text(t, rows)


def _escalation(view: PlanView, plan: Plan, b: _Builder) -> None:
    for level in sorted(plan.escalation, key=lambda e: e.level):
        person = b.people.get(level.contact)
        view.escalation.append(
            {
                "level": str(level.level),
                "name": b.name(level.contact),
                "role": (person.role or "") if person else "",
                "after": b.duration(level.after),
            }
        )


def _continuity(view: PlanView, plan: Plan, b: _Builder, items: dict[tuple[str, str], DueItem]) -> None:
    c = plan.continuity
    if c is None:
        return
    t = b.t
    rows = [
        Row(t("cont.rto"), b.duration(c.rto)),
        Row(t("cont.rpo"), b.duration(c.rpo)),
        Row(t("cont.last_test"), b.date(c.last_test)),
        Row(t("cont.test_every"), t.cadence(str(c.test_every)) if c.test_every else ""),
    ]
    test = items.get(("continuity_test", "continuity"))
    if test is not None:
        badge = b.badge(test)
        rows.append(Row(t("cont.next_test"), f"{b.date(test.date)} ({badge.label})"))
    view.continuity = [r for r in rows if r.value]
    view.continuity_notes = c.notes if b.internal else None


def _communication(view: PlanView, plan: Plan, b: _Builder, items: dict[tuple[str, str], DueItem]) -> None:
    t = b.t
    seen: dict[str, int] = {}
    for tp in plan.communication:
        seen[tp.name] = seen.get(tp.name, 0) + 1
        item = items.get(("touchpoint", tp.name if seen[tp.name] == 1 else f"{tp.name} #{seen[tp.name]}"))
        view.communication.append(
            {
                "name": tp.name,
                "every": t.cadence(str(tp.every)),
                "channel": tp.channel or "",
                "face_to_face": tp.face_to_face and not _says_in_person(tp.channel),
                "owner": b.name(tp.owner),
                "participants": [b.name(p) for p in tp.participants],
                "last": b.date(tp.last),
                "next": b.date(item.date) if item else "",
                "badge": b.badge(item) if item else Badge("none", ""),
            }
        )


def _says_in_person(channel: str | None) -> bool:
    """Whether the channel already reads "in person" in a catalogue language ("presencial"):
    the face-to-face badge would then only repeat it."""
    if not channel:
        return False
    said = channel.strip().casefold()
    return any(said == locale(lang)("com.face_to_face").casefold() for lang in LANGUAGES)


def _risks(view: PlanView, plan: Plan, b: _Builder) -> None:
    t = b.t
    order = {"high": 0, "medium": 1, "low": 2, None: 3}
    shown = [r for r in plan.risks if b.internal or r.audience is ModelAudience.client]
    for r in sorted(
        shown,
        key=lambda r: (r.status.value != "open", order[r.impact.value if r.impact else None], r.id),
    ):
        view.risks.append(
            {
                "id": r.id,
                "title": r.title,
                "internal": r.audience is ModelAudience.internal,
                "likelihood": t(f"likelihood.{r.likelihood.value}") if r.likelihood else "",
                "likelihood_key": r.likelihood.value if r.likelihood else "",
                "impact": t(f"impact.{r.impact.value}") if r.impact else "",
                "impact_key": r.impact.value if r.impact else "",
                "owner": b.name(r.owner),
                "mitigation": r.mitigation,
                "status": r.status.value,
                "status_label": t(f"risk.{r.status.value}"),
            }
        )


def _since(view: PlanView, b: _Builder, baseline: Baseline, changes: Sequence[Change]) -> None:
    t = b.t
    view.since = baseline.label
    view.since_date = b.date(baseline.day)
    view.since_commit = baseline.commit[:7]
    for c in changes:
        if not c.path:  # the plan did not exist at the revision
            view.changes_since.append(ChangeView(c.change, t("since.new_plan", date=view.since_date), "", "", ""))
            continue
        view.changes_since.append(
            ChangeView(
                change=c.change,
                label=t(f"since.{c.change}"),
                path=c.path,
                old=flow(c.old, 120) if c.old is not None else "",
                new=flow(c.new, 120) if c.new is not None else "",
            )
        )


def _standing(
    view: PlanView,
    plan: Plan,
    b: _Builder,
    items: list[DueItem],
    rows: list[SlaPeriodFigures],
    weights: Mapping[str, float] | None,
    history: SignOffHistory | None,
) -> None:
    """Stage, sign-off, satisfaction and, for the internal audience, health and changes since the sign-off."""
    from babel.lists import format_list

    from asplan.model.objectives import KpiKind

    t = b.t
    account = plan.account
    assert account is not None
    view.stage = account.stage.value
    for objective in plan.objectives:
        for kpi in objective.kpis:
            if kpi.kind is KpiKind.satisfaction and kpi.measurements:
                latest = max(kpi.measurements, key=lambda m: m.date)
                view.satisfaction.append((kpi.name, latest.value, latest.date))
    signoff = latest_signoff(plan)
    if signoff is not None:
        names = format_list(list(signoff.names), locale=t.babel)
        view.signoff = t("signoff.agreed", names=names, date=b.date(signoff.date))
        view.signoff_date = signoff.date
        view.signoff_people = signoff.people
        if b.internal and history is not None:
            view.signoff_history = history
            if history.commits:
                shown = ", ".join(f"{c.short} {b.date(c.day)}" for c in history.commits[:3])
                shown += ", …" if len(history.commits) > 3 else ""
                view.signoff_status = t.n("signoff.changed", len(history.commits), commits=shown)
            elif history.changed:
                view.signoff_status = t("signoff.uncommitted")
            elif history.committed:
                view.signoff_status = t("signoff.unchanged")
    if not b.internal:
        return
    score = health(plan, b.today, items, rows, weights)
    view.health = score
    view.health_score = t("health.score", score=score.score)
    for component in score.components:
        view.health_rows.append(
            HealthRow(
                name=component.name,
                label=t(f"health.c.{component.name}"),
                weight=t.number(component.weight, 0) if component.value is not None else "",
                points=t.number(component.points, 1) if component.value is not None else t("none"),
                reason=health_reason(component.parts, t),
                applies=component.value is not None,
            )
        )


def health_reason(parts: Sequence[tuple[str, Mapping[str, object]]], t: Locale) -> str:
    """A component's reason in the document's words (dates and numbers in its locale)."""
    out = []
    for key, values in parts:
        shown: dict[str, object] = {}
        for name, value in values.items():
            if name == "n":
                continue
            if name.endswith("_keys"):
                shown[name] = ", ".join(t(str(k)) for k in value)  # type: ignore[attr-defined]
            elif isinstance(value, date):
                shown[name] = t.date(value)
            elif name == "progress":
                shown[name] = t.percent(float(value))  # type: ignore[arg-type]
            elif isinstance(value, tuple | list):
                shown[name] = ", ".join(str(v) for v in value)
            elif isinstance(value, float | int) and not isinstance(value, bool):
                shown[name] = t.number(value)
            else:
                shown[name] = value
        count = values.get("n")
        out.append(t.n(key, int(count), **shown) if isinstance(count, int) else t(key, **shown))
    return "; ".join(out)
