"""ASP210: a credit amount in another currency than the contract fee."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan

TEXT = plan(
    """\
    slas:
      - {id: SLA-1, name: Availability, target: ">= 99.9%", penalty: per breach,
         credit: {amount: "500 USD"}}
    """
).replace("  tier: high", "  tier: high\n  contract: {fee: {amount: 20000, currency: EUR, per: month}}")


def test_other_currency_points_at_the_amount() -> None:
    assert lint(TEXT, "ASP210") == [("ASP210", 12, 23)]
    assert messages(check_text(TEXT, select=["ASP210"]), "ASP210") == [
        "SLA-1: credit 500 USD is in USD, the contract fee in EUR: state the credit in EUR (or without a currency)"
    ]


def test_same_currency_or_none_passes() -> None:
    assert lint(TEXT.replace("500 USD", "500 EUR"), "ASP210") == []
    assert lint(TEXT.replace('"500 USD"', "500"), "ASP210") == []


def test_without_a_fee_there_is_nothing_to_compare() -> None:
    text = TEXT.replace("\n  contract: {fee: {amount: 20000, currency: EUR, per: month}}", "")
    assert lint(text, "ASP210") == []
