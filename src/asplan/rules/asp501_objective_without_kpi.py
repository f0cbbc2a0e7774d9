"""## What it does
Warns about an objective with no KPI.

## Why is this bad?
An objective without a measure of success cannot be reviewed: nobody can say whether
it was met. Good plans state a baseline and a target for each.

## Example
```yaml
objectives:
  - {id: OBJ-1, title: Improve deliveries}
```

## Use instead
```yaml
objectives:
  - id: OBJ-1
    title: Improve deliveries
    kpis:
      - {id: KPI-1, name: On-time deliveries, unit: "%", baseline: 82, target: 95}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP501"
NAME = "objective-without-kpi"
SEVERITY = Severity.WARNING
SUMMARY = "objective without a KPI"


def check(ctx: PlanContext) -> Iterator[Hit]:
    for objective in ctx.plan.objectives:
        if not objective.kpis and not _kpis_written(ctx, objective.path):
            yield Hit(objective.path, f"objective {objective.id} has no KPI: add how success is measured")


def _kpis_written(ctx: PlanContext, path: tuple[str | int, ...]) -> bool:
    """KPIs were written but none validated: their own findings say why (one mistake, one finding)."""
    raw: Any = ctx.data
    for part in path:
        try:
            raw = raw[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(raw, dict) and isinstance(raw.get("kpis"), list) and bool(raw["kpis"])
