"""ASP402: SLA has no data for the latest closed period."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan

TEXT = plan(
    """\
    slas:
      - id: SLA-1
        name: Availability
        target: ">= 99.9%"
        penalty: 10 % of the monthly fee
        measurements:
          - {period: "2026-09", value: 99.95}
    """
)


def test_missing_latest_closed_measurement_points_at_measurements() -> None:
    assert lint(TEXT, "ASP402") == [("ASP402", 14, 5)]
    assert messages(check_text(TEXT, select=["ASP402"]), "ASP402") == [
        "SLA-1 'Availability' has no measurement for 2026-10, its latest closed period:"
        ' add {period: "2026-10", value: ...} to measurements'
    ]


def test_without_measurements_points_at_the_id() -> None:
    text = TEXT.replace('    measurements:\n      - {period: "2026-09", value: 99.95}\n', "")
    assert lint(text, "ASP402") == [("ASP402", 10, 5)]


def test_quarterly_sla_measured_for_its_last_quarter_passes() -> None:
    text = TEXT.replace('"2026-09"', '"2026-Q3"').replace(
        'target: ">= 99.9%"', 'target: ">= 99.9%"\n    period: quarterly'
    )
    assert lint(text, "ASP402") == []
