"""Money and period closure against tables worked out by hand.

Every expected figure below is computed in the comment beside it, from the spec's
rules (§3 "Credits"), not read back from the code. The tables go through the public
functions (``period_credit``, ``tier_percent``, ``period_fee``, ``is_closed``,
``latest_closed``, ``measured_periods``), so a rewrite of their insides keeps them valid.

Each table is aimed at a bug that once survived the whole suite: a "last matching tier
wins" that only shows with tiers listed worst-first, an uncapped fixed amount, per-event
tier credits combined with ``max`` instead of summed, and a period that stays open on
the 1st of the next month.
"""

from __future__ import annotations

import decimal
from datetime import date
from decimal import Decimal

import pytest

from asplan.model.account import Fee, FeePer
from asplan.model.scalars import PeriodLabel
from asplan.model.sla import Credit, CreditTier, Sla
from asplan.periods import is_closed, latest_closed, overlapping, period_fee
from asplan.sla.credits import Charge, format_money, period_credit, tier_percent
from asplan.sla.measured import measured_periods

D = Decimal

# The spec's example tiers, listed best-first (10 % then 25 %) and worst-first.
BEST_FIRST = [CreditTier(below=D("99.9"), percent=D(10)), CreditTier(below=D("99.0"), percent=D(25))]
WORST_FIRST = list(reversed(BEST_FIRST))
# "Lower is better" tiers (minutes over a response target), listed worst-first too.
ABOVE_WORST_FIRST = [
    CreditTier(above=D(240), percent=D(10)),
    CreditTier(above=D(60), percent=D(3)),
    CreditTier(above=D(30), percent=D(1)),
]


# ------------------------------------------------------------------------- tiers


@pytest.mark.parametrize("tiers", [BEST_FIRST, WORST_FIRST], ids=["best-first", "worst-first"])
@pytest.mark.parametrize(
    ("value", "percent"),
    [
        ("98.5", 25),  # below 99.9 and below 99.0: the worst of 10 and 25 is 25
        ("98.99", 25),  # still below 99.0
        ("99.0", 10),  # 99.0 is not below 99.0; it is below 99.9: 10
        ("99.5", 10),  # below 99.9 only
        ("99.9", 0),  # the bound itself is in no tier
        ("100", 0),
    ],
)
def test_the_worst_tier_applies_whatever_the_order(tiers: list[CreditTier], value: str, percent: int) -> None:
    assert tier_percent(tiers, D(value)) == percent


@pytest.mark.parametrize("tiers", [ABOVE_WORST_FIRST, list(reversed(ABOVE_WORST_FIRST))], ids=["worst", "best"])
@pytest.mark.parametrize(
    ("minutes", "percent"),
    [
        (30, 0),  # 30 is not above 30
        (31, 1),  # above 30 only
        (60, 1),  # not above 60
        (61, 3),  # above 30 and 60: the worst is 3
        (240, 3),
        (241, 10),  # above all three: 10
    ],
)
def test_above_tiers_the_worst_applies_whatever_the_order(tiers: list[CreditTier], minutes: int, percent: int) -> None:
    assert tier_percent(tiers, D(minutes)) == percent


def test_worst_first_tiers_price_the_worst_tier() -> None:
    # Monthly fee 24,500; 98.5 falls in the 25 % tier: 24,500 x 25 / 100 = 6,125.
    charge = period_credit(Credit(tiers=WORST_FIRST), [D("98.5")], D(24500), "EUR")
    assert (charge.amount, charge.currency) == (D(6125), "EUR")
    # 99.5 only in the 10 % tier: 2,450.
    assert period_credit(Credit(tiers=WORST_FIRST), [D("99.5")], D(24500), "EUR").amount == D(2450)


# ----------------------------------------------------- per-event tiers, summed


def test_above_tiers_per_event_are_summed_over_the_breaches() -> None:
    # Four late events against the "above" tiers, fee 10,000:
    #   45 min -> 1 %, 90 min -> 3 %, 300 min -> 10 %, 61 min -> 3 %; sum 17 %.
    # 17 % of 10,000 = 1,700 (the largest alone, 10 %, would be 1,000).
    credit = Credit(tiers=ABOVE_WORST_FIRST)
    charge = period_credit(credit, [D(45), D(90), D(300), D(61)], D(10000), "EUR")
    assert charge.amount == D(1700)


