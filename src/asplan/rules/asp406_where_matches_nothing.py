"""## What it does
Warns when a value of a timed SLA's `where` matches no event, although the column
has values: it lists the values the column has, and says "did you mean" when one
differs only in case (`p1` and `P1`).

## Why is this bad?
An SLA that applies to no event is met every period, with no credit, for ever: a
typo in a filter looks exactly like a perfect service.

## Example
```yaml
slas:
  - {id: SLA-3, name: First response P1, where: {priority: p1}, stop: first_response,
     target: "<= 30m", penalty: ...}     # the export says P1
```

## Use instead
```yaml
slas:
  - {id: SLA-3, name: First response P1, where: {priority: P1}, stop: first_response,
     target: "<= 30m", penalty: ...}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext, event_data_hits

CODE = "ASP406"
NAME = "where-matches-nothing"
SEVERITY = Severity.WARNING
SUMMARY = "SLA `where` value that matches no event (with the values the column has)"


def check(ctx: PlanContext) -> Iterator[Hit]:
    return event_data_hits(ctx, CODE)
