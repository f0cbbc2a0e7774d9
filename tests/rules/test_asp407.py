"""ASP407: a look-alike of the pauses column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.sla.eventdata import pause_lookalikes
from helpers import check_text, lint, messages, plan

TEXT = plan(
    """\
    slas:
      - {id: SLA-1, name: First response, stop: first_response, target: "<= 2h", penalty: 10 %}
    events: [tickets.csv]
    """
).replace("  tier: high\n", "  tier: high\n  timezone: UTC\n")
TICKETS = (
    "id,created,first_response,paused\n"
    "T1,2026-10-05T09:00,2026-10-05T12:00,2026-10-05T10:00/2026-10-05T11:30\n"
)


def test_paused_column_points_at_the_events_entry() -> None:
    findings = check_text(TEXT, extra_files={"tickets.csv": TICKETS}, select=["ASP407"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP407", 12, 10)]
    assert messages(findings, "ASP407") == [
        "event file 'tickets.csv' has 'paused' but no 'pauses' column: pauses are read only from a column named"
        " 'pauses' (START/END intervals separated by ';'), so no ticket is paused; rename the column"
    ]


def test_pauses_column_passes_and_counts() -> None:
    assert lint(TEXT, "ASP407", "ASP401", extra_files={"tickets.csv": TICKETS.replace("paused", "pauses")}) == []
    # with the pause read, 3 h minus 1.5 h paused is within 2 h; without it, T1 is late
    assert lint(TEXT, "ASP401", extra_files={"tickets.csv": TICKETS}) == [("ASP401", 11, 69)]


@pytest.mark.parametrize(
    ("header", "flagged"),
    [
        (["id", "paused"], ["paused"]),
        (["id", "Pauses"], ["Pauses"]),
        (["id", "on_hold", "Hold time", "waiting_since"], ["on_hold", "Hold time", "waiting_since"]),
        (["id", "pausas", "Pause"], ["pausas", "Pause"]),
        (["id", "pauses", "paused"], []),
        (["id", "causes", "priority", "status"], []),
    ],
)
def test_lookalikes(header: list[str], flagged: list[str]) -> None:
    assert pause_lookalikes(header) == flagged


def test_sla_warns_once_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(TEXT, encoding="utf-8")
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    result = CliRunner().invoke(app, ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-11-23", "--format", "json"])
    assert result.exit_code == 0
    assert [line.split(": ASP")[1][:3] for line in result.stderr.splitlines()] == ["407"]
    assert json.loads(result.stdout)["slas"][0]["status"] == "breached"
