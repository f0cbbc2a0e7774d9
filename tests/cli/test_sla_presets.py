"""Each preset's sample export (``examples/data/``), timed through its plan (``examples/presets/``).

Every figure below is worked out by hand in the comment beside it, from the rows of
the sample files: which column the preset reads, in which zone and format, which
status pauses the clock. At least five events per tool, among them one across a
DST change (on a 24x7 clock, where the lost or repeated hour counts) and one paused
by its status log (without which it would be breached).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from asplan.cli.app import app
from helpers import preset_copy

PRESET_PLANS = Path(__file__).resolve().parents[2] / "examples" / "presets"
NOW = "2026-11-23T16:30"  # account time: a Monday afternoon, for the open tickets


def _report(plan: str) -> dict[str, Any]:
    result = CliRunner().invoke(
        app, ["sla", str(PRESET_PLANS / plan), "--today", "2026-11-23", "--now", NOW, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # every row read, no finding on the data
    return json.loads(result.stdout)


def _events(report: dict[str, Any]) -> dict[tuple[str, str], tuple[str, float]]:
    return {
        (row["sla"], event["id"]): (event["status"], event["elapsed_minutes"])
        for row in report["slas"]
        for event in row["events"]
    }


def _values(report: dict[str, Any]) -> dict[tuple[str, str], tuple[str, float | None]]:
    return {(row["sla"], row["period"]): (row["status"], row["value"]) for row in report["slas"]}


def test_jira_service_management() -> None:
    """Calendar oficina: Mon-Fri 09:00-18:00 Madrid, 12 October a holiday."""
    report = _report("jsm-globex.yaml")
    assert _events(report) == {
        # 05/Oct/26 10:00 AM -> 03:30 PM, a Monday: 5 h 30.
        ("SLA-2", "GLX-101"): ("met", 330),
        # Fri 09/Oct 05:00 PM -> Tue 13/Oct 10:00 AM: Friday 17-18, Monday a holiday, Tuesday 9-10: 2 h.
        ("SLA-2", "GLX-102"): ("met", 120),
        # Wed 14/Oct 09:00 -> Thu 15/Oct 16:00 is 9 h + 7 h; "Waiting for customer" from Wed 11:00 to
        # Thu 14:00 pauses 7 h + 5 h: 4 h counted. Without the status log it would be 16 h, breached.
        ("SLA-2", "GLX-104"): ("met", 240),
        # Tue 20/Oct 07:15 PM, after hours: the clock starts Wed 09:00 and stops at 05:45 PM: 8 h 45.
        ("SLA-2", "GLX-105"): ("breached", 525),
        # 24x7 across the night clocks go back (Sun 25 Oct, 03:00 CEST -> 02:00 CET):
        # 12:30 AM CEST (22:30Z) -> 04:00 AM CET (03:00Z) is 4 h 30 of real time, not the 3 h 30 on the wall.
        ("SLA-1", "GLX-106"): ("breached", 270),
        # Tue 27/Oct 02:10 PM -> 05:40 PM on 24x7: 3 h 30.
        ("SLA-1", "GLX-108"): ("met", 210),
        # Mon 23/Nov 09:30 AM, still in progress at 16:30: 7 h of 8.
        ("SLA-2", "GLX-110"): ("at_risk", 420),  # 87.5 %: past the 75 % at-risk share
    }
    assert _values(report) == {
        ("SLA-1", "2026-10"): ("breached", 50),
        ("SLA-2", "2026-10"): ("breached", 75),
        ("SLA-2", "2026-11"): ("open", None),
    }
    running = next(e for row in report["slas"] for e in row["events"] if e["id"] == "GLX-110")
    assert (running["remaining_minutes"], running["deadline"]) == (60, "2026-11-23T17:30:00+01:00")


def test_zendesk() -> None:
    """Calendar business: Mon-Fri 09:00-17:00 New York; times in the account's zone."""
    report = _report("zendesk-initech.yaml")
    assert _events(report) == {
        # Mon 5 Oct 10:00 -> 15:20: 5 h 20, over the 4 h target.
        ("SLA-2", "1001"): ("breached", 320),
        # Wed 7 Oct 09:30 -> Thu 8 Oct 16:00 is 7 h 30 + 7 h; "pending" from Wed 10:30 to Thu 13:00 is
        # 6 h 30 + 4 h of it: 4 h counted (Zendesk's own "Requester wait time ... business hours": 240).
        ("SLA-2", "1003"): ("met", 240),
        # Sat 10 Oct 11:00 -> Mon 12 Oct 10:15: the clock runs from Monday 09:00, 1 h 15.
        ("SLA-2", "1004"): ("met", 75),
        # Wed 14 Oct 09:00 -> 16:00 is 7 h; "pending" at 10:00, "hold" at 11:00 (still waiting), "open" at
        # 14:00: one pause of 4 h, 3 h counted.
        ("SLA-2", "1005"): ("met", 180),
        # Tue 20 Oct 08:00 -> 10:30 on 24x7: 2 h 30.
        ("SLA-1", "1006"): ("met", 150),
        # 24x7 across the night clocks go back (Sun 1 Nov, 02:00 EDT -> 01:00 EST):
        # 00:30 EDT (04:30Z) -> 03:00 EST (08:00Z) is 3 h 30 of real time, over the 3 h target.
        ("SLA-1", "1002"): ("breached", 210),
    }
    assert _values(report)[("SLA-2", "2026-10")] == ("breached", 75)
    assert _values(report)[("SLA-1", "2026-10")] == ("met", 100)


