"""Output formats of ``asplan check``: one :class:`Reporter` subclass per module.

The registry is explicit (like check-jsonschema's ``REPORTER_BY_NAME``): adding a
format means writing its module and naming it here.
"""

from __future__ import annotations

from asplan.reporters.base import CheckReport, Reporter, ReportOptions
from asplan.reporters.github import GithubReporter
from asplan.reporters.json import JsonReporter
from asplan.reporters.junit import JunitReporter
from asplan.reporters.sarif import SarifReporter
from asplan.reporters.text import TextReporter

REPORTER_BY_NAME: dict[str, type[Reporter]] = {
    TextReporter.name: TextReporter,
    JsonReporter.name: JsonReporter,
    GithubReporter.name: GithubReporter,
    SarifReporter.name: SarifReporter,
    JunitReporter.name: JunitReporter,
}


def get_reporter(name: str) -> Reporter:
    """The reporter for a ``--format`` value; ``ValueError`` naming the choices if unknown."""
    try:
        return REPORTER_BY_NAME[name]()
    except KeyError:
        choices = ", ".join(REPORTER_BY_NAME)
        raise ValueError(f"unknown report format {name!r} (choose from {choices})") from None


__all__ = [
    "REPORTER_BY_NAME",
    "CheckReport",
    "GithubReporter",
    "JsonReporter",
    "JunitReporter",
    "ReportOptions",
    "Reporter",
    "SarifReporter",
    "TextReporter",
    "get_reporter",
]