def test_summed_tier_credits_are_capped_per_period() -> None:
    # Same four events, cap 15 %: 17 % -> 15 % of 10,000 = 1,500.
    credit = Credit(tiers=ABOVE_WORST_FIRST, cap_percent=D(15))
    assert period_credit(credit, [D(45), D(90), D(300), D(61)], D(10000), "EUR").amount == D(1500)
    # Two events, 1 % + 3 % = 4 %, under the cap: 400.
    assert period_credit(credit, [D(45), D(90)], D(10000), "EUR").amount == D(400)


def test_an_event_in_no_tier_costs_nothing() -> None:
    # 20 minutes is in no "above" tier: 0 % of anything; with a 61 it is 3 % of 10,000 = 300.
    credit = Credit(tiers=ABOVE_WORST_FIRST)
    assert period_credit(credit, [D(20)], D(10000), "EUR").amount == 0
    assert period_credit(credit, [D(20), D(61)], D(10000), "EUR").amount == D(300)


def test_nothing_owed_is_zero_in_the_fee_currency_and_an_unpriceable_credit_says_why() -> None:
    # No credit terms, or no breach: 0 EUR (not "unknown"), in the fee's currency.
    assert period_credit(None, [D(99)], D(10000), "EUR") == Charge(D(0), "EUR")
    assert period_credit(Credit(percent=D(2)), [], D(10000), "EUR") == Charge(D(0), "EUR")
    # A percent of an unknown fee cannot be priced, and the charge says what is missing.
    assert period_credit(Credit(percent=D(2)), [D(99)], None, None) == Charge(
        None, None, "a percent credit needs account.contract.fee"
    )


# ------------------------------------------------------------------------- caps


@pytest.mark.parametrize(
    ("breaches", "cap", "expected"),
    [
        (3, None, "6"),  # 3 x 2 % = 6 %, no cap: 6 % of 10,000 = 600
        (3, "5", "5"),  # 6 % capped at 5 %: 500
        (2, "5", "4"),  # 2 x 2 % = 4 %, under the cap: 400
        (1, "2", "2"),  # exactly at the cap: 2 % -> 200
        (0, "5", "0"),  # no breach, nothing owed
    ],
)
def test_percent_per_breach_and_its_cap(breaches: int, cap: str | None, expected: str) -> None:
    credit = Credit(percent=D(2), cap_percent=D(cap) if cap else None)
    charge = period_credit(credit, [D(99)] * breaches, D(10000), "EUR")
    assert charge.amount == D(10000) * D(expected) / 100


@pytest.mark.parametrize(
    ("fee", "breaches", "expected"),
    [
        # 500 EUR per breach, cap 10 % of the period fee.
        (10000, 3, 1000),  # 3 x 500 = 1,500 > 10 % of 10,000 = 1,000: capped to 1,000
        (20000, 3, 1500),  # 1,500 < 10 % of 20,000 = 2,000: 1,500
        (10000, 2, 1000),  # 2 x 500 = 1,000 = the cap exactly: 1,000
        (10000, 1, 500),  # 500 under the cap
        (10000, 0, 0),
    ],
)
def test_a_fixed_amount_per_breach_is_capped_too(fee: int, breaches: int, expected: int) -> None:
    credit = Credit.model_validate({"amount": "500 EUR", "cap_percent": 10})
    charge = period_credit(credit, [D(99)] * breaches, D(fee), "EUR")
    assert (charge.amount, charge.currency) == (D(expected), "EUR")


def test_a_fixed_amount_without_currency_is_in_the_fee_currency_and_capped() -> None:
    # 400 per breach, no currency: the fee's (EUR). 4 breaches = 1,600; cap 15 % of
    # 10,000 = 1,500.
    credit = Credit.model_validate({"amount": 400, "cap_percent": 15})
    charge = period_credit(credit, [D(1)] * 4, D(10000), "EUR")
    assert (charge.amount, charge.currency) == (D(1500), "EUR")


def test_an_amount_in_another_currency_stays_in_it() -> None:
    # 500 GBP per breach against a EUR fee: two breaches are 1,000 GBP, never
    # converted and never priced in the fee's currency.
    credit = Credit.model_validate({"amount": "500 GBP"})
    charge = period_credit(credit, [D(1), D(2)], D(10000), "EUR")
    assert (charge.amount, charge.currency) == (D(1000), "GBP")


