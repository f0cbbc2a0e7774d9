"""ASP003's checks: is this YAML a plan, and is its format version one this asplan reads.

The rule is documented in :mod:`asplan.rules.asp003_not_a_plan`, which takes its code
and severity from here. Its checks run while a plan is read, before any rule can: a
file without the ``asplan`` key is not validated at all, and a newer format stops
validation (its sections may mean something else). So they live in the model layer,
where :mod:`asplan.model.validate` and :mod:`asplan.plan_source` call them; the rules
package imports the model, so the model cannot import the rules.
"""

from __future__ import annotations

from typing import Any

from asplan.findings import Finding, Severity
from asplan.model.plan import SUPPORTED_VERSION

CODE = "ASP003"
SEVERITY = Severity.ERROR

NO_PLAN_KEY = "not a plan: the top-level mapping has no 'asplan' key"


def is_plan_data(data: Any) -> bool:
    """A plan is a mapping with an ``asplan`` key (its format version)."""
    return isinstance(data, dict) and "asplan" in data


def not_a_plan(file: str) -> Finding:
    """The finding for a file named explicitly that is YAML but not a plan (folder scans skip it)."""
    return Finding(file, 1, 1, CODE, SEVERITY, f"{NO_PLAN_KEY} (add 'asplan: 1')")


def is_newer(version: int) -> bool:
    """A format version this asplan does not read yet."""
    return version > SUPPORTED_VERSION


def newer_version(version: int) -> str:
    """The message for a format version newer than this asplan reads: upgrading is the fix."""
    return f"format version {version} is newer than this asplan supports ({SUPPORTED_VERSION}): upgrade asplan"
