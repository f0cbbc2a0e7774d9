"""Output formats of ``asplan sla``: one module per format, each with ``write(outcome, out, color)``.

The registry below is the one list of formats (``--format`` is checked against
:class:`Format`); a module is imported only when its format is asked for, so a JSON
report never loads rich.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asplan.sla.portfolio import SlaOutcome

Writer = Callable[["SlaOutcome", Callable[[str], object], bool], None]


class Format(StrEnum):
    text = "text"
    json = "json"


_MODULES = {Format.text: "asplan.reporters.sla.text", Format.json: "asplan.reporters.sla.json"}


def writer(fmt: Format) -> Writer:
    """The ``write(outcome, out, color)`` of a format: ``out`` takes the text, piece by piece."""
    found: Writer = importlib.import_module(_MODULES[fmt]).write
    return found
