"""Credits, period fees and period arithmetic, with hand-computed money."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from asplan.model.account import Fee, FeePer
from asplan.model.scalars import PeriodLabel
from asplan.model.sla import Credit, CreditTier, Sla
from asplan.periods import latest_closed, overlapping, period_fee
from asplan.sla.credits import format_money, period_credit, tier_percent
from asplan.sla.measured import measured_periods

D = Decimal
TIERS = [CreditTier(below=D("99.9"), percent=D(10)), CreditTier(below=D("99.0"), percent=D(25))]


def test_worst_tier_applies_and_the_bound_itself_is_in_no_tier() -> None:
    assert tier_percent(TIERS, D("98.5")) == 25
    assert tier_percent(TIERS, D("99.5")) == 10
    assert tier_percent(TIERS, D("99.9")) == 0
    above = [CreditTier(above=D(30), percent=D(1)), CreditTier(above=D(60), percent=D(3))]
    assert tier_percent(above, D(61)) == 3
    assert tier_percent(above, D(30)) == 0


def test_tiers_with_a_cap() -> None:
    credit = Credit(tiers=TIERS, cap_percent=D(20))
    # 98.5 falls in the 25 % tier, capped at 20 % of a 24,500 fee: 4,900.
    assert period_credit(credit, [D("98.5")], D(24500), "EUR").amount == D(4900)
    # 99.5 is in the 10 % tier, under the cap: 2,450.
    assert period_credit(credit, [D("99.5")], D(24500), "EUR").amount == D(2450)


def test_percent_per_breach_is_capped_per_period() -> None:
    credit = Credit(percent=D(2), cap_percent=D(5))
    # Three breached events at 2 % each is 6 %, capped at 5 % of 10,000: 500.
    assert period_credit(credit, [D(40), D(45), D(50)], D(10000), "EUR").amount == D(500)
    assert period_credit(credit, [], D(10000), "EUR").amount == 0


def test_fixed_amount_per_breach_in_its_own_currency() -> None:
    credit = Credit.model_validate({"amount": "500 GBP"})
    charge = period_credit(credit, [D("99.91"), D("99.90")], None, None)
    assert (charge.amount, charge.currency) == (D(1000), "GBP")


def test_percent_without_a_fee_cannot_be_priced() -> None:
    charge = period_credit(Credit(percent=D(3)), [D(99)], None, None)
    assert charge.amount is None


def test_quarterly_period_with_a_yearly_fee() -> None:
    yearly = Fee(amount=D(120000), currency="EUR", per=FeePer.year)
    assert period_fee(yearly, "quarter") == D(30000)
    assert period_fee(yearly, "month") == D(10000)
    monthly = Fee(amount=D(24500), currency="EUR", per=FeePer.month)
    assert period_fee(monthly, "quarter") == D(73500)
    # A week is a 52nd of the year: 24,500 x 12 / 52 = 5,653.846... -> 5,653.85 printed.
    assert format_money(period_fee(monthly, "week")) == "5653.85"
    sla = Sla.model_validate(
        {"id": "SLA-1", "name": "Availability", "target": ">= 99.5%", "period": "quarterly",
         "penalty": "5 % of the quarter's fee", "credit": {"percent": 5},
         "measurements": [{"period": "2026-Q2", "value": 99.7}, {"period": "2026-Q3", "value": 99.2}]}
    )  # fmt: skip
    results = measured_periods(sla, date(2026, 11, 23), yearly)
    assert [(r.period.label, r.status) for r in results] == [("2026-Q2", "met"), ("2026-Q3", "breached")]
    charge = results[1].charge
    assert charge is not None and charge.amount == D(1500)  # 5 % of 120,000 / 4


def test_half_even_rounding_only_when_printed() -> None:
    assert format_money(D("1225.005")) == "1225.00"
    assert format_money(D("1225.015")) == "1225.02"


def test_latest_closed_and_overlapping_periods() -> None:
    assert latest_closed("month", date(2026, 11, 23)).label == "2026-10"
    assert latest_closed("month", date(2026, 11, 1)).label == "2026-10"
    assert latest_closed("quarter", date(2026, 11, 23)).label == "2026-Q3"
    assert latest_closed("week", date(2026, 11, 23)).label == "2026-W47"
    assert latest_closed("year", date(2026, 11, 23)).label == "2025"
    assert [p.label for p in overlapping("quarter", PeriodLabel("2026-10"))] == ["2026-Q4"]
    assert len(overlapping("month", PeriodLabel("2026"))) == 12


def test_measured_no_data_and_open() -> None:
    sla = Sla.model_validate(
        {"id": "SLA-1", "name": "Availability", "target": ">= 99.9%", "penalty": "credit",
         "measurements": [{"period": "2026-08", "value": 99.95}, {"period": "2026-11", "value": 99.1}]}
    )  # fmt: skip
    results = measured_periods(sla, date(2026, 11, 23), None)
    assert [(r.period.label, r.status) for r in results] == [
        ("2026-08", "met"),
        ("2026-09", "no_data"),
        ("2026-10", "no_data"),
        ("2026-11", "open"),
    ]
