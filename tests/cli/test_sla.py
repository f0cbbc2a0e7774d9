"""``asplan sla`` through the real CLI, on the examples and on small folders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


def sla(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["sla", *args, "--today", "2026-11-23"])
    return result.exit_code, result.stdout, result.stderr


def test_json_on_the_examples() -> None:
    code, out, _ = sla(str(EXAMPLES / "acme-logistica.yaml"), str(EXAMPLES / "northwind-health.yaml"),
                       "--format", "json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["today"] == "2026-11-23"
    rows = {(r["account"], r["sla"], r["period"]): r for r in data["slas"]}
    august = rows[("acme-logistica", "SLA-1", "2026-08")]
    # 99.62 falls in the 5 % tier only (below 99.8, not below 99.5): 5 % of 24,500.
    assert (august["status"], august["value"], august["credit"], august["currency"]) == (
        "breached", 99.62, "1225.00", "EUR"
    )  # fmt: skip
    assert rows[("northwind-health", "SLA-1", "2026-09")]["credit"] == "500.00"
    assert rows[("acme-logistica", "SLA-4", "2026-11")]["status"] == "open"
    late = [e for e in rows[("acme-logistica", "SLA-3", "2026-06")]["events"] if e["status"] == "breached"]
    # ACME-4107: created 18:57, first response 19:31, 24x7: 34 minutes against 30.
    assert late[0] == {
        "id": "ACME-4107",
        "status": "breached",
        "elapsed_minutes": 34,
        "percent": 113.33,
        "remaining_minutes": None,
        "deadline": "2026-06-02T19:27:00+02:00",
    }
    assert data["credits"] == {"EUR": "3430.00", "GBP": "500.00"}


def test_period_last_and_fail_on_breach(tmp_path: Path) -> None:
    code, out, _ = sla(str(EXAMPLES / "northwind-health.yaml"), "--period", "last", "--format", "json")
    assert code == 0
    assert [(r["period"], r["status"]) for r in json.loads(out)["slas"]] == [("2026-10", "met")]
    code, out, _ = sla(str(EXAMPLES / "northwind-health.yaml"), "--period", "2026-Q3", "--fail-on-breach")
    assert code == 1
    assert "1 breached period; credits: 500.00 GBP" in out


def test_text_lists_breached_events() -> None:
    code, out, _ = sla(str(EXAMPLES / "acme-logistica.yaml"), "--period", "2026-07")
    assert code == 0
    assert "Breached and running events" in out
    assert "ACME-4175   breached   10h 19m" in out
    assert "2 breached periods; credits: 1225.00 EUR" in out  # SLA-2 735 + SLA-4 490


def test_missing_event_file_is_exit_2_naming_the_file(tmp_path: Path) -> None:
    code, _, err = sla(str(EXAMPLES / "acme-logistica.yaml"), "--events", str(tmp_path / "nope.csv"))
    assert code == 2
    assert err == f"asplan: error: {tmp_path / 'nope.csv'}: event file not found\n"


def test_broken_row_is_a_warning_with_file_and_line(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "acme-logistica.yaml", tmp_path / "acme-logistica.yaml")
    data = tmp_path / "data" / "acme-logistica"
    data.mkdir(parents=True)
    lines = (EXAMPLES / "data" / "acme-logistica" / "tickets.csv").read_text(encoding="utf-8").splitlines()
    lines[7] = lines[7].replace("2026-06-02T18:57", "yesterday")  # ACME-4107, line 8
    (data / "tickets.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = sla(str(tmp_path / "acme-logistica.yaml"), "--period", "2026-06", "--format", "json")
    assert code == 0
    finding, row = err.splitlines()[:2]  # the finding on the plan (ASP409), then the row left out
    assert "ASP409 1 event row has a timestamp in 'created' that is not ISO 8601 (first at " in finding
    assert finding.endswith("it is left out: correct those rows in the export")
    assert row.startswith(f"asplan: warning: {data / 'tickets.csv'}:8: 'created': 'yesterday' is not an ISO 8601")
    june = next(r for r in json.loads(out)["slas"] if r["sla"] == "SLA-3")
    assert [e["id"] for e in june["events"] if e["status"] == "breached"] == ["ACME-4141"]


def test_bad_options_are_exit_2() -> None:
    assert sla(str(EXAMPLES), "--period", "2026-13")[0] == 2
    code, _, err = sla(str(EXAMPLES), "--now", "tomorrow")
    assert code == 2 and "--now tomorrow" in err


def test_text_caps_the_event_table_and_points_to_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("asplan.reporters.sla.text.MAX_TEXT_EVENTS", 2)
    code, out, _ = sla(str(EXAMPLES / "acme-logistica.yaml"))
    assert code == 0
    _, json_out, _ = sla(str(EXAMPLES / "acme-logistica.yaml"), "--format", "json")
    flagged = sum(
        1
        for row in json.loads(json_out)["slas"]
        for event in row.get("events") or []
        if event["status"] == "breached" or (event["status"] == "running" and row["status"] == "open")
    )
    assert flagged > 2
    assert f"... and {flagged - 2:,} more breached or running events" in out


def test_text_for_several_plans_names_the_account_in_both_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # event files are confined to the plans repository
    shutil.copytree(EXAMPLES / "data", tmp_path / "data")
    acme = (EXAMPLES / "acme-logistica.yaml").read_text(encoding="utf-8")
    (tmp_path / "acme-logistica.yaml").write_text(acme, encoding="utf-8")
    (tmp_path / "acme-bis.yaml").write_text(acme.replace("id: acme-logistica", "id: acme-bis"), encoding="utf-8")
    code, out, _ = sla(str(tmp_path), "--period", "2026-07")
    assert code == 0
    summary, events = out.split("Breached and running events")
    assert summary.splitlines()[2].split()[:3] == ["account", "sla", "name"]
    assert events.splitlines()[2].split()[:5] == ["account", "sla", "period", "event", "status"]
    rows = [line.split()[:4] for line in events.splitlines() if "ACME-4175" in line]
    assert rows == [["acme-bis", "SLA-4", "2026-07", "ACME-4175"], ["acme-logistica", "SLA-4", "2026-07", "ACME-4175"]]
    # one plan: no account column, the SLA id is enough
    _, single, _ = sla(str(tmp_path / "acme-logistica.yaml"), "--period", "2026-07")
    assert single.split("Breached and running events")[1].splitlines()[2].split()[:2] == ["sla", "period"]
