"""## What it does
Warns when `services.in_scope` lists nothing.

## Why is this bad?
The service definition is the exact scope contracted. Without it every request is
in scope, and every dispute is about what was promised.

## Example
```yaml
services:
  out_of_scope: [{name: On-site support}]
```

## Use instead
```yaml
services:
  in_scope: [{name: 24x7 platform operation, description: ...}]
  out_of_scope: [{name: On-site support}]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP507"
NAME = "empty-scope"
SEVERITY = Severity.WARNING
SUMMARY = "nothing in `services.in_scope`"


def check(ctx: PlanContext) -> Iterator[Hit]:
    services = ctx.plan.services
    if services is None or not services.in_scope:
        path = ctx.section_key("services")
        yield Hit(path, "no services in scope: list what is contracted in services.in_scope", at_key=True)
