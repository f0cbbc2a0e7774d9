"""A big period's events as JSON text, column-wise: what :func:`asplan.sla.report._events_json` writes.

Writing 300,000 events one by one, each figure formatted and each deadline converted,
takes over a second. Here each part of an event's object (its status, figures,
remaining time, deadline) is made once per distinct value (an elapsed time, a local
hour, a minute and second) with numpy finding the distinct values, and each object is
one string join. Anything that would not be written the usual way (an id that JSON
must escape, a deadline with microseconds or in an hour whose offset changes) is
written by the Python functions for that value alone. The text is the same, byte for
byte (``tests/test_sla_fastpath.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from json.encoder import encode_basestring
from typing import Any, Final, Protocol

import numpy as np

from asplan.sla.results import NO_DEADLINE, RUNNING, STATUSES, EventList
from asplan.sla.timed import minutes


class _DeadlineText(Protocol):
    """What :class:`asplan.sla.report._DeadlineText` offers (not imported: report imports this module)."""

    def __call__(self, micros: int) -> str: ...

    def hour_offset(self, hour: int) -> tuple[int, str] | None: ...

    def prefix(self, local_hour: int) -> str: ...

_HOUR: Final = 3_600_000_000
_MINUTE_SECOND: Final = [f"{m:02d}:{s:02d}" for m in range(60) for s in range(60)]


def events_text(events: EventList, deadline_text: _DeadlineText, number: Callable[[Any], str]) -> str:
    """The events of ``events``, each as ``_events_json`` encodes it, joined by ``", "``."""
    columns = events.columns
    if not len(events):
        return ""
    at = np.asarray(events.positions, dtype=np.int64)
    elapsed = np.frombuffer(columns.elapsed, np.int64)[at]
    codes = np.frombuffer(columns.statuses, np.uint8)[at].astype(np.int64)
    ids = columns.ids
    heads = ['{"id": ' + encode_basestring(ids[i]) + ', "status": "' for i in events.positions]
    left = np.where(codes >= RUNNING, np.maximum(columns.needed_us - elapsed, 0), -1)
    # Everything between the id and the deadline depends on the status and the elapsed time only.
    _, first, inverse = np.unique(elapsed * 8 + codes, return_index=True, return_inverse=True)
    middles = []
    for i in first.tolist():
        elapsed_min, percent, _ = columns.figures(int(elapsed[i]))
        remaining = number(minutes(timedelta(microseconds=int(left[i])))) if left[i] >= 0 else "null"
        middles.append(
            f'{STATUSES[int(codes[i])]}", "elapsed_minutes": {number(elapsed_min)}, "percent": {number(percent)},'
            f' "remaining_minutes": {remaining}, "deadline": '
        )
    when = _deadlines(np.frombuffer(columns.deadlines, np.int64)[at], deadline_text)
    return ", ".join([h + middles[m] + w for h, m, w in zip(heads, inverse.reshape(-1).tolist(), when, strict=True)])


def _deadlines(deadlines: Any, deadline_text: _DeadlineText) -> list[str]:
    """Each deadline as :class:`_DeadlineText` writes it, quoted, or ``null``; then the object's closing brace."""
    none = deadlines == NO_DEADLINE
    safe = np.where(none, 0, deadlines)
    hours, inverse = np.unique(safe // _HOUR, return_inverse=True)
    inverse = inverse.reshape(-1)
    found = [deadline_text.hour_offset(h) for h in hours.tolist()]
    offsets = np.array([f[0] if f is not None else 0 for f in found], np.int64)[inverse]
    uniform = np.array([f is not None for f in found], bool)[inverse]
    suffixes = ['"}' if f is None else f[1] + '"}' for f in found]
    local = safe + offsets
    local_hours, local_inverse = np.unique(local // _HOUR, return_inverse=True)
    prefixes = ['"' + deadline_text.prefix(h) for h in local_hours.tolist()]
    rest = local % _HOUR
    plain = uniform & ~none & (rest % 1_000_000 == 0)
    second = (rest // 1_000_000).tolist()
    out = [
        prefixes[p] + _MINUTE_SECOND[s] + suffixes[x]
        for p, s, x in zip(local_inverse.reshape(-1).tolist(), second, inverse.tolist(), strict=True)
    ]
    for i in np.flatnonzero(~plain).tolist():
        out[i] = "null}" if none[i] else '"' + deadline_text(int(deadlines[i])) + '"}'
    return out
