"""ASP401: SLA breached in the latest closed period."""

from __future__ import annotations

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
    assert messages(findings, "ASP401") == ["SLA-1 'Availability' breached in 2026-10: 99.82 against >= 99.9%"]


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
