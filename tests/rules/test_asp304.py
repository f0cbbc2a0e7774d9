"""ASP304 communication touchpoint overdue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from asplan.checker import Target, check_file
from asplan.config import Config

CODE = "ASP304"

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
