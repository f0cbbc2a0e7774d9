"""ASP304 communication touchpoint overdue."""

from __future__ import annotations

from pathlib import Path

from agenda_rules import Found, run_rule, where

CODE = "ASP304"


def run(tmp_path: Path, text: str, code: str = CODE, **settings: int) -> list[Found]:
    return run_rule(tmp_path, text, code, **settings)


def test_overdue_touchpoint_points_at_last(tmp_path: Path) -> None:
    # weekly from 2026-11-15 -> 2026-11-22 (yesterday); monthly from 2026-10-31 -> 2026-11-30
    text = (
        "communication:\n"
        "  - {name: Weekly call, every: weekly, last: 2026-11-15}\n"
        "  - {name: Monthly report, every: monthly, last: 2026-10-31}\n"
        "  - {name: Never held, every: P10D}\n"
    )
    found = run(tmp_path, text)
    assert where(found) == [("ASP304", 10, 46, "warning")]
    assert "'Weekly call' overdue: the next one was due on 2026-11-22 (1 days ago)" in found[0][4]


def test_touchpoint_due_today_passes(tmp_path: Path) -> None:
    assert run(tmp_path, "communication:\n  - {name: Call, every: P2W, last: 2026-11-09}\n") == []
