"""## What it does
Warns about a KPI whose target is not beyond its baseline in its `direction`
(`increase`: target > baseline; `decrease`: target < baseline).

## Why is this bad?
A target equal to the baseline, or on the wrong side of it, is usually a swapped
pair of numbers or a forgotten `direction: decrease`, and progress is then drawn
backwards in every report.

## Example
```yaml
kpis:
  - {id: KPI-2, name: Incidents per month, baseline: 40, target: 25}
```

## Use instead
```yaml
kpis:
  - {id: KPI-2, name: Incidents per month, baseline: 40, target: 25, direction: decrease}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.model.objectives import Direction
from asplan.rules.base import Hit, PlanContext

CODE = "ASP508"
NAME = "kpi-target-direction"
SEVERITY = Severity.WARNING
SUMMARY = "KPI target not beyond its baseline in its direction"


def check(ctx: PlanContext) -> Iterator[Hit]:
    for kpi in ctx.plan.kpis():
        if kpi.baseline is None or kpi.target is None:
            continue
        increase = kpi.direction == Direction.increase
        if (increase and kpi.target > kpi.baseline) or (not increase and kpi.target < kpi.baseline):
            continue
        word = "above" if increase else "below"
        yield Hit(
            (*kpi.path, "target"),
            f"KPI {kpi.id}: target {kpi.target:g} is not {word} baseline {kpi.baseline:g}"
            f" (direction: {kpi.direction.value})",
        )
