"""ASP207: SLA fields that do not fit the SLA's kind (timed or measured)."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan

TIMED = plan(
    """\
    slas:
      - id: SLA-2
        name: First response P1
        where: {priority: P1}
        stop: first_response
        target: ">= 95%"
        penalty: 2 % per late ticket
    events: [tickets.csv]
    """
)
EVENTS = {"tickets.csv": "id,created,priority,first_response\nT1,2026-10-01T09:00,P1,2026-10-01T09:10\n"}


def test_timed_sla_with_a_percentage_target_points_at_the_target() -> None:
    assert lint(TIMED, "ASP207", extra_files=EVENTS) == [("ASP207", 14, 13)]
    assert messages(check_text(TIMED, extra_files=EVENTS, select=["ASP207"]), "ASP207") == [
        "SLA-2 is timed (it has stop: first_response), so its target is a duration like '<= 30m' or '<= 8h',"
        " not '>= 95%'; a share of events on time goes in 'objective'"
    ]


def test_timed_sla_with_a_duration_target_and_percent_objective_passes() -> None:
    text = TIMED.replace('target: ">= 95%"', 'target: "<= 30m"\n    objective: ">= 95%"')
    assert lint(text, "ASP207", extra_files=EVENTS) == []


def test_objective_must_be_a_percentage() -> None:
    text = TIMED.replace('target: ">= 95%"', 'target: "<= 30m"\n    objective: "<= 2h"')
    assert lint(text, "ASP207", extra_files=EVENTS) == [("ASP207", 15, 16)]


def test_measurements_on_a_timed_sla_would_be_ignored() -> None:
    text = TIMED.replace('target: ">= 95%"', 'target: "<= 30m"\n    measurements: [{period: "2026-10", value: 3}]')
    assert lint(text, "ASP207", extra_files=EVENTS) == [("ASP207", 15, 5)]


MEASURED = plan(
    """\
    slas:
      - id: MTTR
        name: Mean time to restore
        target: "<= 4h"
        penalty: 1 % per month over target
        measurements: [{period: "2026-10", value: 3.5}]
    """
)


def test_measured_sla_with_a_duration_target_is_refused() -> None:
    assert lint(MEASURED, "ASP207") == [("ASP207", 12, 13)]
    message = messages(check_text(MEASURED, select=["ASP207"]), "ASP207")[0]
    assert "would read a value of 3.5 as 3.5 minutes" in message


def test_timed_only_fields_on_a_measured_sla_point_at_their_keys() -> None:
    text = MEASURED.replace('target: "<= 4h"', 'target: ">= 99%"\n    where: {priority: P1}\n    calendar: 24x7')
    assert lint(text, "ASP207") == [("ASP207", 13, 5), ("ASP207", 14, 5)]


def test_defaults_of_timed_fields_do_not_count_as_written() -> None:
    assert lint(MEASURED.replace('target: "<= 4h"', 'target: ">= 99%"'), "ASP207") == []


def test_sla_refuses_what_asp207_reports(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from asplan.cli.app import app

    (tmp_path / "acme.yaml").write_text(TIMED, encoding="utf-8")
    (tmp_path / "tickets.csv").write_text(EVENTS["tickets.csv"], encoding="utf-8")
    result = CliRunner().invoke(app, ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-11-23"])
    assert result.exit_code == 2
    assert ":14: SLA-2 is timed" in result.output
    assert "fix the plan first" in result.output
