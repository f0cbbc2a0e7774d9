"""## What it does
Warns when the key-account selection does not have 3 to 8 criteria, or when their
weights do not sum to 100. A plan without `selection` gets this warning too.

## Why is this bad?
Key accounts are chosen on a few objective, weighted criteria; fewer than three is
a hunch, more than eight is noise, and weights that do not sum to 100 make the
score meaningless across accounts.

## Example
```yaml
selection:
  criteria:
    - {name: Revenue potential, weight: 60, score: 4}
    - {name: Strategic fit, weight: 30, score: 5}
```

## Use instead
```yaml
selection:
  criteria:
    - {name: Revenue potential, weight: 50, score: 4}
    - {name: Strategic fit, weight: 30, score: 5}
    - {name: Relationship, weight: 20, score: 3}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP503"
NAME = "selection-criteria"
SEVERITY = Severity.WARNING
SUMMARY = "selection criteria not 3-8, or weights not summing to 100"


def check(ctx: PlanContext) -> Iterator[Hit]:
    selection = ctx.plan.selection
    criteria = selection.criteria if selection is not None else []
    path = selection.path if selection is not None else ()
    if not 3 <= len(criteria) <= 8:
        where = (*path, "criteria") if selection is not None and "criteria" in ctx.data.get("selection", {}) else path
        yield Hit(where, f"{len(criteria)} selection criteria: use 3 to 8 weighted criteria", at_key=True)
    if selection is not None and criteria:
        total = selection.total_weight()
        if total != 100:
            yield Hit((*path, "criteria"), f"selection weights sum to {total.normalize():f}, not 100", at_key=True)
