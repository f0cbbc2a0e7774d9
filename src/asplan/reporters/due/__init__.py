"""Output formats of ``asplan due``: one module per format, each with ``render(report, color)``.

The registry is the one list of formats (``--format`` is checked against
:class:`Format`, in this order in its error message); a module is imported only when
its format is asked for, so JSON never loads rich and text never loads icalendar.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, cast

from asplan.reporters.registry import format_function

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
    return cast(Renderer, format_function(__name__, fmt))