def test_freshdesk() -> None:
    """Calendar office: Mon-Fri 09:00-17:30 London."""
    report = _report("freshdesk-hooli.yaml")
    assert _events(report) == {
        # First response, Mon 5 Oct 09:10 -> 09:40: 30 min.
        ("SLA-1", "5001"): ("met", 30),
        # Created and answered on a Sunday night: no office time at all.
        ("SLA-1", "5002"): ("met", 0),
        # Fri 9 Oct 17:45, after closing -> Mon 12 Oct 09:50: 50 min.
        ("SLA-1", "5003"): ("met", 50),
        ("SLA-1", "5004"): ("met", 5),
        # Tue 20 Oct 16:00 -> Wed 21 Oct 10:00: 1 h 30 on Tuesday + 1 h on Wednesday.
        ("SLA-1", "5005"): ("breached", 150),
        # 24x7 across the night clocks go back (Sun 25 Oct, 02:00 BST -> 01:00 GMT):
        # 00:30 BST (23:30Z) -> 04:00 GMT (04:00Z) is 4 h 30 of real time.
        ("SLA-2", "5002"): ("breached", 270),
        # Wed 14 Oct 10:00 -> 15:00 is 5 h; "Waiting on Customer" 10:30 -> 12:00 pauses 1 h 30: 3 h 30.
        # Without the status log: 5 h, breached.
        ("SLA-2", "5004"): ("met", 210),
    }
    assert _values(report) == {("SLA-1", "2026-10"): ("breached", 80), ("SLA-2", "2026-10"): ("breached", 50)}


def test_servicenow() -> None:
    """Calendar business: Mon-Fri 08:00-17:00 Chicago; priorities and states as ServiceNow labels them."""
    report = _report("servicenow-umbrella.yaml")
    assert _events(report) == {
        # Mon 5 Oct 08:30 -> 14:00: 5 h 30.
        ("SLA-2", "INC0010001"): ("met", 330),
        # Wed 7 Oct 09:00 -> Thu 8 Oct 15:00 is 8 h + 7 h; On Hold from Wed 11:00 to Thu 10:00 pauses
        # 6 h + 2 h: 7 h counted. Without the state log: 15 h, breached.
        ("SLA-2", "INC0010003"): ("met", 420),
        # Fri 16 Oct 15:00 -> Mon 19 Oct 12:00: 2 h + 4 h.
        ("SLA-2", "INC0010004"): ("met", 360),
        # Wed 21 Oct 13:00 -> 18:45 on 24x7: 5 h 45.
        ("SLA-1", "INC0010005"): ("breached", 345),
        # 24x7 across the night clocks go back (Sun 1 Nov, 02:00 CDT -> 01:00 CST):
        # 00:30 CDT (05:30Z) -> 04:00 CST (10:00Z) is 4 h 30 of real time, not 3 h 30.
        ("SLA-1", "INC0010002"): ("breached", 270),
        # Mon 23 Nov 10:00, in progress at 16:30: 6 h 30 of 8.
        ("SLA-2", "INC0010007"): ("at_risk", 390),  # 81.25 %
    }
    running = next(e for row in report["slas"] for e in row["events"] if e["id"] == "INC0010007")
    # 1 h 30 left: 16:30 -> 17:00 today, then 08:00 -> 09:00 tomorrow.
    assert (running["remaining_minutes"], running["deadline"]) == (90, "2026-11-24T09:00:00-06:00")
    assert _values(report)[("SLA-2", "2026-10")] == ("met", 100)


def test_the_preset_without_its_status_log_loses_the_pauses(tmp_path: Path) -> None:
    """The status log is what pauses GLX-104: without it the same ticket is 16 h, breached."""
    plan = preset_copy(tmp_path, "jsm-globex")
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text[: text.index("    status_log:")], encoding="utf-8")
    result = CliRunner().invoke(app, ["sla", str(plan), "--today", "2026-11-23", "--format", "json"])
    assert _events(json.loads(result.stdout))[("SLA-2", "GLX-104")] == ("breached", 960)
