"""Timed SLAs end to end: a plan and a ticket export in a folder, figures by hand."""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from asplan.model.plan import Plan
from asplan.model.scalars import PeriodLabel
from asplan.plan_source import Target, read_plan
from asplan.sla.engine import PlanSlas, evaluate_plan
from asplan.sla.events import EventFileError

TODAY = date(2026, 11, 23)

PLAN = """\
asplan: 1
account:
  id: acme
  name: ACME
  tier: high
  manager: maria
  timezone: Europe/Madrid
  contract: {fee: {amount: 10000, currency: EUR, per: month}}
people:
  - {id: maria, name: María López, side: provider}
calendars:
  laboral:
    timezone: Europe/Madrid
    hours: {mon-thu: "09:00-14:00,15:00-18:00", fri: "08:00-15:00"}
slas:
  - id: RESP
    name: First response P1
    where: {priority: [P1, P0]}
    stop: first_response
    target: "<= 30m"
    penalty: 1 % per late ticket
    credit: {percent: 1}
  - id: RES
    name: Resolution P2
    where: {priority: P2}
    stop: resolved
    target: "<= 8h"
    calendar: laboral
    objective: ">= 95%"
    penalty: 2 % when under 95 %
    credit: {percent: 2}
events: [tickets.csv]
"""

HEADER = "id,created,priority,first_response,resolved,pauses\n"


def run(
    tmp_path: Path,
    rows: str,
    now: datetime | None = None,
    plan_text: str = PLAN,
    today: date = TODAY,
    selection: PeriodLabel | None = None,
) -> PlanSlas:
    (tmp_path / "acme.yaml").write_text(plan_text, encoding="utf-8")
    (tmp_path / "tickets.csv").write_text(HEADER + textwrap.dedent(rows), encoding="utf-8")
    plan = read_plan(Target(str(tmp_path / "acme.yaml"), explicit=True), 1_000_000).require()
    assert isinstance(plan, Plan)
    return evaluate_plan(plan, str(tmp_path / "acme.yaml"), today, now=now, selection=selection)


def period(report: PlanSlas, sla: str, label: str):  # type: ignore[no-untyped-def]
    result = next(r for r in report.slas if r.sla.id == sla)
    return next(p for p in result.periods if p.period.label == label)


def test_objective_period_fails_at_two_of_three(tmp_path: Path) -> None:
    # Mon 2026-10-05 on the laboral calendar: 2h and 3h are on time; the third runs
    # 09:00 Monday to 10:00 Tuesday = 8h + 1h = 9h, late. 2 of 3 = 66.67 % < 95 %.
    report = run(
        tmp_path,
        """\
        T1,2026-10-05T09:00,P2,,2026-10-05T11:00,
        T2,2026-10-05T10:00,P2,,2026-10-05T16:00,
        T3,2026-10-05T09:00,P2,,2026-10-06T10:00,
        """,
    )
    october = period(report, "RES", "2026-10")
    assert october.status == "breached"
    assert [(e.id, e.status, e.elapsed_minutes) for e in october.events] == [
        ("T1", "met", 120),
        ("T3", "breached", 540),
        ("T2", "met", 300),
    ]
    assert october.value is not None and round(october.value, 2) == Decimal("66.67")
    assert october.charge is not None and (october.charge.amount, october.charge.currency) == (200, "EUR")  # 2 %, once


def test_per_event_credits_and_where_lists(tmp_path: Path) -> None:
    # 24x7: 31 and 45 minutes are late (1 % each of 10,000), 30 exactly is on time.
    report = run(
        tmp_path,
        """\
        A,2026-10-10T10:00,P1,2026-10-10T10:31,,
        B,2026-10-11T23:50,P0,2026-10-12T00:35,,
        C,2026-10-12T09:00,P1,2026-10-12T09:30,,
        D,2026-10-12T09:00,P3,2026-10-12T19:30,,
        """,
    )
    october = period(report, "RESP", "2026-10")
    assert [(e.id, e.status, e.elapsed_minutes) for e in october.events] == [
        ("A", "breached", 31),
        ("B", "breached", 45),
        ("C", "met", 30),
    ]
    assert october.status == "breached"
    assert october.charge is not None and october.charge.amount == 200


def test_open_ticket_reports_remaining_and_deadline(tmp_path: Path) -> None:
    # Created Mon 2026-11-23 10:00, now 16:00: 240 + 60 = 300 of 480 minutes, 180 left;
    # the deadline is Tuesday 10:00 Madrid (16:00-18:00, then 09:00-10:00).
    now = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # 16:00 in Madrid
    report = run(tmp_path, "T1,2026-11-23T10:00,P2,2026-11-23T10:20,,\n", now=now)
    november = period(report, "RES", "2026-11")
    assert november.status == "open"
    (event,) = november.events
    assert (event.status, event.elapsed_minutes, event.percent) == ("running", 300, Decimal("62.5"))
    assert event.remaining is not None and event.remaining.total_seconds() == 180 * 60
    assert event.deadline == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # 10:00 Madrid


