"""## What it does
Warns about a communication touchpoint whose next occurrence, `last` + `every`, is in
the past. A touchpoint without `last` has no date yet and is not reported.

## Why is this bad?
The communication plan is the cadence of contact the client was promised. A weekly
call that last happened a month ago is a relationship going quiet.

## Example
```yaml
# today is 2026-11-23
communication:
  - {name: Weekly service call, every: weekly, owner: maria.lopez, last: 2026-11-05}
```

## Use instead
Hold it and update `last`:
```yaml
communication:
  - {name: Weekly service call, every: weekly, owner: maria.lopez, last: 2026-11-19}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.agenda import Status, touchpoint_items
from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP304"
NAME = "touchpoint-overdue"
SEVERITY = Severity.WARNING
SUMMARY = "communication touchpoint overdue"


def check(ctx: PlanContext) -> Iterator[Hit]:
    for item in touchpoint_items(ctx.plan, ctx.today, ctx.settings.warn_days):
        if item.status is Status.overdue:
            yield Hit(
                item.path,
                f"touchpoint '{item.title}' overdue: the next one was due on {item.date.isoformat()}"
                f" ({-item.days} days ago); hold it and update `last`",
            )
