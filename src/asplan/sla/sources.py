"""A plan's ``events`` entries, resolved into what the reader needs (spec §7.2).

An entry is a path (the plain format: ISO timestamps, headers named as the SLAs name
their fields) or a mapping that says how a helpdesk wrote its export. Here a preset
is applied under the plan's own settings, the path is resolved against the plan
file, the time zone is looked up, and a loaded :class:`~asplan.sla.events.EventTable`
is bound to its source: the *fields* the SLAs name (``created``, ``priority``)
become column positions through ``columns``, and unmapped headers keep their names.

Everything that reads event data (``sla``, ``check``'s event rules, ``render``)
goes through :func:`plan_sources` and :func:`bind`, so a mapping means the same
thing to all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from types import MappingProxyType
from typing import TYPE_CHECKING

from asplan.findings import value_in_message
from asplan.loading import DataPath
from asplan.model.events import EventSource, Preset
from asplan.printable import one_line
from asplan.sla.events import (
    DELIMITER_NAMES,
    EventFileError,
    EventTable,
    header_name,
    header_names,
    load_event_file,
    sniff_delimiter,
)
from asplan.sla.presets import PRESETS
from asplan.sla.statuslog import StatusLog, normalise, read_status_log

if TYPE_CHECKING:
    from asplan.model.plan import Plan

_TAB_NAMES = {"tab": "\t"}


@dataclass(frozen=True)
class FormatTarget:
    """What ASP409 says about one file's timestamps: the file, the format read, and where to point."""

    entry: str
    time_format: str | None
    format_written: bool
    place: DataPath
    format_place: DataPath
    rows: str = "event row"  # what one line of the file is, for the message


@dataclass(frozen=True, eq=False)
class StatusLogSpec:
    """A source's status log as the reader uses it (plan settings over the preset's)."""

    entry: str  # the file as the plan writes it
    path: str
    columns: Mapping[str, str]  # id / at / status -> header
    time_format: str | None  # None: ISO 8601
    format_written: bool
    pause_on: frozenset[str]  # normalised
    pause_on_written: tuple[str, ...]  # as the plan (or preset) spells them, for messages


@dataclass(frozen=True, eq=False)
class SourceSpec:
    """One event source as the reader uses it (plan settings over the preset's).

    Compared and hashed by identity: each is made once per plan and run.
    """

    index: int | None  # position in the plan's ``events``; None for ``--events FILE``
    entry: str  # the file as the plan (or the command line) writes it
    path: str  # the file to open
    preset: Preset | None = None
    columns: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # field -> header
    explicit: frozenset[str] = frozenset()  # fields the plan maps itself
    time_format: str | None = None
    format_written: bool = False  # the plan (not a preset) wrote ``time_format``
    tz: tzinfo | None = None  # for naive timestamps; None: the account's zone
    delimiter: str | None = None  # None: sniffed
    repeats: bool = False  # a header may name a column twice
    status_log: StatusLogSpec | None = None

    @property
    def place(self) -> DataPath:
        """Where in the plan a finding about this source goes."""
        return ("events", self.index) if self.index is not None else ("events",)

    def field_place(self, key: str) -> DataPath:
        """A key of a mapping entry (``events[1].time_format``), or the entry itself for a path."""
        return (*self.place, key) if self.index is not None and self.is_mapping else self.place

    @property
    def format_target(self) -> FormatTarget:
        return FormatTarget(
            self.entry, self.time_format, self.format_written, self.place, self.field_place("time_format")
        )

    @property
    def log_target(self) -> FormatTarget | None:
        log = self.status_log
        if log is None:
            return None
        place = (*self.place, "status_log")
        return FormatTarget(
            log.entry, log.time_format, log.format_written, place, (*place, "time_format"), "status change"
        )

    @property
    def is_mapping(self) -> bool:
        return bool(
            self.preset or self.columns or self.time_format or self.tz or self.delimiter or self.status_log
        )


def entry_file(entry: str | EventSource) -> str:
    return entry if isinstance(entry, str) else entry.file


class OutsideFile(Exception):
    """A file an ``events`` entry names lies outside the plans repository: it is never opened.

    ``what`` is ``event file`` or ``status log``; ``key`` is where in the plan it is written.
    """

    def __init__(self, entry: str, what: str, key: DataPath, reason: str) -> None:
        super().__init__(reason)
        self.entry = entry
        self.what = what
        self.key = key


def resolve_path(plan_file: str, entry: str) -> str:
    """A file named in a plan, relative to the plan file, as a user would type it.

    Raises :class:`~asplan.confinement.OutsideRepository` for one outside the plans
    repository, by its spelling or through a symbolic link, before anything is opened.
    """
    from asplan.confinement import confined_path

    return confined_path(plan_file, entry)


