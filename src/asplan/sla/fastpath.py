"""The ``sla`` pass vectorised: a million-row export timed in numpy, with the Python pass as the authority.

:func:`asplan.sla.run.time_events` times each row in Python, about 8 µs per event and
SLA; spec §6 wants a million events in 2.5 times a bare ``csv.reader`` pass. Here the
same pass is done column-wise: numpy splits the file into fields (:mod:`asplan.sla.fastread`),
timestamps of the usual form (``2026-06-01T09:30``, naive) become microseconds by one
lookup per distinct date and time of day, and working time, deadlines, periods and
verdicts are array operations on the calendar's :class:`~asplan.timecalc.worktable.WorkTable`.

Exactness is kept by never deciding anything the Python pass would decide differently:

* a file the two readers might split differently (quotes, CR, bad UTF-8, a row of
  the wrong width, an id with spaces around it...) is not read here at all: the whole
  pass goes back to Python before any state is touched (:class:`~asplan.sla.fastread.NotPlain`);
* a row with anything unusual for an SLA (a timestamp in another form or on a day the
  clocks change, a stop before its start, several or open pauses, a pause on 24x7, an
  instant outside the table, a deadline beyond it) is handed to that SLA's own Python
  taker, in file order, so its figures, problems and ASP409 counts are the Python ones;
* the watchers (``where`` values, duplicates, naive times) are told what the Python
  pass would tell them, in the same order.

``tests/test_sla_fastpath.py`` compares the two passes' JSON and text byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

import numpy as np

from asplan.sla.eventdata import PAUSES_COLUMN, NaiveTimes
from asplan.sla.fastcolumns import ODD, field_hashes, first_occurrences, id_matrix, parse_pauses, parse_times
from asplan.sla.fastread import Block, Lines, NotPlain, read_blocks
from asplan.sla.fastrows import File, Picked, Rows
from asplan.sla.fasttime import time_rows
from asplan.sla.run import SlaRun, _selects, take_row
from asplan.sla.sources import SourceTable
from asplan.sla.timereader import TimeReader

_CHUNK = 65_536
"""Rows timed at once: a part's two dozen temporary arrays stay under 20 MB."""


class _Keys:
    """``where`` values -> a code per distinct raw combination (the Python pass's cache key), and whom it selects."""

    def __init__(self, runs: Sequence[SlaRun], columns: list[str]) -> None:
        self.runs = runs
        self.columns = columns
        self.codes: dict[object, int] = {}
        self.values: list[list[str]] = []  # stripped, per code
        self.selects: list[list[bool]] = []  # per code, per run

    def block(self, block: Block, positions: list[int]) -> Any:
        """Codes of a block's rows (``positions``: the where columns)."""
        if not positions:
            return np.full(len(block), self._code(""), np.int32)
        per_column = []
        for column in positions:
            per_column.append(_values(block, column))
        if len(per_column) == 1:
            names, inverse = per_column[0]
            return np.array([self._code(name) for name in names], np.int32)[inverse]
        stacked = np.stack([inverse for _, inverse in per_column], axis=1)
        unique, inverse = np.unique(stacked, axis=0, return_inverse=True)
        local = [self._code(tuple(per_column[c][0][i] for c, i in enumerate(row))) for row in unique.tolist()]
        return np.array(local, np.int32)[inverse.reshape(-1)]

    def _code(self, key: object) -> int:
        code = self.codes.get(key)
        if code is None:
            code = self.codes[key] = len(self.values)
            raw = list(key) if isinstance(key, tuple) else [key]
            values = [str(v).strip() for v in raw]
            self.values.append(values)
            self.selects.append([_chosen(run, self.columns, values) for run in self.runs])
        return code


