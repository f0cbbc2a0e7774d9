"""``asplan.plan_source``: one way to find, read and validate plans, for every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from asplan.config import Config
from asplan.plan_source import (
    PlanRefused,
    Target,
    UsageError,
    default_paths,
    discover,
    find_plans,
    iter_plans,
    parse_text,
    read_plan,
)
from helpers import MINIMAL


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_folder_scan_keeps_plans_and_skips_other_yaml(tmp_path: Path) -> None:
    _write(tmp_path, {"a.yaml": MINIMAL, "sub/b.yml": MINIMAL, "ci.yaml": "on: push\n", "notes.txt": "x"})
    targets = discover([str(tmp_path)])
    assert [Path(t.path).name for t in targets] == ["a.yaml", "ci.yaml", "b.yml"]
    assert [Path(t.path).name for t in find_plans([str(tmp_path)])] == ["a.yaml", "b.yml"]
    assert [Path(p.path).name for p in iter_plans(targets)] == ["a.yaml", "b.yml"]


def test_a_named_file_that_is_not_a_plan_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, {"ci.yaml": "on: push\n"})
    source = read_plan(Target(str(tmp_path / "ci.yaml"), explicit=True))
    assert source.is_plan
    assert [(f.code, f.line, f.column) for f in source.findings] == [("ASP003", 1, 1)]
    with pytest.raises(PlanRefused, match=r"ci\.yaml:1: not a plan"):
        source.require()


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        discover([str(tmp_path / "nope")])


def test_refusal_names_the_first_error_and_how_many_more() -> None:
    text = MINIMAL.replace("tier: high", "tier: huge") + "actions:\n  - {id: A-1, title: x, due: 15/10/2026}\n"
    source = parse_text(text, "acme.yaml")
    assert source.plan is not None
    assert [(f.code, f.line) for f in source.errors] == [("ASP102", 5), ("ASP102", 10)]
    refusal = source.refusal()
    assert refusal is not None
    assert refusal.startswith("acme.yaml:5: account.tier: ")
    assert "(and 1 more error)" in refusal
    assert refusal.endswith("fix the plan first: asplan check acme.yaml lists every problem")


def test_a_valid_plan_is_taken() -> None:
    source = parse_text(MINIMAL, "acme.yaml")
    assert source.refusal() is None
    assert source.require().account is not None


def test_default_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert default_paths(Config()) == ["."]
    (tmp_path / "plans").mkdir()
    assert default_paths(Config()) == ["plans"]


def test_validation_rules_never_read_today() -> None:
    """A plan every command accepts today is accepted tomorrow: validation findings do not move with today."""
    from datetime import date

    from asplan.loading import parse_yaml, read_text
    from asplan.model.validate import validate_plan
    from asplan.rules.base import PlanContext
    from asplan.rules.registry import validation_rules

    root = Path(__file__).resolve().parents[1]
    files = [*sorted((root / "examples").glob("*.yaml")), *sorted((root / "tests/fixtures/schema").rglob("*.yaml"))]
    assert validation_rules(), "no validation rule is registered"
    checked = 0
    for path in files:
        document = parse_yaml(read_text(str(path)), str(path))
        if not isinstance(document.data, dict) or "asplan" not in document.data:
            continue
        plan = validate_plan(document.data, document.positions, str(path)).plan
        if plan is None:
            continue
        checked += 1
        for rule in validation_rules():
            assert rule.check is not None
            seen = {
                tuple(rule.check(PlanContext(str(path), plan, document.data, document.positions, today)))
                for today in (date(1990, 1, 1), date(2026, 11, 23), date(9000, 1, 1))
            }
            assert len(seen) == 1, (rule.code, path)
    assert checked >= 3