def source_spec(index: int | None, entry: str | EventSource, plan_file: str) -> SourceSpec:
    """The spec of one entry of a plan (raises :class:`OutsideFile` for a file outside the repository)."""
    from asplan.confinement import OutsideRepository

    place: DataPath = ("events", index) if index is not None else ("events",)
    try:
        path = resolve_path(plan_file, entry_file(entry))
    except OutsideRepository as exc:
        key = place if isinstance(entry, str) else (*place, "file")
        raise OutsideFile(entry_file(entry), "event file", key, str(exc)) from None
    if isinstance(entry, str):
        return SourceSpec(index, entry, path)
    from asplan.timecalc.calendars import resolve_zone

    preset = PRESETS[entry.preset] if entry.preset is not None else None
    columns = dict(preset.columns) if preset is not None else {}
    columns.update(entry.columns)
    tz = resolve_zone(entry.timezone)[0] if entry.timezone is not None else None
    delimiter = _TAB_NAMES.get(entry.delimiter, entry.delimiter) if entry.delimiter is not None else None
    time_format = entry.time_format or (preset.time_format if preset is not None else None)
    log = None
    if entry.status_log is not None:
        written = entry.status_log
        log_columns = dict(preset.status_log_columns) if preset is not None else {}
        log_columns.update(written.columns)
        pause_on = tuple(written.pause_on) or (preset.pause_on if preset is not None else ())
        log_format = written.time_format or (preset.status_log_time_format if preset is not None else None)
        try:
            log_path = resolve_path(plan_file, written.file)
        except OutsideRepository as exc:
            raise OutsideFile(written.file, "status log", (*place, "status_log", "file"), str(exc)) from None
        log = StatusLogSpec(
            entry=written.file,
            path=log_path,
            columns=MappingProxyType(log_columns),
            time_format=log_format or time_format,
            format_written=written.time_format is not None,
            pause_on=frozenset(normalise(s) for s in pause_on),
            pause_on_written=pause_on,
        )
    return SourceSpec(
        index=index,
        entry=entry.file,
        path=path,
        preset=entry.preset,
        columns=MappingProxyType(columns),
        explicit=frozenset(entry.columns),
        time_format=time_format,
        format_written=entry.time_format is not None,
        tz=tz,
        delimiter=delimiter,
        repeats=preset.repeats_headers if preset is not None else bool(entry.columns),
        status_log=log,
    )


def plan_sources(plan_file: str, plan: Plan) -> list[SourceSpec]:
    """The plan's event sources, in the order of ``events``.

    Raises :class:`EventFileError` for a file outside the plans repository
    (:mod:`asplan.confinement`): it is never opened.
    """
    try:
        return [source_spec(i, entry, plan_file) for i, entry in enumerate(plan.events)]
    except OutsideFile as exc:
        raise EventFileError(one_line(exc.entry), str(exc)) from None


def plain_source(path: str) -> SourceSpec:
    """A file given on the command line (``--events FILE``): the plain format."""
    return SourceSpec(None, path, path)


@dataclass
class SourceTable:
    """A loaded event file read through its source: field name -> column position; its status log, read."""

    source: SourceSpec
    table: EventTable
    index: dict[str, int]
    log: StatusLog | None = None

    @property
    def file(self) -> str:
        return self.table.file

    def header_of(self, name: str) -> str:
        """The export's header a field is read from (the field's own name when unmapped)."""
        return self.source.columns.get(name, name)

    def missing(self, needed: Mapping[str, Iterable[str]]) -> list[tuple[str, str]]:
        """``(field, what is wrong)`` for each field some SLA needs, or the plan maps, that the header lacks."""
        out: list[tuple[str, str]] = []
        hint = self._delimiter_hint()
        wanted = dict.fromkeys(needed)
        wanted.update(dict.fromkeys(sorted(self.source.explicit)))
        for name in wanted:
            header = self.header_of(name)
            users = sorted(set(needed.get(name, ())))
            if name in needed:
                why = f"needed by {', '.join(users)}" if users else "every event needs an id"
            else:
                why = "mapped in columns"
            field_note = f"field '{value_in_message(name)}', " if header != name else ""
            if header in self.table.repeated and name in needed:
                out.append((name, f"column '{header_name(header)}' more than once ({field_note}{why})"))
            elif name not in self.index:
                out.append((name, f"no column '{header_name(header)}' ({field_note}{why})"))
        if hint and out:  # one mistake (the separator), one finding, not one per column
            names = ", ".join(f"'{header_name(self.header_of(name))}'" for name, _ in out)
            return [(out[0][0], f"none of the columns {names}{hint}")]
        return out

    def _delimiter_hint(self) -> str:
        """A header split by the wrong separator (``delimiter: ","`` on a Spanish Excel export) says so.

        When the delimiter is written in the plan it wins over sniffing; if the header
        then reads as another separator's, that is the likely mistake, not the columns.
        """
        used = self.table.delimiter
        seen = sniff_delimiter(used.join(self.table.header))
        if seen == used:
            return ""
        shown = "tab" if seen == "\t" else f"'{seen}'"
        return (
            f"; its header is separated by {DELIMITER_NAMES[seen]}s, not {DELIMITER_NAMES[used]}s:"
            f" write delimiter: {shown}, or leave delimiter out to have it detected"
        )

    def require(self, needed: Mapping[str, Iterable[str]]) -> None:
        """Stop on the first field some SLA needs (or the plan maps) that cannot be read."""
        problems = self.missing(needed)
        if problems:
            raise EventFileError(self.file, f"{problems[0][1]}; the header has: {header_names(self.table.header)}")


