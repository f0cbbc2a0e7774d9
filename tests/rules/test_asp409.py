"""ASP409: event timestamps that do not match the export's time format."""

from __future__ import annotations

from helpers import check_text, messages, plan

JIRA = (
    "Summary,Issue key,Issue id,Status,Priority,Created,Resolved\n"
    "VPN down,OPS-1,10001,Resolved,High,11/May/26 3:26 PM,11/May/26 4:05 PM\n"
    "Printer,OPS-2,10002,Resolved,Low,12/May/26 9:10 AM,12/May/26 9:50 AM\n"
)


def _plan(entry: str) -> str:
    return plan(
        f"""\
        slas:
          - {{id: SLA-1, name: Resolution, start: created, stop: resolved, target: "<= 1h", penalty: 10 %}}
        events:
        {entry}
        """
    )


def test_an_export_read_with_the_wrong_format_is_one_finding_with_the_first_row() -> None:
    text = _plan("  - {file: jira.csv, columns: {id: Issue key, created: Created, resolved: Resolved}}")
    findings = check_text(text, extra_files={"jira.csv": JIRA}, select=["ASP409"])
    assert [(f.code, f.path) for f in findings] == [("ASP409", "events[0]")]
    assert messages(findings, "ASP409") == [
        "2 event rows have timestamps in 'Created' that are not ISO 8601 (first at jira.csv:2); they are left out:"
        " set time_format to the export's format (e.g. '%d/%m/%Y %H:%M'), or its preset"
    ]


def test_a_written_time_format_that_does_not_match_points_at_it() -> None:
    text = _plan(
        '  - {file: jira.csv, columns: {id: Issue key, created: Created, resolved: Resolved},'
        ' time_format: "%d/%m/%y %H:%M"}'
    )
    findings = check_text(text, extra_files={"jira.csv": JIRA}, select=["ASP409"])
    assert [f.path for f in findings] == ["events[0].time_format"]
    assert messages(findings, "ASP409")[0].startswith(
        "2 event rows have timestamps in 'Created' that do not match time_format '%d/%m/%y %H:%M' (first at jira.csv:2)"
    )


def test_one_bad_row_among_good_ones_asks_for_the_row_to_be_fixed() -> None:
    rows = JIRA + "Mail,OPS-3,10003,Resolved,Low,13/May/26 9:10 AM,13 May 2026 10:00\n"
    rows += "Wifi,OPS-4,10004,Resolved,Low,14/May/26 9:10 AM,14/May/26 9:20 AM\n"
    text = _plan("  - {file: jira.csv, preset: jira}")
    findings = check_text(text, extra_files={"jira.csv": rows}, select=["ASP409"])
    assert messages(findings, "ASP409") == [
        "1 event row has a timestamp in 'Resolved' that does not match time_format '%d/%b/%y %I:%M %p'"
        " (first at jira.csv:4); it is left out: correct those rows in the export"
    ]


def test_the_preset_format_passes() -> None:
    text = _plan("  - {file: jira.csv, preset: jira}")
    assert check_text(text, extra_files={"jira.csv": JIRA}, select=["ASP409"]) == []
