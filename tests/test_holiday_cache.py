"""The public-holiday cache: same answers as the holidays package, and no import of it once warm."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from asplan.timecalc import holiday_cache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASPLAN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ASPLAN_NO_CACHE", raising=False)
    monkeypatch.setattr(holiday_cache, "_memory", None)
    return tmp_path


def test_cached_days_equal_the_package(cache_dir: Path) -> None:
    import holidays

    first = holiday_cache.public_holidays("ES", "MD", 2026)
    assert date(2026, 5, 2) in first  # Fiesta de la Comunidad de Madrid
    assert date(2026, 12, 25) in first
    assert first == frozenset(holidays.country_holidays("ES", subdiv="MD", years=2026).keys())
    files = list(cache_dir.glob("holidays-*.json"))
    assert len(files) == 1
    stored = json.loads(files[0].read_text())
    assert "2026-05-02" in stored["days:ES/MD/2026"]


def test_unknown_places_are_remembered_as_problems(cache_dir: Path) -> None:
    assert holiday_cache.place_problem("ES", "MD") is None
    problem = holiday_cache.place_problem("ES", "XX")
    assert problem is not None and "no subdivision 'XX'" in problem
    assert holiday_cache.place_problem("QQ", None) == "country 'QQ' has no public holidays in the holidays package"
    assert holiday_cache.public_holidays("QQ", None, 2026) == frozenset()


def test_a_warm_cache_does_not_import_the_package(cache_dir: Path) -> None:
    holiday_cache.public_holidays("ES", "MD", 2026)
    holiday_cache.place_problem("ES", "MD")
    code = (
        "import sys\n"
        "from asplan.timecalc.holiday_cache import public_holidays, place_problem\n"
        "days = public_holidays('ES', 'MD', 2026)\n"
        "assert place_problem('ES', 'MD') is None\n"
        "print(len(days), 'holidays' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"ASPLAN_CACHE_DIR": str(cache_dir), "PATH": "/usr/bin:/bin"},
    )
    count, imported = out.stdout.split()
    assert int(count) == len(holiday_cache.public_holidays("ES", "MD", 2026))
    assert imported == "False"


def test_no_cache_when_disabled(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASPLAN_NO_CACHE", "1")
    assert date(2026, 1, 6) in holiday_cache.public_holidays("ES", None, 2026)
    assert list(cache_dir.iterdir()) == []


def test_unwritable_cache_folder_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ASPLAN_CACHE_DIR", str(blocker / "sub"))
    monkeypatch.delenv("ASPLAN_NO_CACHE", raising=False)
    monkeypatch.setattr(holiday_cache, "_memory", None)
    assert date(2026, 12, 25) in holiday_cache.public_holidays("ES", None, 2026)
