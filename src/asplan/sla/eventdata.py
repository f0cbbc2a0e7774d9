"""What event data says about the plan that reads it: findings on the rows, not on the YAML.

A timed SLA can be written correctly and still compute nonsense from its export:
the same ticket twice, a ``where`` value the export never uses (``p1`` against
``P1``), a pause column the engine does not read (``paused``), naive timestamps in
an account that never said its time zone. None of these stops the computation, so
none of them would ever be noticed; each is a warning, reported by ``asplan check``
(ASP405-ASP408) and printed by ``asplan sla`` as one line on stderr, from the same
code.

The watchers here see event *fields* (the names ``where``, ``start`` and ``stop``
use), one row at a time, so any reader that turns a file into such rows (column
maps, presets, status logs) can feed them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from asplan.findings import value_in_message
from asplan.loading import DataPath

if TYPE_CHECKING:
    from asplan.sla.sources import FormatTarget

__all__ = [
    "DataFinding",
    "DuplicateIds",
    "FormatMisses",
    "NaiveTimes",
    "WhereValues",
    "pause_lookalikes",
]

PAUSES_COLUMN: Final = "pauses"
_MAX_VALUES_KEPT: Final = 200  # distinct values remembered per where-column, for the message
_MAX_VALUES_SHOWN: Final = 12
_MAX_VALUE_CHARS: Final = 40


@dataclass(frozen=True)
class DataFinding:
    """A finding on event data, placed on the part of the plan that reads it.

    ``code`` is the rule that reports it in ``check``; ``path`` is a data path of
    the plan (its line and column come from wherever the plan was read).
    """

    code: str
    path: DataPath
    message: str
    at_key: bool = False


class DuplicateIds:
    """Event ids seen across an SLA's files: the first row of an id is the event, later ones are left out.

    Keeps one entry per distinct id (a million-row export is a few tens of megabytes
    of ids, for as long as one SLA is being computed).
    """

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self.count = 0
        self.first: tuple[str, int] | None = None  # (file, line) of the first repeat

    def repeated(self, event_id: str, file: str, line: int) -> bool:
        if event_id not in self._seen:
            self._seen.add(event_id)
            return False
        self.count += 1
        if self.first is None:
            self.first = (file, line)
        return True

    def note(self, file: str, line: int) -> None:
        """A repeat found by a reader that keeps the ids itself (the ``sla`` pass, for every SLA at once)."""
        self.count += 1
        if self.first is None:
            self.first = (file, line)

    def finding(self, path: DataPath, name: str) -> DataFinding | None:
        """The warning, on ``path`` of the plan; ``name`` is the first repeat's file as the plan lists it."""
        if not self.count or self.first is None:
            return None
        file, line = value_in_message(name), self.first[1]
        rows = "row repeats" if self.count == 1 else "rows repeat"
        return DataFinding(
            "ASP405",
            path,
            f"{self.count} event {rows} an id already seen (first at {file}:{line}): only the first row of an id"
            " is counted; remove the repeats, or list each export once in events",
        )


@dataclass
class WhereValues:
    """The values each ``where`` column had, to tell a filter that matches no event."""

    where: Mapping[str, Sequence[str]]
    seen: dict[str, set[str]] = field(default_factory=dict)
    found: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for column in self.where:
            self.seen[column] = set()
            self.found[column] = set()

    def add(self, column: str, value: str) -> None:
        if value in self.where[column]:
            self.found[column].add(value)
        seen = self.seen[column]
        if len(seen) < _MAX_VALUES_KEPT and value:
            seen.add(value)

    def findings(self, sla_id: str, sla_path: DataPath) -> list[DataFinding]:
        out: list[DataFinding] = []
        for column, wanted in self.where.items():
            seen = self.seen[column]
            if not seen:
                continue  # an empty column says nothing about what the filter should be
            several = not isinstance(wanted, str) and len(wanted) > 1
            nothing = not self.found[column]
            for i, value in enumerate(wanted):
                if value in self.found[column]:
                    continue
                path = (*sla_path, "where", column, i) if several else (*sla_path, "where", column)
                out.append(DataFinding("ASP406", path, _where_message(sla_id, column, value, seen, nothing)))
        return out


def _where_message(sla_id: str, column: str, value: str, seen: set[str], nothing: bool) -> str:
    by_case = {v.casefold(): v for v in sorted(seen)}
    close = by_case.get(value.casefold()) or next(iter(difflib.get_close_matches(value, sorted(seen), 1, 0.8)), None)
    hint = f": did you mean {_show(close)}?" if close else ""
    shown = ", ".join(_show(v) for v in sorted(seen)[:_MAX_VALUES_SHOWN])
    more = f" and {len(seen) - _MAX_VALUES_SHOWN} more" if len(seen) > _MAX_VALUES_SHOWN else ""
    outcome = "the SLA applies to no event and is met every period" if nothing else "it selects nothing"
    return f"{sla_id}: where {column} = {_show(value)} matches no event{hint} (the column has {shown}{more}); {outcome}"


