"""## What it does
Reports a measured SLA with no measurement for its latest closed period (the last
month, quarter, week or year that ended before today).

## Why is this bad?
A missing figure is how a bad month goes unnoticed: the plan cannot say whether the
commitment was met, and neither can the client's service report. Timed SLAs are
computed from event files instead (a month without P1 tickets is a good month, not a
missing one), so this rule is about measured SLAs only.

## Example
```yaml
slas:
  - id: SLA-1
    name: Platform availability
    target: ">= 99.9%"
    penalty: 10 % of the monthly fee.
    measurements:
      - {period: "2026-09", value: 99.95}   # today is 2026-11-23: 2026-10 is missing
```

## Use instead
```yaml
    measurements:
      - {period: "2026-09", value: 99.95}
      - {period: "2026-10", value: 99.93}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.periods import KIND_OF, latest_closed
from asplan.rules.base import Hit, PlanContext

CODE = "ASP402"
NAME = "sla-no-data"
SEVERITY = Severity.WARNING
SUMMARY = "SLA has no data for the latest closed period"


def check(ctx: PlanContext) -> Iterator[Hit]:
    for sla in ctx.plan.measured_slas():
        period = latest_closed(KIND_OF[sla.period], ctx.today)
        if any(m.period == period for m in sla.measurements):
            continue
        path = (*sla.path, "measurements")
        if not ctx.positions.has(path):
            path = (*sla.path, "id")
        yield Hit(
            path,
            f"{sla.id} '{sla.name}' has no measurement for {period.label}, its latest closed period:"
            f' add {{period: "{period.label}", value: ...}} to measurements',
            at_key=True,
        )
