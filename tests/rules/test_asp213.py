"""ASP213: a percentage KPI with a value over 100."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan

TEXT = plan(
    """\
    objectives:
      - id: OBJ-1
        title: On time
        kpis:
          - {id: KPI-1, name: On-time deliveries, unit: "%", baseline: 82, target: 120,
             measurements: [{date: 2026-10-31, value: 101.5}]}
    """
)


def test_target_and_measurement_over_100() -> None:
    assert lint(TEXT, "ASP213") == [("ASP213", 13, 80), ("ASP213", 14, 51)]
    assert messages(check_text(TEXT, select=["ASP213"]), "ASP213") == [
        "KPI KPI-1 is a percentage, so its target 120 cannot be over 100",
        "KPI KPI-1 is a percentage, so the measurement of 2026-10-31 (101.5) cannot be over 100",
    ]


def test_within_100_or_another_unit_passes() -> None:
    assert lint(TEXT.replace("target: 120", "target: 100").replace("101.5", "99.5"), "ASP213") == []
    assert lint(TEXT.replace('unit: "%"', 'unit: "% YoY"'), "ASP213") == []
