"""Fixtures of the CLI tests: a clean environment, and a project folder with known plans."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from clitools import ACME, CLEAN, ENV_TO_CLEAR


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's shell must not change what the tests see."""
    for name in ENV_TO_CLEAR:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with ``acme.yaml`` and ``clean.yaml``, made the working directory.

    It has no configuration file, and no ``plans/`` folder.
    """
    (tmp_path / "acme.yaml").write_text(ACME, encoding="utf-8")
    (tmp_path / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the examples as the current folder's plans/ (due and digest read and write there)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ASPLAN_TODAY", raising=False)
    shutil.copytree(EXAMPLES, tmp_path / "plans")
    return tmp_path / "plans"
