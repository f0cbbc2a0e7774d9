"""Output formats of ``asplan check``: one :class:`Reporter` subclass per module.

The registry is explicit (like check-jsonschema's ``REPORTER_BY_NAME``): adding a
format means writing its module and naming it here. Modules are imported only when
their format is asked for, so a text report never pays for XML or URL quoting.

The other commands' formats are subpackages, one registry each (a ``Format`` enum, one
module per format): :mod:`asplan.reporters.sla`, ``credits``, ``due`` and ``status``;
their tables are drawn by :mod:`asplan.reporters.tables`.
"""

from __future__ import annotations

import importlib
from typing import Any

from asplan.reporters.base import CheckReport, Reporter, ReportOptions

_WHERE: dict[str, tuple[str, str]] = {
    "text": ("asplan.reporters.text", "TextReporter"),
    "json": ("asplan.reporters.json", "JsonReporter"),
    "github": ("asplan.reporters.github", "GithubReporter"),
    "sarif": ("asplan.reporters.sarif", "SarifReporter"),
    "junit": ("asplan.reporters.junit", "JunitReporter"),
    "gitlab": ("asplan.reporters.gitlab", "GitlabReporter"),
}
FORMATS: tuple[str, ...] = tuple(_WHERE)


def reporter_class(name: str) -> type[Reporter]:
    module, cls = _WHERE[name]
    found: type[Reporter] = getattr(importlib.import_module(module), cls)
    return found


def get_reporter(name: str) -> Reporter:
    """The reporter for a ``--format`` value; ``ValueError`` naming the choices if unknown."""
    if name not in _WHERE:
        raise ValueError(f"unknown report format {name!r} (choose from {', '.join(FORMATS)})")
    return reporter_class(name)()


def __getattr__(attr: str) -> Any:
    for name, (_, cls) in _WHERE.items():
        if cls == attr:
            return reporter_class(name)
    raise AttributeError(attr)


__all__ = [
    "FORMATS",
    "CheckReport",
    "GithubReporter",
    "JsonReporter",
    "JunitReporter",
    "ReportOptions",
    "Reporter",
    "SarifReporter",
    "TextReporter",
    "get_reporter",
    "reporter_class",
]
