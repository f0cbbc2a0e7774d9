"""## What it does
Warns when the escalation chain is empty, when `after` does not grow strictly from
one level to the next, or when the last level's contact is not an executive
(`executive: true`).

## Why is this bad?
Escalation exists for the day things go wrong; a ladder that stops short of the top,
or that escalates level 3 before level 2, fails on exactly that day.

## Example
```yaml
escalation:
  - {level: 1, contact: maria.lopez, after: 1d}
  - {level: 2, contact: juan.perez, after: 4h}
```

## Use instead
```yaml
escalation:
  - {level: 1, contact: maria.lopez, after: 4h}
  - {level: 2, contact: juan.perez, after: 1d}
  - {level: 3, contact: ana.ruiz, after: 3d}   # ana.ruiz has executive: true
```
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP502"
NAME = "escalation-chain"
SEVERITY = Severity.WARNING
SUMMARY = "escalation chain empty, not increasing in `after`, or not ending at an executive"


def check(ctx: PlanContext) -> Iterator[Hit]:
    levels = ctx.plan.escalation
    if not levels:
        path = ctx.section_key("escalation")
        yield Hit(path, "no escalation chain: add levels up to a top executive", at_key=True)
        return
    for previous, current in itertools.pairwise(levels):
        if current.after is not None and previous.after is not None and not current.after > previous.after:
            yield Hit(
                (*current.path, "after"),
                f"escalation level {current.level} after {current.after} is not later than"
                f" level {previous.level} after {previous.after}",
            )
    last = levels[-1]
    person = ctx.plan.person(last.contact)
    if person is not None and not person.executive:
        yield Hit(
            (*last.path, "contact"),
            f"the chain ends at {person.id}, who is not an executive: end it at someone with executive: true",
        )