def test_money_is_rounded_half_even_whatever_the_decimal_context() -> None:
    # Half-even to cents, always: 0.125 -> 0.12, 0.135 -> 0.14, 2,307.6923... -> 2,307.69;
    # an ambient context that rounds half-up (or down) must not change a printed credit.
    for rounding in (decimal.ROUND_HALF_UP, decimal.ROUND_DOWN, decimal.ROUND_CEILING):
        with decimal.localcontext(rounding=rounding):
            assert [format_money(D(v)) for v in ("0.125", "0.135", "0.129", "2307.6923")] == [
                "0.12",
                "0.14",
                "0.13",
                "2307.69",
            ]


# ------------------------------------------------------------------ period fees


@pytest.mark.parametrize(
    ("per", "amount", "kind", "printed"),
    [
        # A yearly fee of 120,000:
        (FeePer.year, 120000, "month", "10000.00"),  # / 12
        (FeePer.year, 120000, "quarter", "30000.00"),  # / 4
        (FeePer.year, 120000, "week", "2307.69"),  # / 52 = 2,307.6923...
        (FeePer.year, 120000, "year", "120000.00"),
        # A monthly fee of 24,500:
        (FeePer.month, 24500, "month", "24500.00"),
        (FeePer.month, 24500, "quarter", "73500.00"),  # x 3
        (FeePer.month, 24500, "week", "5653.85"),  # x 12 / 52 = 294,000 / 52 = 5,653.846...
        (FeePer.month, 24500, "year", "294000.00"),  # x 12
    ],
)
def test_period_fee(per: FeePer, amount: int, kind: str, printed: str) -> None:
    fee = Fee(amount=D(amount), currency="EUR", per=per)
    assert format_money(period_fee(fee, kind)) == printed  # type: ignore[arg-type]


def test_a_weekly_credit_on_a_yearly_fee_is_rounded_once() -> None:
    # 1 % per late event, 3 late events in a week, yearly fee 120,000:
    # 3 % of 120,000 / 52 = 3,600 / 52 = 69.2307... -> 69.23.
    # (Rounding each event first, 23.08 x 3, would print 69.24.)
    fee = period_fee(Fee(amount=D(120000), currency="EUR", per=FeePer.year), "week")
    charge = period_credit(Credit(percent=D(1)), [D(31), D(32), D(33)], fee, "EUR")
    assert charge.amount is not None and format_money(charge.amount) == "69.23"
    # 5 % of one quarter of it: 120,000 / 4 x 5 / 100 = 1,500 exactly.
    quarter = period_fee(Fee(amount=D(120000), currency="EUR", per=FeePer.year), "quarter")
    assert period_credit(Credit(percent=D(5)), [D(1)], quarter, "EUR").amount == D(1500)


# --------------------------------------------------------------- period closure


@pytest.mark.parametrize(
    ("label", "today", "closed"),
    [
        ("2026-11", "2026-11-30", False),  # the last day of November: still open
        ("2026-11", "2026-12-01", True),  # the 1st of December: November is over
        ("2026-12", "2026-12-01", False),
        ("2026-Q3", "2026-09-30", False),  # the last day of the quarter
        ("2026-Q3", "2026-10-01", True),  # the day after the quarter
        ("2026-Q4", "2026-10-01", False),
        ("2026-W48", "2026-11-29", False),  # W48 is Mon 11-23 .. Sun 11-29
        ("2026-W48", "2026-11-30", True),
        ("2026", "2026-12-31", False),
        ("2026", "2027-01-01", True),
    ],
)
def test_a_period_closes_on_the_day_after_its_last_day(label: str, today: str, closed: bool) -> None:
    assert is_closed(PeriodLabel(label), date.fromisoformat(today)) is closed


