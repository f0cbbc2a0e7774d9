"""ASP203: duplicate id in a section, at the later id."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan


def test_duplicate_ids() -> None:
    text = plan(
        """\
          - {id: maria, name: María Again, side: client}
        objectives:
          - id: OBJ-1
            title: One
            kpis:
              - {id: K1, name: On time}
              - {id: K1, name: Late}
            milestones:
              - {id: M1, title: Pilot}
              - {id: M1, title: Roll-out}
        actions:
          - {id: A1, title: Migrate}
          - {id: A1, title: Train}
        escalation:
          - {level: 1, contact: maria, after: 4h}
          - {level: 1, contact: maria, after: 1d}
        communication:
          - {id: call, name: Weekly call, every: weekly}
          - {id: call, name: Monthly report, every: monthly}
        """
    )
    findings = check_text(text, select=["ASP203"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [
        ("ASP203", 9, 10, "people[1].id"),
        ("ASP203", 15, 14, "objectives[0].kpis[1].id"),
        ("ASP203", 18, 14, "objectives[0].milestones[1].id"),
        ("ASP203", 21, 10, "actions[1].id"),
        ("ASP203", 24, 13, "escalation[1].level"),
        ("ASP203", 27, 10, "communication[1].id"),
    ]
    assert messages(findings, "ASP203")[3] == (
        "actions: id 'A1' is already used by actions[0]: ids are unique in a section"
    )


def test_same_id_in_different_sections_and_objectives_is_fine() -> None:
    text = plan(
        """\
        objectives:
          - {id: X1, title: One, kpis: [{id: K1, name: On time}], milestones: [{id: M1, title: Pilot}]}
          - {id: X2, title: Two, kpis: [{id: K1, name: On time}], milestones: [{id: M1, title: Pilot}]}
        actions:
          - {id: X1, title: Migrate}
        """
    )
    assert lint(text, "ASP203") == []
