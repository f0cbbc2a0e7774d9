"""ASP303 milestone overdue."""

from __future__ import annotations

from pathlib import Path

from agenda_rules import Found, run_rule, where

CODE = "ASP303"


def run(tmp_path: Path, text: str, code: str = CODE, **settings: int) -> list[Found]:
    return run_rule(tmp_path, text, code, **settings)


def test_overdue_milestone_without_done(tmp_path: Path) -> None:
    text = (
        "objectives:\n"
        "  - id: OBJ-1\n"
        "    title: Stable\n"
        "    milestones:\n"
        "      - {title: Reached, due: 2026-06-30, done: 2026-06-22}\n"
        "      - {title: Missed, due: 2026-11-20}\n"
    )
    found = run(tmp_path, text)
    assert where(found) == [("ASP303", 14, 30, "warning")]
    assert "'Missed' (OBJ-1/M2) overdue: due 2026-11-20, 3 days ago" in found[0][4]


def test_done_or_future_milestones_pass(tmp_path: Path) -> None:
    text = (
        "objectives:\n  - id: OBJ-1\n    title: Stable\n    milestones:\n"
        "      - {title: Late but done, due: 2026-01-31, done: 2026-02-03}\n"
        "      - {title: Next, due: 2026-11-23}\n"
    )
    assert run(tmp_path, text) == []
