"""ASP308 dates out of order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from agenda_rules import HEAD, TODAY, Found, run_rule, where

from asplan.checker import Target, check_file
from asplan.config import Config

CODE = "ASP308"


def run(tmp_path: Path, text: str, code: str = CODE, **settings: int) -> list[Found]:
    return run_rule(tmp_path, text, code, **settings)


def test_every_kind_of_disorder(tmp_path: Path) -> None:
    text = (
        "actions:\n"
        "  - {id: ACT-1, title: Future done, status: done, done: 2026-11-24}\n"
        "changes:\n"
        "  - {id: CR-1, title: Backwards, requested: 2026-08-20, decided: 2026-08-02}\n"
        "reviews:\n"
        "  every: quarterly\n"
        "  history:\n"
        "    - {date: 2026-12-15}\n"
        "communication:\n"
        "  - {name: Call, every: weekly, last: 2026-11-30}\n"
        "continuity: {last_test: 2027-01-01}\n"
    )
    found = run(tmp_path, text)
    assert sorted(where(found)) == [
        ("ASP308", 10, 57, "error"),
        ("ASP308", 12, 66, "error"),
        ("ASP308", 16, 14, "error"),
        ("ASP308", 18, 39, "error"),
        ("ASP308", 19, 25, "error"),
    ]
    assert "change CR-1 decided (2026-08-02) before it was requested (2026-08-20)" in found[0][4]


def test_contract_ending_before_start(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(
        HEAD.replace("  manager: ana\n", "  manager: ana\n  contract: {start: 2027-01-01, end: 2026-12-31}\n"),
        encoding="utf-8",
    )
    found = check_file(Target(str(path), True), Config(select=[CODE]), TODAY).findings
    assert [(f.line, f.column, f.message) for f in found] == [
        (7, 38, "contract ends (2026-12-31) before it starts (2027-01-01)")
    ]


def test_today_and_planned_future_dates_pass(tmp_path: Path) -> None:
    text = (
        "actions:\n  - {id: ACT-1, title: Today, status: done, done: 2026-11-23, due: 2027-01-01}\n"
        "changes:\n  - {id: CR-1, title: Same day, requested: 2026-08-20, decided: 2026-08-20}\n"
        "reviews: {every: quarterly, next: 2027-02-01, history: [{date: 2026-11-23}]}\n"
    )
    assert run(tmp_path, text) == []


def test_sla_measurement_for_a_period_not_started(tmp_path: Path) -> None:
    from helpers import lint, plan

    text = plan(
        """\
        slas:
          - id: SLA-1
            name: Availability
            target: ">= 99.9%"
            penalty: 10 %
            measurements:
              - {period: "2026-11", value: 99.95}
              - {period: "2026-12", value: 99.95}
        """
    )
    # today 2026-11-23: November is open (an interim figure is fine), December has not started
    assert lint(text, "ASP308") == [("ASP308", 16, 18)]
    assert lint(text, "ASP308", today=date(2026, 12, 1)) == []
