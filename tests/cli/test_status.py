"""`asplan status` with the health score (spec §7.5): stage, satisfaction and score, sorted and filtered.

The score itself is tested in tests/test_health.py, whose healthy plan these tests use.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from test_health import GOOD

# ----------------------------------------------------------------------------- status


@pytest.fixture
def portfolio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "acme.yaml").write_text(GOOD, encoding="utf-8")
    worse = GOOD.replace("id: acme, name: ACME", "id: zeta, name: Zeta")
    worse = worse.replace("last: 2026-11-20}", "last: 2026-11-01}")
    (plans / "zeta.yaml").write_text(worse.replace("tier: high", "tier: strategic"), encoding="utf-8")
    onboarding = GOOD.replace("id: acme, name: ACME", "id: omega, name: Omega").replace(
        "since: 2025-01-01}", "since: 2025-01-01, stage: onboarding}"
    )
    (plans / "omega.yaml").write_text(onboarding.replace("tier: high", "tier: low"), encoding="utf-8")
    return plans


def status(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["status", "--today", "2026-11-23", *args])
    return result.exit_code, result.stdout, result.stderr


def test_status_json_has_health_stage_and_satisfaction(portfolio: Path) -> None:
    code, out, err = status("--format", "json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [(r["account"], r["stage"], r["health"]["score"]) for r in rows] == [
        ("zeta", "service", 90),
        ("acme", "service", 100),
        ("omega", "onboarding", 100),
    ]
    assert rows[0]["health"]["components"][4] == {
        "name": "contact",
        "weight": 10.0,
        "value": 0.0,
        "points": 0.0,
        "reason": "0 of 1 touchpoints on cadence; overdue: Weekly call",
    }
    assert rows[0]["satisfaction"] == [{"kpi": "CSAT", "value": 4.6, "date": "2026-10-31"}]
    assert rows[0]["signoff"] is None


def test_status_sorts_by_health_and_filters_by_stage(portfolio: Path) -> None:
    _, out, _ = status("--format", "json", "--sort", "health")
    assert [r["account"] for r in json.loads(out)] == ["zeta", "acme", "omega"]  # 90, then 100 by tier
    _, out, _ = status("--format", "json", "--stage", "onboarding")
    assert [r["account"] for r in json.loads(out)] == ["omega"]
    _, out, _ = status("--format", "json", "--stage", "renewal,churned")
    assert json.loads(out) == []
    code, _, err = status("--stage", "live")
    assert code == 2 and "--stage live: expected one of presale, onboarding, service" in err
    code, _, err = status("--sort", "name")
    assert code == 2 and err == "asplan: error: --sort name: expected tier or health\n"


def test_status_text_shows_stage_satisfaction_and_score(portfolio: Path) -> None:
    code, out, _ = status("--sort", "health")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "Account", "Tier", "Stage", "Account", "manager", "Next", "review", "Overdue", "items", "SLA", "breaches",
        "KPI", "progress", "Satisfaction", "Sign-off", "Health", "score",
    ]  # fmt: skip
    assert lines[1].split()[:4] == ["zeta", "(Zeta)", "Strategic", "in"]
    assert lines[1].split()[-3:] == ["4.6", "—", "90"]
    assert lines[3].split()[:5] == ["omega", "(Omega)", "Low", "onboarding", "Ana"]
