"""Golden files of rendered documents, and the switch that rewrites them.

``pytest tests/render --update-golden`` rewrites the files under ``golden/`` instead of
comparing them: review the diff like any other change. The option is declared in the
root ``tests/conftest.py``. Only the explicit option does it: an environment variable
left set in a shell (or a CI job) would turn every golden test into a rewrite that
passes, so none is read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import GoldenFiles

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> GoldenFiles:
    return GoldenFiles(GOLDEN, updating=bool(request.config.getoption("--update-golden")))
