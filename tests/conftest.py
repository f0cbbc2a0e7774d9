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

import pytest

sys.path.insert(0, str(Path(__file__).parent))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files of rendered documents instead of comparing them (review the diff)",
    )


def pytest_configure(config: pytest.Config) -> None:
    os.environ["ASPLAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="asplan-test-cache-")
