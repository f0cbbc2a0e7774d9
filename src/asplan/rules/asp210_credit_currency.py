"""## What it does
Reports a credit `amount` in a currency other than the contract fee's
(`account.contract.fee.currency`). An amount without a currency is in the fee's.

## Why is this bad?
Credits are computed, capped and totalled in the fee's currency. A credit of
`500 USD` against a fee in EUR can be neither capped at a share of the fee nor added
to the other credits of the account: the invoice would mix two currencies.

## Example
```yaml
account:
  contract: {fee: {amount: 20000, currency: EUR, per: month}}
slas:
  - {id: SLA-1, name: Availability, target: ">= 99.9%", penalty: ...,
     credit: {amount: "500 USD"}}
```

## Use instead
```yaml
     credit: {amount: "500 EUR"}}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext, Scope

CODE = "ASP210"
NAME = "credit-currency"
SEVERITY = Severity.ERROR
SUMMARY = "credit amount in another currency than the contract fee"
SCOPE = Scope.VALIDATE


def check(ctx: PlanContext) -> Iterator[Hit]:
    fee = ctx.plan.contract_fee
    if fee is None:
        return
    for sla in ctx.plan.slas:
        credit = sla.credit
        if credit is None or credit.amount is None or credit.amount.currency is None:
            continue
        if credit.amount.currency != fee.currency:
            yield Hit(
                (*credit.path, "amount"),
                f"{sla.id}: credit {credit.amount} is in {credit.amount.currency}, the contract fee in"
                f" {fee.currency}: state the credit in {fee.currency} (or without a currency)",
            )
