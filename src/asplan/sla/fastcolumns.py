"""Fields of a big export as numbers: timestamps in microseconds, pauses, ids and ``where`` values.

Each function reads only the usual case and flags the rest ``ODD`` for the Python
taker (:mod:`asplan.sla.fastpath`): the figures here must be what
:class:`~asplan.sla.timereader.TimeReader` and :func:`~asplan.sla.events.parse_pauses`
give, and only for values they would read without a doubt.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

from asplan.sla.fastread import Block, NotPlain
from asplan.sla.timereader import TimeReader

OK: Final = 0
EMPTY: Final = 1
ODD: Final = 2

_DIGITS: Final = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15]
_ACROSS: Final = np.arange(19)
_ZERO: Final = ord("0")


def parse_times(block: Block, column: int, rows: Any, reader: TimeReader) -> tuple[Any, Any]:
    """``(micros, flags)`` of the field ``column`` of ``rows``: ``OK``, ``EMPTY`` (``""``) or ``ODD``.

    A value is ``OK`` when it is ``YYYY-MM-DDTHH:MM`` (or a space for the ``T``), with
    or without ``:SS``, of a real date on which the zone keeps one offset and a real
    time of day: naive, read in the zone as :meth:`TimeReader.micros` reads it (the
    date's local midnight plus the time of day; ``fromisoformat`` and the day's one
    offset give the same). Anything else (whitespace, offsets, fractions, a day the
    clocks change) is ODD.
    """
    lengths = block.ends[rows, column] - block.starts[rows, column]
    return _stamps(block.array, block.starts[rows, column], lengths, reader)


def _stamps(array: Any, starts: Any, lengths: Any, reader: TimeReader, seconds: bool = True) -> tuple[Any, Any]:
    micros = np.zeros(len(starts), np.int64)
    flags = np.where(lengths == 0, EMPTY, ODD).astype(np.uint8)
    sized = np.flatnonzero((lengths == 16) | ((lengths == 19) & seconds))
    if not len(sized):
        return micros, flags
    long = lengths[sized] == 19
    chars = array[np.minimum(starts[sized][:, None] + _ACROSS, len(array) - 1)]
    digit = chars - np.uint8(_ZERO)  # a non-digit wraps past 9
    plain = (
        np.all(digit[:, _DIGITS] <= 9, axis=1)
        & (chars[:, 4] == ord("-"))
        & (chars[:, 7] == ord("-"))
        & ((chars[:, 10] == ord("T")) | (chars[:, 10] == ord(" ")))
        & (chars[:, 13] == ord(":"))
        & (~long | ((chars[:, 16] == ord(":")) & (digit[:, 17] <= 9) & (digit[:, 18] <= 9)))
    )
    value = digit.astype(np.int64)
    day_key = (value[:, 0] * 1000 + value[:, 1] * 100 + value[:, 2] * 10 + value[:, 3]) * 10000
    day_key += (value[:, 5] * 10 + value[:, 6]) * 100 + value[:, 8] * 10 + value[:, 9]
    hour, minute = value[:, 11] * 10 + value[:, 12], value[:, 14] * 10 + value[:, 15]
    second = np.where(long, value[:, 17] * 10 + value[:, 18], 0)
    unique, inverse = _distinct(np.where(plain, day_key, 0))
    bases = [reader.day_base(f"{k // 10000:04d}-{k // 100 % 100:02d}-{k % 100:02d}") if k else None
             for k in unique.tolist()]  # fmt: skip
    base = np.array([b if b is not None else 0 for b in bases], np.int64)[inverse]
    known = np.array([b is not None for b in bases], bool)[inverse]
    good = plain & known & (hour < 24) & (minute < 60) & (second < 60)
    micros[sized] = np.where(good, base + ((hour * 60 + minute) * 60 + second) * 1_000_000, 0)
    flags[sized] = np.where(good, OK, ODD)
    return micros, flags


def _distinct(keys: Any) -> tuple[Any, Any]:
    """``np.unique(keys, return_inverse=True)``, by counting when the keys are close together (a block's dates).

    Most of a block's dates are a few days apart (``20261005``...), so marking them in
    an array as long as their range finds the distinct ones without sorting.
    """
    low, high = int(keys.min()), int(keys.max())
    if high - low > 100_000:
        unique, inverse = np.unique(keys, return_inverse=True)
        return unique, inverse.reshape(-1)
    present = np.zeros(high - low + 1, bool)
    present[keys - low] = True
    unique = np.flatnonzero(present)
    slot = np.zeros(high - low + 1, np.int64)
    slot[unique] = np.arange(len(unique))
    return unique + low, slot[keys - low]


def parse_pauses(block: Block, column: int, rows: Any, reader: TimeReader) -> tuple[Any, Any, Any]:
    """``(lo, hi, flags)``: one closed pause ``START/END`` of two ``YYYY-MM-DDTHH:MM`` is ``OK``; ``""`` is ``EMPTY``.

    Several pauses, an open one (``START/``), spaces or any other form are ODD: the
    Python taker reads them (:func:`~asplan.sla.events.parse_pauses`). An ``OK`` pause
    may still end before it starts: the caller sends that row to the taker, which
    reports it.
    """
    starts = block.starts[rows, column]
    lengths = block.ends[rows, column] - starts
    sixteen = np.where(lengths == 33, 16, 0)  # only START/END of two plain times is read here
    lo, lo_flags = _stamps(block.array, starts, sixteen, reader, seconds=False)
    hi, hi_flags = _stamps(block.array, starts + 17, sixteen, reader, seconds=False)
    slash = block.array[np.minimum(starts + 16, len(block.array) - 1)] == ord("/")
    good = (lengths == 33) & slash & (lo_flags == OK) & (hi_flags == OK)
    flags = np.where(good, OK, np.where(lengths == 0, EMPTY, ODD)).astype(np.uint8)
    return lo, hi, flags


_SPACES: Final = np.array([ord(c) for c in " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"], np.uint8)
"""What ``str.strip()`` removes from an ASCII string (the Python pass strips ids)."""
_MULTIPLIER: Final = np.uint64(0x100000001B3)
_LENGTH_MIX: Final = np.uint64(0x9E3779B97F4A7C15)
_POWERS: Final = np.cumprod(np.full(64, _MULTIPLIER, np.uint64), dtype=np.uint64)  # wraps, as a hash may


def field_hashes(block: Block, column: int) -> tuple[Any, Any, Any]:
    """Every row's field ``column`` as a zero-padded byte matrix, its length and a 64-bit hash of the bytes."""
    matrix, lengths = block.matrix(column, np.arange(len(block)))
    # Byte k weighs MULTIPLIER ** k, so the zero padding (as wide as the block's longest
    # field) adds nothing: the same value has the same hash in every block.
    weighted = (matrix * _POWERS[: matrix.shape[1]]).sum(axis=1, dtype=np.uint64)
    return matrix, lengths, weighted ^ (lengths.astype(np.uint64) * _LENGTH_MIX)


def id_matrix(block: Block, column: int) -> tuple[Any, Any, Any]:
    """:func:`field_hashes` of the ids; :class:`NotPlain` for an id not ASCII or that ``strip()`` would change."""
    matrix, lengths, hashes = field_hashes(block, column)
    if matrix.size:
        if int(matrix.max()) >= 0x80:
            raise NotPlain("an id that is not ASCII")
        final = matrix[np.arange(len(matrix)), np.maximum(lengths.astype(np.int64) - 1, 0)]
        spaced = (lengths > 0) & (np.isin(matrix[:, 0], _SPACES) | np.isin(final, _SPACES))
        if bool(spaced.any()):
            raise NotPlain("an id with spaces around it")
    return matrix, lengths, hashes


def first_occurrences(hashes: Any, same: Any) -> Any:
    """Whether each row is the first with its id (``same(a, b)``: rows a and b have one id; checked for repeats).

    :class:`NotPlain` if two different ids share a hash (the Python pass then decides).
    """
    order = np.argsort(hashes, kind="stable")
    ordered = hashes[order]
    leads = np.ones(len(order), bool)
    leads[1:] = ordered[1:] != ordered[:-1]
    first = np.empty(len(order), bool)
    first[order] = leads
    repeats = np.flatnonzero(~leads)
    if len(repeats):
        leader_at = np.maximum.accumulate(np.where(leads, np.arange(len(order)), 0))
        if not same(order[repeats], order[leader_at[repeats]]):
            raise NotPlain("two ids with one hash")
    return first
