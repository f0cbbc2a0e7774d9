"""## What it does
Reports an id used twice in the same section of a plan: people, objectives, KPIs of
one objective, milestones of one objective, solutions, actions, SLAs, change requests,
risks, communication touchpoints; and two escalation entries with the same `level`.

## Why is this bad?
References by id become ambiguous, agenda entries and calendar events collide, and
`asplan done`, `measure` and `touch` cannot tell which entry to update.

## Example
```yaml
actions:
  - {id: ACT-1, title: Pilot}
  - {id: ACT-1, title: Roll-out}
```

## Use instead
```yaml
actions:
  - {id: ACT-1, title: Pilot}
  - {id: ACT-2, title: Roll-out}
```
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP203"
NAME = "duplicate-id"
SEVERITY = Severity.ERROR
SUMMARY = "duplicate id in a section"


def _duplicates(items: Iterable[Any], section: str, attr: str = "id") -> Iterator[Hit]:
    first: dict[object, Any] = {}
    for item in items:
        value = getattr(item, attr, None)
        if value is None:
            continue
        if value in first:
            yield Hit(
                (*item.path, attr),
                f"{section}: {attr} '{value}' is already used by {_where(first[value])}: ids are unique in a section",
            )
        else:
            first[value] = item


def _where(item: Any) -> str:
    from asplan.findings import format_path

    return format_path(item.path) or "another entry"


def check(ctx: PlanContext) -> Iterator[Hit]:
    plan = ctx.plan
    yield from _duplicates(plan.people, "people")
    yield from _duplicates(plan.objectives, "objectives")
    for objective in plan.objectives:
        yield from _duplicates(objective.kpis, f"KPIs of {objective.id}")
        yield from _duplicates(objective.milestones, f"milestones of {objective.id}")
    yield from _duplicates(plan.solutions, "solutions")
    yield from _duplicates(plan.actions, "actions")
    yield from _duplicates(plan.slas, "slas")
    yield from _duplicates(plan.changes, "changes")
    yield from _duplicates(plan.risks, "risks")
    yield from _duplicates(plan.communication, "communication")
    yield from _duplicates(plan.escalation, "escalation", attr="level")
