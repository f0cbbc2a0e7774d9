"""ASP309 review due soon (info), within warn_days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from asplan.checker import Target, check_file
from asplan.config import Config

CODE = "ASP309"

TODAY = date(2026, 11, 23)
HEAD = """asplan: 1
account:
  id: acme
  name: ACME
  tier: low
  manager: ana
people:
  - {id: ana, name: Ana, side: provider}
"""


def run(tmp_path: Path, text: str, code: str = CODE, **settings: int) -> list[tuple[str, int, int, str, str]]:
    path = tmp_path / "acme.yaml"
    path.write_text(HEAD + text, encoding="utf-8")
    result = check_file(Target(str(path), True), Config(select=[code], **settings), TODAY)  # type: ignore[arg-type]
    return [(f.code, f.line, f.column, f.severity.value, f.message) for f in result.findings]


def where(found: list[tuple[str, int, int, str, str]]) -> list[tuple[str, int, int, str]]:
    return [(code, line, column, severity) for code, line, column, severity, _ in found]


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
