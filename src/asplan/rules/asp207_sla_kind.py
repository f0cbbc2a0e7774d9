"""## What it does
Reports SLA fields that do not fit the SLA's kind. A *timed* SLA (one with `stop`)
times events: its `target` must be a duration (`<= 30m`), its `objective` a
percentage (`>= 95%`), and it has no `measurements`. A *measured* SLA (no `stop`)
compares one number per period: its `target` is a number or a percentage, and
`where`, `start`, `calendar` and `objective` mean nothing to it.

## Why is this bad?
`asplan sla` and `render` cannot time events against `>= 95%`, so they refuse the
plan. The other mismatches are worse, because nothing refuses them: a measured
SLA with `target: "<= 4h"` compares a measurement of 3.5 (hours, to whoever wrote
it) with 240 minutes and is met forever; a timed SLA's measurements, or a measured
SLA's `where`, are silently ignored.

## Example
```yaml
slas:
  - {id: SLA-2, name: First response P1, where: {priority: P1}, stop: first_response,
     target: ">= 95%", penalty: ...}
```

## Use instead
```yaml
slas:
  - {id: SLA-2, name: First response P1, where: {priority: P1}, stop: first_response,
     target: "<= 30m", objective: ">= 95%", penalty: ...}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext, Scope

CODE = "ASP207"
NAME = "sla-kind"
SEVERITY = Severity.ERROR
SUMMARY = "SLA field that does not fit its kind (a timed SLA's target is not a duration, ...)"
SCOPE = Scope.VALIDATE

_TIMED_ONLY = ("where", "start", "calendar", "objective")


def check(ctx: PlanContext) -> Iterator[Hit]:
    for sla in ctx.plan.slas:
        given = sla.model_fields_set
        if sla.timed:
            if sla.target.kind != "duration":
                yield Hit(
                    (*sla.path, "target"),
                    f"{sla.id} is timed (it has stop: {sla.stop}), so its target is a duration like"
                    f" '<= 30m' or '<= 8h', not {str(sla.target)!r}; a share of events on time goes in"
                    " 'objective'",
                )
            if sla.objective is not None and sla.objective.kind != "percent":
                yield Hit(
                    (*sla.path, "objective"),
                    f"{sla.id}: objective is the share of events that must meet the target, a percentage"
                    f" like '>= 95%', not {str(sla.objective)!r}",
                )
            if "measurements" in given and sla.measurements:
                yield Hit(
                    (*sla.path, "measurements"),
                    f"{sla.id} is timed over events (it has stop: {sla.stop}): its measurements would be"
                    " ignored; remove them, or remove stop to make it a measured SLA",
                    at_key=True,
                )
            continue
        if sla.target.kind == "duration":
            yield Hit(
                (*sla.path, "target"),
                f"{sla.id} is measured (it has no stop), so each period's value is one number compared"
                f" with the target: {str(sla.target)!r} would read a value of 3.5 as 3.5 minutes;"
                " add stop to time events, or write the target as a number",
            )
        for key in _TIMED_ONLY:
            if key in given and (key != "where" or sla.where):
                yield Hit(
                    (*sla.path, key),
                    f"{sla.id} has no stop, so it is measured per period and '{key}' would be ignored:"
                    " add stop (the event column where the clock stops) to time events, or remove it",
                    at_key=True,
                )
