"""Whether the ``sla`` pass is tried vectorised (:mod:`asplan.sla.fastpath`), decided before importing it.

numpy takes a twentieth of a second to import: worth it for a big export,
not for the usual few hundred rows. This module imports neither numpy nor the modules
that do (the engine asks :func:`big`, then imports :mod:`asplan.sla.fastpath`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asplan.sla.results import EventColumns

FAST_MIN_BYTES = 4_000_000
"""Event files together at least this big (about 40,000 rows) are tried on the vectorised path.

Tests set it to 0 (every file tried) or beyond any file (the Python pass alone) to
compare the two (``tests/test_sla_fastpath.py``).
"""


def big(paths: Sequence[str]) -> bool:
    """Whether files this big together are worth the vectorised pass (False if one cannot be looked at)."""
    size = 0
    for path in paths:
        try:
            size += os.stat(path).st_size
        except OSError:
            return False  # the Python pass says what is wrong with the file
    return bool(paths) and size >= FAST_MIN_BYTES


FAST_MIN_EVENTS = 20_000
"""An SLA with at least this many events has them sorted and grouped with numpy (:mod:`asplan.sla.fastgroup`)."""


def grouped(events: EventColumns, periods: int) -> list[tuple[Sequence[int], list[int]]] | None:
    """Per period slot, its events' positions by start then id, and its count per status; None without numpy."""
    try:
        from asplan.sla.fastgroup import grouped as by_numpy
    except ImportError:  # pragma: no cover  # numpy is a dependency; a broken install still works
        return None
    return by_numpy(events, periods)
