"""Event (ticket) files: CSV exports read as they stream, with problems named by line.

Ticket exports come from service desks that each have their quirks (a BOM from
Excel, a hand-edited row, a timestamp with ``Z`` or without an offset). A whole-file
problem (missing, not UTF-8, no header, a column an SLA needs) is an
:class:`EventFileError`: the figures cannot be trusted, so the command stops with one
line naming the file. A broken *row* is a :class:`RowProblem`: it is reported with
its file and line and left out, and the other rows still count.
"""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Final

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
    """The rows of one event file, as text; values are parsed by whoever needs them."""

    file: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.index = {name: i for i, name in enumerate(self.header)}

    def require(self, needed: Mapping[str, Iterable[str]]) -> None:
        """Stop on the first column some SLA needs (``needed``: column -> SLA ids) that is absent."""
        for column, users in needed.items():
            if column not in self.index:
                who = ", ".join(sorted(set(users))) or "every event"
                raise EventFileError(
                    self.file, f"no column '{column}' (needed by {who}); the header has: " + ", ".join(self.header)
                )


def load_event_file(path: str, display: str | None = None) -> EventTable:
    """Read a CSV event file (UTF-8, optional BOM, comma, header row) without loading it whole."""
    name = display or path
    try:
        info = os.stat(path)
    except OSError:
        raise EventFileError(name, "event file not found") from None
    if not stat.S_ISREG(info.st_mode):
        raise EventFileError(name, "not a regular file")
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115  # closed below
    except OSError as exc:
        raise EventFileError(name, f"cannot be read ({exc.strerror or exc})") from None
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = [c.strip() for c in next(reader, [])]
        except (UnicodeDecodeError, csv.Error) as exc:
            raise EventFileError(name, f"broken header ({_reason(exc)})", 1) from None
        if not any(header):
            raise EventFileError(name, "empty: a header row is needed", 1)
        duplicates = sorted({c for c in header if header.count(c) > 1 and c})
        if duplicates:
            raise EventFileError(name, f"column '{duplicates[0]}' appears twice in the header", 1)
        table = EventTable(name, header)
        width = len(header)
        first_line = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError:
                raise EventFileError(name, "is not UTF-8", first_line) from None
            except csv.Error as exc:
                table.problems.append(RowProblem(name, first_line, f"broken CSV row ({_reason(exc)}); row left out"))
                first_line = reader.line_num + 1
                continue
            line, first_line = first_line, reader.line_num + 1
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != width:
                table.problems.append(
                    RowProblem(name, line, f"{len(row)} fields where the header has {width}; row left out")
                )
                continue
            table.rows.append(row)
            table.lines.append(line)
    return table


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8"
    return str(exc)


def parse_timestamp(text: str, tz: tzinfo) -> datetime:
    """An ISO 8601 timestamp as a UTC instant; without an offset it is local time in ``tz``.

    A local time repeated when clocks go back is read as its first occurrence, and one
    skipped when they go forward as if the change had not happened yet (``fold=0``).
    """
    value = text.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 timestamp ({_TIMESTAMP_HINT})") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed.astimezone(UTC)


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
