"""Event sources through ``asplan sla`` (spec §7.2): mappings, column maps, time formats, zones, delimiters, BOMs.

Each test times a handful of tickets whose figures are worked out in the comments,
so a mapping that reads the wrong column or zone shows as a wrong number. What is read
and checked without the command is in tests/test_event_sources.py.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.sla.events import sniff_delimiter
from event_source_plans import EXPORT, LOG, LOGGED, MAPPED, SLA, SLA_24X7, TICKETS
from helpers import check_text, messages, plan


def _sla_json(tmp_path: Path, events: str, files: dict[str, str | bytes], extra: str = "") -> dict:
    text = plan(SLA + extra + "events:\n" + events)
    text = text.replace("  tier: high\n", "  tier: high\n  timezone: Europe/Madrid\n")
    (tmp_path / "acme.yaml").write_text(text, encoding="utf-8")
    for name, content in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-11-23", "--format", "json", "--period", "2026-10"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _elapsed(report: dict) -> dict[str, float]:
    return {e["id"]: e["elapsed_minutes"] for row in report["slas"] for e in row["events"]}


# ------------------------------------------------------------------- delimiters


def test_semicolon_export_with_decimal_commas_and_a_bom(tmp_path: Path) -> None:
    """A Spanish Excel export: BOM, semicolons, decimal commas in a column nobody reads."""
    rows = (
        "\ufeffid;created;resolved;horas\n"
        "T1;2026-10-05T10:00;2026-10-05T10:45;0,75\n"  # 45 min
        'T2;2026-10-06T10:00;2026-10-06T11:30;"1,5"\n'  # 90 min
    )
    report = _sla_json(tmp_path, "  - tickets.csv\n", {"tickets.csv": rows.encode("utf-8")})
    assert _elapsed(report) == {"T1": 45, "T2": 90}
    assert report["slas"][0]["value"] == 50


def test_tab_separated_export(tmp_path: Path) -> None:
    rows = "id\tcreated\tresolved\nT1\t2026-10-05T10:00\t2026-10-05T10:20\n"
    assert _elapsed(_sla_json(tmp_path, "  - tickets.tsv\n", {"tickets.tsv": rows})) == {"T1": 20}


def test_a_written_delimiter_wins_over_sniffing(tmp_path: Path) -> None:
    """The header alone would say comma ("a,b" is one quoted name); the plan says semicolon."""
    rows = 'id;created;resolved;"a,b,c"\nT1;2026-10-05T10:00;2026-10-05T10:30;x\n'
    assert sniff_delimiter(rows.splitlines()[0]) == ";"
    piped = rows.replace(";", "|")
    report = _sla_json(tmp_path, '  - {file: t.csv, delimiter: "|"}\n', {"t.csv": piped})
    assert _elapsed(report) == {"T1": 30}
    tabbed = rows.replace(";", "\t")
    assert _elapsed(_sla_json(tmp_path, "  - {file: t.csv, delimiter: tab}\n", {"t.csv": tabbed})) == {"T1": 30}


# ------------------------------------------------------------ columns and formats


def test_columns_map_fields_to_headers_and_time_format_reads_them(tmp_path: Path) -> None:
    assert _elapsed(_sla_json(tmp_path, MAPPED, {"export.csv": EXPORT})) == {"K-1": 40, "K-2": 180}


def test_timezone_of_the_source_wins_over_the_account(tmp_path: Path) -> None:
    """Written in UTC: K-1 is 10:00-10:40 UTC, still 40 min; K-2 01:30-03:30 UTC is 2 h (no DST in UTC)."""
    report = _sla_json(tmp_path, MAPPED + "    timezone: UTC\n", {"export.csv": EXPORT})
    assert _elapsed(report) == {"K-1": 40, "K-2": 120}


def test_offsets_in_the_format_are_kept(tmp_path: Path) -> None:
    rows = "Key,Opened,Closed\nK-1,2026-10-05 10:00 +0200,2026-10-05 09:30 +0000\n"  # 08:00Z -> 09:30Z: 90 min
    source = (
        '  - {file: e.csv, columns: {id: Key, created: Opened, resolved: Closed}, time_format: "%Y-%m-%d %H:%M %z"}\n'
    )
    assert _elapsed(_sla_json(tmp_path, source, {"e.csv": rows})) == {"K-1": 90}


def test_where_reads_mapped_and_unmapped_headers(tmp_path: Path) -> None:
    extra = """\
  - {id: SLA-2, name: Alta, start: created, stop: resolved, target: "<= 1h", penalty: x, where: {priority: Alta}}
  - {id: SLA-3, name: By raw header, start: created, stop: resolved, target: "<= 1h", penalty: x, where: {Prio: Alta}}
