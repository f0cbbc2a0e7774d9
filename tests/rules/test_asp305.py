"""ASP305 continuity test overdue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from asplan.checker import Target, check_file
from asplan.config import Config

CODE = "ASP305"

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


def test_overdue_continuity_test(tmp_path: Path) -> None:
    # 2025-11-22 + yearly = 2026-11-22 < 2026-11-23
    found = run(tmp_path, "continuity:\n  rto: 4h\n  last_test: 2025-11-22\n  test_every: yearly\n")
    assert where(found) == [("ASP305", 11, 14, "warning")]
    assert "2026-11-22 (1 days ago)" in found[0][4]


def test_continuity_on_time_or_incomplete_passes(tmp_path: Path) -> None:
    assert run(tmp_path, "continuity:\n  last_test: 2025-11-23\n  test_every: annual\n") == []
    assert run(tmp_path, "continuity:\n  last_test: 2020-01-01\n") == []
