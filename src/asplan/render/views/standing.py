"""Where the account stands: stage, sign-off, satisfaction and, for the internal
audience only, the health score; and the changes since a revision (``render --since``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from asplan.health import Health, health
from asplan.model.plan import Plan
from asplan.plandiff import Baseline, Change, flow
from asplan.render.i18n import Locale
from asplan.render.sources import DueItem, SlaPeriodFigures
from asplan.render.views.context import ViewContext
from asplan.signoff import SignOffHistory, latest_signoff


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


@dataclass(frozen=True, kw_only=True)
class SignOffView:
    """The latest sign-off, and (internal only) whether the plan changed since."""

    signoff: str
    """"Agreed with <names> on <date>" for the latest review with a sign-off ("" without one)."""
    signoff_date: date | None
    signoff_people: tuple[str, ...]
    signoff_status: str
    """Internal only: whether the plan changed since its sign-off ("" when its history is unknown)."""
    signoff_history: SignOffHistory | None


@dataclass(frozen=True, kw_only=True)
class StandingView:
    """Stage, satisfaction and (internal only) the health score."""

    stage: str
    satisfaction: tuple[tuple[str, float, date], ...]
    """The latest measurement of each satisfaction KPI: (name, value, date)."""
    health: Health | None
    """Internal only: the health score (:mod:`asplan.health`)."""
    health_rows: tuple[HealthRow, ...]
    health_score: str


@dataclass(frozen=True, kw_only=True)
class SinceView:
    """The "changes since" section of ``render --since``."""

    since: str | None
    """The revision of ``render --since`` (``None``: no "changes since" section)."""
    since_date: str
    since_commit: str
    changes_since: tuple[ChangeView, ...]


NO_SINCE = SinceView(since=None, since_date="", since_commit="", changes_since=())


def signoff_view(plan: Plan, ctx: ViewContext, history: SignOffHistory | None) -> SignOffView:
    """The latest sign-off; the history (what git says changed since) only for the internal audience."""
    from babel.lists import format_list

    t = ctx.t
    signoff = latest_signoff(plan)
    if signoff is None:
        return SignOffView(signoff="", signoff_date=None, signoff_people=(), signoff_status="", signoff_history=None)
    names = format_list(list(signoff.names), locale=t.babel)
    status = ""
    if not (ctx.internal and history is not None):
        history = None
    elif history.commits:
        shown = ", ".join(f"{c.short} {ctx.date(c.day)}" for c in history.commits[:3])
        shown += ", …" if len(history.commits) > 3 else ""
        status = t.n("signoff.changed", len(history.commits), commits=shown)
    elif history.changed:
        status = t("signoff.uncommitted")
    elif history.committed:
        status = t("signoff.unchanged")
    return SignOffView(
        signoff=t("signoff.agreed", names=names, date=ctx.date(signoff.date)),
        signoff_date=signoff.date,
        signoff_people=signoff.people,
        signoff_status=status,
        signoff_history=history,
    )


def standing_view(
    plan: Plan,
    ctx: ViewContext,
    items: list[DueItem],
    rows: list[SlaPeriodFigures],
    weights: Mapping[str, float] | None,
) -> StandingView:
    """Stage and satisfaction for every audience; the health score for the internal one."""
    from asplan.model.objectives import KpiKind

    account = plan.account
    assert account is not None
    satisfaction = []
    for kpi in plan.kpis():
        if kpi.kind is KpiKind.satisfaction and kpi.measurements:
            latest = max(kpi.measurements, key=lambda m: m.date)
            satisfaction.append((kpi.name, latest.value, latest.date))
    score = health(plan, ctx.today, items, rows, weights) if ctx.internal else None
    return StandingView(
        stage=account.stage.value,
        satisfaction=tuple(satisfaction),
        health=score,
        health_rows=_health_rows(score, ctx.t) if score is not None else (),
        health_score=ctx.t("health.score", score=score.score) if score is not None else "",
    )


def _health_rows(score: Health, t: Locale) -> tuple[HealthRow, ...]:
    return tuple(
        HealthRow(
            name=component.name,
            label=t(f"health.c.{component.name}"),
            weight=t.number(component.weight, 0) if component.value is not None else "",
            points=t.number(component.points, 1) if component.value is not None else t("none"),
            reason=health_reason(component.parts, t),
            applies=component.value is not None,
        )
        for component in score.components
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


def since_view(ctx: ViewContext, baseline: Baseline, changes: Sequence[Change]) -> SinceView:
    t = ctx.t
    since_date = ctx.date(baseline.day)
    shown: list[ChangeView] = []
    for c in changes:
        if not c.path:  # the plan did not exist at the revision
            shown.append(ChangeView(c.change, t("since.new_plan", date=since_date), "", "", ""))
            continue
        shown.append(
            ChangeView(
                change=c.change,
                label=t(f"since.{c.change}"),
                path=c.path,
                old=flow(c.old, 120) if c.old is not None else "",
                new=flow(c.new, 120) if c.new is not None else "",
            )
        )
    return SinceView(
        since=baseline.label, since_date=since_date, since_commit=baseline.commit[:7], changes_since=tuple(shown)
    )
