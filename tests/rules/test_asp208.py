"""ASP208: measurement periods of another kind, or measured twice."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from helpers import check_text, lint, messages, plan

TEXT = plan(
    """\
    slas:
      - id: SLA-1
        name: Availability
        target: ">= 99.9%"
        period: monthly
        penalty: 10 % of the month
        measurements:
          - {period: "2026-09", value: 99.95}
          - {period: "2026-Q3", value: 99.80}
          - {period: "2026-09", value: 99.70}
          - {period: "2026-10", value: 99.95}
    """
)


def test_kind_and_duplicate_point_at_the_period() -> None:
    assert lint(TEXT, "ASP208") == [("ASP208", 17, 18), ("ASP208", 18, 18)]
    assert messages(check_text(TEXT, select=["ASP208"]), "ASP208") == [
        "SLA-1 is monthly, so each measurement is for one month (like '2026-10'), not the quarter 2026-Q3",
        "SLA-1: period 2026-09 is already measured (measurements[0]): keep one value per period",
    ]


def test_one_value_per_period_of_the_right_kind_passes() -> None:
    lines = TEXT.splitlines(keepends=True)
    del lines[16:18]
    assert lint("".join(lines), "ASP208") == []


def test_weekly_sla_takes_weeks() -> None:
    text = TEXT.replace("period: monthly", "period: weekly").replace('"2026-Q3"', '"2026-W39"')
    text = text.replace('"2026-09"', '"2026-W38"', 1).replace('"2026-09"', '"2026-W40"')
    assert lint(text.replace('"2026-10"', '"2026-W41"'), "ASP208") == []


def test_the_quarter_label_is_no_longer_credited_against_a_quarterly_fee(tmp_path: Path) -> None:
    """Before: 2026-Q3 on a monthly SLA was a breached period of its own, credited at 3 months' fee."""
    from typer.testing import CliRunner

    from asplan.cli.app import app

    text = TEXT.replace("  tier: high", "  tier: high\n  contract: {fee: {amount: 1000, currency: EUR, per: month}}")
    (tmp_path / "acme.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-11-23", "--format", "json"])
    assert result.exit_code == 2
    assert "ASP208" not in result.output  # one line, the message of the first error
    assert "SLA-1 is monthly" in result.output
    fixed = text.replace('      - {period: "2026-Q3", value: 99.80}\n', "").replace(
        '      - {period: "2026-09", value: 99.70}\n', ""
    )
    (tmp_path / "acme.yaml").write_text(fixed, encoding="utf-8")
    result = CliRunner().invoke(app, ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-11-23", "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.stdout)
    assert [(r["period"], r["status"], r["credit"]) for r in report["slas"]] == [
        ("2026-09", "met", "0.00"),
        ("2026-10", "met", "0.00"),
    ]
    assert Decimal(report["credits"].get("EUR", "0")) == 0
