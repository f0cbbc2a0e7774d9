"""ASP508: KPI target not beyond its baseline in its direction."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan


def test_targets_on_the_wrong_side_of_the_baseline() -> None:
    text = plan(
        """\
        objectives:
          - id: OBJ-1
            title: Fewer incidents
            kpis:
              - {id: K1, name: On time, baseline: 82, target: 80}
              - {id: K2, name: Incidents, baseline: 12, target: 12.5, direction: decrease}
              - id: K3
                name: Flat
                baseline: 5
                target: 5
        """
    )
    findings = check_text(text, select=["ASP508"])
    assert [(f.code, f.line, f.column) for f in findings] == [
        ("ASP508", 13, 55),
        ("ASP508", 14, 57),
        ("ASP508", 18, 17),
    ]
    assert messages(findings, "ASP508") == [
        "KPI K1: target 80 is not above baseline 82 (direction: increase)",
        "KPI K2: target 12.5 is not below baseline 12 (direction: decrease)",
        "KPI K3: target 5 is not above baseline 5 (direction: increase)",
    ]


def test_targets_beyond_the_baseline_or_incomplete_pass() -> None:
    text = plan(
        """\
        objectives:
          - id: OBJ-1
            title: Fewer incidents
            kpis:
              - {id: K1, name: On time, baseline: 82, target: 95}
              - {id: K2, name: Incidents, baseline: 12, target: 4, direction: decrease}
              - {id: K3, name: New, target: 10}
        """
    )
    assert lint(text, "ASP508") == []
