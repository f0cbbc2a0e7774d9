"""At risk (spec §7.3): running events past a share of their target, in sla text and JSON, and --fail-on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from helpers import preset_copy

PRESETS = Path(__file__).resolve().parents[2] / "examples" / "presets"


def sla(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["sla", *args])
    return result.exit_code, result.stdout, result.stderr


def _plan(tmp_path: Path, at_risk: str = "") -> str:
    """servicenow-umbrella with its data, the P2 SLA's at_risk optionally written."""
    path = tmp_path / "presets" / "servicenow-umbrella.yaml"
    if not path.exists():
        preset_copy(tmp_path, "servicenow-umbrella")
    text = (PRESETS / "servicenow-umbrella.yaml").read_text(encoding="utf-8")
    if at_risk:
        text = text.replace('    target: "<= 8h"\n', f'    target: "<= 8h"\n    at_risk: {at_risk}\n')
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_running_event_past_75_percent_is_at_risk_in_json(tmp_path: Path) -> None:
    # INC0010007: P2 (8 h, 08:00-17:00 Chicago), opened Mon 23 Nov 10:00, still open.
    code, out, _ = sla(_plan(tmp_path), "--today", "2026-11-23", "--now", "2026-11-23T16:30", "--format", "json")
    assert code == 0
    [event] = [e for r in json.loads(out)["slas"] for e in r["events"] if e["id"] == "INC0010007"]
    assert event == {
        "id": "INC0010007",
        "status": "at_risk",  # 6 h 30 of 8 h: 81.25 %
        "elapsed_minutes": 390,
        "percent": 81.25,
        "remaining_minutes": 90,
        "deadline": "2026-11-24T09:00:00-06:00",
    }


@pytest.mark.parametrize(
    ("now", "status"),
    [
        ("2026-11-23T15:59", "running"),  # 5 h 59: 74.8 %
        ("2026-11-23T16:00", "at_risk"),  # 6 h: exactly 75 %
        ("2026-11-24T08:59", "at_risk"),  # 7 h 59
        ("2026-11-24T09:01", "breached"),  # past the deadline: breached, not at risk
    ],
)
def test_the_threshold(tmp_path: Path, now: str, status: str) -> None:
    out = sla(_plan(tmp_path), "--today", "2026-11-24", "--now", now, "--format", "json")[1]
    [event] = [e for r in json.loads(out)["slas"] for e in r["events"] if e["id"] == "INC0010007"]
    assert event["status"] == status


def test_the_sla_and_the_configuration_move_the_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["--today", "2026-11-23", "--now", "2026-11-23T16:30", "--format", "json"]

    def status(plan: str) -> str:
        out = sla(plan, *args)[1]
        return next(e["status"] for r in json.loads(out)["slas"] for e in r["events"] if e["id"] == "INC0010007")

    assert status(_plan(tmp_path, at_risk="90")) == "running"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "asplan.toml").write_text("sla_at_risk = 85\n", encoding="utf-8")
    assert status(_plan(tmp_path)) == "running"  # 81.25 % < 85 %
    assert status(_plan(tmp_path, at_risk="80")) == "at_risk"  # the SLA wins over the configuration


def test_text_lists_it_with_remaining_time_and_deadline(tmp_path: Path) -> None:
    code, out, _ = sla(_plan(tmp_path), "--today", "2026-11-23", "--now", "2026-11-23T16:30", "--period", "2026-11")
    assert code == 0
    line = next(row for row in out.splitlines() if "INC0010007" in row)
    assert line.split() == [
        *("SLA-2", "2026-11", "INC0010007", "at_risk"),
        *("6h", "30m", "81.25%", "1h", "30m", "2026-11-24", "09:00"),
    ]
    assert out.rstrip().endswith("1 event at risk; credits: none")


def test_fail_on(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    base = ["--today", "2026-11-23", "--now", "2026-11-23T16:30", "--period", "2026-11"]
    assert sla(plan, *base)[0] == 0
    # 2026-11: SLA-1 is open (its breached P1 counts when the month closes), SLA-2 has the at-risk P2.
    assert sla(plan, *base, "--fail-on", "breach")[0] == 0
    assert sla(plan, *base, "--fail-on", "at-risk")[0] == 1
    october = ["--today", "2026-11-23", "--period", "2026-10"]
    assert sla(plan, *october, "--fail-on", "breach")[0] == 1  # SLA-1 breached in October
    assert sla(plan, *october, "--fail-on-breach")[0] == 1  # the old spelling
    assert sla(plan, *october, "--fail-on", "at-risk")[0] == 1  # a breach is worse than a risk
    code, _, err = sla(plan, *october, "--fail-on", "risk")
    assert code == 2 and "--fail-on risk: expected one of breach, at-risk" in err
