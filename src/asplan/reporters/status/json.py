"""``asplan status --format json``: the rows as :meth:`~asplan.render.portfolio.PortfolioRow.to_json` gives them.

The health score is explained component by component there.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asplan.status import Dashboard


def render(dashboard: Dashboard, color: bool = False) -> str:
    return json.dumps([r.to_json() for r in dashboard.rows], ensure_ascii=False, indent=2) + "\n"
