"""The objectives section (KPIs with their charts, milestones), the solutions serving
them, and the actions with the timeline they share with the milestones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from asplan.agenda import milestone_ref
from asplan.health import kpi_progress
from asplan.model.objectives import ActionStatus, Direction, Kpi, Objective
from asplan.model.plan import Plan
from asplan.render import charts
from asplan.render.numbers import Op, as_decimal
from asplan.render.sources import DueItem
from asplan.render.views.context import Badge, DueIndex, ViewContext


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


@dataclass(frozen=True, kw_only=True)
class ObjectivesView:
    """The ``objectives`` and ``solutions`` sections."""

    objectives: tuple[ObjectiveView, ...]
    solutions: tuple[tuple[str, str, tuple[str, ...], str | None], ...]
    """(id, title, "objective id · title" of each objective it serves, description)."""


@dataclass(frozen=True, kw_only=True)
class ActionsView:
    """The ``actions`` section: the actions, and the timeline of actions, milestones and the next review."""

    actions: tuple[ActionView, ...]
    timeline: tuple[TimelineEntry, ...]


def _kpi(kpi: Kpi, ctx: ViewContext, objective_id: str) -> KpiView:
    key = f"{objective_id}-{kpi.id}"
    t = ctx.t
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
        latest_date=ctx.date(latest.date) if latest else "",
        direction=kpi.direction.value if kpi.direction else Direction.increase.value,
        progress=progress,
        progress_text=progress_text,
        progress_svg=charts.progress_bar(progress, t("chart.progress_title"), progress_desc, key),
        trend_svg=charts.sparkline(values, kpi.target, t("chart.trend_title"), trend_desc, key)
        if values
        else Markup(""),
        values=tuple((t.short_date(m.date), fig(m.value)) for m in ordered),
    )


def _milestone_badge(ctx: ViewContext, done: date | None, item: DueItem | None) -> Badge:
    if done is not None:
        return Badge("done", ctx.t("ms.reached"), ctx.date(done))
    return ctx.badge(item)


def _objective(obj: Objective, ctx: ViewContext, items: DueIndex) -> ObjectiveView:
    milestones = tuple(
        MilestoneView(
            title=m.title,
            due=ctx.date(m.due),
            done=ctx.date(m.done),
            badge=_milestone_badge(ctx, m.done, items.get(("milestone", milestone_ref(obj, number, m)))),
        )
        for number, m in enumerate(obj.milestones, start=1)
    )
    return ObjectiveView(
        id=obj.id,
        title=obj.title,
        description=obj.description,
        owner=ctx.name(obj.owner),
        due=ctx.date(obj.due),
        kpis=tuple(_kpi(k, ctx, obj.id) for k in obj.kpis),
        milestones=milestones,
    )


def objectives_view(plan: Plan, ctx: ViewContext, items: DueIndex) -> ObjectivesView:
    titles = {o.id: o.title for o in plan.objectives}
    return ObjectivesView(
        objectives=tuple(_objective(obj, ctx, items) for obj in plan.objectives),
        solutions=tuple(
            (s.id, s.title, tuple(f"{o} · {titles[o]}" if o in titles else o for o in s.objectives), s.description)
            for s in plan.solutions
        ),
    )


def _action_views(plan: Plan, ctx: ViewContext, items: DueIndex) -> tuple[ActionView, ...]:
    t = ctx.t
    views = []
    for a in plan.actions:
        if a.status is ActionStatus.done:
            badge = Badge("done", t("status.done"), ctx.date(a.done))
        elif a.status is ActionStatus.cancelled:
            badge = Badge("cancelled", t("status.cancelled"))
        else:
            badge = ctx.badge(items.get(("action", a.id)))
        views.append(
            ActionView(
                id=a.id,
                title=a.title,
                owner=ctx.name(a.owner),
                due=ctx.date(a.due),
                status=a.status.value,
                status_label=t(f"status.{a.status.value}"),
                objective=a.objective or "",
                badge=badge,
                notes=a.notes if ctx.internal else None,
            )
        )
    return tuple(views)


def _timeline(
    plan: Plan,
    ctx: ViewContext,
    actions: tuple[ActionView, ...],
    objectives: tuple[ObjectiveView, ...],
    items: list[DueItem],
) -> tuple[TimelineEntry, ...]:
    """Actions and milestones on one dated line: done ones where they happened, open ones by due date."""
    t = ctx.t
    entries: list[TimelineEntry] = []
    for a in actions:
        source = next(x for x in plan.actions if x.id == a.id)
        when = source.done if source.status is ActionStatus.done and source.done else source.due
        if when is None:
            continue
        entries.append(
            TimelineEntry(when, t.short_date(when), "action", t("kind.action"), a.id, a.title, a.owner, a.badge)
        )
    for obj, o_view in zip(plan.objectives, objectives, strict=True):
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
                ctx.badge(review),
            )
        )
    entries.sort(key=lambda e: (e.date, e.kind, e.ref))
    return tuple(entries)


def actions_view(plan: Plan, ctx: ViewContext, items: list[DueItem], objectives: ObjectivesView) -> ActionsView:
    """The actions, then the timeline (which places each action and milestone by its view's badge)."""
    index = {(i.kind.value, i.id): i for i in items}
    actions = _action_views(plan, ctx, index)
    return ActionsView(actions=actions, timeline=_timeline(plan, ctx, actions, objectives.objectives, items))
