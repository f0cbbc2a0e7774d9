"""Golden files of rendered documents, and the switch that rewrites them.

``pytest tests/render --update-golden`` (or ``ASPLAN_UPDATE_GOLDEN=1``) rewrites the
files under ``golden/`` instead of comparing them: review the diff like any other
change. The option is declared in the root ``tests/conftest.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """``golden(name, text)``: compare ``text`` with ``golden/name`` (or rewrite it when updating)."""
    updating = os.environ.get("ASPLAN_UPDATE_GOLDEN") == "1"

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if updating:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {name}: run pytest tests/render --update-golden"
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"{name} differs from its golden file (pytest --update-golden to accept)"

    return check
