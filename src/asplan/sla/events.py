"""Event (ticket) files: CSV exports read as they stream, with problems named by line.

Ticket exports come from service desks that each have their quirks (a BOM from
Excel, a semicolon where the locale uses a decimal comma, a hand-edited row, a
timestamp with ``Z`` or without an offset, a tool's own time format). A whole-file
problem (missing, not UTF-8, no header, a column an SLA needs) is an
:class:`EventFileError`: the figures cannot be trusted, so the command stops with one
line naming the file. A broken *row* is a :class:`RowProblem`: it is reported with
its file and line and left out, and the other rows still count.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import stat
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import BinaryIO, Final

from asplan.printable import one_line
from asplan.timecalc.worktime import Interval

OPEN_END: Final = datetime(9999, 12, 31, tzinfo=UTC)
"""End of a pause written ``START/`` (still waiting): clipped to the event's stop or now."""

_TIMESTAMP_HINT: Final = "like 2026-06-01T09:30, 2026-06-01T09:30:00+02:00 or 2026-06-01T07:30Z"


class EventFileError(Exception):
    """The file cannot be used at all; ``str()`` is the one-line message."""

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        super().__init__(f"{file}:{line}: {message}" if line else f"{file}: {message}")
        self.file = file
        self.line = line
        self.message = message


