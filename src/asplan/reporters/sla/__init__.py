"""Output formats of ``asplan sla``: one module per format, each with ``write(outcome, out, color)``.

The registry below is the one list of formats (``--format`` is checked against
:class:`Format`); a module is imported only when its format is asked for, so a JSON
report never loads rich.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, cast

from asplan.reporters.registry import format_function

if TYPE_CHECKING:
    from asplan.sla.portfolio import SlaOutcome

Writer = Callable[["SlaOutcome", Callable[[str], object], bool], None]


class Format(StrEnum):
    text = "text"
    json = "json"


def writer(fmt: Format) -> Writer:
    """The ``write(outcome, out, color)`` of a format: ``out`` takes the text, piece by piece."""
    return cast(Writer, format_function(__name__, fmt, "write"))
