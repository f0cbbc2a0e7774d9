"""The health score of an account (spec §7.5): 0-100, and every point explained.

A single number is only useful if the reader can see where it comes from and what
would raise it, so the score is the sum of weighted components, each with its raw
value, the points it earns and a one-line reason. The components, what earns their
points (``value`` is the fraction of the weight earned, 0 to 1), and their default
weights (``[health]`` in the configuration changes them):

===============  ======  ==============================================================
component        weight  value
===============  ======  ==============================================================
review           15      1 while the next review is not overdue, then 1/60 less per day
                         overdue (0 from 60 days); 0 without a ``reviews`` section
overdue          20      1 with no overdue item, 0.2 less per overdue item (0 from 5):
                         late work, as the dashboard counts it (actions, milestones,
                         KPI measurements, continuity tests; reviews and touchpoints
                         have their own components, contract dates are not late work)
sla              20      share of the SLA periods closed in the last 365 days that were
                         met (a period with no data counts as not met)
kpi              15      mean progress from baseline to target of the KPIs that have
                         both and a measurement (each clamped to 0..1; satisfaction
                         KPIs aside)
contact          10      share of communication touchpoints held on cadence (not
                         overdue, held at least once); 0 with no touchpoint
relationship     10      share of four checks: someone on the client side, a client
                         decision maker, a client champion or supporter, a client
                         person at the latest review
satisfaction     10      for each ``kind: satisfaction`` KPI, 1 when its latest value
                         meets its target, else its progress from baseline (0 without
                         one); the mean of them
===============  ======  ==============================================================

A component that cannot be judged (no SLA measured yet, no KPI with a target, no
satisfaction measurement) does not apply: it gets weight 0 and the others share the
100 points in proportion to their weights, so ``weight`` in the output is each
component's share of this account's 100 and the points add up to the score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from asplan.agenda import DueItem, Kind, Status
from asplan.model.objectives import Direction, Kpi, KpiKind
from asplan.model.people import Side, Stance
from asplan.model.plan import Plan
from asplan.settings import DEFAULT_HEALTH_WEIGHTS, HEALTH_COMPONENTS

__all__ = [
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "Component",
    "Health",
    "check_weights",
    "health",
    "kpi_progress",
    "mean_progress",
]

COMPONENTS: tuple[str, ...] = HEALTH_COMPONENTS
DEFAULT_WEIGHTS: Mapping[str, float] = DEFAULT_HEALTH_WEIGHTS
REVIEW_DAYS_TO_ZERO = 60
OVERDUE_ITEMS_TO_ZERO = 5
SLA_WINDOW_DAYS = 365
_NOT_LATE_WORK = frozenset({Kind.review, Kind.touchpoint, Kind.contract_renewal, Kind.contract_end})


class SlaPeriod(Protocol):
    """One SLA period's verdict (:class:`asplan.render.sources.SlaPeriodFigures` is one)."""

    @property
    def sla(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def label(self) -> Any: ...  # a PeriodLabel: its ``end`` (exclusive) dates it


Reason = tuple[str, dict[str, Any]]
"""One part of a component's explanation: a message key of :mod:`asplan.render.messages` and its values.

Values are raw (dates, ratios, counts, names); whoever shows the reason words and
formats them (:func:`english` for JSON, the document's locale for the document).
A value named ``n`` selects the plural form; ``*_keys`` values are message keys.
"""


@dataclass(frozen=True)
class Component:
    name: str
    weight: float  # share of the 100 points (0 when it does not apply)
    value: float | None  # fraction of the weight earned, 0..1 (None: does not apply)
    points: float
    parts: tuple[Reason, ...]

    @property
    def reason(self) -> str:
        return english(self.parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "weight": round(self.weight, 2),
            "value": None if self.value is None else round(self.value, 4),
            "points": round(self.points, 2),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Health:
    score: int
    components: tuple[Component, ...]

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "components": [c.to_json() for c in self.components]}

    def component(self, name: str) -> Component:
        return next(c for c in self.components if c.name == name)


def english(parts: Sequence[Reason]) -> str:
    """A reason in English with ISO dates and plain numbers, for JSON and logs."""
    from asplan.render.messages import MESSAGES

    out = []
    for key, values in parts:
        message = MESSAGES[key]
        text = message.plural if message.plural is not None and values.get("n") != 1 else message.text
        assert text is not None
        out.append(text.format(**{name: _english(name, value) for name, value in values.items()}))
    return "; ".join(out)


def _english(name: str, value: Any) -> str:
    from asplan.render.messages import MESSAGES

    if name.endswith("_keys"):
        return ", ".join(MESSAGES[key].text for key in value)
    if isinstance(value, date):
        return value.isoformat()
    if name == "progress":
        return _percent(value)
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def check_weights(weights: Mapping[str, object]) -> dict[str, float]:
    """The configured weights over the defaults; ``ValueError`` names a bad key or value."""
    import difflib

    merged = dict(DEFAULT_WEIGHTS)
    for key, value in weights.items():
        if key not in DEFAULT_WEIGHTS:
            close = difflib.get_close_matches(key, COMPONENTS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (components: {', '.join(COMPONENTS)})"
            raise ValueError(f"unknown key 'health.{key}'{hint}")
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1000:
            raise ValueError(f"bad value for 'health.{key}': expected a number from 0 to 1000, got {value!r}")
        merged[key] = float(value)
    if not any(merged.values()):
        raise ValueError("[health]: every weight is 0; give at least one component a weight")
    return merged


# ---------------------------------------------------------------------------- KPIs


def kpi_progress(kpi: Kpi) -> float | None:
    """Share of the way from baseline to target of the latest measurement (may leave 0..1)."""
    if kpi.baseline is None or kpi.target is None or not kpi.measurements or kpi.target == kpi.baseline:
        return None
    latest = max(kpi.measurements, key=lambda m: m.date).value
    return (latest - kpi.baseline) / (kpi.target - kpi.baseline)


def mean_progress(values: Sequence[float | None]) -> float | None:
    """Mean of the KPIs' progress, each clamped to 0..1 so one runaway KPI cannot hide the rest."""
    known = [_clamp(v) for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _clamp(value: float) -> float:
    return min(max(value, 0.0), 1.0)


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


# -------------------------------------------------------------------------- components


def _review(plan: Plan, items: Sequence[DueItem]) -> tuple[float | None, tuple[Reason, ...]]:
    if plan.reviews is None:
        return 0.0, (("health.review.missing", {}),)
    review = next((i for i in items if i.kind is Kind.review), None)
    if review is None:
        return 0.0, (("health.review.no_date", {}),)
    if review.status is not Status.overdue:
        return 1.0, (("health.review.on_time", {"date": review.date}),)
    late = -review.days
    return _clamp(1 - late / REVIEW_DAYS_TO_ZERO), (("health.review.late", {"n": late}),)


def _overdue(items: Sequence[DueItem]) -> tuple[float | None, tuple[Reason, ...]]:
    # late work only, as the dashboard counts it: reviews and touchpoints have components
    # of their own, and an open renewal window or a contract end is not late work
    late = [i for i in items if i.status is Status.overdue and i.kind not in _NOT_LATE_WORK]
    if not late:
        return 1.0, (("health.overdue.none", {}),)
    names = tuple(i.id for i in late[:4]) + (("...",) if len(late) > 4 else ())
    value = _clamp(1 - len(late) / OVERDUE_ITEMS_TO_ZERO)
    return value, (("health.overdue.some", {"n": len(late), "items": names}),)


def _sla(rows: Sequence[SlaPeriod], today: date) -> tuple[float | None, tuple[Reason, ...]]:
    since = today - timedelta(days=SLA_WINDOW_DAYS)
    judged = [r for r in rows if r.status in ("met", "breached", "no_data") and since < r.label.end <= today]
    if not judged:
        return None, (("health.sla.na", {}),)
    met = sum(1 for r in judged if r.status == "met")
    missed = len(judged) - met
    parts: list[Reason] = [("health.sla.met", {"met": met, "total": len(judged)})]
    if missed:
        breached = sorted({f"{r.sla} {r.label}" for r in judged if r.status != "met"})
        parts.append(("health.sla.missed", {"periods": (*breached[:4], *(("...",) if len(breached) > 4 else ()))}))
    return met / len(judged), tuple(parts)


def _kpi(plan: Plan) -> tuple[float | None, tuple[Reason, ...]]:
    kpis = [k for k in plan.kpis() if k.kind is not KpiKind.satisfaction]
    progress = [p for p in (kpi_progress(k) for k in kpis) if p is not None]
    if not progress:
        return None, (("health.kpi.na", {}),)
    value = mean_progress(progress)
    assert value is not None
    return value, (("health.kpi.progress", {"progress": value, "n": len(progress)}),)


def _contact(plan: Plan, items: Sequence[DueItem]) -> tuple[float | None, tuple[Reason, ...]]:
    touchpoints = plan.communication
    if not touchpoints:
        return 0.0, (("health.contact.none", {}),)
    overdue = {i.id for i in items if i.kind is Kind.touchpoint and i.status is Status.overdue}
    never = [t.name for t in touchpoints if t.last is None]
    fresh = len(touchpoints) - len(never) - len(overdue)
    parts: list[Reason] = [("health.contact.fresh", {"fresh": fresh, "total": len(touchpoints)})]
    if overdue:
        parts.append(("health.contact.overdue", {"names": tuple(sorted(overdue))}))
    if never:
        parts.append(("health.contact.never", {"names": tuple(never)}))
    return _clamp(fresh / len(touchpoints)), tuple(parts)


def _relationship(plan: Plan) -> tuple[float | None, tuple[Reason, ...]]:
    client = [p for p in plan.people if p.side is Side.client]
    client_ids = {p.id for p in client}
    latest = max(plan.reviews.history, key=lambda r: r.date) if plan.reviews and plan.reviews.history else None
    checks = {
        "health.rel.client": bool(client),
        "health.rel.decision_maker": any(p.decision_maker for p in client),
        "health.rel.champion": any(p.stance in (Stance.champion, Stance.supporter) for p in client),
        "health.rel.review": latest is not None and bool(client_ids & set(latest.attendees)),
    }
    missing = tuple(key for key, ok in checks.items() if not ok)
    held = len(checks) - len(missing)
    parts: list[Reason] = [("health.rel.held", {"held": held, "total": len(checks)})]
    if missing:
        parts.append(("health.rel.missing", {"checks_keys": missing}))
    return held / len(checks), tuple(parts)


def _satisfaction(plan: Plan) -> tuple[float | None, tuple[Reason, ...]]:
    scores: list[float] = []
    shown: list[Reason] = []
    for kpi in plan.kpis():
        if kpi.kind is not KpiKind.satisfaction or not kpi.measurements:
            continue
        latest = max(kpi.measurements, key=lambda m: m.date)
        if kpi.target is None:
            continue
        increasing = kpi.direction is Direction.increase
        met = latest.value >= kpi.target if increasing else latest.value <= kpi.target
        progress = kpi_progress(kpi)
        score = 1.0 if met else (_clamp(progress) if progress is not None else 0.0)
        scores.append(score)
        values = {"name": kpi.name, "value": latest.value, "date": latest.date, "target": kpi.target}
        shown.append(("health.sat.latest", values))
    if not scores:
        return None, (("health.sat.na", {}),)
    return sum(scores) / len(scores), tuple(shown)


def health(
    plan: Plan,
    today: date,
    items: Sequence[DueItem],
    sla_periods: Sequence[SlaPeriod],
    weights: Mapping[str, float] | None = None,
) -> Health:
    """The score and its components, from the agenda and the SLA verdicts the caller already has."""
    configured = dict(weights or DEFAULT_WEIGHTS)
    raw = {
        "review": _review(plan, items),
        "overdue": _overdue(items),
        "sla": _sla(sla_periods, today),
        "kpi": _kpi(plan),
        "contact": _contact(plan, items),
        "relationship": _relationship(plan),
        "satisfaction": _satisfaction(plan),
    }
    applicable = sum(configured.get(name, 0.0) for name, (value, _) in raw.items() if value is not None)
    components = []
    total = 0.0
    for name in COMPONENTS:
        value, parts = raw[name]
        share = configured.get(name, 0.0) * 100 / applicable if value is not None and applicable else 0.0
        points = share * value if value is not None else 0.0
        total += points
        components.append(Component(name, share, value, points, parts))
    return Health(round(total), tuple(components))
