"""## What it does
Reports an SLA that was breached in its latest closed period (the last month,
quarter, week or year that ended before today): a measured value that fails its
target, or, for a timed SLA, events over the target (or a share of events on time
that fails the `objective`). The message names the period, the figure and the credit.

## Why is this bad?
A breach costs money (the credit) and trust. The client's service report will show
it; the account manager should hear it from CI first, with the figure, not at the
monthly committee.

## Example
```yaml
slas:
  - id: SLA-1
    name: Platform availability
    target: ">= 99.9%"
    penalty: 10 % of the monthly fee.
    credit: {percent: 10}
    measurements:
      - {period: "2026-10", value: 99.82}   # today is 2026-11-23
```

## Use instead
Record the corrective action in `actions` and discuss it in the next review. The
finding stays while the breach is the latest closed period; silence one you have
dealt with on its line with `# asplan: ignore[ASP401]`.
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP401"
NAME = "sla-breached"
SEVERITY = Severity.WARNING
SUMMARY = "SLA breached in the latest closed period"


def check(ctx: PlanContext) -> Iterator[Hit]:
    if not ctx.plan.slas:
        return
    from asplan.sla.credits import format_money
    from asplan.sla.report import number

    for result in ctx.latest_slas().slas:
        sla = result.sla
        for period in result.periods:
            if period.status != "breached":
                continue
            charge = period.charge
            cost = ""
            if charge is not None and charge.amount:
                cost = f"; credit {format_money(charge.amount)} {charge.currency or ''}".rstrip()
            label = period.period.label
            if sla.timed:
                late = len(period.breached_events)
                where = (*sla.path, "target")
                figure = f"{late} event{'s' if late != 1 else ''} over {sla.target}"
                if sla.objective is not None:
                    figure += f", {number(period.value)}% on time against {sla.objective}"
            else:
                index = max(i for i, m in enumerate(sla.measurements) if m.period == period.period)
                where = (*sla.path, "measurements", index, "value")
                unit = "%" if sla.target.kind == "percent" else ""  # "99.42% against >= 99.9%": one unit
                figure = f"{number(period.value)}{unit} against {sla.target}"
            yield Hit(where, f"{sla.id} '{sla.name}' breached in {label}: {figure}{cost}")
