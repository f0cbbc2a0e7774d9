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
    from asplan.sla.engine import evaluate_plan
    from asplan.sla.events import EventFileError, EventTable
    from asplan.sla.report import number
    from asplan.sla.timed import SlaDefinitionError

    tables: dict[str, EventTable] = {}  # each event file read once, however many SLAs use it
    for sla in ctx.plan.slas:
        try:
            report = evaluate_plan(ctx.plan, ctx.file, ctx.today, selection="last", slas=[sla], table_cache=tables)
        except (EventFileError, SlaDefinitionError):
            continue  # ASP206 / ASP202 say why this SLA cannot be computed
        for result in report.slas:
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
                    figure = f"{number(period.value)} against {sla.target}"
                yield Hit(where, f"{sla.id} '{sla.name}' breached in {label}: {figure}{cost}")
