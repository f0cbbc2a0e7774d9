"""## What it does
Reports an action with a `done` date whose `status` is not `done`.

## Why is this bad?
The two say opposite things, and each reader believes a different one: the agenda
and `asplan due` go by `status` and report the action as open (overdue, even), the
document shows a completion date. Usually the status was not updated when the date
was written, or the date was written ahead of time.

## Example
```yaml
actions:
  - {id: ACT-2, title: Integrate the carrier API, due: 2026-10-15, status: in_progress, done: 2026-10-10}
```

## Use instead
```yaml
actions:
  - {id: ACT-2, title: Integrate the carrier API, due: 2026-10-15, status: done, done: 2026-10-10}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.model.objectives import ActionStatus
from asplan.rules.base import Hit, PlanContext

CODE = "ASP214"
NAME = "action-done-date"
SEVERITY = Severity.ERROR
SUMMARY = "action with a `done` date but a status other than `done`"


def check(ctx: PlanContext) -> Iterator[Hit]:
    for action in ctx.plan.actions:
        if action.done is not None and action.status is not ActionStatus.done:
            yield Hit(
                (*action.path, "done"),
                f"{action.id} has done: {action.done.isoformat()} but status: {action.status.value}:"
                " set status: done, or remove the done date",
                at_key=True,
            )