def _values(block: Block, column: int) -> tuple[list[str], Any]:
    """The distinct values of a column in a block (in no particular order) and each row's index among them."""
    matrix, lengths, hashes = field_hashes(block, column)
    _, first, inverse = np.unique(hashes, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    if not np.array_equal(matrix, matrix[first[inverse]]):
        raise NotPlain("two where values with one hash")
    names = [bytes(matrix[i, : lengths[i]]).decode("utf-8") for i in first.tolist()]
    return names, inverse


def _chosen(run: SlaRun, columns: list[str], values: list[str]) -> bool:
    """:func:`~asplan.sla.run._selects` without telling the watchers (they are told later, in the Python order)."""
    return all(values[columns.index(column)] in allowed for column, allowed in run.where.items())


def time_events(runs: Sequence[SlaRun], tables: Sequence[SourceTable], account_tz: tzinfo, now: int) -> bool:
    """:func:`asplan.sla.run.time_events` for ``now`` in microseconds; False (nothing touched) when it cannot."""
    if not _eligible(runs, tables):
        return False
    columns = sorted({c for run in runs for c in run.where})
    keys = _Keys(runs, columns)
    files: list[File] = []
    try:
        base = 0
        for index, bound in enumerate(tables):
            source = bound.source
            read = File(bound, TimeReader(source.tz or account_tz, source.time_format), index, base)
            _read(read, keys, runs)
            files.append(read)
            base += read.count
        first, dup_first, dup_count = _unique(files)
    except NotPlain:
        return False
    _tell_watchers(runs, keys, files, first)
    for read in files:  # what only the duplicates and the watchers needed
        read.hashes, read.keys = [], []
    for run in runs:
        if dup_count:
            run.data.duplicates.count += dup_count
            if run.data.duplicates.first is None:
                run.data.duplicates.first = dup_first
    _time(runs, files, keys, first, now)
    for read in files:
        table = read.bound.table
        if not table.scanned:
            table.count, table.problems, table.scanned = read.count, [], True
    return True


def _eligible(runs: Sequence[SlaRun], tables: Sequence[SourceTable]) -> bool:
    """What this path reads at all: plain ISO exports without status logs, SLAs with a target and an open clock."""
    for bound in tables:
        if bound.log is not None or bound.source.time_format is not None or len(bound.table.header) < 2:
            return False
        if len(bound.table.delimiter) != 1:
            return False
    return all(run.needed_us > 0 and not run.clock.never_open for run in runs)


def _needed(bound: SourceTable, runs: Sequence[SlaRun], columns: list[str]) -> list[int]:
    names = {"id", *columns}
    for run in runs:
        names.add(run.sla.start)
        if run.sla.stop:
            names.add(run.sla.stop)
    if PAUSES_COLUMN in bound.index:
        names.add(PAUSES_COLUMN)
    return sorted({bound.index[name] for name in names})


def _read(read: File, keys: _Keys, runs: Sequence[SlaRun]) -> None:
    """Read one file: ids and where keys of every row, the needed fields of the rows some SLA selects."""
    bound = read.bound
    table = bound.table
    index = bound.index
    where = [index[c] for c in keys.columns]
    stamps: dict[int, list[int]] = {}  # timestamp column -> the SLAs that read it
    for r, run in enumerate(runs):
        for column in {index[run.sla.start], index[run.sla.stop or ""]}:
            stamps.setdefault(column, []).append(r)
    pauses = index.get(PAUSES_COLUMN)
    for block in read_blocks(table.path, table.delimiter, len(table.header)):
        matrix, lengths, hashes = id_matrix(block, index["id"])
        read.hashes.append(hashes)
        codes = keys.block(block, where)
        read.keys.append(codes)
        selects = np.array(keys.selects, bool).reshape(len(keys.selects), len(runs))[codes]
        rows = np.flatnonzero(selects.any(axis=1))
        if len(rows):
            read.picked.append(
                Picked(
                    rows + read.base + read.count,
                    block.starts[rows, 0] + block.offset,
                    codes[rows],
                    matrix[rows],
                    lengths[rows],
                    {c: _times(block, c, rows, selects[rows][:, users], read.reader) for c, users in stamps.items()},
                    parse_pauses(block, pauses, rows, read.reader) if pauses is not None else None,
                )
            )
        read.count += len(block)


def _times(block: Block, column: int, rows: Any, users: Any, reader: TimeReader) -> tuple[Any, Any]:
    """:func:`parse_times` of the rows an SLA reading ``column`` selects (``users``); the others are never looked at."""
    wanted = np.flatnonzero(users.any(axis=1))
    if len(wanted) == len(rows):
        return parse_times(block, column, rows, reader)
    micros, flags = np.zeros(len(rows), np.int64), np.full(len(rows), ODD, np.uint8)
    micros[wanted], flags[wanted] = parse_times(block, column, rows[wanted], reader)
    return micros, flags


def _unique(files: list[File]) -> tuple[Any, tuple[str, int] | None, int]:
    """Which rows (over all files, in order) are the first of their id; the first repeat (file, line) and how many."""
    if not any(read.hashes for read in files):
        return np.zeros(0, bool), None, 0
    hashes = np.concatenate([h for read in files for h in read.hashes])

    def same(a: Any, b: Any) -> bool:
        texts = _ids_at(files, set(a.tolist()) | set(b.tolist()))
        return all(texts[x] == texts[y] for x, y in zip(a.tolist(), b.tolist(), strict=True))

    first = first_occurrences(hashes, same)
    repeats = np.flatnonzero(~first)
    if not len(repeats):
        return first, None, 0
    position = int(repeats[0])
    read = next(r for r in reversed(files) if r.base <= position)
    return first, (read.bound.table.file, position - read.base + 2), len(repeats)


def _ids_at(files: list[File], wanted: set[int]) -> dict[int, bytes]:
    """The ids of the rows at ``wanted`` (global positions), read again: only rows whose hash repeats are asked."""
    found: dict[int, bytes] = {}
    for read in files:
        mine = np.array(sorted(p - read.base for p in wanted if read.base <= p < read.base + read.count), np.int64)
        if not len(mine):
            continue
        table = read.bound.table
        column = read.bound.index["id"]
        for block in read_blocks(table.path, table.delimiter, len(table.header)):
            lo, hi = np.searchsorted(mine, [block.first, block.first + len(block)])
            if hi > lo:
                local = mine[lo:hi] - block.first
                matrix, lengths = block.matrix(column, local)
                for row, p in enumerate(local.tolist()):
                    found[read.base + block.first + p] = bytes(matrix[row, : lengths[row]])
    return found


def _tell_watchers(runs: Sequence[SlaRun], keys: _Keys, files: list[File], first: Any) -> None:
    """Each distinct where combination, in order of first appearance among counted rows, shown to every SLA."""
    if not keys.columns or not len(first):
        return
    codes = np.concatenate([k for read in files for k in read.keys])[first]
    unique, index = np.unique(codes, return_index=True)
    for code in unique[np.argsort(index, kind="stable")].tolist():
        values = keys.values[code]
        for run in runs:
            _selects(run, keys.columns, values)


def _time(runs: Sequence[SlaRun], files: list[File], keys: _Keys, first: Any, now: int) -> None:
    """Time the counted rows each SLA selects; rows it cannot vectorise go to its Python taker, in file order."""
    selects = np.array(keys.selects, bool).reshape(len(keys.selects), len(runs))
    slow: list[tuple[int, int, int, Rows]] = []  # (global position, run index, row in rows, rows)
    naive: dict[int, tuple[int, str, int]] = {}  # id(NaiveTimes) -> (global position, file, line)
    for read in files:
        if not read.picked:
            continue
        rows = _parse(read)
        counted = first[rows.positions]
        for r, run in enumerate(runs):
            mine = np.flatnonzero(counted & selects[rows.codes, r])
            if not len(mine):
                continue
            for part in range(0, len(mine), _CHUNK):  # in parts: the arrays of a part stay small
                slow_rows, first_naive = time_rows(run, rows, mine[part : part + _CHUNK], now)
                slow.extend((int(rows.positions[i]), r, int(i), rows) for i in slow_rows.tolist())
                if first_naive is not None:
                    at = int(rows.positions[first_naive])
                    known = naive.get(id(run.data.naive))
                    if known is None or at < known[0]:
                        naive[id(run.data.naive)] = (at, read.bound.table.file, int(rows.lines[first_naive]))
    _take_slow(runs, slow, now)
    _settle_naive(runs, naive, files)
    order: dict[str, int] = {}
    for read in files:
        order.setdefault(read.bound.table.file, read.index)
    for run in runs:
        run.data.at_risk.sort(key=lambda e: (order.get(e.file, 0), e.line))


def _parse(read: File) -> Rows:
    """The selected rows of one file, their blocks put together."""
    picked = read.picked
    read.picked = []
    width = max(p.ids.shape[1] for p in picked)
    padded = [np.pad(p.ids, ((0, 0), (0, width - p.ids.shape[1]))) for p in picked]
    positions = np.concatenate([p.positions for p in picked])
    rows = Rows(
        read,
        positions,
        positions - read.base + 2,
        np.concatenate([p.offsets for p in picked]),
        np.concatenate([p.codes for p in picked]),
        np.concatenate(padded),
        np.concatenate([p.id_lengths for p in picked]),
    )
    for column in picked[0].times:
        rows.times[column] = (
            np.concatenate([p.times[column][0] for p in picked]),
            np.concatenate([p.times[column][1] for p in picked]),
        )
    if picked[0].pauses is not None:
        rows.pauses = tuple(np.concatenate([p.pauses[k] for p in picked if p.pauses is not None]) for k in range(3))  # type: ignore[assignment]
    return rows


def _take_slow(runs: Sequence[SlaRun], slow: list[tuple[int, int, int, Rows]], now: int) -> None:
    """The rows left to the Python takers, in the order the Python pass meets them (file order, then SLA)."""
    takers: dict[tuple[int, int], Any] = {}
    readers: dict[int, Lines] = {}
    slow.sort(key=lambda item: (item[0], item[1]))
    try:
        for _, r, i, rows in slow:
            run = runs[r]
            bound = rows.read.bound
            take = takers.get((r, id(rows)))
            if take is None:
                take = takers[(r, id(rows))] = run.taker(bound, rows.read.index, rows.read.reader)
            lines = readers.get(id(rows))
            if lines is None:
                lines = readers[id(rows)] = Lines(bound.table.path, bound.table.delimiter)
            row = lines.row(int(rows.offsets[i]))
            take_row(run, take, row[bound.index["id"]].strip(), int(rows.lines[i]), row, now, bound)
    finally:
        for lines in readers.values():
            lines.close()


def _settle_naive(runs: Sequence[SlaRun], found: dict[int, tuple[int, str, int]], files: list[File]) -> None:
    """The first naive time of each watcher: the earlier of the vectorised rows' and the Python takers'."""
    order = {read.bound.table.file: read.base for read in files}
    for run in runs:
        watcher: NaiveTimes = run.data.naive
        fast = found.get(id(watcher))
        if fast is None:
            continue
        if watcher.first is None or fast[0] < order.get(watcher.first[0], 0) + watcher.first[1] - 2:
            watcher.first = (fast[1], fast[2])
