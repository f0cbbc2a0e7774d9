"""## What it does
Reports a fixed credit `amount` per breach that is more than the fee of one SLA
period, and a `cap_percent` that cannot apply because the plan states no fee to take
the percentage of (`account.contract.fee`). A `percent` or `cap_percent` over 100
is an error already (ASP102).

## Why is this bad?
A period's credits never exceed that period's fee: `asplan sla` stops every period
at 100 % of it. An amount per breach above the fee, or a cap that has nothing to cap,
means the contract says something other than what the figures will show, and the
difference is found at invoicing time.

## Example
```yaml
account:
  contract: {fee: {amount: 2000, currency: EUR, per: month}}
slas:
  - {id: SLA-1, name: Availability, target: ">= 99.9%", penalty: ...,
     credit: {amount: "2500 EUR"}}
```

## Use instead
```yaml
slas:
  - {id: SLA-1, name: Availability, target: ">= 99.9%", penalty: ...,
     credit: {amount: "500 EUR", cap_percent: 50}}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.periods import KIND_OF, period_fee
from asplan.rules.base import Hit, PlanContext, Scope

CODE = "ASP209"
NAME = "credit-ceiling"
SEVERITY = Severity.ERROR
SUMMARY = "credit that can exceed the period's fee, or a cap with no fee to cap"
SCOPE = Scope.VALIDATE


def check(ctx: PlanContext) -> Iterator[Hit]:
    from asplan.sla.credits import format_money

    fee = ctx.plan.contract_fee
    for sla in ctx.plan.slas:
        credit = sla.credit
        if credit is None or credit.amount is None:
            continue
        if fee is None:
            if credit.cap_percent is not None:
                yield Hit(
                    (*credit.path, "cap_percent"),
                    f"{sla.id}: cap_percent is a share of the period's fee, and the plan states none:"
                    " add account.contract.fee, or remove the cap",
                )
            continue
        currency = credit.amount.currency or fee.currency
        if currency != fee.currency:
            continue  # ASP210
        kind = KIND_OF[sla.period]
        limit = period_fee(fee, kind)
        if credit.amount.amount > limit:
            yield Hit(
                (*credit.path, "amount"),
                f"{sla.id}: a credit of {credit.amount} per breach is more than the fee of one {kind}"
                f" ({format_money(limit)} {fee.currency}); a period's credits stop at its fee",
            )
