"""A big export split into fields by numpy, only when that splits it exactly as ``csv.reader`` would.

The Python reader (:mod:`asplan.sla.events`) is the authority: it names broken rows
by line, refuses NUL bytes and bad UTF-8, reads quotes strictly. On a file without
any quote character a CSV row is its line split at the delimiter, which numpy does
for a million rows in a fraction of the time. So a block is read here only if the
two cannot differ: no quote character, no NUL, no CR but in a CRLF line end, no
blank line, valid UTF-8, no line as long as ``csv.field_size_limit()``, every line
with as many delimiters as the header. Anything else is :class:`NotPlain` and the
caller reads the file the Python way, so every message, line number and figure
stays the Python reader's. Rows are then one per physical line: a row's line is its
position plus two (the header is line 1).

The file is read once, in blocks of whole lines, never held whole.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

BLOCK_BYTES: Final = 1 << 20
"""Read this much at a time (about 11,000 rows of a ticket export): a block's arrays stay a few megabytes."""
MAX_FIELD_BYTES: Final = 64
"""Ids and ``where`` values longer than this are left to the Python reader (they are matched byte by byte here)."""


class NotPlain(Exception):  # a signal more than an error: the Python reader takes over
    """The file holds something the fast reader might read differently: the Python reader reads it."""


@dataclass
class Block:
    """Whole lines of the file: their bytes, and where each row's fields start and end (``starts[row, column]``)."""

    data: bytes
    array: Any  # the bytes as numpy uint8
    starts: Any
    ends: Any
    offset: int  # where ``data`` starts in the file
    first: int  # rows of the file before this block

    def __len__(self) -> int:
        return int(self.starts.shape[0])

    def matrix(self, column: int, rows: Any, width: int | None = None) -> tuple[Any, Any]:
        """The field ``column`` of ``rows`` as a zero-padded byte matrix, and each field's length.

        ``width`` defaults to the longest field; :class:`NotPlain` beyond :data:`MAX_FIELD_BYTES`.
        """
        starts, ends = self.starts[rows, column], self.ends[rows, column]
        lengths = ends - starts
        longest = int(lengths.max()) if len(lengths) else 0
        size = width if width is not None else longest
        if size > MAX_FIELD_BYTES:
            raise NotPlain("a long id or where value")
        if not size:
            return np.zeros((len(starts), 0), np.uint8), lengths
        places = starts[:, None] + np.arange(size)
        inside = np.arange(size) < lengths[:, None]
        last = len(self.array) - 1
        return np.where(inside, self.array[np.minimum(places, last)], 0).astype(np.uint8), lengths.astype(np.uint8)


def read_blocks(path: str, delimiter: str, width: int) -> Iterator[Block]:
    """The rows after the header, a block of whole lines at a time, split into fields.

    Raises :class:`NotPlain` when the file is not one ``csv.reader`` would split the same way.
    """
    separator = delimiter.encode("utf-8")
    if len(separator) != 1 or separator in b'"\r\n':
        raise NotPlain("a delimiter of more than one byte")
    limit = csv.field_size_limit()
    with open(path, "rb") as handle:
        handle.readline()  # the header, read and checked by the Python reader
        offset = handle.tell()
        carry = b""
        rows = 0
        while True:
            chunk = handle.read(BLOCK_BYTES)
            data = carry + chunk if carry else chunk
            if not data:
                return
            cut = data.rfind(b"\n") + 1 if chunk else len(data)
            if not cut:
                if len(data) > limit:
                    raise NotPlain("a line longer than the csv field limit")
                carry = data
                continue
            data, carry = data[:cut], data[cut:]
            block = _split(data, separator[0], width, limit, offset, rows)
            offset += len(data)
            rows += len(block)
            yield block


def _split(data: bytes, separator: int, width: int, limit: int, offset: int, first: int) -> Block:
    _check(data)
    array = np.frombuffer(data, np.uint8)
    ends = np.flatnonzero(array == 10)
    if not len(ends) or ends[-1] != len(array) - 1:
        ends = np.append(ends, len(array))  # the last line of the file, without its newline
    starts = np.empty(len(ends), np.int64)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    crlf = (ends > starts) & (array[np.maximum(ends - 1, 0)] == 13)
    if b"\r" in data and int(np.count_nonzero(array == 13)) != int(np.count_nonzero(crlf)):
        raise NotPlain("a CR outside a CRLF line end")
    stops = ends - crlf
    if not len(starts) or bool(np.any(stops == starts)):
        raise NotPlain("a blank line")
    if int((stops - starts).max()) >= limit:
        raise NotPlain("a line as long as the csv field limit")
    cuts = np.flatnonzero(array == separator)
    if len(cuts) != len(starts) * (width - 1):
        raise NotPlain("a row of another width than the header")
    inner = cuts.reshape(len(starts), width - 1)
    # As many delimiters as rows times the header's, in order: each row has its share if each share is inside it.
    if bool(np.any(inner[:, 0] < starts)) or bool(np.any(inner[:, -1] >= stops)):
        raise NotPlain("a row of another width than the header")
    field_starts = np.concatenate([starts[:, None], inner + 1], axis=1)
    field_ends = np.concatenate([inner, stops[:, None]], axis=1)
    return Block(data, array, field_starts, field_ends, offset, first)


def _check(data: bytes) -> None:
    if b'"' in data:
        raise NotPlain("a quote character")
    if b"\x00" in data:
        raise NotPlain("a NUL byte")
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise NotPlain("bytes that are not UTF-8") from None


class Lines:
    """Rows read back by their byte offset, as ``csv.reader`` gives them (for the Python taker's rows)."""

    def __init__(self, path: str, delimiter: str) -> None:
        self.handle = open(path, "rb")  # noqa: SIM115  # closed by close()
        self.delimiter = delimiter

    def row(self, offset: int) -> list[str]:
        self.handle.seek(offset)
        text = self.handle.readline().decode("utf-8")
        return next(csv.reader([text], delimiter=self.delimiter, strict=True))

    def close(self) -> None:
        self.handle.close()
