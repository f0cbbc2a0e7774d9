"""ASP506: an approved or implemented change without cost or delay stated."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan


def test_decided_changes_without_impact() -> None:
    text = plan(
        """\
        changes:
          - {id: CR-1, title: Portugal, status: approved, cost: "12000 EUR"}
          - id: CR-2
            title: Night shift
            status: implemented
        """
    )
    findings = check_text(text, select=["ASP506"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP506", 10, 41), ("ASP506", 13, 13)]
    assert messages(findings, "ASP506") == [
        "change CR-1 is approved without delay: state the impact (0 if none)",
        "change CR-2 is implemented without cost and delay: state the impact (0 if none)",
    ]


def test_stated_impact_or_undecided_changes_pass() -> None:
    text = plan(
        """\
        changes:
          - {id: CR-1, title: Portugal, status: approved, cost: "12000 EUR", delay: 3w}
          - {id: CR-2, title: Night shift, status: proposed}
          - {id: CR-3, title: Weekend, status: rejected}
        """
    )
    assert lint(text, "ASP506") == []
