"""What a period's breaches cost: service credits, in ``Decimal``, rounded only when printed.

Credits are money owed to a client, so they are summed unrounded (a yearly fee / 12
is not a whole number of cents) and rounded half-even to cents once, in
:func:`format_money`, the way an invoice total is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final

from asplan.model.sla import Credit, CreditTier

_CENT: Final = Decimal("0.01")
_HUNDRED: Final = Decimal(100)


@dataclass(frozen=True)
class Charge:
    """A period's credit. ``amount`` is ``None`` when it cannot be known (a percent with no fee)."""

    amount: Decimal | None
    currency: str | None
    note: str | None = None


def tier_percent(tiers: Sequence[CreditTier], value: Decimal) -> Decimal:
    """The highest percent among the tiers ``value`` falls into (strictly below / above); 0 if none.

    "The worst tier applies": 98.5 against {below 99.9: 10, below 99.0: 25} is 25,
    and 99.9 exactly is in no tier.
    """
    best = Decimal(0)
    for tier in tiers:
        inside = (tier.below is not None and value < tier.below) or (tier.above is not None and value > tier.above)
        if inside and tier.percent > best:
            best = tier.percent
    return best


def period_credit(
    credit: Credit | None,
    breach_values: Sequence[Decimal],
    period_fee: Decimal | None,
    fee_currency: str | None,
) -> Charge:
    """The credit for one period with one breach per entry of ``breach_values``.

    Each breach costs ``percent`` of the period fee, the percent of the worst tier its
    value falls into, or the fixed ``amount``; the sum is capped at ``cap_percent`` of
    the period fee, and never exceeds the period fee itself (spec §7.1). Nothing
    carries over from another period.
    """
    if credit is None:
        return Charge(Decimal(0), fee_currency)
    if credit.amount is not None:
        currency = credit.amount.currency or fee_currency
        total = credit.amount.amount * len(breach_values)
        if period_fee is not None and currency == fee_currency:
            cap = min(credit.cap_percent, _HUNDRED) if credit.cap_percent is not None else _HUNDRED
            total = min(total, period_fee * cap / _HUNDRED)
        return Charge(total, currency)
    if not breach_values:
        return Charge(Decimal(0), fee_currency)
    if period_fee is None:
        return Charge(None, None, "a percent credit needs account.contract.fee")
    if credit.percent is not None:
        percent = credit.percent * len(breach_values)
    else:
        percent = sum((tier_percent(credit.tiers, v) for v in breach_values), Decimal(0))
    # Never more than the period's fee: 15 breached tickets at 10 % each are the whole fee, not 150 %.
    percent = min(percent, credit.cap_percent if credit.cap_percent is not None else _HUNDRED, _HUNDRED)
    return Charge(period_fee * percent / _HUNDRED, fee_currency)


def format_money(amount: Decimal) -> str:
    """Half-even to cents: ``1225.005`` -> ``1225.00``, ``1225.015`` -> ``1225.02``."""
    return str(amount.quantize(_CENT, rounding=ROUND_HALF_EVEN))
