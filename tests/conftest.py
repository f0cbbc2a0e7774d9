"""Shared test set-up.

Makes ``tests/helpers.py`` importable as ``helpers`` from every test folder, and
points asplan's public-holiday cache at a folder of this test session, so tests
never read or write the user's real cache.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def pytest_configure(config: object) -> None:
    os.environ["ASPLAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="asplan-test-cache-")
