"""Event sources (spec §7.2): delimiters, column maps and status logs as read and as checked.

The figures these sources give through ``asplan sla`` are tested in
tests/cli/test_sla_event_sources.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from asplan.sla.events import load_event_file, sniff_delimiter
from event_source_plans import EXPORT, LOG, LOGGED, SLA, TICKETS
from helpers import check_text, messages, plan

# ------------------------------------------------------------------- delimiters


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("id,created,resolved\n", ","),
        ("id;created;resolved\n", ";"),
        ("id\tcreated\tresolved\n", "\t"),
        ('id;"created, local";resolved\n', ";"),  # a comma inside a quoted header is not a separator
        ('"Id","Created at","Resolution time (h, business)"\n', ","),
        ("id\n", ","),  # one column: nothing to sniff, a comma
        ("Ticket;Priority;Time (h,m)\n", ";"),  # 2 semicolons beat 1 comma
    ],
)
def test_the_header_decides_the_delimiter(line: str, expected: str) -> None:
    assert sniff_delimiter(line) == expected


def test_the_table_remembers_its_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("\ufeffid;created\nT1;2026-10-05T10:00\n", encoding="utf-8")
    table = load_event_file(str(path))
    assert (table.header, table.delimiter, table.count) == (["id", "created"], ";", 1)
    assert list(table.records()) == [(2, ["T1", "2026-10-05T10:00"])]


# ------------------------------------------------------------ columns and formats


def test_check_reports_a_mapped_column_the_export_lacks() -> None:
    text = plan(
        SLA
        + "events:\n"
        + "  - file: export.csv\n"
        + "    columns: {id: Key, created: Opened, resolved: Shut, priority: Priority}\n"
        + '    time_format: "%d/%m/%Y %H:%M"\n'
    )
    findings = check_text(text, extra_files={"export.csv": EXPORT}, select=["ASP206"])
    assert [(f.path, f.line) for f in findings] == [
        ("events[0].columns.resolved", 13),
        ("events[0].columns.priority", 13),
    ]
    assert messages(findings, "ASP206") == [
        "event file 'export.csv' has no column 'Shut' (field 'resolved', needed by SLA-1)",
        "event file 'export.csv' has no column 'Priority' (field 'priority', mapped in columns)",
    ]


def test_model_refuses_what_cannot_be_read() -> None:
    text = plan(
        SLA
        + "events:\n"
        + "  - file: e.csv\n"
        + "    preset: jirra\n"
        + '    time_format: "%d/%m/%Y"\n'
        + "    columns: {id: ''}\n"
        + '    delimiter: ":"\n'
    )
    found = {(f.code, f.path) for f in check_text(text, extra_files={"e.csv": "id\n"})}
    assert {
        ("ASP102", "events[0].preset"),
        ("ASP102", "events[0].time_format"),
        ("ASP102", "events[0].columns"),
        ("ASP102", "events[0].delimiter"),
    } <= found


# ------------------------------------------------------------------- status logs


def test_check_reports_a_missing_status_log_and_its_columns() -> None:
    text = plan(SLA + "events:\n" + LOGGED)
    findings = check_text(text, extra_files={"t.csv": TICKETS}, select=["ASP206"])
    assert [(f.path, f.message) for f in findings] == [
        ("events[0].status_log.file", "status log 'log.csv' not found")
    ]
    bad_log = LOG.replace("state", "estado")
    findings = check_text(text, extra_files={"t.csv": TICKETS, "log.csv": bad_log}, select=["ASP206"])
    assert [(f.path, f.message) for f in findings] == [
        (
            "events[0].status_log.columns.status",
            "status log 'log.csv' has no column 'state' (field 'status', every status change needs it)",
        )
    ]


def test_status_log_times_in_the_wrong_format_are_one_finding() -> None:
    text = plan(SLA + "events:\n" + LOGGED.replace("%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"))
    findings = check_text(text, extra_files={"t.csv": TICKETS, "log.csv": LOG}, select=["ASP409"])
    assert [(f.path, f.message) for f in findings] == [
        (
            "events[0].status_log.time_format",
            "3 status changes have timestamps in 'when' that do not match time_format '%d/%m/%Y %H:%M'"
            " (first at log.csv:2); they are left out: correct time_format (strptime codes) to the export's format",
        )
    ]
