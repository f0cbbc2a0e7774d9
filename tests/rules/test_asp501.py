"""ASP501: objective without a KPI, at the objective."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan


def test_objectives_without_kpis_in_flow_and_block_style() -> None:
    text = plan(
        """\
        objectives:
          - {id: OBJ-1, title: Fewer incidents}
          - id: OBJ-2
            title: Faster deliveries
            kpis: []
        """
    )
    findings = check_text(text, select=["ASP501"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [
        ("ASP501", 10, 5, "objectives[0]"),
        ("ASP501", 11, 5, "objectives[1]"),
    ]
    assert messages(findings, "ASP501")[0] == "objective OBJ-1 has no KPI: add how success is measured"


def test_objective_with_a_kpi_passes() -> None:
    text = plan(
        """\
        objectives:
          - id: OBJ-1
            title: Fewer incidents
            kpis:
              - {id: KPI-1, name: On-time deliveries, baseline: 82, target: 95}
        """
    )
    assert lint(text, "ASP501") == []
