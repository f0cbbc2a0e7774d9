"""Pauses from status changes (spec §7.2): helpdesks record waiting as statuses, not intervals.

A status log has one row per change: the event id, when, and the status it changed
*to*. For each event its changes are sorted by time; the clock pauses from a change
into a ``pause_on`` status until the next change into any other status (or, with no
such change, until the event's stop or ``--now``, where the engine clips every
pause). Changes from one waiting status to another (Pending -> On-hold) keep the
pause going. Statuses are compared without regard to case or surrounding spaces:
exports and APIs spell ``Pending`` and ``pending`` both.

The derived pauses join the event's ``pauses`` column, and the engine merges them
all before it subtracts anything, so a pause recorded both ways never counts twice.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from asplan.sla.events import OPEN_END, RowProblem, TimestampMismatch, parse_instant
from asplan.timecalc.worktime import Interval

Change = tuple[datetime, str]
"""When (a UTC instant) and the status changed to."""


def normalise(status: str) -> str:
    return " ".join(status.split()).casefold()


def pauses_from_changes(changes: Iterable[Change], pause_on: Collection[str]) -> list[Interval]:
    """The waiting intervals of one event, from its status changes in any order.

    ``pause_on`` holds normalised statuses (:func:`normalise`). An interval still
    open at the last change ends at :data:`~asplan.sla.events.OPEN_END`: the engine
    clips it at the event's stop or at ``--now``. Changes at the same instant keep
    their order (the later row wins).
    """
    ordered = sorted(changes, key=lambda change: change[0])
    pauses: list[Interval] = []
    since: datetime | None = None
    for at, status in ordered:
        waiting = normalise(status) in pause_on
        if waiting and since is None:
            since = at
        elif not waiting and since is not None:
            if at > since:
                pauses.append((since, at))
            since = None
    if since is not None:
        pauses.append((since, OPEN_END))
    return pauses


@dataclass
class StatusLog:
    """One status-log file, read: each event id's changes, and the rows that could not be read."""

    file: str
    changes: dict[str, list[Change]] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    bad_times: list[tuple[int, str]] = field(default_factory=list)  # (line, header) of timestamps not in format
    rows: int = 0
    statuses: set[str] = field(default_factory=set)  # normalised statuses seen (for the pause_on check)

    def add(self, event_id: str, at: datetime, status: str) -> None:
        self.changes.setdefault(event_id, []).append((at, status))
        if len(self.statuses) < 500:
            self.statuses.add(normalise(status))

    def pauses(self, event_id: str, pause_on: Collection[str]) -> list[Interval]:
        found = self.changes.get(event_id)
        return pauses_from_changes(found, pause_on) if found else []


def read_status_log(
    file: str,
    rows: Iterator[tuple[int, list[str]]],
    positions: tuple[int, int, int],
    headers: tuple[str, str, str],
    tz: tzinfo,
    time_format: str | None,
) -> StatusLog:
    """A status log from its good CSV rows; ``positions`` and ``headers`` are those of id, at and status."""
    i_id, i_at, i_status = positions
    _, at_header, _ = headers
    log = StatusLog(file)
    for line, row in rows:
        log.rows += 1
        event_id, at_text, status = row[i_id].strip(), row[i_at].strip(), row[i_status].strip()
        if not event_id or not at_text:
            continue  # a change with no event or no time says nothing
        try:
            at, _ = parse_instant(at_text, tz, time_format)
        except TimestampMismatch as exc:
            log.bad_times.append((line, at_header))
            log.problems.append(RowProblem(file, line, f"'{at_header}': {exc}; status change left out"))
            continue
        except ValueError as exc:
            log.problems.append(RowProblem(file, line, f"'{at_header}': {exc}; status change left out"))
            continue
        log.add(event_id, at, status)
    return log
