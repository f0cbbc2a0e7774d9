"""ASP303 milestone overdue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from asplan.checker import Target, check_file
from asplan.config import Config

CODE = "ASP303"

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
