"""## What it does
Reports dates that contradict each other or today:

- a contract that ends before it starts;
- a change request `decided` before it was `requested`;
- things recorded as having happened, dated after today: a review in
  `reviews.history`, an action's or a milestone's `done`, a KPI measurement, a
  touchpoint's `last`, the continuity `last_test`;
- an SLA measurement for a period that has not started yet.

Planned dates (`due`, `reviews.next`, a future hand-off or contract) may of course be
in the future; only records of the past may not.

## Why is this bad?
Every computed date counts from these: a review "held" next month makes the plan
look reviewed today, and a contract ending before it starts has no renewal window.
They are almost always typos (2062 for 2026, day and month swapped).

## Example
```yaml
# today is 2026-11-23
changes:
  - {id: CR-1, title: Portugal, requested: 2026-08-20, decided: 2026-08-02}
reviews:
  every: quarterly
  history:
    - {date: 2026-12-15, attendees: [maria.lopez]}
```

## Use instead
```yaml
changes:
  - {id: CR-1, title: Portugal, requested: 2026-08-02, decided: 2026-08-20}
reviews:
  every: quarterly
  next: 2026-12-15
  history: []
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from asplan.findings import Severity
from asplan.loading import DataPath
from asplan.rules.base import Hit, PlanContext

CODE = "ASP308"
NAME = "dates-out-of-order"
SEVERITY = Severity.ERROR
SUMMARY = "dates out of order (end before start, done before requested, a review dated in the future)"


def _recorded(ctx: PlanContext) -> Iterator[tuple[DataPath, date, str]]:
    """Dates that record something that already happened: (path, date, what)."""
    plan = ctx.plan
    if plan.reviews is not None:
        for record in plan.reviews.history:
            yield (*record.path, "date"), record.date, "a review in reviews.history"
    for action in plan.actions:
        if action.done is not None:
            yield (*action.path, "done"), action.done, f"action {action.id} done"
    for objective in plan.objectives:
        for milestone in objective.milestones:
            if milestone.done is not None:
                yield (*milestone.path, "done"), milestone.done, f"milestone '{milestone.title}' done"
        for kpi in objective.kpis:
            for measurement in kpi.measurements:
                yield (*measurement.path, "date"), measurement.date, f"a measurement of {kpi.id}"
    for touchpoint in plan.communication:
        if touchpoint.last is not None:
            yield (*touchpoint.path, "last"), touchpoint.last, f"touchpoint '{touchpoint.name}' last held"
    if plan.continuity is not None and plan.continuity.last_test is not None:
        yield (*plan.continuity.path, "last_test"), plan.continuity.last_test, "the last continuity test"


def check(ctx: PlanContext) -> Iterator[Hit]:
    plan = ctx.plan
    contract = plan.contract
    if (
        contract is not None
        and contract.start is not None
        and contract.end is not None
        and contract.end < contract.start
    ):
        yield Hit(
            (*contract.path, "end"),
            f"contract ends ({contract.end.isoformat()}) before it starts ({contract.start.isoformat()})",
        )
    for change in plan.changes:
        if change.requested is not None and change.decided is not None and change.decided < change.requested:
            yield Hit(
                (*change.path, "decided"),
                f"change {change.id} decided ({change.decided.isoformat()}) before it was requested"
                f" ({change.requested.isoformat()})",
            )
    for path, when, what in _recorded(ctx):
        if when > ctx.today:
            yield Hit(
                path,
                f"{what} is dated {when.isoformat()}, after today ({ctx.today.isoformat()}):"
                " only what already happened is recorded",
            )
    for sla in plan.slas:
        for i, measurement in enumerate(sla.measurements):
            period = measurement.period
            if period.start > ctx.today:
                yield Hit(
                    (*sla.path, "measurements", i, "period"),
                    f"{sla.id}: period {period.label} starts on {period.start.isoformat()}, after today"
                    f" ({ctx.today.isoformat()}): it cannot have been measured yet",
                )
