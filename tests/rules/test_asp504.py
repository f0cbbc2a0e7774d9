"""ASP504: no people on the client side, or none on the provider side."""

from __future__ import annotations

from helpers import MINIMAL, check_text, lint, messages


def test_no_client_side_person() -> None:
    findings = check_text(MINIMAL, select=["ASP504"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [("ASP504", 7, 1, "people")]
    assert messages(findings, "ASP504") == ["nobody on the client side in people"]


def test_no_people_at_all_points_at_the_file() -> None:
    text = MINIMAL.replace("people:\n  - {id: maria, name: María López, side: provider}\n", "")
    assert lint(text, "ASP504") == [("ASP504", 1, 1), ("ASP504", 1, 1)]


def test_both_sides_pass() -> None:
    assert lint(MINIMAL + "  - {id: carlos, name: Carlos Gómez, side: client}\n", "ASP504") == []
