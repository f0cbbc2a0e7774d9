"""ASP404: running events past the at-risk share of their SLA's target, with deadlines."""

from __future__ import annotations

from helpers import check_text, messages, plan

TEXT = plan(
    """\
    slas:
      - {id: SLA-1, name: Resolution, stop: resolved, target: "<= 8h", penalty: 10 %}
    events: [tickets.csv]
    """
).replace("  tier: high\n", "  tier: high\n  timezone: Europe/Madrid\n")
# Today is 2026-11-23; open events are timed to the end of today (24:00 Madrid).
TICKETS = (
    "id,created,resolved\n"
    "T1,2026-11-23T17:00,\n"  # 7 h by midnight: 87.5 %, at risk; deadline 01:00 tomorrow
    "T2,2026-11-23T18:30,\n"  # 5 h 30: 68.75 %, not yet
    "T3,2026-11-23T10:00,\n"  # 14 h: breached, not "at risk"
    "T4,2026-11-23T16:00,2026-11-23T23:00\n"  # resolved: nothing at risk
    "T5,2026-10-31T23:00,\n"  # opened last month, long breached: not at risk either
)


def test_lists_the_events_at_risk_with_their_deadlines() -> None:
    findings = check_text(TEXT, extra_files={"tickets.csv": TICKETS}, select=["ASP404"])
    assert [(f.code, f.path, f.line) for f in findings] == [("ASP404", "slas[0].target", 11)]
    assert messages(findings, "ASP404") == [
        "SLA-1 'Resolution': 1 running event past 75 % of <= 8h by the end of today:"
        " T1 (87.5 %, deadline 2026-11-24 01:00)"
    ]


def test_the_sla_says_when_it_is_at_risk() -> None:
    lower = TEXT.replace('target: "<= 8h", penalty', 'target: "<= 8h", at_risk: 60, penalty')
    findings = check_text(lower, extra_files={"tickets.csv": TICKETS}, select=["ASP404"])
    assert [f.path for f in findings] == ["slas[0].at_risk"]
    assert messages(findings, "ASP404") == [
        "SLA-1 'Resolution': 2 running events past 60 % of <= 8h by the end of today:"
        " T1 (87.5 %, deadline 2026-11-24 01:00), T2 (68.75 %, deadline 2026-11-24 02:30)"
    ]


def test_nothing_at_risk_passes() -> None:
    calm = TICKETS.replace("T1,2026-11-23T17:00,\n", "T1,2026-11-23T17:00,2026-11-23T18:00\n")
    assert check_text(TEXT, extra_files={"tickets.csv": calm}, select=["ASP404"]) == []
