"""## What it does
Warns when no client-side person has `decision_maker: true`.

## Why is this bad?
If the plan does not say who decides on the client side, proposals and change
requests go to the wrong desk.

## Example
```yaml
people:
  - {id: carlos.gomez, name: Carlos Gómez, side: client}
```

## Use instead
```yaml
people:
  - {id: carlos.gomez, name: Carlos Gómez, side: client, decision_maker: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.model.people import Side
from asplan.rules.base import Hit, PlanContext, has_dropped_entries

CODE = "ASP505"
NAME = "no-decision-maker"
SEVERITY = Severity.WARNING
SUMMARY = "no decision maker on the client side"


def check(ctx: PlanContext) -> Iterator[Hit]:
    if has_dropped_entries(ctx.data, "people", len(ctx.plan.people)):
        return  # a person's entry is invalid (reported there): the missing one may be that person
    if not any(p.side == Side.client and p.decision_maker for p in ctx.plan.people):
        path = ctx.section_key("people")
        yield Hit(path, "no client-side decision maker: mark who decides with decision_maker: true", at_key=True)
