"""ASP401: SLA breached in the latest closed period."""

from __future__ import annotations

from datetime import date

from helpers import check_text, lint, messages, plan

MEASURED = plan(
    """\
    slas:
      - id: SLA-1
        name: Availability
        target: ">= 99.9%"
        penalty: 10 % of the monthly fee
        credit: {percent: 10}
        measurements:
          - {period: "2026-09", value: 99.5}
          - {period: "2026-10", value: 99.82}
    """
)


def test_breach_in_latest_closed_period_points_at_its_value() -> None:
    assert lint(MEASURED, "ASP401") == [("ASP401", 17, 36)]
    findings = check_text(MEASURED, select=["ASP401"])
    # No contract fee: the credit cannot be priced, so the message gives none.
    assert messages(findings, "ASP401") == ["SLA-1 'Availability' breached in 2026-10: 99.82% against >= 99.9%"]


def test_only_the_latest_closed_period_counts() -> None:
    # 2026-09 breached too, but the latest closed period (2026-10) is met.
    assert lint(MEASURED.replace("99.82", "99.95"), "ASP401") == []


TIMED = plan(
    """\
    slas:
      - id: SLA-2
        name: First response
        stop: first_response
        target: "<= 30m"
        penalty: reviewed monthly
    events: [tickets.csv]
    """
)
CSV = "id,created,first_response\nT-1,2026-10-05T09:00,{}\n"


def test_timed_breach_points_at_the_target() -> None:
    findings = check_text(TIMED, extra_files={"tickets.csv": CSV.format("2026-10-05T09:45")}, select=["ASP401"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP401", 13, 13)]
    assert messages(findings, "ASP401") == ["SLA-2 'First response' breached in 2026-10: 1 event over <= 30m"]


def test_timed_sla_met_passes() -> None:
    extra = {"tickets.csv": CSV.format("2026-10-05T09:30")}
    assert check_text(TIMED, extra_files=extra, select=["ASP401"]) == []


FEE_PLAN = """\
asplan: 1
account:
  id: acme
  name: ACME Logística
  tier: high
  manager: maria
  contract: {fee: {amount: 10000, currency: EUR, per: month}}
people:
  - {id: maria, name: María López, side: provider}
slas:
  - id: SLA-1
    name: Availability
    target: ">= 99.9%"
    penalty: 10 % of the monthly fee
    credit: {percent: 10}
    measurements:
      - {period: "2026-10", value: 99.82}
      - {period: "2026-11", value: 99.5}
"""


def test_the_message_gives_the_credit_when_the_plan_has_a_fee() -> None:
    # 2026-10 is the latest closed month on 11-23: 10 % of the 10,000 monthly fee = 1,000.
    findings = check_text(FEE_PLAN, select=["ASP401"])
    assert [(f.line, f.column) for f in findings] == [(17, 36)]  # line 17: the 2026-10 value
    assert messages(findings, "ASP401") == [
        "SLA-1 'Availability' breached in 2026-10: 99.82% against >= 99.9%; credit 1000.00 EUR"
    ]


def test_on_the_first_of_the_month_the_month_before_is_the_closed_one() -> None:
    # On 12-01 November has ended: 99.5 < 99.9, 10 % of 10,000 = 1,000.
    findings = check_text(FEE_PLAN, select=["ASP401"], today=date(2026, 12, 1))
    assert [(f.line, f.column) for f in findings] == [(18, 36)]  # line 18: the 2026-11 value
    assert messages(findings, "ASP401") == [
        "SLA-1 'Availability' breached in 2026-11: 99.5% against >= 99.9%; credit 1000.00 EUR"
    ]
    # On 11-30 November is still open: October is the latest closed month.
    findings = check_text(FEE_PLAN, select=["ASP401"], today=date(2026, 11, 30))
    assert messages(findings, "ASP401") == [
        "SLA-1 'Availability' breached in 2026-10: 99.82% against >= 99.9%; credit 1000.00 EUR"
    ]


def test_a_fixed_amount_credit_is_given_in_its_currency() -> None:
    # Two late tickets in October at 250 GBP each: 500 GBP.
    text = FEE_PLAN.split("slas:")[0] + (
        "slas:\n"
        "  - id: SLA-2\n"
        "    name: First response\n"
        "    stop: first_response\n"
        '    target: "<= 30m"\n'
        "    penalty: 250 GBP per late ticket\n"
        '    credit: {amount: "250 GBP"}\n'
        "events: [tickets.csv]\n"
    )
    csv = "id,created,first_response\nT-1,2026-10-05T09:00,2026-10-05T09:45\nT-2,2026-10-06T09:00,2026-10-06T10:00\n"
    findings = check_text(text, extra_files={"tickets.csv": csv}, select=["ASP401"])
    assert messages(findings, "ASP401") == [
        "SLA-2 'First response' breached in 2026-10: 2 events over <= 30m; credit 500.00 GBP"
    ]


def test_a_measured_number_target_has_no_unit() -> None:
    text = MEASURED.replace('">= 99.9%"', '"<= 2"').replace("99.82", "3")
    findings = check_text(text, select=["ASP401"])
    assert messages(findings, "ASP401") == ["SLA-1 'Availability' breached in 2026-10: 3 against <= 2"]
