"""ASP406: a where value that matches no event, while the column has values."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from asplan.cli.app import app
from helpers import check_text, lint, messages, plan

TEXT = plan(
    """\
    slas:
      - {id: SLA-1, name: First response P1, where: {priority: p1}, stop: first_response,
         target: "<= 30m", penalty: 10 %}
      - {id: SLA-2, name: First response P2, where: {priority: [P2, P7]}, stop: first_response,
         target: "<= 2h", penalty: 10 %}
    events: [tickets.csv]
    """
).replace("  tier: high\n", "  tier: high\n  timezone: UTC\n")
TICKETS = (
    "id,created,priority,first_response\n"
    "T1,2026-10-05T09:00,P1,2026-10-05T10:00\n"
    "T2,2026-10-06T09:00,P2,2026-10-06T09:10\n"
    "T3,2026-10-06T09:00,P3,2026-10-06T09:10\n"
)


def test_case_typo_and_unknown_list_value_point_at_the_values() -> None:
    findings = check_text(TEXT, extra_files={"tickets.csv": TICKETS}, select=["ASP406"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP406", 11, 60), ("ASP406", 13, 65)]
    assert messages(findings, "ASP406") == [
        "SLA-1: where priority = 'p1' matches no event: did you mean 'P1'? (the column has 'P1', 'P2', 'P3');"
        " the SLA applies to no event and is met every period",
        "SLA-2: where priority = 'P7' matches no event (the column has 'P1', 'P2', 'P3'); it selects nothing",
    ]


def test_matching_values_pass() -> None:
    text = TEXT.replace("priority: p1}", "priority: P1}").replace("[P2, P7]", "[P2, P3]")
    assert lint(text, "ASP406", extra_files={"tickets.csv": TICKETS}) == []


def test_an_empty_column_says_nothing() -> None:
    empty = TICKETS.replace(",P1,", ",,").replace(",P2,", ",,").replace(",P3,", ",,")
    assert lint(TEXT, "ASP406", extra_files={"tickets.csv": empty}) == []


def test_sla_prints_the_same_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(TEXT, encoding="utf-8")
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    result = CliRunner().invoke(app, ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-11-23"])
    assert result.exit_code == 0
    findings = check_text(TEXT, extra_files={"tickets.csv": TICKETS}, select=["ASP406"])
    assert result.stderr.splitlines() == [
        f"asplan: warning: {tmp_path / 'acme.yaml'}:{f.line}:{f.column}: ASP406 {f.message}" for f in findings
    ]
