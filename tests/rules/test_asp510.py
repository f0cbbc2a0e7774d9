"""ASP510: the first escalation level's `after` is longer than every timed SLA's target."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan

EVENTS = {
    "tickets.csv": (
        "id,created,priority,first_response,resolved\n"
        "T1,2026-10-01T09:00,P1,2026-10-01T09:10,2026-10-01T12:00\n"
        "T2,2026-10-01T09:00,P2,2026-10-01T09:20,2026-10-01T15:00\n"
    )
}


def timed_plan(first_after: str, second_after: str = "3d", resolution_target: str = "<= 8h") -> str:
    return plan(
        f"""\
        slas:
          - {{id: SLA-3, name: First response P1, where: {{priority: P1}}, stop: first_response,
             target: "<= 30m", penalty: 2 % per late ticket}}
          - {{id: SLA-4, name: Resolution P2, where: {{priority: P2}}, stop: resolved,
             target: "{resolution_target}", penalty: 5 % per breached month}}
        events: [tickets.csv]
        escalation:
          - {{level: 1, contact: maria, after: {first_after}}}
          - {{level: 2, contact: maria, after: {second_after}}}
        """
    )


def test_first_level_after_every_target_points_at_its_after() -> None:
    text = timed_plan("1d")
    assert lint(text, "ASP510", extra_files=EVENTS) == [("ASP510", 16, 39)]
    assert messages(check_text(text, extra_files=EVENTS, select=["ASP510"]), "ASP510") == [
        "escalation level 1 after 1d is later than every timed SLA's target (the longest: SLA-4 <= 8h):"
        " a ticket escalates only once it has breached; escalate at 8h or sooner"
    ]


def test_durations_compare_by_length_whatever_their_spelling() -> None:
    # 481 minutes is one minute past 8 hours; PT8H1M says the same.
    assert lint(timed_plan("481m"), "ASP510", extra_files=EVENTS) == [("ASP510", 16, 39)]
    assert lint(timed_plan("PT8H1M"), "ASP510", extra_files=EVENTS) == [("ASP510", 16, 39)]


def test_first_level_at_the_longest_target_passes() -> None:
    # Escalating exactly at 8h still comes before an `<= 8h` target is breached.
    assert lint(timed_plan("8h"), "ASP510", extra_files=EVENTS) == []
    assert lint(timed_plan("4h"), "ASP510", extra_files=EVENTS) == []


def test_the_first_level_is_the_lowest_level_number_not_the_first_listed() -> None:
    text = plan(
        """\
        slas:
          - {id: SLA-3, name: First response P1, where: {priority: P1}, stop: first_response,
             target: "<= 30m", penalty: 2 % per late ticket}
        events: [tickets.csv]
        escalation:
          - {level: 2, contact: maria, after: 2h}
          - {level: 1, contact: maria, after: 1h}
        """
    )
    found = check_text(text, extra_files=EVENTS, select=["ASP510"])
    assert [(f.line, f.column) for f in found] == [(15, 39)]
    assert messages(found, "ASP510") == [
        "escalation level 1 after 1h is later than SLA-3's target, <= 30m: a ticket escalates only once it"
        " has breached; escalate at 30m or sooner"
    ]


def test_measured_slas_and_plans_without_escalation_draw_nothing() -> None:
    measured = plan(
        """\
        slas:
          - {id: SLA-1, name: Availability, target: ">= 99.9%", penalty: 10 % of the month}
        escalation:
          - {level: 1, contact: maria, after: 3d}
        """
    )
    assert lint(measured, "ASP510") == []
    no_escalation = plan(
        """\
        slas:
          - {id: SLA-3, name: First response P1, where: {priority: P1}, stop: first_response,
             target: "<= 30m", penalty: 2 % per late ticket}
        events: [tickets.csv]
        """
    )
    assert lint(no_escalation, "ASP510", extra_files=EVENTS) == []
