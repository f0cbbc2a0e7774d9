"""## What it does
Reports a percentage KPI (`unit: "%"`) whose `target`, `baseline` or a measurement
is over 100.

## Why is this bad?
A share cannot be more than all of it: "on-time deliveries 120 %" is a typo (12.0?
100?) or a KPI that is not a percentage. Progress towards an impossible target is
drawn as never reached, in every report the client reads.

## Example
```yaml
kpis:
  - {id: KPI-3, name: On-time deliveries, unit: "%", baseline: 82, target: 105}
```

## Use instead
```yaml
kpis:
  - {id: KPI-3, name: On-time deliveries, unit: "%", baseline: 82, target: 95}
```
A growth rate, which can pass 100, is better named by its unit: `unit: "% YoY"`.
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP213"
NAME = "kpi-percent-over-100"
SEVERITY = Severity.ERROR
SUMMARY = "percentage KPI with a target, baseline or measurement over 100"


def check(ctx: PlanContext) -> Iterator[Hit]:
    for kpi in ctx.plan.kpis():
        if (kpi.unit or "").strip() != "%":
            continue
        for field, value in (("target", kpi.target), ("baseline", kpi.baseline)):
            if value is not None and value > 100:
                yield Hit(
                    (*kpi.path, field),
                    f"KPI {kpi.id} is a percentage, so its {field} {value:g} cannot be over 100",
                )
        for i, measurement in enumerate(kpi.measurements):
            if measurement.value > 100:
                yield Hit(
                    (*kpi.path, "measurements", i, "value"),
                    f"KPI {kpi.id} is a percentage, so the measurement of {measurement.date}"
                    f" ({measurement.value:g}) cannot be over 100",
                )
