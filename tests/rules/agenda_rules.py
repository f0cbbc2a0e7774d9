"""What the ASP30x (dated items) rule tests share: a plan head, a fixed today, one checked file.

Each test file adds its section to :data:`HEAD` and reads back ``(code, line, column,
severity, message)`` of every finding of the rule under test.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from asplan.checker import Target, check_file
from asplan.config import Config

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

Found = tuple[str, int, int, str, str]


def run_rule(tmp_path: Path, text: str, code: str, **settings: int) -> list[Found]:
    """``HEAD + text`` checked with only ``code`` selected (and ``settings`` such as ``warn_days``)."""
    path = tmp_path / "acme.yaml"
    path.write_text(HEAD + text, encoding="utf-8")
    result = check_file(Target(str(path), True), Config(select=[code], **settings), TODAY)  # type: ignore[arg-type]
    return [(f.code, f.line, f.column, f.severity.value, f.message) for f in result.findings]


def where(found: list[Found]) -> list[tuple[str, int, int, str]]:
    return [(code, line, column, severity) for code, line, column, severity, _ in found]
