"""## What it does
Warns when the next disaster-recovery test, `continuity.last_test` +
`continuity.test_every`, is in the past.

## Why is this bad?
An RTO or RPO that has not been tested on schedule is a hope, not a commitment.

## Example
```yaml
# today is 2026-11-23
continuity:
  rto: 4h
  last_test: 2025-10-08
  test_every: yearly
```

## Use instead
Run the test and record it:
```yaml
continuity:
  rto: 4h
  last_test: 2026-10-08
  test_every: yearly
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.agenda import Status, continuity_items
from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP305"
NAME = "continuity-test-overdue"
SEVERITY = Severity.WARNING
SUMMARY = "continuity test overdue"


def check(ctx: PlanContext) -> Iterator[Hit]:
    for item in continuity_items(ctx.plan, ctx.today, ctx.settings.warn_days):
        if item.status is Status.overdue:
            yield Hit(
                item.path,
                f"continuity test overdue: the next test was due on {item.date.isoformat()}"
                f" ({-item.days} days ago); run it and update `last_test`",
            )
