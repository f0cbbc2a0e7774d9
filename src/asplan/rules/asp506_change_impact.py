"""## What it does
Warns about an approved or implemented change request that does not state its
`cost` or its `delay`.

## Why is this bad?
"No surprises about time or money": a scope change is agreed together with what it
costs and how it moves the timeline. Write `cost: 0` or `delay: 0d` if there is none.

## Example
```yaml
changes:
  - {id: CR-1, title: Add Portugal, status: approved}
```

## Use instead
```yaml
changes:
  - {id: CR-1, title: Add Portugal, status: approved, cost: "12000 EUR", delay: 3w}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.model.service import ChangeStatus
from asplan.rules.base import Hit, PlanContext

CODE = "ASP506"
NAME = "change-without-impact"
SEVERITY = Severity.WARNING
SUMMARY = "an approved or implemented change without cost or delay stated"


def check(ctx: PlanContext) -> Iterator[Hit]:
    for change in ctx.plan.changes:
        if change.status not in (ChangeStatus.approved, ChangeStatus.implemented):
            continue
        missing = [name for name, value in (("cost", change.cost), ("delay", change.delay)) if value is None]
        if missing:
            yield Hit(
                (*change.path, "status"),
                f"change {change.id} is {change.status.value} without {' and '.join(missing)}:"
                " state the impact (0 if none)",
            )
