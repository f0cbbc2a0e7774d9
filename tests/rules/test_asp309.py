"""ASP309 review due soon (info), within warn_days."""

from __future__ import annotations

from pathlib import Path

from agenda_rules import Found, run_rule, where

CODE = "ASP309"


def run(tmp_path: Path, text: str, code: str = CODE, **settings: int) -> list[Found]:
    return run_rule(tmp_path, text, code, **settings)


def test_due_soon_is_info_at_next(tmp_path: Path) -> None:
    found = run(tmp_path, "reviews:\n  every: quarterly\n  next: 2026-12-07\n")
    assert where(found) == [("ASP309", 11, 9, "info")]
    assert "2026-12-07 (in 14 days)" in found[0][4]


def test_today_is_due_soon(tmp_path: Path) -> None:
    found = run(tmp_path, "reviews:\n  every: quarterly\n  next: 2026-11-23\n")
    assert "(today)" in found[0][4]


def test_beyond_warn_days_or_overdue_pass(tmp_path: Path) -> None:
    assert run(tmp_path, "reviews:\n  every: quarterly\n  next: 2026-12-08\n") == []
    assert run(tmp_path, "reviews:\n  every: quarterly\n  next: 2026-11-22\n") == []


def test_warn_days_from_configuration(tmp_path: Path) -> None:
    assert run(tmp_path, "reviews:\n  every: quarterly\n  next: 2026-12-08\n", warn_days=15) != []
    assert run(tmp_path, "reviews:\n  every: quarterly\n  next: 2026-11-24\n", warn_days=0) == []
