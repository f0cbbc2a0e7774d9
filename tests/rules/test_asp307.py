"""ASP307 KPI measurement overdue (frequency + kpi_grace_days)."""

from __future__ import annotations

from pathlib import Path

from agenda_rules import Found, run_rule, where

CODE = "ASP307"


def run(tmp_path: Path, text: str, code: str = CODE, **settings: int) -> list[Found]:
    return run_rule(tmp_path, text, code, **settings)


KPI = (
    "objectives:\n"
    "  - id: OBJ-1\n"
    "    title: On time\n"
    "    kpis:\n"
    "      - id: KPI-1\n"
    "        name: On time\n"
    "        frequency: monthly\n"
    "        measurements:\n"
    "          - {{date: {later}, value: 90}}\n"
    "          - {{date: {earlier}, value: 89}}\n"
)


def test_overdue_points_at_latest_measurement(tmp_path: Path) -> None:
    # latest 2026-10-15 + monthly = 2026-11-15, + 7 grace days = 2026-11-22 < today
    found = run(tmp_path, KPI.format(later="2026-10-15", earlier="2026-09-15"))
    assert where(found) == [("ASP307", 17, 20, "warning")]
    assert "due by 2026-11-22 (1 days ago, grace of 7 days included)" in found[0][4]


def test_latest_is_by_date_not_position(tmp_path: Path) -> None:
    found = run(tmp_path, KPI.format(later="2026-09-15", earlier="2026-10-15"))
    assert where(found) == [("ASP307", 18, 20, "warning")]


def test_grace_days_from_configuration(tmp_path: Path) -> None:
    # with 8 grace days the measurement is due today: not overdue
    assert run(tmp_path, KPI.format(later="2026-10-15", earlier="2026-09-15"), kpi_grace_days=8) == []
