"""## What it does
Warns when the contract is in its renewal window: today is on or after
`contract.end` - `renewal_notice_days` (90 by default) and on or before `end`.
Reports an **error** once the contract has expired (`end` is in the past).

## Why is this bad?
Renewal notice periods are contractual: miss the window and the contract renews on
old terms, or lapses. An expired contract means the service runs without one.

## Example
```yaml
# today is 2026-11-23
account:
  contract: {id: MSA-2024-017, start: 2024-01-01, end: 2026-12-31, renewal_notice_days: 90}
```

## Use instead
Renew, then record the new term:
```yaml
account:
  contract: {id: MSA-2027-002, start: 2027-01-01, end: 2029-12-31, renewal_notice_days: 90}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.agenda import Kind, Status, contract_items
from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP306"
NAME = "contract-renewal"
SEVERITY = Severity.WARNING
SUMMARY = "contract in its renewal window, or expired (error)"


def check(ctx: PlanContext) -> Iterator[Hit]:
    items = {item.kind: item for item in contract_items(ctx.plan, ctx.today, ctx.settings.warn_days)}
    end = items.get(Kind.contract_end)
    if end is None:
        return
    contract = ctx.plan.contract
    if contract is not None and contract.start is not None and end.date < contract.start:
        return  # ends before it starts: ASP308 reports the dates, one mistake is one finding
    label = "the contract" if end.id == "contract" else f"contract {end.id}"  # no id: not "contract contract"
    if end.status is Status.overdue:
        yield Hit(
            end.path,
            f"{label} expired on {end.date.isoformat()} ({-end.days} days ago): renew it and record"
            " the new term",
            severity=Severity.ERROR,
        )
        return
    window = items.get(Kind.contract_renewal)
    if window is not None and window.days <= 0:
        yield Hit(
            window.path,
            f"{label} is in its renewal window: it ends on {end.date.isoformat()} (in {end.days} days);"
            f" the notice period opened on {window.date.isoformat()}",
        )
