"""Output formats of ``asplan credits``: one module per format, each with ``render(statement, options)``.

The statement itself (lines, totals, the RFC 4180 CSV and JSON shapes, tested for
invoicing) is :mod:`asplan.sla.statement`; this registry is the one list of formats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, cast

from asplan.reporters.registry import format_function

if TYPE_CHECKING:
    from asplan.sla.statement import Decimals, Statement


class Format(StrEnum):
    text = "text"
    csv = "csv"
    json = "json"


@dataclass(frozen=True)
class Options:
    color: bool = False
    decimal: Decimals = "point"  # CSV only (sla.statement.DECIMALS)


Renderer = Callable[["Statement", Options], str]


def renderer(fmt: Format) -> Renderer:
    return cast(Renderer, format_function(__name__, fmt))
