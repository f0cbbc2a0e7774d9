"""ASP302 action overdue."""

from __future__ import annotations

from pathlib import Path

from agenda_rules import Found, run_rule, where

CODE = "ASP302"


def run(tmp_path: Path, text: str, code: str = CODE, **settings: int) -> list[Found]:
    return run_rule(tmp_path, text, code, **settings)


def test_overdue_action_points_at_due(tmp_path: Path) -> None:
    text = (
        "actions:\n"
        "  - {id: ACT-1, title: Done one, due: 2026-11-01, status: done, done: 2026-11-01}\n"
        "  - {id: ACT-2, title: Late one, due: 2026-11-22, status: in_progress}\n"
        "  - {id: ACT-3, title: Dropped, due: 2026-01-01, status: cancelled}\n"
        "  - {id: ACT-4, title: Blocked, status: blocked,\n"
        "     due: 2026-10-31}\n"
    )
    found = run(tmp_path, text)
    assert where(found) == [("ASP302", 11, 39, "warning"), ("ASP302", 14, 11, "warning")]
    assert "ACT-2 overdue: due 2026-11-22, 1 days ago (status in_progress)" in found[0][4]


def test_due_today_or_later_passes(tmp_path: Path) -> None:
    text = "actions:\n  - {id: ACT-1, title: Today, due: 2026-11-23}\n  - {id: ACT-2, title: No date}\n"
    assert run(tmp_path, text) == []
