"""ASP306 contract in its renewal window (warning) or expired (error)."""

from __future__ import annotations

from pathlib import Path

from agenda_rules import HEAD, TODAY, Found, run_rule, where

from asplan.checker import Target, check_file
from asplan.config import Config

CODE = "ASP306"


def run(tmp_path: Path, text: str, code: str = CODE, **settings: int) -> list[Found]:
    return run_rule(tmp_path, text, code, **settings)


def contract(end: str, notice: str = "") -> str:
    return f"  contract: {{id: MSA-1, start: 2024-01-01, end: {end}{notice}}}\n"


def run_contract(tmp_path: Path, line: str) -> list[tuple[str, int, int, str, str]]:
    path = tmp_path / "acme.yaml"
    path.write_text(HEAD.replace("  manager: ana\n", "  manager: ana\n" + line), encoding="utf-8")
    result = check_file(Target(str(path), True), Config(select=[CODE]), TODAY)
    return [(f.code, f.line, f.column, f.severity.value, f.message) for f in result.findings]


def test_in_renewal_window_is_a_warning(tmp_path: Path) -> None:
    # 2026-12-31 - 90 days = 2026-10-02 <= today
    found = run_contract(tmp_path, contract("2026-12-31"))
    assert where(found) == [("ASP306", 7, 49, "warning")]
    assert "ends on 2026-12-31 (in 38 days); the notice period opened on 2026-10-02" in found[0][4]


def test_window_opening_today_is_reported_and_tomorrow_is_not(tmp_path: Path) -> None:
    # 2027-01-23 - 61 days = 2026-11-23 (today); with 60 days it opens tomorrow
    assert len(run_contract(tmp_path, contract("2027-01-23", ", renewal_notice_days: 61"))) == 1
    assert run_contract(tmp_path, contract("2027-01-23", ", renewal_notice_days: 60")) == []


def test_expired_contract_is_an_error(tmp_path: Path) -> None:
    found = run_contract(tmp_path, contract("2026-11-22"))
    assert where(found) == [("ASP306", 7, 49, "error")]
    assert "expired on 2026-11-22 (1 days ago)" in found[0][4]


def test_ending_today_is_still_in_window(tmp_path: Path) -> None:
    assert where(run_contract(tmp_path, contract("2026-11-23"))) == [("ASP306", 7, 49, "warning")]
