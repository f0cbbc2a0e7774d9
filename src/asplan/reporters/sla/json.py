"""``asplan sla --format json``: the report of :mod:`asplan.sla.report`, or with ``--set`` the comparison.

The JSON shape belongs to the data (``row_json``, ``write_json``, ``dumps_comparison``
sit beside the rows they encode, and are tested there); this module picks which one
a run prints. The plain report is written row by row: a million events are never one
string in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asplan.sla.portfolio import SlaOutcome


def write(outcome: SlaOutcome, out: Callable[[str], object], color: bool = False) -> None:
    from asplan.sla.report import write_json
    from asplan.sla.whatif import dumps_comparison

    if outcome.comparison is not None:
        out(dumps_comparison(outcome.comparison))
    else:
        write_json(outcome.today, outcome.rows, out)