"""
    report = _sla_json(tmp_path, MAPPED, {"export.csv": EXPORT}, extra=extra)
    by_sla = {row["sla"]: sorted(e["id"] for e in row["events"]) for row in report["slas"]}
    assert by_sla == {"SLA-1": ["K-1", "K-2"], "SLA-2": ["K-1", "K-2"], "SLA-3": ["K-1", "K-2"]}


def test_sla_refuses_the_same_mapping(tmp_path: Path) -> None:
    text = plan(SLA + "events:\n  - {file: export.csv, columns: {id: Key, created: Opened, resolved: Shut}}\n")
    (tmp_path / "acme.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "export.csv").write_text(EXPORT, encoding="utf-8")
    result = CliRunner().invoke(app, ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-11-23"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"asplan: error: {tmp_path / 'export.csv'}: no column 'Shut' (field 'resolved', needed by SLA-1);"
        " the header has: Key, Opened, Closed, Prio\n"
    )


def test_a_plain_path_still_refuses_a_repeated_header_but_a_mapping_reads_around_it(tmp_path: Path) -> None:
    rows = "id,created,resolved,label,label\nT1,2026-10-05T10:00,2026-10-05T10:10,a,b\n"
    text = plan(SLA + "events:\n  - t.csv\n")
    assert messages(check_text(text, extra_files={"t.csv": rows}, select=["ASP206"]), "ASP206") == [
        "event file 't.csv' has column 'label' twice in its header"
    ]
    mapped = "  - {file: t.csv, columns: {id: id}}\n"
    assert _elapsed(_sla_json(tmp_path, mapped, {"t.csv": rows})) == {"T1": 10}
    needed = "  - {file: t.csv, columns: {resolved: label}}\n"
    findings = check_text(plan(SLA + "events:\n" + needed), extra_files={"t.csv": rows}, select=["ASP206"])
    assert messages(findings, "ASP206") == [
        "event file 't.csv' has column 'label' more than once (field 'resolved', needed by SLA-1)"
    ]


# ------------------------------------------------------------------- status logs


def test_status_log_pauses_merge_with_the_pauses_column(tmp_path: Path) -> None:
    text = plan(SLA_24X7 + "events:\n" + LOGGED).replace("  tier: high\n", "  tier: high\n  timezone: UTC\n")
    (tmp_path / "acme.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "t.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "log.csv").write_text(LOG, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-10-06", "--now", "2026-10-06T12:00Z", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    events = {e["id"]: e for row in json.loads(result.stdout)["slas"] for e in row["events"]}
    assert events["T1"]["elapsed_minutes"] == 240
    # T2: 10:00 -> 10:30 counted, paused since: 30 minutes, running, no deadline while waiting.
    assert (events["T2"]["status"], events["T2"]["elapsed_minutes"], events["T2"]["deadline"]) == ("running", 30, None)


# ------------------------------------------------------------------- timestamps


@pytest.mark.parametrize(
    ("created", "utc_start"),
    [
        ("2026-10-05T10:00", "2026-10-05T08:00"),  # naive: Madrid summer time
        ("2026-10-05T08:00Z", "2026-10-05T08:00"),
        ("2026-10-05T10:00+02:00", "2026-10-05T08:00"),
        ("2026-10-05T03:00-05:00", "2026-10-05T08:00"),
        ("2026-10-25T02:30", "2026-10-25T00:30"),  # happens twice that night: the first (CEST) is read
    ],
)
def test_naive_z_and_offsets(tmp_path: Path, created: str, utc_start: str) -> None:
    """An open 24x7 ticket timed to a fixed --now: its elapsed minutes say where its start was put."""
    rows = f"id,created,resolved\nN,{created},\n"
    text = plan(SLA.replace('target: "<= 1h"', 'target: "<= 99h", calendar: 24x7') + "events:\n  - t.csv\n")
    text = text.replace("  tier: high\n", "  tier: high\n  timezone: Europe/Madrid\n")
    (tmp_path / "acme.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "t.csv").write_text(rows, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-10-30", "--now", "2026-10-26T00:00Z", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    [event] = [e for row in json.loads(result.stdout)["slas"] for e in row["events"]]
    elapsed = event["elapsed_minutes"]
    expected = (datetime(2026, 10, 26) - datetime.fromisoformat(utc_start)).total_seconds() / 60
    assert elapsed == expected


def test_a_status_log_outside_the_plans_repository_is_refused_unopened(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "asplan.toml").write_text("", encoding="utf-8")
    (tmp_path / "secret.csv").write_text("TOKEN=abc\n", encoding="utf-8")
    text = plan(SLA + "events:\n  - {file: t.csv, status_log: {file: ../secret.csv}}\n")
    (repo / "acme.yaml").write_text(text, encoding="utf-8")
    (repo / "t.csv").write_text(TICKETS, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(repo / "acme.yaml"), "--select", "ASP206", "--format", "json"])
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["path"] == "events[0].status_log.file"
    assert finding["message"].startswith("status log '../secret.csv' is outside the plans repository")
    result = CliRunner().invoke(app, ["sla", str(repo / "acme.yaml"), "--today", "2026-11-23"])
    assert result.exit_code == 2 and "TOKEN" not in result.output
    assert "../secret.csv: is outside the plans repository" in result.stderr
