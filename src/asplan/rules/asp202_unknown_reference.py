"""## What it does
Reports a reference to an objective or a calendar that does not exist: an action's
`objective`, a solution's `objectives`, an SLA's `calendar`, `reviews.calendar`.
`24x7` is always a calendar. Also reports a calendar's `holidays_from` naming a
country or subdivision the `holidays` package does not know.

A reference to an objective or calendar whose own definition is invalid
(`hours: "8-17"`) is not reported: that definition's finding is the one to fix.

## Why is this bad?
An action linked to a misspelt objective does not count towards it; an SLA on an
unknown calendar cannot be timed at all.

## Example
```yaml
objectives: [{id: OBJ-1, title: Fewer incidents, kpis: [...]}]
actions: [{id: ACT-1, title: Pilot, objective: OBJ-01}]
```

## Use instead
```yaml
actions: [{id: ACT-1, title: Pilot, objective: OBJ-1}]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext, Scope, written_ids

CODE = "ASP202"
NAME = "unknown-reference"
SEVERITY = Severity.ERROR
SUMMARY = "reference to an unknown objective or calendar"
SCOPE = Scope.VALIDATE  # an unknown calendar or holiday source changes every SLA figure computed on it

BUILTIN_CALENDARS = frozenset({"24x7"})


def check(ctx: PlanContext) -> Iterator[Hit]:
    plan = ctx.plan
    # An objective or calendar whose definition is invalid is reported there, not at each reference.
    objectives = {o.id for o in plan.objectives} | written_ids(ctx.data, "objectives")
    calendars = set(plan.calendars) | BUILTIN_CALENDARS | written_ids(ctx.data, "calendars")
    for action in plan.actions:
        if action.objective and action.objective not in objectives:
            yield Hit((*action.path, "objective"), f"{action.id}: objective '{action.objective}' does not exist")
    for solution in plan.solutions:
        for i, objective in enumerate(solution.objectives):
            if objective not in objectives:
                yield Hit((*solution.path, "objectives", i), f"{solution.id}: objective '{objective}' does not exist")
    for sla in plan.slas:
        if sla.calendar not in calendars:
            yield Hit(
                (*sla.path, "calendar"), f"{sla.id}: calendar '{sla.calendar}' is not defined in calendars (or 24x7)"
            )
    if plan.reviews is not None and plan.reviews.calendar and plan.reviews.calendar not in calendars:
        yield Hit(
            (*plan.reviews.path, "calendar"),
            f"reviews: calendar '{plan.reviews.calendar}' is not defined in calendars (or 24x7)",
        )
    for name, calendar in plan.calendars.items():
        source = calendar.holidays_from
        if source is None:
            continue
        from asplan.timecalc.calendars import public_holiday_problem

        problem = public_holiday_problem(source.country, source.subdivision)
        if problem:
            field = "subdivision" if source.subdivision and "subdivision" in problem else "country"
            yield Hit((*source.path, field), f"calendar {name}: {problem}; its public holidays are not counted")
