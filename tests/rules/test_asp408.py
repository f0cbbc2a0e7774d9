"""ASP408: naive event times read as UTC because account.timezone is not set."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from asplan.cli.app import app
from helpers import check_text, lint, messages, plan

TEXT = plan(
    """\
    calendars:
      laboral: {timezone: Europe/Madrid, hours: {mon-fri: "09:00-18:00"}}
    slas:
      - {id: SLA-1, name: Resolution, stop: resolved, target: "<= 1h", calendar: laboral, penalty: 10 %}
    events: [tickets.csv]
    """
)
NAIVE = "id,created,resolved\nT1,2026-10-05T08:30,2026-10-05T09:15\n"


def test_naive_times_without_account_timezone_point_at_account() -> None:
    findings = check_text(TEXT, extra_files={"tickets.csv": NAIVE}, select=["ASP408"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP408", 2, 1)]
    assert messages(findings, "ASP408") == [
        "event times without an offset (first at tickets.csv:2) are read as UTC because account.timezone is not set,"
        " although calendars say Europe/Madrid: set account.timezone to the zone the export is written in"
    ]


def test_account_timezone_or_offsets_pass() -> None:
    with_zone = TEXT.replace("  tier: high\n", "  tier: high\n  timezone: Europe/Madrid\n")
    assert lint(with_zone, "ASP408", extra_files={"tickets.csv": NAIVE}) == []
    offsets = NAIVE.replace("08:30", "08:30+02:00").replace("09:15", "09:15+02:00")
    assert lint(TEXT, "ASP408", extra_files={"tickets.csv": offsets}) == []


def test_the_zone_moves_the_figure(tmp_path: Path) -> None:
    """08:30-09:15 Madrid is 15 working minutes (opens at 9); read as UTC it is 10:30-11:15 Madrid, 45."""
    (tmp_path / "tickets.csv").write_text(NAIVE, encoding="utf-8")
    figures = []
    for text in (TEXT, TEXT.replace("  tier: high\n", "  tier: high\n  timezone: Europe/Madrid\n")):
        (tmp_path / "acme.yaml").write_text(text, encoding="utf-8")
        result = CliRunner().invoke(
            app, ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-11-23", "--format", "json"]
        )
        assert result.exit_code == 0
        elapsed = json.loads(result.stdout)["slas"][0]["events"][0]["elapsed_minutes"]
        figures.append((elapsed, result.stderr.count("ASP408")))
    assert figures == [(45, 1), (15, 0)]
