"""## What it does
Warns about a milestone whose `due` date is in the past and that has no `done` date.

## Why is this bad?
Milestones are the short-term benchmarks of a long-term objective: a missed one is
the earliest sign that the objective will be missed too.

## Example
```yaml
# today is 2026-11-23
objectives:
  - id: OBJ-1
    title: Stable warehouse system
    milestones:
      - {title: Database in high availability, due: 2026-06-30}
```

## Use instead
```yaml
    milestones:
      - {title: Database in high availability, due: 2026-06-30, done: 2026-06-22}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.agenda import Status, milestone_items
from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP303"
NAME = "milestone-overdue"
SEVERITY = Severity.WARNING
SUMMARY = "milestone overdue"


def check(ctx: PlanContext) -> Iterator[Hit]:
    for item in milestone_items(ctx.plan, ctx.today, ctx.settings.warn_days):
        if item.status is Status.overdue:
            yield Hit(
                item.path,
                f"milestone '{item.title}' ({item.id}) overdue: due {item.date.isoformat()},"
                f" {-item.days} days ago; set `done` or agree a new date",
            )