def test_open_ticket_already_over_target_is_breached(tmp_path: Path) -> None:
    # Default now: the end of today in Madrid. 10:00-14:00 + 15:00-18:00 = 7h: running.
    # Created the Thursday before 12:30: Thu 1h30 + 3h, Fri 7h, Mon 8h = 19h30: breached.
    report = run(
        tmp_path,
        """\
        T1,2026-11-23T10:00,P2,,,
        T2,2026-11-19T12:30,P2,,,
        """,
    )
    events = {e.id: e for e in period(report, "RES", "2026-11").events}
    # 7 h of 8 h is 87.5 %, past the default 75 %: running, and at risk (spec 7.3).
    assert (events["T1"].status, events["T1"].elapsed_minutes) == ("at_risk", 420)
    assert (events["T2"].status, events["T2"].elapsed_minutes) == ("breached", 1170)


def test_event_period_is_its_start_in_the_account_time_zone(tmp_path: Path) -> None:
    # 23:30 local on 10-31 is October; 23:30 UTC on 10-31 is 00:30 on 11-01 in Madrid.
    report = run(
        tmp_path,
        """\
        LOCAL,2026-10-31T23:30,P1,2026-10-31T23:40,,
        UTC,2026-10-31T23:30:00Z,P1,2026-10-31T23:40:00Z,,
        """,
    )
    assert [e.id for e in period(report, "RESP", "2026-10").events] == ["LOCAL"]
    assert [e.id for e in period(report, "RESP", "2026-11").events] == ["UTC"]


def test_broken_rows_are_reported_by_line_and_left_out(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        """\
        T1,2026-10-05T09:00,P1,2026-10-05T09:10,,
        T2,2026-13-05T09:00,P1,2026-10-05T09:10,,
        T3,2026-10-05T09:00,P1,2026-10-05T08:10,,
        T4,2026-10-05T09:00,P1
        T5,2026-10-05T09:00,P2,,2026-10-05T10:00,2026-10-05T09:30/soon
        """,
    )
    assert [str(p).split(":", 1)[1] for p in report.problems] == [
        "5: 3 fields where the header has 6; row left out",
        "3: 'created': '2026-13-05T09:00' is not an ISO 8601 timestamp (like 2026-06-01T09:30,"
        " 2026-06-01T09:30:00+02:00 or 2026-06-01T07:30Z); row left out",
        "4: 'first_response' 2026-10-05T08:10 is before 'created' 2026-10-05T09:00; row left out",
        "6: 'pauses': 'soon' is not an ISO 8601 timestamp (like 2026-06-01T09:30,"
        " 2026-06-01T09:30:00+02:00 or 2026-06-01T07:30Z); row left out",
    ]
    assert [e.id for e in period(report, "RESP", "2026-10").events] == ["T1"]


def test_missing_column_names_the_file(tmp_path: Path) -> None:
    plan_text = PLAN.replace("stop: resolved", "stop: closed_at")
    with pytest.raises(EventFileError, match=r"tickets.csv: no column 'closed_at' \(needed by RES\)"):
        run(tmp_path, "", plan_text=plan_text)