@pytest.mark.parametrize(
    ("kind", "today", "latest"),
    [
        ("month", "2026-12-01", "2026-11"),
        ("month", "2026-11-30", "2026-10"),
        ("month", "2027-01-01", "2026-12"),
        ("quarter", "2026-10-01", "2026-Q3"),
        ("quarter", "2026-09-30", "2026-Q2"),
        ("week", "2026-11-30", "2026-W48"),
        ("week", "2026-11-29", "2026-W47"),
        ("year", "2027-01-01", "2026"),
        ("year", "2026-12-31", "2025"),
    ],
)
def test_latest_closed_period(kind: str, today: str, latest: str) -> None:
    assert latest_closed(kind, date.fromisoformat(today)).label == latest  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "selection", "expected"),
    [
        # --period 2026-11 on a weekly SLA: Sun 11-01 is in W44 (Mon 10-26 .. Sun 11-01)
        # and Mon 11-30 in W49: W44 .. W49.
        ("week", "2026-11", ["2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49"]),
        # 2026-10 ends on Sat 10-31, in W44 too: W40 (Mon 09-28 .. Sun 10-04, holding 10-01) .. W44.
        ("week", "2026-10", ["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44"]),
        ("quarter", "2026-10", ["2026-Q4"]),
        ("month", "2026-Q3", ["2026-07", "2026-08", "2026-09"]),
        ("month", "2026-W49", ["2026-11", "2026-12"]),  # Mon 11-30 .. Sun 12-06
        ("month", "2026-W48", ["2026-11"]),  # Mon 11-23 .. Sun 11-29
    ],
)
def test_overlapping_periods(kind: str, selection: str, expected: list[str]) -> None:
    assert [p.label for p in overlapping(kind, PeriodLabel(selection))] == expected  # type: ignore[arg-type]


def _availability(period: str, measurements: list[tuple[str, float]]) -> Sla:
    return Sla.model_validate(
        {
            "id": "SLA-1",
            "name": "Availability",
            "target": ">= 99.9%",
            "period": period,
            "penalty": "10 % of the period's fee",
            "credit": {"percent": 10},
            "measurements": [{"period": p, "value": v} for p, v in measurements],
        }
    )


MONTHLY_FEE = Fee(amount=D(10000), currency="EUR", per=FeePer.month)


def test_november_is_closed_and_priced_on_the_first_of_december() -> None:
    sla = _availability("monthly", [("2026-10", 99.95), ("2026-11", 99.5)])
    # On 11-30 November is the open period: no credit yet.
    results = measured_periods(sla, date(2026, 11, 30), MONTHLY_FEE)
    assert [(r.period.label, r.status) for r in results] == [("2026-10", "met"), ("2026-11", "open")]
    # ... its figure so far is shown, but nothing is owed.
    assert (results[1].value, results[1].charge) == (D("99.5"), None)
    # On 12-01 it is closed: 99.5 < 99.9 breaches, 10 % of 10,000 = 1,000.
    results = measured_periods(sla, date(2026, 12, 1), MONTHLY_FEE)
    assert [(r.period.label, r.status) for r in results] == [("2026-10", "met"), ("2026-11", "breached")]
    charge = results[1].charge
    assert charge is not None and (charge.amount, charge.currency) == (D(1000), "EUR")


def test_a_period_that_starts_today_is_open_and_listed() -> None:
    # On 12-01 December has started: a figure already recorded for it is shown as open.
    sla = _availability("monthly", [("2026-11", 99.95), ("2026-12", 99.0)])
    results = measured_periods(sla, date(2026, 12, 1), MONTHLY_FEE)
    assert [(r.period.label, r.status, r.value) for r in results] == [
        ("2026-11", "met", D("99.95")),
        ("2026-12", "open", D("99.0")),
    ]


def test_a_quarter_is_closed_and_priced_on_the_day_after() -> None:
    # Quarterly SLA, monthly fee 10,000: a quarter's fee is 30,000, 10 % is 3,000.
    sla = _availability("quarterly", [("2026-Q3", 99.0)])
    # On 09-30 Q3 is open, and Q2 (closed, unmeasured) has no data.
    results = measured_periods(sla, date(2026, 9, 30), MONTHLY_FEE)
    assert [(r.period.label, r.status, r.charge) for r in results] == [
        ("2026-Q2", "no_data", None),
        ("2026-Q3", "open", None),
    ]
    # Q4 has no measurement and is not closed: it is not listed.
    (q3,) = measured_periods(sla, date(2026, 10, 1), MONTHLY_FEE)
    assert (q3.period.label, q3.status) == ("2026-Q3", "breached")
    assert q3.charge is not None and q3.charge.amount == D(3000)
