"""The event file reference (docs/events.md, moved there from the README): its sample rows, timed as it says."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from asplan.cli.app import app
from helpers import plan, preset_copy

EVENTS_DOC = Path(__file__).resolve().parent.parent / "docs" / "events.md"
PRESETS = Path(__file__).resolve().parent.parent / "examples" / "presets"


def _section() -> str:
    # The page is the section it was in the README: "Event files" and its subsections.
    text = EVENTS_DOC.read_text(encoding="utf-8")
    assert text.startswith("# Event files\n")
    return text


def test_the_sample_rows_are_timed_as_described(tmp_path: Path) -> None:
    block = re.search(r"```csv\n(.*?)```", _section(), re.S)
    assert block is not None
    sla = """\
    slas:
      - {id: SLA-4, name: Resolution P2, where: {priority: P2}, stop: resolved, target: "<= 8h", penalty: x}
    events: [tickets.csv]
    """
    text = plan(sla).replace("  tier: high\n", "  tier: high\n  timezone: Europe/Madrid\n")
    (tmp_path / "acme.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "tickets.csv").write_text(block.group(1), encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-07-10", "--now", "2026-07-10T12:00", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    events = {e["id"]: e for row in json.loads(result.stdout)["slas"] for e in row["events"]}
    # 09:01 -> 20:36 on 24x7: 11 h 35.
    assert (events["ACME-4101"]["status"], events["ACME-4101"]["elapsed_minutes"]) == ("breached", 695)
    # 10:05 -> next day 12:00 (now), less 11:00-15:30 and the open pause since 09:00: 22 h 55 - 4 h 30 = 18 h 25;
    # waiting at now, so no deadline.
    assert (events["ACME-4188"]["elapsed_minutes"], events["ACME-4188"]["deadline"]) == (1105, None)


def test_a_plan_pause_on_and_columns_win_over_the_preset(tmp_path: Path) -> None:
    """jsm-globex with pause_on [Pending]: "Waiting for customer" no longer pauses GLX-104 (16 h, breached);
    with priority mapped to another header, no ticket is High any more."""
    plan = preset_copy(tmp_path, "jsm-globex")
    text = plan.read_text(encoding="utf-8")
    log = "      file: ../data/jsm-globex/status-changes.csv\n"
    pending = text.replace(log, log + "      pause_on: [Pending]\n")
    assert pending != text
    plan.write_text(pending, encoding="utf-8")
    result = CliRunner().invoke(app, ["sla", str(plan), "--today", "2026-11-23", "--format", "json"])
    events = {(r["sla"], e["id"]): e["elapsed_minutes"] for r in json.loads(result.stdout)["slas"] for e in r["events"]}
    assert events[("SLA-2", "GLX-104")] == 960
    remapped = text.replace("    preset: jira\n", "    preset: jira\n    columns: {priority: Issue Type}\n")
    plan.write_text(remapped, encoding="utf-8")
    result = CliRunner().invoke(app, ["sla", str(plan), "--today", "2026-11-23", "--format", "json"])
    assert all(not r["events"] for r in json.loads(result.stdout)["slas"])
