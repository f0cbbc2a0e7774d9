"""## What it does
Notes that the plan's next review (see ASP301 for how it is computed) falls between
today and `warn_days` from now (14 by default, configurable in `asplan.toml`).

## Why is this bad?
It is not: it is a reminder, so that the meeting is booked and the figures are ready
before the date, not after it.

## Example
```yaml
# today is 2026-11-23
reviews:
  every: quarterly
  next: 2026-12-01
```

## Use instead
Book the review; once held, record it with `asplan review`, which clears `next`:
```yaml
reviews:
  every: quarterly
  history:
    - {date: 2026-12-01, attendees: [maria.lopez, carlos.gomez]}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.agenda import Status
from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP309"
NAME = "review-due-soon"
SEVERITY = Severity.INFO
SUMMARY = "review due soon"


def check(ctx: PlanContext) -> Iterator[Hit]:
    item = ctx.next_review()
    if item is not None and item.status is Status.due_soon:
        when = "today" if item.days == 0 else f"in {item.days} day{'s' if item.days != 1 else ''}"
        yield Hit(item.path, f"review due soon: the next review is on {item.date.isoformat()} ({when})")
