"""## What it does
Reports a measured SLA's measurement whose period is not of the SLA's `period`
kind (`2026-Q3` on a monthly SLA), or that repeats a period already measured.

## Why is this bad?
Each period's value decides that period's credit, computed on that period's share of
the fee: a quarter label on a monthly SLA is credited against three months of fees,
and with two values for one month only one of them can count, with nothing saying
which. (A measurement for a period that has not started is ASP308.)

## Example
```yaml
slas:
  - id: SLA-1
    name: Platform availability
    target: ">= 99.9%"
    period: monthly
    measurements:
      - {period: "2026-09", value: 99.95}
      - {period: "2026-Q3", value: 99.80}
      - {period: "2026-09", value: 99.70}
```

## Use instead
```yaml
    measurements:
      - {period: "2026-09", value: 99.70}
      - {period: "2026-10", value: 99.95}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.model.scalars import PeriodLabel
from asplan.periods import KIND_OF
from asplan.rules.base import Hit, PlanContext, Scope

CODE = "ASP208"
NAME = "measurement-period"
SEVERITY = Severity.ERROR
SUMMARY = "SLA measurement for a period of another kind, or for a period measured twice"
SCOPE = Scope.VALIDATE

_EXAMPLE = {"month": "2026-10", "quarter": "2026-Q4", "week": "2026-W44", "year": "2026"}


def check(ctx: PlanContext) -> Iterator[Hit]:
    for sla in ctx.plan.measured_slas():  # ASP207: a timed SLA's measurements are an error of their own
        kind = KIND_OF[sla.period]
        first: dict[PeriodLabel, int] = {}
        for i, measurement in enumerate(sla.measurements):
            period = measurement.period
            where = (*sla.path, "measurements", i, "period")
            if period.kind != kind:
                yield Hit(
                    where,
                    f"{sla.id} is {sla.period.value}, so each measurement is for one {kind}"
                    f" (like {_EXAMPLE[kind]!r}), not the {period.kind} {period.label}",
                )
                continue
            if period in first:
                yield Hit(
                    where,
                    f"{sla.id}: period {period.label} is already measured (measurements[{first[period]}]):"
                    " keep one value per period",
                )
                continue
            first[period] = i