@dataclass(frozen=True)
class RowProblem:
    """One row left out, and why."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class EventTable:
    """One event file, checked once and streamed again by every SLA that times its rows.

    Rows are never held in memory: a million-row export is a 50 MB file but half a
    gigabyte as Python lists, and an SLA only needs one row at a time. Loading reads
    the file once to find the header, the whole-file problems and the broken rows;
    :meth:`records` reads it again and yields the good rows.
    """

    file: str
    header: list[str]
    path: str = ""
    count: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    delimiter: str = ","
    repeated: frozenset[str] = frozenset()  # headers that appear more than once (allowed for some exports)
    scanned: bool = True  # count and problems are known (a pass has read every row)

    def __post_init__(self) -> None:
        self.index: dict[str, int] = {}
        for i, name in enumerate(self.header):
            self.index.setdefault(name, i)  # a repeated header is its first column

    def require(self, needed: Mapping[str, Iterable[str]]) -> None:
        """Stop on the first column some SLA needs (``needed``: column -> SLA ids) that is absent."""
        for column, users in needed.items():
            if column not in self.index:
                who = ", ".join(sorted(set(users))) or "every event"
                raise EventFileError(
                    self.file, f"no column '{column}' (needed by {who}); the header has: {header_names(self.header)}"
                )

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """``(line, row)`` for every good row, read from the file as it streams.

        A table loaded without its scan (``load_event_file(..., scan=False)``) is
        completed by the first pass that reaches the end: its row count and broken
        rows are known from then on, so one pass both checks and times a million-row
        export.
        """
        found: list[RowProblem] = []
        count = 0
        with _open(self.path, self.file, self.delimiter, True) as opened:
            for item in _rows(opened, found):
                count += 1
                yield item
        if not self.scanned:
            self.count, self.problems, self.scanned = count, found, True


MAX_HEADER_NAME: Final = 40
MAX_HEADER_NAMES: Final = 12


def header_name(name: str) -> str:
    """A column name as a message may quote it: one line, controls spelled out, at most 40 characters.

    Messages quote nothing of an event file but its header names (spec §7.2): a file
    that is not an export at all (credentials, say) must not be echoed into a CI log.
    """
    shown = one_line(name)
    return shown if len(shown) <= MAX_HEADER_NAME else shown[: MAX_HEADER_NAME - 1] + "…"


def header_names(header: Sequence[str]) -> str:
    """The first 12 column names of a header, each as :func:`header_name` shows it."""
    names = ", ".join(header_name(n) for n in header[:MAX_HEADER_NAMES])
    more = len(header) - MAX_HEADER_NAMES
    return f"{names} (and {more} more)" if more > 0 else names


MAX_EVENT_FILE_BYTES: Final = 256 * 1024 * 1024
"""About five million tickets: each SLA reads the file once more, ~1.5 s a million rows."""

MAX_LINE_BYTES: Final = 1024 * 1024
"""A physical line longer than this is not a ticket export: the file is refused, naming the line."""

DELIMITER_NAMES: Final = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
SNIFFED: Final = (",", ";", "\t")
"""What a header is sniffed for: the separators spreadsheets and helpdesks write."""

_CACHE_SIZE: Final = 8
_cache: OrderedDict[tuple[str, str, int, int, int, str | None, bool], EventTable] = OrderedDict()


def sniff_delimiter(header_line: str) -> str:
    """The separator a header line uses: the most frequent of comma, semicolon and tab outside quotes.

    Only the header is looked at: data rows hold decimal commas (``1,5``) and free
    text, a header holds names. A tie (a one-column header) is a comma.
    """
    counts = dict.fromkeys(SNIFFED, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(SNIFFED, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def load_event_file(
    path: str, display: str | None = None, delimiter: str | None = None, repeats: bool = False, scan: bool = True
) -> EventTable:
    """Check a CSV event file (UTF-8, optional BOM, header row) in one streaming pass.

    ``delimiter`` is the field separator, sniffed from the header when ``None``.
    ``repeats`` accepts a header that names a column twice (Jira writes one ``Labels``
    column per label); the repeated name then cannot be read (see :meth:`EventTable.require`).
    With ``scan=False`` only the header is read: the rows are checked by the first
    :meth:`EventTable.records` pass (the ``sla`` engine's, which reads each file once).
    Raises :class:`EventFileError` for a whole-file problem. The result is remembered
    while the file is unchanged, so ``check`` (ASP206 and ASP401) reads it once.
    """
    name = display or path
    try:
        info = os.stat(path)
    except OSError:
        raise EventFileError(name, "event file not found") from None
    if not stat.S_ISREG(info.st_mode):
        raise EventFileError(name, "is not a regular file")
    if info.st_size > MAX_EVENT_FILE_BYTES:
        raise EventFileError(
            name,
            f"is {info.st_size:,} bytes, over the limit of {MAX_EVENT_FILE_BYTES:,} for an event file"
            " (split the export, e.g. by year)",
        )
    key = (os.path.abspath(path), name, info.st_ino, info.st_size, info.st_mtime_ns, delimiter, repeats)
    table = _cache.get(key)
    if table is None:
        with _open(path, name, delimiter, repeats) as opened:
            header = opened.header
            repeated = frozenset(c for c in header if header.count(c) > 1 and c)
            table = EventTable(name, header, path, delimiter=opened.delimiter, repeated=repeated, scanned=False)
        _cache[key] = table
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    if scan and not table.scanned:
        for _ in table.records():
            pass
    return table


class _Opened:
    """An event file open for reading: its header, separator, and a csv reader on the rows after it."""

    def __init__(self, path: str, name: str, delimiter: str | None, repeats: bool) -> None:
        try:
            self.handle: BinaryIO = open(path, "rb")  # noqa: SIM115  # closed by __exit__
        except OSError as exc:
            raise EventFileError(name, f"cannot be read ({exc.strerror or exc})") from None
        self.name = name
        try:
            self._start(delimiter, repeats)
        except BaseException:
            self.handle.close()
            raise

    def _start(self, delimiter: str | None, repeats: bool) -> None:
        name = self.name
        blocks = _blocks(self.handle, name)
        first_block = next(blocks, None)
        first = first_block.readline() if first_block is not None else ""
        self.delimiter = used = delimiter if delimiter is not None else sniff_delimiter(first)
        rest: Iterable[Iterable[str]] = (
            itertools.chain((first_block,), blocks) if first_block is not None else blocks
        )
        self.reader = reader = csv.reader(
            itertools.chain((first,), itertools.chain.from_iterable(rest)), delimiter=used, strict=True
        )
        try:
            header = [c.strip() for c in next(reader, [])]
        except csv.Error as exc:
            if "new-line character" in str(exc):
                raise EventFileError(
                    name, "ends its lines with a bare CR (old Mac format): export with LF or CRLF", 1
                ) from None
            raise EventFileError(name, f"has a broken header ({exc})", 1) from None
        if not any(header):
            raise EventFileError(name, "is empty: a header row is needed", 1)
        duplicates = sorted({c for c in header if header.count(c) > 1 and c})
        if duplicates and not repeats:
            raise EventFileError(name, f"has column '{header_name(duplicates[0])}' twice in its header", 1)
        self.header = header

    def __enter__(self) -> _Opened:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def _open(path: str, name: str, delimiter: str | None, repeats: bool) -> _Opened:
    return _Opened(path, name, delimiter, repeats)


def _rows(opened: _Opened, problems: list[RowProblem]) -> Iterator[tuple[int, list[str]]]:
    """``(line, row)`` for each good row after the header; a :class:`RowProblem` for each bad one."""
    name, reader = opened.name, opened.reader
    width = len(opened.header)
    first_line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            last = max(reader.line_num, first_line)
            where = f"lines {first_line}-{last} left out" if last > first_line else "row left out"
            hint = "; a quote that is never closed?" if "field limit" in str(exc) or "end of data" in str(exc) else ""
            problems.append(RowProblem(name, first_line, f"broken CSV row ({exc}{hint}); {where}"))
            first_line = reader.line_num + 1
            continue
        line, first_line = first_line, reader.line_num + 1
        if len(row) != width:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            problems.append(RowProblem(name, line, f"{len(row)} fields where the header has {width}; row left out"))
            continue
        if width == 1 and not row[0].strip():
            continue
        yield line, row


def _blocks(handle: BinaryIO, name: str) -> Iterator[io.StringIO]:
    """The file's text a megabyte at a time, each block whole lines, so a bad byte or a NUL is named by its line.

    A UTF-8 BOM is dropped. A line still unfinished after :data:`MAX_LINE_BYTES` is
    refused, so a binary file with no line ends cannot fill memory. Lines end at
    ``\\n`` only (each block is read with ``newline="\\n"``, so ``\\r\\n`` keeps its
    ``\\r`` for the csv reader), so the csv reader's line count is the file's. Lines
    are split by the ``io`` module, not one by one in Python.
    """
    done = 0  # lines before this block
    carry = b""
    first = True
    while True:
        block = handle.read(MAX_LINE_BYTES)
        data = carry + block if carry else block
        if first:
            first = False
            if data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise EventFileError(name, "is UTF-16, not UTF-8: export it as UTF-8 CSV", 1)
        if not data:
            return
        cut = data.rfind(b"\n") + 1 if block else len(data)
        chunk, carry = data[:cut], data[cut:]
        if len(carry) > MAX_LINE_BYTES:
            line = done + chunk.count(b"\n") + 1
            raise EventFileError(
                name, f"has a line over {MAX_LINE_BYTES // 1024 // 1024} MB: not a CSV event export", line
            )
        if not chunk:
            continue
        nul = chunk.find(b"\x00")
        if nul >= 0:
            raise EventFileError(
                name, "contains NUL bytes: it is binary, not CSV", done + chunk.count(b"\n", 0, nul) + 1
            )
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EventFileError(name, "is not UTF-8", done + chunk.count(b"\n", 0, exc.start) + 1) from None
        done += chunk.count(b"\n")
        yield io.StringIO(text, newline="\n")


def parse_timestamp(text: str, tz: tzinfo) -> datetime:
    """An ISO 8601 timestamp as a UTC instant; without an offset it is local time in ``tz``.

    A local time repeated when clocks go back is read as its first occurrence, and one
    skipped when they go forward as if the change had not happened yet (``fold=0``).
    """
    return parse_instant(text, tz)[0]


class TimestampMismatch(ValueError):
    """A timestamp that is not written in the expected format (ISO 8601, or the source's ``time_format``).

    Distinct from other unreadable values because a whole export in the wrong format
    is one mistake (the plan's ``time_format``), reported once (ASP409), not a
    thousand broken rows.
    """


def parse_instant(text: str, tz: tzinfo, time_format: str | None = None) -> tuple[datetime, bool]:
    """:func:`parse_timestamp`, and whether the text had no offset (so ``tz`` decided the instant).

    With ``time_format`` the text is read with ``strptime`` (a ``%z`` in the format
    gives the offset); without, as ISO 8601. A time that exists in no time zone's
    calendar (``0001-01-01T00:30+01:00`` is in year 0 in UTC) is a ``ValueError`` like
    any unreadable one: its row is left out.
    """
    value = text.strip()
    if time_format is not None:
        try:
            parsed = datetime.strptime(value, time_format)
        except ValueError:
            raise TimestampMismatch(f"{value!r} does not match time_format {time_format!r}") from None
    else:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise TimestampMismatch(f"{value!r} is not an ISO 8601 timestamp ({_TIMESTAMP_HINT})") from None
    naive = parsed.tzinfo is None
    if naive:
        parsed = parsed.replace(tzinfo=tz)
    try:
        return parsed.astimezone(UTC), naive
    except (OverflowError, ValueError):
        raise ValueError(f"{value!r} is outside the supported dates (years 0001 to 9999)") from None


def parse_pauses(text: str, tz: tzinfo) -> list[Interval]:
    """``START/END;START/END`` -> UTC intervals; ``START/`` is a pause still running."""
    pauses: list[Interval] = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        if part.count("/") != 1:
            raise ValueError(f"pause {part!r} is not an interval START/END ({_TIMESTAMP_HINT})")
        start_text, end_text = part.split("/")
        start = parse_timestamp(start_text, tz)
        end = parse_timestamp(end_text, tz) if end_text.strip() else OPEN_END
        if end < start:
            raise ValueError(f"pause {part!r} ends before it starts")
        pauses.append((start, end))
    return pauses
