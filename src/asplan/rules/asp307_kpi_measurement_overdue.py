"""## What it does
Warns about a KPI whose next measurement is late: the latest measurement's date +
the KPI's `frequency` + `kpi_grace_days` (7 by default, configurable in
`asplan.toml`) is in the past. A KPI without `frequency` or without any measurement
is not reported. The finding points at the latest measurement.

## Why is this bad?
A KPI that is not measured does not measure success: the trend the client sees at
the review stops at the last value somebody remembered to write down.

## Example
```yaml
# today is 2026-11-23
kpis:
  - id: KPI-1
    name: On-time deliveries
    frequency: monthly
    measurements: [{date: 2026-09-30, value: 89.5}]
```

## Use instead
```yaml
    measurements: [{date: 2026-09-30, value: 89.5}, {date: 2026-10-31, value: 90.1}]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.agenda import Status, kpi_items
from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP307"
NAME = "kpi-measurement-overdue"
SEVERITY = Severity.WARNING
SUMMARY = "KPI measurement overdue"


def check(ctx: PlanContext) -> Iterator[Hit]:
    settings = ctx.settings
    for item in kpi_items(ctx.plan, ctx.today, settings.warn_days, settings.kpi_grace_days):
        if item.status is Status.overdue:
            yield Hit(
                item.path,
                f"KPI {item.id} measurement overdue: a new measurement was due by {item.date.isoformat()}"
                f" ({-item.days} days ago, grace of {settings.kpi_grace_days} days included)",
            )
