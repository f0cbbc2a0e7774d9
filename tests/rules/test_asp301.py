"""ASP301 review overdue: explicit `next`, computed from history, from `since`, rolled on a calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from asplan.checker import Target, check_file
from asplan.config import Config

TODAY = date(2026, 11, 23)
HEAD = """asplan: 1
account: {id: acme, name: ACME, tier: low, manager: ana, since: 2026-05-20}
people:
  - {id: ana, name: Ana, side: provider}
"""


def run(tmp_path: Path, text: str, code: str = "ASP301") -> list[tuple[str, int, int, str, str]]:
    path = tmp_path / "acme.yaml"
    path.write_text(HEAD + text, encoding="utf-8")
    result = check_file(Target(str(path), True), Config(select=[code]), TODAY)
    return [(f.code, f.line, f.column, f.severity.value, f.message) for f in result.findings]


def test_explicit_next_in_the_past(tmp_path: Path) -> None:
    found = run(tmp_path, "reviews:\n  every: quarterly\n  next: 2026-11-22\n")
    assert [(c, line, col, sev) for c, line, col, sev, _ in found] == [("ASP301", 7, 9, "warning")]
    assert "2026-11-22 (1 days ago)" in found[0][4]


def test_computed_from_latest_history_points_at_every(tmp_path: Path) -> None:
    # latest review 2026-08-20 (not the last written) + quarterly = 2026-11-20 < today
    text = "reviews:\n  every: quarterly\n  history:\n    - {date: 2026-08-20}\n    - {date: 2026-05-02}\n"
    found = run(tmp_path, text)
    assert [(c, line, col) for c, line, col, _, _ in found] == [("ASP301", 6, 10)]
    assert "2026-11-20" in found[0][4]


def test_anchored_on_since_without_history(tmp_path: Path) -> None:
    # since 2026-05-20 + quarterly = 2026-08-20, overdue
    found = run(tmp_path, "reviews:\n  every: quarterly\n")
    assert [(c, line) for c, line, *_ in found] == [("ASP301", 6)]
    assert "2026-08-20" in found[0][4]


def test_passes_when_next_is_today_or_later(tmp_path: Path) -> None:
    assert run(tmp_path, "reviews:\n  every: quarterly\n  next: 2026-11-23\n") == []
    assert run(tmp_path, "reviews:\n  every: quarterly\n  history: [{date: 2026-09-01}]\n") == []


def test_rolled_forward_past_today_is_not_overdue(tmp_path: Path) -> None:
    # history 2026-10-22 + monthly = Sunday 2026-11-22 (overdue by one day), but the
    # calendar closes weekends, so the review rolls to Monday 2026-11-23 = today.
    text = (
        "calendars:\n  office: {hours: {mon-fri: '09:00-17:00'}}\n"
        "reviews:\n  every: monthly\n  calendar: office\n  history: [{date: 2026-10-22}]\n"
    )
    assert run(tmp_path, text) == []
    assert [c for c, *_ in run(tmp_path, text, "ASP309")] == ["ASP309"]


def test_no_reviews_section_or_no_anchor(tmp_path: Path) -> None:
    assert run(tmp_path, "") == []
    path = tmp_path / "acme.yaml"
    path.write_text(
        "asplan: 1\naccount: {id: acme, name: ACME, tier: low, manager: ana}\n"
        "people: [{id: ana, name: Ana, side: provider}]\nreviews: {every: monthly}\n",
        encoding="utf-8",
    )
    assert check_file(Target(str(path), True), Config(select=["ASP301"]), TODAY).findings == []
