"""ASP502: escalation chain empty, not increasing in `after`, or not ending at an executive."""

from __future__ import annotations

from helpers import MINIMAL, check_text, lint, messages, plan

PEOPLE = """\
  - {id: juan, name: Juan Pérez, side: provider}
  - {id: ana, name: Ana Ruiz, side: provider, executive: true}
"""


def test_no_escalation_section_points_at_the_file() -> None:
    assert lint(MINIMAL, "ASP502") == [("ASP502", 1, 1)]


def test_empty_escalation_section_points_at_its_key() -> None:
    assert lint(plan("escalation: []\n"), "ASP502") == [("ASP502", 9, 1)]


def test_after_not_increasing_and_chain_ending_below_the_top() -> None:
    text = (
        MINIMAL
        + PEOPLE
        + """\
escalation:
  - {level: 1, contact: maria, after: 1d}
  - {level: 2, contact: juan, after: 4h}
  - {level: 3, contact: juan, after: 240m}
"""
    )
    findings = check_text(text, select=["ASP502"])
    assert [(f.code, f.line, f.column) for f in findings] == [
        ("ASP502", 13, 38),
        ("ASP502", 14, 25),
        ("ASP502", 14, 38),
    ]
    assert messages(findings, "ASP502") == [
        "escalation level 2 after 4h is not later than level 1 after 1d",
        "the chain ends at juan, who is not an executive: end it at someone with executive: true",
        "escalation level 3 after 240m is not later than level 2 after 4h",
    ]


def test_increasing_chain_ending_at_an_executive_passes() -> None:
    text = (
        MINIMAL
        + PEOPLE
        + """\
escalation:
  - {level: 1, contact: maria, after: 4h}
  - {level: 2, contact: juan, after: 1d}
  - {level: 3, contact: ana, after: P3D}
"""
    )
    assert lint(text, "ASP502") == []
