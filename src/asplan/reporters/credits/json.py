"""``asplan credits --format json``: the statement's JSON shape (:func:`asplan.sla.statement.to_json`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asplan.reporters.credits import Options
    from asplan.sla.statement import Statement


def render(data: Statement, options: Options) -> str:
    from asplan.sla.statement import to_json

    return json.dumps(to_json(data), indent=2, ensure_ascii=False) + "\n"
