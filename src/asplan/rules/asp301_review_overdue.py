"""## What it does
Warns when the plan's next review is in the past: `reviews.next` when it is set,
otherwise the latest review in `reviews.history` (else `account.since`, else the
contract start) plus `reviews.every`, rolled forward to a working day of
`reviews.calendar` when one is named. The finding points at `reviews.next`, or at
`reviews.every` for a computed date.

## Why is this bad?
Plans go stale when nobody notices the review that did not happen. A review with
the client is when objectives, actions and commitments are checked against reality.

## Example
```yaml
# today is 2026-11-23
reviews:
  every: quarterly
  history:
    - {date: 2026-06-04, attendees: [maria.lopez, carlos.gomez]}   # next was 2026-09-04
```

## Use instead
Hold the review and record it (`asplan review plans/acme.yaml --attendee ...`):
```yaml
reviews:
  every: quarterly
  history:
    - {date: 2026-06-04, attendees: [maria.lopez, carlos.gomez]}
    - {date: 2026-11-20, attendees: [maria.lopez, carlos.gomez]}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.agenda import Status
from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP301"
NAME = "review-overdue"
SEVERITY = Severity.WARNING
SUMMARY = "review overdue"


def check(ctx: PlanContext) -> Iterator[Hit]:
    item = ctx.next_review()
    if item is not None and item.status is Status.overdue:
        yield Hit(
            item.path,
            f"review overdue: the next review was due on {item.date.isoformat()} ({-item.days} days ago);"
            " hold it and record it with `asplan review`",
        )
