"""One SLA's selected rows timed as arrays: :meth:`SlaRun.taker`'s arithmetic, column-wise.

Every step is the taker's, in its order (``asplan/sla/run.py``): the start read, rows
starting after ``now`` left out, the stop (open while empty or after ``now``), the
pause cut at the stop, the period of the start, closed events of periods not asked
for left out, working time and deadline on the calendar's table, the verdict from
:meth:`SlaRun.figures`. A row any step would treat unusually is returned to the
caller for the taker itself (see :mod:`asplan.sla.fastpath`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

import numpy as np

from asplan.model.scalars import PeriodLabel
from asplan.sla.fastcolumns import EMPTY, ODD, OK
from asplan.sla.fastrows import Rows
from asplan.sla.results import AT_RISK, BREACHED, BREACHED_OPEN, MET, NO_DEADLINE, RUNNING, EventColumns
from asplan.sla.run import _EARLIEST_US, _HOUR, LAST_MICROS, SlaRun
from asplan.timecalc.worktable import to_micros

_LATE: Final = to_micros(datetime(9000, 1, 1, tzinfo=UTC))
"""Starts from here on go to the taker: the last days of 9998 have no period, which only it reports."""


def time_rows(run: SlaRun, rows: Rows, mine: Any, now: int) -> tuple[Any, int | None]:
    """Time ``rows`` at ``mine`` for ``run``: its events stored; returns the rows for its taker and the first naive."""
    bound = rows.read.bound
    start, s_flag = (a[mine] for a in rows.times[bound.index[run.sla.start]])
    stop, e_flag = (a[mine] for a in rows.times[bound.index[run.sla.stop or ""]])
    read = s_flag == OK
    first_naive = int(mine[int(np.argmax(read))]) if read.any() else None
    live = read & (start <= now)
    odd = (start < _EARLIEST_US) | (start >= _LATE) | (e_flag == ODD) | ((e_flag == OK) & (stop < start))
    slow = ~read | (live & odd)
    if rows.pauses is not None:
        p_lo, p_hi, p_flag = (a[mine] for a in rows.pauses)
        slow |= live & ((p_flag == ODD) | ((p_flag == OK) & (p_hi < p_lo)))
    else:
        p_lo = p_hi = np.zeros(len(mine), np.int64)
        p_flag = np.full(len(mine), EMPTY, np.uint8)
    go = np.flatnonzero(live & ~slow)
    s = start[go]
    closed = (e_flag[go] == OK) & (stop[go] <= now)
    end = np.where(closed, stop[go], now)
    lo, hi = p_lo[go], p_hi[go]
    paused = (p_flag[go] == OK) & (lo < end)
    paused_now = paused & ~closed & (hi > now)
    hi = np.minimum(hi, end)
    slots, labels = _periods(run, s)
    keep = ~((slots < 0) & closed)
    go, s, closed, end, lo, hi, paused, paused_now, slots = (
        a[keep] for a in (go, s, closed, end, lo, hi, paused, paused_now, slots)
    )
    labels = [label for label, kept in zip(labels, keep.tolist(), strict=True) if kept]
    if run.clock.always_open:
        elapsed, deadline, failed = _wall(run, s, end, paused)
    else:
        elapsed, deadline, failed = _worked(run, s, end, lo, hi, paused, paused_now)
    if failed.any():
        slow[go[failed]] = True
        ok = ~failed
        go, s, closed, elapsed, deadline, slots = (a[ok] for a in (go, s, closed, elapsed, deadline, slots))
        labels = [label for label, kept in zip(labels, ok.tolist(), strict=True) if kept]
    codes = _codes(run, elapsed, closed)
    _store(run, rows, mine[go], s, codes, elapsed, deadline, slots, labels)
    return mine[np.flatnonzero(slow)], first_naive


def _periods(run: SlaRun, starts: Any) -> tuple[Any, list[PeriodLabel]]:
    """Each start's period slot (-1: not asked for) and period, as :meth:`SlaRun.period` says, once per UTC hour."""
    if not len(starts):
        return np.zeros(0, np.int64), []
    hours, inverse = np.unique(starts // _HOUR, return_inverse=True)
    inverse = inverse.reshape(-1)
    slot_of: list[int] = []
    label_of: list[PeriodLabel | None] = []
    for hour in hours.tolist():
        label, slot = run.period(hour * _HOUR)
        found = run._hours.get(hour)
        slot_of.append(slot if found is not None else -2)
        label_of.append(label if found is not None else None)
    slots = np.array(slot_of, np.int64)[inverse]
    labels_by_hour = [label_of[i] for i in inverse.tolist()]
    split = np.flatnonzero(slots == -2)
    for i in split.tolist():  # an hour in which the period changes: each start on its own
        labels_by_hour[i], slots[i] = run.period(int(starts[i]))
    labels: list[PeriodLabel] = [label for label in labels_by_hour if label is not None]
    return slots, labels


def _wall(run: SlaRun, s: Any, end: Any, paused: Any) -> tuple[Any, Any, Any]:
    """24x7: elapsed real time and start + target (no deadline past the last instant); pauses go to the taker."""
    reached = s + run.needed_us
    deadline = np.where((s < LAST_MICROS) & (reached <= LAST_MICROS), reached, NO_DEADLINE)
    return end - s, deadline, paused.copy()


def _worked(run: SlaRun, s: Any, end: Any, lo: Any, hi: Any, paused: Any, paused_now: Any) -> tuple[Any, Any, Any]:
    """Working time and deadline on the calendar's table, as :meth:`SlaRun._clocked` and ``_table_deadline``."""
    table = run.table
    failed = np.ones(len(s), bool)
    if table is None or not len(s):
        return np.zeros(len(s), np.int64), np.zeros(len(s), np.int64), failed
    for instant in (int(s.min()), int(end.max())):
        if not table.covers(instant):
            table.extend_to(instant)
    bounds = np.array(table.bounds, np.int64)
    cumulative = np.array(table.cumulative, np.int64)
    if not len(bounds):
        return np.zeros(len(s), np.int64), np.zeros(len(s), np.int64), failed
    covered = (s >= table.low) & (end < table.high)

    def at(x: Any) -> Any:
        i = np.searchsorted(bounds, x, side="right")
        prior = np.maximum(i - 1, 0)
        inside = (i & 1) == 1
        return np.where(i == 0, 0, np.where(inside, cumulative[prior] + x - bounds[prior], cumulative[prior]))

    at_s, at_end = at(s), at(end)
    cut_lo = np.maximum(lo, s)
    real = paused & (hi > cut_lo)
    elapsed = at_end - at_s - np.where(real, at(np.where(real, hi, s)) - at(np.where(real, cut_lo, s)), 0)
    elapsed = np.maximum(elapsed, 0)
    needed = run.needed_us
    holed = paused & (hi > lo) & (hi > s)  # a hole the deadline walks around (merged: empty pauses dropped)
    available = np.where(holed & (lo > s), at(np.where(holed, lo, s)) - at_s, 0)
    around = holed & (available < needed)
    value = np.where(around, at(np.where(holed, hi, s)) + needed - available, at_s + needed)
    j = np.searchsorted(cumulative, value, side="left")
    beyond = j >= len(cumulative)
    j = np.minimum(j, len(cumulative) - 1)
    deadline = np.where(paused_now, NO_DEADLINE, bounds[j] - (cumulative[j] - value))
    failed = ~covered | (beyond & ~paused_now)
    return elapsed, deadline, failed


def _codes(run: SlaRun, elapsed: Any, closed: Any) -> Any:
    """The taker's verdict codes, from :meth:`SlaRun.figures` once per distinct elapsed time."""
    if not len(elapsed):
        return np.zeros(0, np.uint8)
    unique, inverse = np.unique(elapsed, return_inverse=True)
    met_of: list[bool] = []
    risk_of: list[bool] = []
    for value in unique.tolist():
        _, percent, is_met = run.figures(value)
        met_of.append(is_met)
        risk_of.append(percent is not None and percent >= run.risk)
    met = np.array(met_of, bool)[inverse.reshape(-1)]
    risk = np.array(risk_of, bool)[inverse.reshape(-1)]
    still = np.where(~met, BREACHED_OPEN, np.where(risk, AT_RISK, RUNNING))
    return np.where(closed, np.where(met, MET, BREACHED), still).astype(np.uint8)


def _store(
    run: SlaRun,
    rows: Rows,
    at: Any,
    s: Any,
    codes: Any,
    elapsed: Any,
    deadline: Any,
    slots: Any,
    labels: list[PeriodLabel],
) -> None:
    """Append the events of selected periods to the run's columns, and the at-risk ones (any period) to its data."""
    if not len(at):
        return
    ids = rows.ids(at)
    lines = rows.lines[at]
    file_index = rows.read.index
    shown = slots >= 0
    events = run.events
    events.ids.extend(i for i, keep in zip(ids, shown.tolist(), strict=True) if keep)
    events.file_index.frombytes(np.full(int(shown.sum()), file_index, np.uint16).tobytes())
    events.lines.frombytes(lines[shown].astype(np.int64).tobytes())
    events.starts.frombytes(s[shown].astype(np.int64).tobytes())
    events.statuses.extend(codes[shown].tobytes())
    events.elapsed.frombytes(elapsed[shown].astype(np.int64).tobytes())
    events.deadlines.frombytes(deadline[shown].astype(np.int64).tobytes())
    events.periods.frombytes(slots[shown].astype(np.uint16).tobytes())
    for i in np.flatnonzero(codes == AT_RISK).tolist():
        one = EventColumns(events.files, run.figures, run.needed_us)
        one.add(ids[i], file_index, int(lines[i]), int(s[i]), AT_RISK, int(elapsed[i]), int(deadline[i]), 0)
        run.data.at_risk.append(one.result(0, labels[i]))
