"""ASP209: a credit that can exceed the period's fee, or a cap with no fee to cap; and the 100 % ceiling."""

from __future__ import annotations

from decimal import Decimal

from asplan.model.sla import Credit
from asplan.sla.credits import period_credit
from helpers import check_text, lint, messages, plan

FEE = "  tier: high\n  contract: {fee: {amount: 2000, currency: EUR, per: month}}"
TEXT = plan(
    """\
    slas:
      - {id: SLA-1, name: Availability, target: ">= 99.9%", penalty: per breach,
         credit: {amount: "2500 EUR"}}
    """
).replace("  tier: high", FEE)


def test_amount_over_the_period_fee_points_at_the_amount() -> None:
    assert lint(TEXT, "ASP209") == [("ASP209", 12, 23)]
    assert messages(check_text(TEXT, select=["ASP209"]), "ASP209") == [
        "SLA-1: a credit of 2500 EUR per breach is more than the fee of one month (2000.00 EUR);"
        " a period's credits stop at its fee"
    ]


def test_yearly_fee_is_split_per_period() -> None:
    yearly = TEXT.replace("per: month", "per: year").replace("amount: 2000,", "amount: 24000,")
    assert lint(yearly, "ASP209") == [("ASP209", 12, 23)]
    quarterly = yearly.replace('penalty: per breach,', 'period: quarterly, penalty: per breach,')
    assert lint(quarterly, "ASP209") == []  # 24000 / 4 = 6000 a quarter


def test_amount_within_the_fee_passes() -> None:
    assert lint(TEXT.replace('"2500 EUR"', '"500 EUR"'), "ASP209") == []
    assert lint(TEXT.replace('"2500 EUR"', "2000"), "ASP209") == []


def test_cap_without_a_fee_cannot_apply() -> None:
    text = TEXT.replace(FEE, "  tier: high").replace('{amount: "2500 EUR"}', '{amount: "500 EUR", cap_percent: 50}')
    assert lint(text, "ASP209") == [("ASP209", 11, 47)]


def test_cap_percent_over_100_is_asp102() -> None:
    text = TEXT.replace('{amount: "2500 EUR"}', "{percent: 10, cap_percent: 150}")
    assert lint(text, "ASP102", "ASP209") == [("ASP102", 12, 41)]


def test_credits_never_exceed_the_period_fee() -> None:
    """15 breached tickets at 10 % each are the whole fee, not 150 % of it; no cap written."""
    fee = Decimal(2000)
    percent = Credit.model_validate({"percent": 10})
    assert period_credit(percent, [Decimal(1)] * 15, fee, "EUR").amount == Decimal(2000)
    assert period_credit(percent, [Decimal(1)] * 3, fee, "EUR").amount == Decimal(600)
    amount = Credit.model_validate({"amount": "900 EUR"})
    assert period_credit(amount, [Decimal(1)] * 3, fee, "EUR").amount == Decimal(2000)
    tiers = Credit.model_validate({"tiers": [{"below": 99, "percent": 60}]})
    assert period_credit(tiers, [Decimal(98), Decimal(97)], fee, "EUR").amount == Decimal(2000)
    capped = Credit.model_validate({"percent": 10, "cap_percent": 25})
    assert period_credit(capped, [Decimal(1)] * 15, fee, "EUR").amount == Decimal(500)
