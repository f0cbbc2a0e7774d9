"""Output formats of ``asplan due``: one module per format, each with ``render(report, color)``.

The registry is the one list of formats (``--format`` is checked against
:class:`Format`, in this order in its error message); a module is imported only when
its format is asked for, so JSON never loads rich and text never loads icalendar.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asplan.due import DueReport


class Format(StrEnum):
    text = "text"
    json = "json"
    ics = "ics"
    md = "md"


Renderer = Callable[["DueReport", bool], str]


def renderer(fmt: Format) -> Renderer:
    """``render(report, color)`` of a format; ``color`` only matters to text."""
    found: Renderer = importlib.import_module(f"asplan.reporters.due.{fmt.value}").render
    return found
