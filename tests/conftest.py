"""Shared test set-up.

Makes ``tests/helpers.py`` importable as ``helpers`` from every test folder, and
points asplan's public-holiday cache at a folder of this test session, so tests
never read or write the user's real cache.

Hypothesis runs under one of two profiles:

* ``ci`` (the default, what ``make test`` runs): derandomized, so every run tries the
  same examples and a red build is red again on the next run; no example database,
  so what a developer's earlier runs found cannot make CI differ from a fresh clone.
  Failures found by exploring are pinned as ``@example`` cases.
* ``explore`` (``pytest --hypothesis-profile explore``, or ``make explore``): random
  examples, many more of them, and the example database, to look for new failures.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("explore", max_examples=2000, derandomize=False, deadline=None, print_blob=True)
# The hypothesis plugin loads --hypothesis-profile after this, so an explicit choice wins.
settings.load_profile("ci")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files of rendered documents instead of comparing them (review the diff)",
    )


@pytest.fixture(params=["libyaml", "python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test under libyaml's C parser and under ruamel's pure-Python fallback.

    Spec §7.8: without the C extension the findings must be the same. The first param
    also asserts that the C parser *is* available here, so the fast path stays tested.
    Subprocesses inherit the choice through the environment.
    """
    from asplan.yaml_parser import PARSER_ENV, yaml_parser_name

    monkeypatch.setenv(PARSER_ENV, request.param)
    assert yaml_parser_name() == request.param
    return str(request.param)


def pytest_configure(config: pytest.Config) -> None:
    os.environ["ASPLAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="asplan-test-cache-")
    config.addinivalue_line("markers", "result_cache: run check with its result cache on (off in-process otherwise)")


@pytest.fixture(autouse=True)
def _no_result_cache(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process tests check without ``.asplan_cache/`` unless marked ``result_cache``.

    Many tests monkeypatch asplan (a rule that crashes, a clock) and then check a file
    that another test checked already: a cache hit would hide what they test. Tests that
    run asplan in a subprocess (the wheel, the demo) keep the cache on, as users do;
    tests/cli/test_check_cache.py tests the cache itself.
    """
    if request.node.get_closest_marker("result_cache") is None:
        monkeypatch.setattr("asplan.result_cache.open_cache", lambda *args, **kwargs: None)
