"""ASP405: an event id repeated in one of an SLA's files or across them; the first row is the event."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from asplan.cli.app import app
from helpers import check_text, lint, messages, plan

FEE = "  contract: {fee: {amount: 1000, currency: EUR, per: month}}\n"
TEXT = plan(
    """\
    slas:
      - {id: SLA-1, name: First response, stop: first_response, target: "<= 30m",
         penalty: 10 % per late ticket, credit: {percent: 10}}
    events: [tickets.csv, tickets.csv]
    """
).replace("  tier: high\n", "  tier: high\n  timezone: UTC\n" + FEE)
TICKETS = (
    "id,created,first_response\n"
    "T1,2026-10-05T09:00,2026-10-05T10:00\n"  # late: 60 minutes
    "T2,2026-10-06T09:00,2026-10-06T09:10\n"
    "T1,2026-10-07T09:00,2026-10-07T09:05\n"  # T1 again, on time: left out, the first row counts
)


def test_repeats_across_listed_files_are_one_warning_with_the_count() -> None:
    findings = check_text(TEXT, extra_files={"tickets.csv": TICKETS}, select=["ASP405"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP405", 14, 10)]
    assert messages(findings, "ASP405") == [
        "4 event rows repeat an id already seen (first at tickets.csv:4): only the first row of an id is counted;"
        " remove the repeats, or list each export once in events"
    ]


def test_no_repeat_no_warning() -> None:
    once = TEXT.replace("[tickets.csv, tickets.csv]", "[tickets.csv]")
    assert lint(once, "ASP405", extra_files={"tickets.csv": TICKETS.rsplit("T1,", 1)[0]}) == []


def _sla(tmp_path: Path, text: str) -> tuple[dict[str, object], str]:
    (tmp_path / "acme.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    result = CliRunner().invoke(app, ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-11-23", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


def test_the_credit_no_longer_triples(tmp_path: Path) -> None:
    """Listed twice with T1 repeated, T1 was three late events: 30 % of the fee. It is one: 10 %."""
    report, stderr = _sla(tmp_path, TEXT)
    [row] = report["slas"]
    assert (row["period"], row["status"], row["credit"]) == ("2026-10", "breached", "100.00")  # type: ignore[index]
    assert [e["id"] for e in row["events"]] == ["T1", "T2"]  # type: ignore[index]
    assert stderr.splitlines() == [
        f"asplan: warning: {tmp_path / 'acme.yaml'}:14:10: ASP405 4 event rows repeat an id already seen"
        " (first at tickets.csv:4): only the first row of an id is counted; remove the repeats,"
        " or list each export once in events"
    ]


def test_an_id_twice_in_one_file_is_counted_once(tmp_path: Path) -> None:
    """One export listed once, T1 in it twice and late both times: it was two late tickets (20 %), it is one."""
    once = TEXT.replace("[tickets.csv, tickets.csv]", "[tickets.csv]")
    tickets = TICKETS.replace("T1,2026-10-07T09:00,2026-10-07T09:05", "T1,2026-10-07T09:00,2026-10-07T10:30")
    findings = check_text(once, extra_files={"tickets.csv": tickets}, select=["ASP405"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP405", 14, 10)]
    assert messages(findings, "ASP405") == [
        "1 event row repeats an id already seen (first at tickets.csv:4): only the first row of an id is counted;"
        " remove the repeats, or list each export once in events"
    ]
    (tmp_path / "acme.yaml").write_text(once, encoding="utf-8")
    (tmp_path / "tickets.csv").write_text(tickets, encoding="utf-8")
    result = CliRunner().invoke(app, ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-11-23", "--format", "json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)["slas"]
    assert (row["status"], row["credit"], [e["id"] for e in row["events"]]) == ("breached", "100.00", ["T1", "T2"])