def _bind_columns(table: EventTable, columns: Mapping[str, str]) -> dict[str, int]:
    index = dict(table.index)
    for name, header in columns.items():
        if header in table.index:
            index[name] = table.index[header]
        elif name in index and name != header:
            del index[name]  # the field is mapped to a header the export lacks: not its namesake
    return index


def bind(source: SourceSpec, table: EventTable) -> SourceTable:
    """Field positions of ``table`` as ``source`` names them."""
    return SourceTable(source, table, _bind_columns(table, source.columns))


LOG_FIELDS = ("id", "at", "status")


def load_log_table(log: StatusLogSpec) -> tuple[EventTable, dict[str, int]]:
    """The status log's file, and the positions of ``id``, ``at`` and ``status`` (missing ones absent)."""
    table = load_event_file(log.path, None, None, True)
    return table, _bind_columns(table, log.columns)


def missing_log_fields(log: StatusLogSpec, table: EventTable, index: Mapping[str, int]) -> list[tuple[str, str]]:
    """``(field, what is wrong)`` for id, at or status the log cannot give."""
    out = []
    for name in LOG_FIELDS:
        header = log.columns.get(name, name)
        field_note = f"field '{name}', " if header != name else ""
        if header in table.repeated:
            out.append((name, f"column '{header_name(header)}' more than once ({field_note}read for each change)"))
        elif name not in index:
            out.append((name, f"no column '{header_name(header)}' ({field_note}every status change needs it)"))
    return out


@dataclass
class ReadCache:
    """Event files and status logs read once per run however many SLAs (or rules) use them."""

    tables: dict[tuple[str, str | None, bool], EventTable] = field(default_factory=dict)
    logs: dict[tuple[str, str, str | None], StatusLog] = field(default_factory=dict)


def load_status_log(log: StatusLogSpec, tz: tzinfo, cache: ReadCache | None = None) -> StatusLog:
    """Read a status log (raises :class:`EventFileError` when it cannot be used at all)."""
    key = (log.path, str(tz), log.time_format)
    found = cache.logs.get(key) if cache is not None else None
    if found is not None:
        return found
    table, index = load_log_table(log)
    problems = missing_log_fields(log, table, index)
    if problems:
        raise EventFileError(table.file, f"{problems[0][1]}; the header has: {header_names(table.header)}")
    headers = (log.columns.get("id", "id"), log.columns.get("at", "at"), log.columns.get("status", "status"))
    read = read_status_log(
        table.file, table.records(), (index["id"], index["at"], index["status"]), headers, tz, log.time_format
    )
    read.problems[:0] = table.problems
    if cache is not None:
        cache.logs[key] = read
    return read


def load_source(source: SourceSpec, display: str | None = None) -> SourceTable:
    """Load (or reuse) the file of ``source`` and bind it (its status log is not read)."""
    table = load_event_file(source.path, display, source.delimiter, source.repeats)
    return bind(source, table)


def load_sources(
    sources: Sequence[SourceSpec],
    needed: Mapping[str, Iterable[str]],
    account_tz: tzinfo,
    cache: ReadCache | None = None,
) -> list[SourceTable]:
    """Every source's table, each checked for the fields the timed SLAs need, with its status log read."""
    out = []
    for source in sources:
        key = (source.path, source.delimiter, source.repeats)
        table = cache.tables.get(key) if cache is not None else None
        if table is None:
            # Header only: the engine's pass over the rows checks them as it times them.
            table = load_event_file(source.path, None, source.delimiter, source.repeats, scan=False)
            if cache is not None:
                cache.tables[key] = table
        bound = bind(source, table)
        bound.require(needed)
        if source.status_log is not None:
            bound.log = load_status_log(source.status_log, source.tz or account_tz, cache)
        out.append(bound)
    return out
