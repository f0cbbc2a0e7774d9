"""## What it does
Reports an SLA without `penalty`: the impact of missing it, stated in words.

## Why is this bad?
An SLA is a commitment only when both sides know what missing it means: a credit, a
corrective plan, an escalation. Without that sentence, a breach is an argument, and
the client's document lists a target that seems to cost nothing.

## Example
```yaml
slas:
  - id: SLA-1
    name: Platform availability
    target: ">= 99.9%"
```

## Use instead
```yaml
slas:
  - id: SLA-1
    name: Platform availability
    target: ">= 99.9%"
    penalty: Each month below target credits 10 % of the monthly fee.
    credit: {percent: 10}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP403"
NAME = "sla-without-penalty"
SEVERITY = Severity.WARNING
SUMMARY = "SLA without a stated penalty/impact"


def check(ctx: PlanContext) -> Iterator[Hit]:
    for sla in ctx.plan.slas:
        if sla.penalty is None or not sla.penalty.strip():
            path = (*sla.path, "penalty") if sla.penalty is not None else (*sla.path, "id")
            yield Hit(
                path,
                f"{sla.id} '{sla.name}' states no penalty: say in words what missing it costs"
                " (a credit, a corrective plan, an escalation)",
                at_key=True,
            )
