"""ASP305 continuity test overdue."""

from __future__ import annotations

from pathlib import Path

from agenda_rules import Found, run_rule, where

CODE = "ASP305"


def run(tmp_path: Path, text: str, code: str = CODE, **settings: int) -> list[Found]:
    return run_rule(tmp_path, text, code, **settings)


def test_overdue_continuity_test(tmp_path: Path) -> None:
    # 2025-11-22 + yearly = 2026-11-22 < 2026-11-23
    found = run(tmp_path, "continuity:\n  rto: 4h\n  last_test: 2025-11-22\n  test_every: yearly\n")
    assert where(found) == [("ASP305", 11, 14, "warning")]
    assert "2026-11-22 (1 days ago)" in found[0][4]


def test_continuity_on_time_or_incomplete_passes(tmp_path: Path) -> None:
    assert run(tmp_path, "continuity:\n  last_test: 2025-11-23\n  test_every: annual\n") == []
    assert run(tmp_path, "continuity:\n  last_test: 2020-01-01\n") == []
