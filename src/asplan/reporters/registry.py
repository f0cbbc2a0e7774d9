"""How a command's reporter registry finds a format's module: ``<registry package>.<format>``, imported when asked for.

A registry (``reporters/sla``, ``credits``, ``due``, ``status``) declares its formats
as a ``StrEnum`` (the one list ``--format`` is checked against) and one module per
format named as the value. Importing on demand keeps a JSON report from loading rich
and a text report from loading icalendar.
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from typing import Any


def format_function(package: str, fmt: StrEnum, name: str = "render") -> Any:
    """The function ``name`` of the module ``package.<fmt>``."""
    return getattr(importlib.import_module(f"{package}.{fmt.value}"), name)
