"""Output formats of ``asplan status``: one module per format, each with ``render(dashboard, color)``.

The registry is the one list of formats (``--format`` is checked against :class:`Format`).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, cast

from asplan.reporters.registry import format_function

if TYPE_CHECKING:
    from asplan.status import Dashboard


class Format(StrEnum):
    text = "text"
    json = "json"


Renderer = Callable[["Dashboard", bool], str]


def renderer(fmt: Format) -> Renderer:
    return cast(Renderer, format_function(__name__, fmt))
