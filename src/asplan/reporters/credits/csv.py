"""``asplan credits --format csv``: RFC 4180, CRLF record ends (docs/credits.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asplan.reporters.credits import Options
    from asplan.sla.statement import Statement


def render(data: Statement, options: Options) -> str:
    from asplan.sla.statement import to_csv

    return to_csv(data, options.decimal)
