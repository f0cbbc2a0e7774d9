"""ASP206: event file missing or unreadable, or a column an SLA needs is absent."""

from __future__ import annotations

from helpers import check_text, messages, plan

SLA_PLAN = plan(
    """\
    slas:
      - id: SLA-2
        name: First response P1
        where: {priority: P1}
        stop: first_response
        target: "<= 30m"
        penalty: credit
    events:
      - data/tickets.csv
    """
)


def test_missing_event_file() -> None:
    findings = check_text(SLA_PLAN, select=["ASP206"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [("ASP206", 17, 5, "events[0]")]
    assert messages(findings, "ASP206") == ["event file 'data/tickets.csv' not found"]


def test_a_path_typed_across_lines_stays_one_line_in_the_message() -> None:
    # A quoted path with an escaped newline and ESC: the message spells them out
    # instead of splitting the finding or sending an escape sequence to a terminal.
    text = SLA_PLAN.replace("- data/tickets.csv", '- "data/tickets.csv\\n- x\\e[2K"')
    findings = check_text(text, select=["ASP206"])
    assert messages(findings, "ASP206") == ["event file 'data/tickets.csv\\x0a- x\\x1b[2K' not found"]


def test_missing_columns() -> None:
    csv = "id,created,status\nT-1,2026-11-02T09:00,open\n"
    findings = check_text(SLA_PLAN, extra_files={"data/tickets.csv": csv}, select=["ASP206"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP206", 17, 5), ("ASP206", 17, 5)]
    assert messages(findings, "ASP206") == [
        "event file 'data/tickets.csv' has no column 'first_response' (needed by SLA-2)",
        "event file 'data/tickets.csv' has no column 'priority' (needed by SLA-2)",
    ]


def test_file_that_is_not_utf8() -> None:
    csv = "id,created,first_response,priorit\xe9\n".encode("latin-1")
    findings = check_text(SLA_PLAN, extra_files={"data/tickets.csv": csv}, select=["ASP206"])
    assert messages(findings, "ASP206") == ["event file 'data/tickets.csv' is not UTF-8"]


def test_timed_sla_without_event_files() -> None:
    text = SLA_PLAN.replace("events:\n  - data/tickets.csv\n", "")
    findings = check_text(text, select=["ASP206"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP206", 13, 11)]


def test_event_file_with_every_column_passes() -> None:
    csv = "\ufeffid,created,first_response,priority\nT-1,2026-11-02T09:00,2026-11-02T09:10,P1\n"
    assert check_text(SLA_PLAN, extra_files={"data/tickets.csv": csv}, select=["ASP206"]) == []