def _show(value: str) -> str:
    text = value if len(value) <= _MAX_VALUE_CHARS else value[: _MAX_VALUE_CHARS - 3] + "..."
    return value_in_message(repr(text))


@dataclass
class NaiveTimes:
    """Whether any timestamp read had no offset (and was read in the account's zone)."""

    first: tuple[str, int] | None = None

    def saw(self, file: str, line: int) -> None:
        if self.first is None:
            self.first = (file, line)

    def finding(self, zone_written: bool, calendar_zones: Iterable[str], name: str) -> DataFinding | None:
        """The warning, unless the account says its zone; ``name`` is the first naive row's file as listed."""
        if self.first is None or zone_written:
            return None
        file, line = value_in_message(name), self.first[1]
        zones = sorted({z for z in calendar_zones if z != "UTC"})
        although = f", although calendars say {', '.join(zones)}" if zones else ""
        return DataFinding(
            "ASP408",
            ("account",),
            f"event times without an offset (first at {file}:{line}) are read as UTC because account.timezone"
            f" is not set{although}: set account.timezone to the zone the export is written in",
            at_key=True,
        )


@dataclass
class _Misses:
    count: int = 0
    line: int = 0
    columns: list[str] = field(default_factory=list)


class FormatMisses:
    """Rows whose timestamps are not in their source's format, per source: one finding each (ASP409).

    When an export's format is not the one the plan says (a Jira export read as ISO
    8601, ``%d/%m/%y`` against ``12/Mar/24``), every row is left out; a thousand row
    warnings would hide the one thing to fix.
    """

    def __init__(self) -> None:
        self._by_source: dict[FormatTarget, _Misses] = {}

    def saw(self, source: FormatTarget, line: int, column: str) -> None:
        misses = self._by_source.get(source)
        if misses is None:
            misses = self._by_source[source] = _Misses(line=line)
        misses.count += 1
        misses.line = min(misses.line, line)
        if column not in misses.columns and len(misses.columns) < 4:
            misses.columns.append(column)

    def findings(self, rows: Mapping[FormatTarget, int]) -> list[DataFinding]:
        """One warning per source; ``rows`` is how many rows each source has (to tell a format from a typo)."""
        out = []
        for source, misses in self._by_source.items():
            file = value_in_message(source.entry)
            names = ", ".join(f"'{value_in_message(c)}'" for c in misses.columns)
            one = misses.count == 1
            rows_word = f"{source.rows} has a timestamp" if one else f"{source.rows}s have timestamps"
            path = source.place
            if source.time_format is not None:
                expected = f"{'does' if one else 'do'} not match time_format '{value_in_message(source.time_format)}'"
                if source.format_written:
                    path = source.format_place
            else:
                expected = f"{'is' if one else 'are'} not ISO 8601"
            if misses.count * 2 >= rows.get(source, 0):  # most of the export: its format is not the one read
                if source.time_format is None:
                    fix = "set time_format to the export's format (e.g. '%d/%m/%Y %H:%M'), or its preset"
                else:
                    fix = "correct time_format (strptime codes) to the export's format"
            else:
                fix = "correct those rows in the export"
            out.append(
                DataFinding(
                    "ASP409",
                    path,
                    f"{misses.count} {rows_word} in {names} that {expected} (first at {file}:{misses.line});"
                    f" {'it is' if one else 'they are'} left out: {fix}",
                )
            )
        return out


# Names a pause column goes by in exports and hand-made sheets (spaces, _ and - ignored):
# pause, paused, pause_intervals, on hold, hold time, waiting, pausas, espera...
_PAUSE_LIKE: Final = re.compile(
    r"^(paus(e|es|ed|a|as)?|pause.+|paused.+|onhold.*|holds?|hold(time|intervals?)|waiting.*|espera.*)$"
)


def pause_lookalikes(header: Iterable[str]) -> list[str]:
    """Headers that look like a pause column but are not ``pauses`` (the only one read), if ``pauses`` is absent."""
    names = list(header)
    if PAUSES_COLUMN in names:
        return []
    return [name for name in names if _PAUSE_LIKE.match(re.sub(r"[\s_-]+", "", name.strip().casefold()))]


def pause_finding(path: DataPath, file: str, columns: Sequence[str]) -> DataFinding:
    names = ", ".join(_show(c) for c in columns)
    return DataFinding(
        "ASP407",
        path,
        f"event file '{value_in_message(file)}' has {names} but no 'pauses' column: pauses are read only from a"
        " column named 'pauses' (START/END intervals separated by ';'), so no ticket is paused; rename the column",
    )
