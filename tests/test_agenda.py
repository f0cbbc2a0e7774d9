"""Dated items of a plan (spec §3), with hand-computed dates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from asplan.agenda import DueItem, Kind, Status, agenda, classify, next_review, within
from asplan.loading import Positions
from asplan.model.plan import Plan
from asplan.model.scalars import Cadence
from asplan.model.validate import validate_plan
from asplan.reporters.due.ics import to_ics
from asplan.timecalc import build_calendars

TODAY = date(2026, 11, 23)


def plan(**sections: Any) -> Plan:
    account = {"id": "acme", "name": "ACME", "tier": "low", "manager": "ana", **sections.pop("account", {})}
    validated = validate_plan({"asplan": 1, "account": account, **sections}, Positions(), "acme.yaml")
    assert validated.findings == [] and validated.plan is not None
    return validated.plan


def review_date(**sections: Any) -> date | None:
    p = plan(**sections)
    return next_review(p, build_calendars(p))


def test_month_end_clamping() -> None:
    assert review_date(reviews={"every": "quarterly", "history": [{"date": "2026-08-31"}]}) == date(2026, 11, 30)
    assert review_date(reviews={"every": "P1Y", "history": [{"date": "2024-02-29"}]}) == date(2025, 2, 28)
    assert review_date(reviews={"every": "monthly", "history": [{"date": "2026-01-31"}]}) == date(2026, 2, 28)


def test_anchor_is_latest_history_then_since_then_contract_start() -> None:
    history = [{"date": "2026-09-15"}, {"date": "2026-04-01"}]
    assert review_date(reviews={"every": "quarterly", "history": history}) == date(2026, 12, 15)
    assert review_date(account={"since": "2023-04-01"}, reviews={"every": "yearly"}) == date(2024, 4, 1)
    contract = {"contract": {"start": "2024-01-31", "end": "2027-01-31"}}
    assert review_date(account=contract, reviews={"every": "monthly"}) == date(2024, 2, 29)
    assert review_date(reviews={"every": "monthly"}) is None
    assert review_date() is None


def test_explicit_next_wins_and_is_not_rolled() -> None:
    reviews = {"every": "quarterly", "next": "2026-12-26", "calendar": "24x7", "history": [{"date": "2026-10-01"}]}
    assert review_date(reviews=reviews) == date(2026, 12, 26)


MADRID = {
    "laboral": {
        "timezone": "Europe/Madrid",
        "hours": {"mon-fri": "09:00-18:00"},
        "holidays_from": {"country": "ES", "subdivision": "MD"},
    }
}


def test_cadence_landing_on_weekend_and_consecutive_holidays_is_rolled() -> None:
    # 2026-11-05 + monthly = Sat 2026-12-05; Sun 6, Mon 7 and Tue 8 are holidays in Madrid -> Wed 9
    reviews = {"every": "monthly", "calendar": "laboral", "history": [{"date": "2026-11-05"}]}
    assert review_date(calendars=MADRID, reviews=reviews) == date(2026, 12, 9)
    # a weekend alone: 2026-08-28 + quarterly = Sat 2026-11-28 -> Mon 2026-11-30
    reviews = {"every": "quarterly", "calendar": "laboral", "history": [{"date": "2026-08-28"}]}
    assert review_date(calendars=MADRID, reviews=reviews) == date(2026, 11, 30)
    # an unknown calendar (ASP202) leaves the date unrolled
    reviews = {"every": "quarterly", "calendar": "nope", "history": [{"date": "2026-08-28"}]}
    assert review_date(calendars=MADRID, reviews=reviews) == date(2026, 11, 28)


def test_classify_edges() -> None:
    assert classify(date(2026, 11, 22), TODAY, 14) is Status.overdue
    assert classify(TODAY, TODAY, 14) is Status.due_soon
    assert classify(date(2026, 12, 7), TODAY, 14) is Status.due_soon
    assert classify(date(2026, 12, 8), TODAY, 14) is Status.upcoming
    assert classify(TODAY, TODAY, 0) is Status.due_soon


FULL = {
    "account": {
        "since": "2023-01-01",
        "contract": {"id": "MSA-1", "start": "2024-01-01", "end": "2027-01-31", "renewal_notice_days": 90},
    },
    "people": [{"id": "ana", "name": "Ana", "side": "provider"}, {"id": "bo", "name": "Bo", "side": "client"}],
    "objectives": [
        {
            "id": "OBJ-1",
            "title": "On time",
            "owner": "bo",
            "kpis": [
                {
                    "id": "KPI-1",
                    "name": "On-time rate",
                    "frequency": "monthly",
                    "measurements": [{"date": "2026-10-31", "value": 90}, {"date": "2026-09-30", "value": 89}],
                },
                {"id": "KPI-2", "name": "No frequency", "measurements": [{"date": "2020-01-01", "value": 1}]},
            ],
            "milestones": [
                {"title": "Pilot", "due": "2026-06-30", "done": "2026-06-20"},
                {"title": "Rollout", "due": "2026-11-20"},
            ],
        }
    ],
    "actions": [
        {"id": "ACT-1", "title": "Late", "owner": "ana", "due": "2026-11-13", "status": "in_progress"},
        {"id": "ACT-2", "title": "Done", "due": "2026-11-01", "status": "done", "done": "2026-11-01"},
        {"id": "ACT-3", "title": "Cancelled", "due": "2026-11-01", "status": "cancelled"},
    ],
    "continuity": {"last_test": "2026-05-19", "test_every": "semiannual"},
    "communication": [
        {"name": "Weekly call", "every": "weekly", "owner": "ana", "last": "2026-11-19"},
        {"name": "Never held", "every": "monthly"},
    ],
    "reviews": {"every": "quarterly", "history": [{"date": "2026-09-03"}]},
}


def test_every_dated_item_kind() -> None:
    items = agenda(plan(**FULL), TODAY)
    got = [(i.kind.value, i.id, i.date.isoformat(), i.status.value, i.days, i.owner) for i in items]
    assert got == [
        ("contract_renewal", "MSA-1", "2026-11-02", "overdue", -21, "ana"),  # 2027-01-31 - 90 days
        ("action", "ACT-1", "2026-11-13", "overdue", -10, "ana"),
        ("continuity_test", "continuity", "2026-11-19", "overdue", -4, "ana"),  # 2026-05-19 + 6 months
        ("milestone", "OBJ-1/M2", "2026-11-20", "overdue", -3, "bo"),
        ("touchpoint", "Weekly call", "2026-11-26", "due_soon", 3, "ana"),
        ("review", "review", "2026-12-03", "due_soon", 10, "ana"),
        ("kpi_measurement", "OBJ-1/KPI-1", "2026-12-07", "due_soon", 14, "bo"),  # 10-31 + 1 month + 7 days
        ("contract_end", "MSA-1", "2027-01-31", "upcoming", 69, "ana"),
    ]


def test_paths_point_at_source_dates() -> None:
    items = {i.kind: i for i in agenda(plan(**FULL), TODAY)}
    assert items[Kind.kpi_measurement].path == ("objectives", 0, "kpis", 0, "measurements", 0, "date")
    assert items[Kind.review].path == ("reviews", "every")
    assert items[Kind.touchpoint].path == ("communication", 0, "last")


def test_expired_contract_has_no_renewal_item_and_warn_days_change_status() -> None:
    expired = {"account": {"contract": {"id": "C", "end": "2026-11-22"}}}
    assert [(i.kind.value, i.status.value) for i in agenda(plan(**expired), TODAY)] == [("contract_end", "overdue")]
    soon = agenda(plan(**FULL), TODAY, warn_days=2)
    assert {i.kind.value: i.status.value for i in soon}["touchpoint"] == "upcoming"
    graced = agenda(plan(**FULL), TODAY, kpi_grace_days=0)
    assert {i.kind.value: i.date for i in graced}["kpi_measurement"] == date(2026, 11, 30)


def item(days: int, kind: Kind = Kind.action, owner: str = "ana", account: str = "acme") -> DueItem:
    when = TODAY + timedelta(days=days)
    return DueItem(account, kind, f"A{days}", "t", when, classify(when, TODAY, 14), days, owner, ())


def test_within_edge_and_filters() -> None:
    items = [item(-400), item(-1), item(0), item(30), item(31)]
    assert [i.days for i in within(items, 30)] == [-400, -1, 0, 30]
    assert [i.days for i in within(items, 0)] == [-400, -1, 0]
    mixed = [item(1, owner="bo"), item(2, kind=Kind.review), item(3, account="other")]
    assert [i.days for i in within(mixed, 30, owners=["bo"])] == [1]
    assert [i.days for i in within(mixed, 30, kinds=["review"])] == [2]
    assert [i.days for i in within(mixed, 30, accounts=["other"])] == [3]


def test_ics_is_deterministic_and_uids_ignore_dates() -> None:
    from icalendar import Calendar

    first = to_ics(agenda(plan(**FULL), TODAY), TODAY, "1.0")
    assert first == to_ics(agenda(plan(**FULL), TODAY), TODAY, "1.0")
    moved = dict(FULL, actions=[dict(FULL["actions"][0], due="2026-12-01")])
    later = to_ics(agenda(plan(**moved), date(2026, 11, 24)), date(2026, 11, 24), "1.0")
    uid = {str(e["summary"]): str(e["uid"]) for e in Calendar.from_ical(first).walk("VEVENT")}
    uid_later = {str(e["summary"]): str(e["uid"]) for e in Calendar.from_ical(later).walk("VEVENT")}
    assert uid["[acme] Late"] == uid_later["[acme] Late"]
    event = next(e for e in Calendar.from_ical(later).walk("VEVENT") if str(e["summary"]) == "[acme] Late")
    assert event.decoded("dtstart") == date(2026, 12, 1)
    assert event.decoded("dtend") == date(2026, 12, 2)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.sampled_from(["weekly", "monthly", "quarterly", "yearly", "P10D", "P1Y1M", "P2M3D"]),
)
def test_rolled_review_is_a_working_day_never_before_the_cadence(anchor: date, every: str) -> None:
    cal = {"office": {"hours": {"mon-fri": "09:00-17:00"}, "holidays": ["2026-12-24", "2026-12-25"]}}
    p = plan(calendars=cal, reviews={"every": every, "calendar": "office", "history": [{"date": anchor.isoformat()}]})
    rolled = next_review(p)
    unrolled = next_review(plan(reviews={"every": every, "history": [{"date": anchor.isoformat()}]}))
    assert rolled is not None and unrolled is not None
    assert anchor < unrolled <= rolled <= unrolled + timedelta(days=4)
    assert rolled.weekday() < 5 and rolled not in (date(2026, 12, 24), date(2026, 12, 25))
    # Without a calendar the next review is the anchor plus the cadence; with one it is
    # the first working day from there: every day skipped is a weekend day or a holiday.
    assert unrolled == Cadence(every).add(anchor)
    skipped = [unrolled + timedelta(days=n) for n in range((rolled - unrolled).days)]
    assert all(d.weekday() >= 5 or d in (date(2026, 12, 24), date(2026, 12, 25)) for d in skipped)
