"""ASP202: reference to an unknown objective or calendar."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan


def test_unknown_objectives_and_calendars() -> None:
    text = plan(
        """\
        objectives:
          - {id: OBJ-1, title: Fewer incidents, kpis: [{id: K1, name: On time}]}
        solutions:
          - {id: SOL-1, title: Routing, objectives: [OBJ-1, OBJ-2]}
        actions:
          - {id: A1, title: Migrate, objective: OBJ-9}
        slas:
          - {id: SLA-1, name: Uptime, target: ">= 99.9%", penalty: credit, calendar: office}
        reviews:
          every: quarterly
          calendar: office
        """
    )
    findings = check_text(text, select=["ASP202"])
    assert [(f.code, f.line, f.column) for f in findings] == [
        ("ASP202", 12, 53),
        ("ASP202", 14, 41),
        ("ASP202", 16, 78),
        ("ASP202", 19, 13),
    ]
    assert messages(findings, "ASP202") == [
        "SOL-1: objective 'OBJ-2' does not exist",
        "A1: objective 'OBJ-9' does not exist",
        "SLA-1: calendar 'office' is not defined in calendars (or 24x7)",
        "reviews: calendar 'office' is not defined in calendars (or 24x7)",
    ]


def test_defined_references_and_24x7_pass() -> None:
    text = plan(
        """\
        objectives:
          - {id: OBJ-1, title: Fewer incidents}
        actions:
          - {id: A1, title: Migrate, objective: OBJ-1}
        calendars:
          office: {hours: {mon-fri: "09:00-17:00"}}
        slas:
          - {id: SLA-1, name: Uptime, target: ">= 99.9%", penalty: credit, calendar: 24x7}
          - {id: SLA-2, name: Backup, target: ">= 99%", penalty: credit, calendar: office}
        reviews: {every: quarterly, calendar: office}
        """
    )
    assert lint(text, "ASP202") == []


def test_unknown_holiday_subdivision_is_refused_by_every_command(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """ASP202 is a validation rule: sla used to count no public holidays, silently."""
    from typer.testing import CliRunner

    from asplan.cli.app import app

    text = plan(
        """\
        calendars:
          office: {timezone: Europe/Madrid, hours: {mon-fri: "09:00-17:00"},
                   holidays_from: {country: ES, subdivision: XX}}
        slas:
          - {id: SLA-1, name: Uptime, target: ">= 99.9%", penalty: credit}
        """
    )
    assert lint(text, "ASP202") == [("ASP202", 11, 54)]
    (tmp_path / "acme.yaml").write_text(text, encoding="utf-8")
    for command in (["sla"], ["render"], ["status"]):
        result = CliRunner().invoke(app, [*command, str(tmp_path / "acme.yaml"), "--today", "2026-11-23"])
        assert result.exit_code == 2, (command, result.output)
        assert "acme.yaml:11: calendar office: country ES has no subdivision 'XX'" in result.output
