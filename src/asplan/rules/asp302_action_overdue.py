"""## What it does
Warns about an action whose `due` date is in the past while its `status` is still
`planned`, `in_progress` or `blocked`.

## Why is this bad?
An action plan is a promise to the client. A late action nobody re-planned is how
"no surprises" turns into a surprise at the next review.

## Example
```yaml
# today is 2026-11-23
actions:
  - {id: ACT-6, title: Close the pricing annex, owner: maria.lopez, due: 2026-11-13, status: in_progress}
```

## Use instead
Finish it, or agree a new date:
```yaml
actions:
  - {id: ACT-6, title: Close the pricing annex, owner: maria.lopez, due: 2026-11-13, status: done,
     done: 2026-11-20}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.agenda import Status, action_items
from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP302"
NAME = "action-overdue"
SEVERITY = Severity.WARNING
SUMMARY = "action overdue"


def check(ctx: PlanContext) -> Iterator[Hit]:
    statuses = {action.id: action.status.value for action in ctx.plan.actions}
    for item in action_items(ctx.plan, ctx.today, ctx.settings.warn_days):
        if item.status is Status.overdue:
            yield Hit(
                item.path,
                f"action {item.id} overdue: due {item.date.isoformat()}, {-item.days} days ago"
                f" (status {statuses.get(item.id, '?')}); finish it or agree a new date",
            )