def test_bom_and_crlf_are_read(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(PLAN, encoding="utf-8")
    content = "\ufeff" + HEADER.replace("\n", "\r\n") + "T1,2026-10-05T09:00,P1,2026-10-05T09:45,,\r\n"
    (tmp_path / "tickets.csv").write_bytes(content.encode("utf-8"))
    plan = read_plan(Target(str(tmp_path / "acme.yaml"), explicit=True), 1_000_000).require()
    assert plan is not None
    report = evaluate_plan(plan, str(tmp_path / "acme.yaml"), TODAY)
    (event,) = period(report, "RESP", "2026-10").events
    assert (event.id, event.status, event.elapsed_minutes) == ("T1", "breached", 45)


def test_running_events_count_in_neither_side_of_the_share(tmp_path: Path) -> None:
    # A 30-day resolution target on 24x7, objective >= 50 %, in October (closed on 11-23):
    #   M  10-05 09:00 -> 10-06 09:00: 1 day, met;
    #   B  10-01 00:00 -> 11-05 00:00: 35 days (and the DST hour), breached;
    #   R  10-30 00:00, still open at the end of 11-23: 25 days and an hour, running.
    # Share = met / (met + breached) = 1 / 2 = 50 %: the objective is met, nothing owed.
    # (Counting R would make it 1 / 3 = 33.33 %: breached, 2 % of 10,000 = 200.)
    plan_text = PLAN.replace(
        "events: [tickets.csv]",
        "  - id: LONG\n"
        "    name: Resolution P3\n"
        "    where: {priority: P3}\n"
        "    stop: resolved\n"
        '    target: "<= 30d"\n'
        '    objective: ">= 50%"\n'
        "    penalty: 2 % when under half\n"
        "    credit: {percent: 2}\n"
        "events: [tickets.csv]",
    )
    report = run(
        tmp_path,
        """\
        M,2026-10-05T09:00,P3,,2026-10-06T09:00,
        B,2026-10-01T00:00,P3,,2026-11-05T00:00,
        R,2026-10-30T00:00,P3,,,
        """,
        plan_text=plan_text,
    )
    october = period(report, "LONG", "2026-10")
    # R has run 25 days and an hour of 30 (84.9 %): still running, and at risk (spec 7.3).
    assert [(e.id, e.status) for e in october.events] == [("B", "breached"), ("M", "met"), ("R", "at_risk")]
    assert (october.status, october.value) == ("met", 50)
    assert october.charge is not None and october.charge.amount == 0


def test_on_the_first_of_a_month_its_events_form_an_open_period(tmp_path: Path) -> None:
    # Today 2026-11-01: October has closed (A 31 min, late: 1 % of 10,000 = 100) and
    # November has started with B (10 min), so it is listed, open, nothing owed yet.
    rows = """\
        A,2026-10-20T10:00,P1,2026-10-20T10:31,,
        B,2026-11-01T08:00,P1,2026-11-01T08:10,,
        """
    report = run(tmp_path, rows, today=date(2026, 11, 1))
    result = next(r for r in report.slas if r.sla.id == "RESP")
    assert [(p.period.label, p.status) for p in result.periods] == [("2026-10", "breached"), ("2026-11", "open")]
    assert result.periods[0].charge is not None and result.periods[0].charge.amount == 100
    # --period 2026-10 asks for October alone; --period 2026-09 for a month with no event,
    # which met its commitment.
    for label, expected in (("2026-10", [("2026-10", "breached")]), ("2026-09", [("2026-09", "met")])):
        report = run(tmp_path, rows, today=date(2026, 11, 1), selection=PeriodLabel(label))
        result = next(r for r in report.slas if r.sla.id == "RESP")
        assert [(p.period.label, p.status) for p in result.periods] == expected


def test_the_deadline_of_an_open_ticket_skips_its_pauses(tmp_path: Path) -> None:
    # Created Mon 2026-11-23 10:00, paused 11:00-12:00, now 16:00 Madrid: 10-11 (60) +
    # 12-14 (120) + 15-16 (60) = 240 of 480 minutes. The 240 left: 16:00-18:00 (120),
    # then Tuesday 09:00-11:00: due Tue 11:00 Madrid = 10:00 UTC (an hour later than
    # without the pause).
    now = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    report = run(tmp_path, "T1,2026-11-23T10:00,P2,,,2026-11-23T11:00/2026-11-23T12:00\n", now=now)
    (event,) = period(report, "RES", "2026-11").events
    assert (event.status, event.elapsed_minutes) == ("running", 240)
    assert event.deadline == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def test_a_response_at_the_creation_instant_is_zero_minutes(tmp_path: Path) -> None:
    # first_response == created is 0 minutes, on time, not a row refused as "before" it.
    report = run(tmp_path, "T1,2026-10-05T09:00,P1,2026-10-05T09:00,,\n")
    assert report.problems == []
    (event,) = period(report, "RESP", "2026-10").events
    assert (event.status, event.elapsed_minutes) == ("met", 0)


def test_rows_with_an_empty_start_or_a_broken_stop_are_reported(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        """\
        T1,,P1,2026-10-05T09:10,,
        T2,2026-10-05T09:00,P1,soon,,
        """,
    )
    assert [str(p).split(":", 1)[1] for p in report.problems] == [
        "2: 'created' is empty; row left out",
        "3: 'first_response': 'soon' is not an ISO 8601 timestamp (like 2026-06-01T09:30,"
        " 2026-06-01T09:30:00+02:00 or 2026-06-01T07:30Z); row left out",
    ]



@pytest.mark.parametrize(("target", "percent"), [('"<= 1m"', Decimal(200)), ('"<= 0m"', None)])
def test_percent_of_target_for_tiny_targets(tmp_path: Path, target: str, percent: Decimal | None) -> None:
    # 2 minutes against 1 minute is 200 %; against a zero target there is no percent.
    report = run(tmp_path, "T1,2026-10-05T09:00,P1,2026-10-05T09:02,,\n", plan_text=PLAN.replace('"<= 30m"', target))
    (event,) = period(report, "RESP", "2026-10").events
    assert (event.status, event.elapsed_minutes, event.percent) == ("breached", 2, percent)
