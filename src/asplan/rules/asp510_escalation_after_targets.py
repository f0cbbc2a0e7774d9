"""## What it does
Warns when the first escalation level's `after` is longer than the target of every
timed SLA (every SLA with `stop` whose target is a deadline: `<= 8h`, `< 30m`).
The first level is the one with the lowest `level` number. Durations are compared as
written (`after: 1d` against `target: "<= 8h"`), the way a reader of the contract
compares them.

## Why is this bad?
Escalation is there to save a ticket *before* it breaches: someone with more
authority steps in while there is still time to meet the commitment. When the first
level comes later than the longest SLA target, every ticket that escalates has
already breached every SLA on it: the credit is owed before anyone is called, and
the client hears about the breach from the invoice. Escalate while the SLA can
still be met, at or before the longest target (often well before the shortest).

## Example
```yaml
slas:
  - {id: SLA-3, name: First response P1, where: {priority: P1}, stop: first_response,
     target: "<= 30m", penalty: 2 % per late ticket}
  - {id: SLA-4, name: Resolution P2, where: {priority: P2}, stop: resolved,
     target: "<= 8h", penalty: 5 % per breached month}
escalation:
  - {level: 1, contact: maria.lopez, after: 1d}
```

## Use instead
```yaml
escalation:
  - {level: 1, contact: maria.lopez, after: 4h}
  - {level: 2, contact: ana.ruiz, after: 1d}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP510"
NAME = "escalation-after-targets"
SEVERITY = Severity.WARNING
SUMMARY = "the first escalation level comes after every timed SLA's target"


def check(ctx: PlanContext) -> Iterator[Hit]:
    deadlines = [
        sla for sla in ctx.plan.slas if sla.timed and sla.target.duration is not None and sla.target.lower_is_better
    ]
    if not deadlines or not ctx.plan.escalation:
        return
    first = min(ctx.plan.escalation, key=lambda level: level.level)
    longest = max(deadlines, key=lambda sla: sla.target.value)
    assert longest.target.duration is not None  # filtered above
    if first.after > longest.target.duration:
        which = (
            f"{longest.id}'s target, {longest.target}"
            if len(deadlines) == 1
            else f"every timed SLA's target (the longest: {longest.id} {longest.target})"
        )
        yield Hit(
            (*first.path, "after"),
            f"escalation level {first.level} after {first.after} is later than {which}: a ticket escalates"
            f" only once it has breached; escalate at {longest.target.duration} or sooner",
        )
