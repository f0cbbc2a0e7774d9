"""## What it does
Reports escalation levels that are not numbered 1, 2, 3, ... in order: a ladder
that starts elsewhere, skips a number, or repeats one.

## Why is this bad?
People escalate by level number ("go to level 2"). With levels 1 and 3 nobody knows
whether a level 2 was forgotten, and with two levels 2 nobody knows which one to
call. (ASP502 checks the `after` delays and the executive at the top.)

## Example
```yaml
escalation:
  - {level: 1, contact: maria.lopez, after: 4h}
  - {level: 3, contact: ana.ruiz, after: 3d}
```

## Use instead
```yaml
escalation:
  - {level: 1, contact: maria.lopez, after: 4h}
  - {level: 2, contact: ana.ruiz, after: 3d}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP212"
NAME = "escalation-levels"
SEVERITY = Severity.ERROR
SUMMARY = "escalation levels not numbered 1..n in order, without gaps or repeats"


def check(ctx: PlanContext) -> Iterator[Hit]:
    for expected, level in enumerate(ctx.plan.escalation, start=1):
        if level.level != expected:
            yield Hit(
                (*level.path, "level"),
                f"escalation level {level.level} is entry {expected} of the ladder: number the levels"
                f" 1 to {len(ctx.plan.escalation)} in order, without gaps or repeats",
            )
            return  # one finding per ladder: the rest follows from renumbering
