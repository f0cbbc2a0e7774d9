"""## What it does
Warns when `people` has nobody on the client side, or nobody on the provider side.

## Why is this bad?
A service plan maps *both* organisations: who is who, who decides, who to call.
A one-sided map is half a relationship.

## Example
```yaml
people:
  - {id: maria.lopez, name: María López, side: provider}
```

## Use instead
```yaml
people:
  - {id: maria.lopez, name: María López, side: provider}
  - {id: carlos.gomez, name: Carlos Gómez, side: client, decision_maker: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.model.people import Side
from asplan.rules.base import Hit, PlanContext, has_dropped_entries

CODE = "ASP504"
NAME = "both-sides"
SEVERITY = Severity.WARNING
SUMMARY = "no people on the client side, or none on the provider side"


def check(ctx: PlanContext) -> Iterator[Hit]:
    if has_dropped_entries(ctx.data, "people", len(ctx.plan.people)):
        return  # a person's entry is invalid (reported there): the missing one may be that person
    sides = {p.side for p in ctx.plan.people}
    path = ctx.section_key("people")
    for side in (Side.client, Side.provider):
        if side not in sides:
            yield Hit(path, f"nobody on the {side.value} side in people", at_key=True)
