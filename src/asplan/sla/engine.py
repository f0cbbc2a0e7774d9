"""One plan's SLAs, every period: the entry point ``asplan sla`` and ASP401/ASP402 share.

Both must agree on what "breached in the latest closed period" means, so there is
one engine; the rules only ask it about fewer periods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from asplan.loading import DataPath
from asplan.model.plan import Plan
from asplan.model.scalars import PeriodLabel
from asplan.model.sla import Sla
from asplan.periods import KIND_OF, latest_closed, overlapping
from asplan.sla import fastgate
from asplan.sla.eventdata import (
    PAUSES_COLUMN,
    DataFinding,
    FormatMisses,
    NaiveTimes,
    WhereValues,
    pause_finding,
    pause_lookalikes,
)
from asplan.sla.events import EventFileError, RowProblem
from asplan.sla.measured import measured_periods
from asplan.sla.results import EventResult, PeriodResult
from asplan.sla.run import SlaRun, time_events
from asplan.sla.sources import ReadCache, SourceTable, load_sources, plain_source, plan_sources
from asplan.sla.timed import (
    DEFAULT_AT_RISK,
    SlaData,
    SlaDefinitionError,
    needed_columns,
    timed_periods,
)
from asplan.timecalc.calendars import build_calendars, resolve_zone
from asplan.timecalc.worktable import to_micros
from asplan.timecalc.worktime import WorkClock

Selection = PeriodLabel | Literal["last"] | None
"""Which periods: a label (every period of the SLA's kind overlapping it), the latest closed one, or all."""


@dataclass(frozen=True)
class SlaResult:
    sla: Sla
    periods: list[PeriodResult]

    @property
    def kind(self) -> Literal["measured", "timed"]:
        return "timed" if self.sla.timed else "measured"


@dataclass
class PlanSlas:
    """A plan's SLA verdicts, the event rows that had to be left out, and what the event data says.

    ``findings`` are the warnings on event data (:mod:`asplan.sla.eventdata`), one per
    thing to fix, placed on the plan: ``check`` reports them, ``sla`` prints them.
    """

    file: str
    account: str
    currency: str | None
    tz: tzinfo
    slas: list[SlaResult] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    findings: list[DataFinding] = field(default_factory=list)
    at_risk: list[tuple[Sla, EventResult]] = field(default_factory=list)  # every period, for ASP404

    def add_finding(self, finding: DataFinding | None) -> None:
        """Keep one finding per code and place (the first: SLAs sharing files see the same data)."""
        if finding is not None and not any((f.code, f.path) == (finding.code, finding.path) for f in self.findings):
            self.findings.append(finding)


def end_of_day(day: date, tz: tzinfo) -> datetime:
    """The instant local ``day`` ends (the next local midnight): the default ``--now``."""
    try:
        return datetime.combine(day + timedelta(days=1), time(), tzinfo=tz)
    except OverflowError:  # 9999-12-31 has no next day; its end is as late as an instant gets
        return datetime.max.replace(tzinfo=UTC)


def event_paths(plan_file: str, plan: Plan) -> list[str]:
    """The plan's event files, relative to the plan file, as a user would type them."""
    return [source.path for source in plan_sources(plan_file, plan)]


TableCache = ReadCache
"""Event files and status logs read once per run (kept for callers that name it)."""


def files_read(plan_file: str, plan: Plan) -> list[str]:
    """Every file other than the plan itself whose content ``check`` findings depend on.

    The event files and status logs inside the plans repository (one outside is refused
    by its spelling, never read). The result cache (:mod:`asplan.result_cache`) re-checks
    a plan when any of them changes, appears or disappears.
    """
    from asplan.sla.sources import OutsideFile, source_spec

    paths = []
    for index, entry in enumerate(plan.events):
        try:
            source = source_spec(index, entry, plan_file)
        except OutsideFile:
            continue  # never opened: nothing to depend on
        except Exception:  # an entry check reports (unknown preset, bad zone): no source to read either
            continue
        paths.append(source.path)
        if source.status_log is not None:
            paths.append(source.status_log.path)
    return paths


def _periods_for(sla: Sla, today: date, selection: Selection) -> list[PeriodLabel] | None:
    kind = KIND_OF[sla.period]
    if selection is None:
        return None
    if selection == "last":
        return [latest_closed(kind, today)]
    return [p for p in overlapping(kind, selection) if p.start <= today]


def evaluate_plan(
    plan: Plan,
    plan_file: str,
    today: date,
    now: datetime | None = None,
    event_files: Sequence[str] | None = None,
    selection: Selection = None,
    slas: Sequence[Sla] | None = None,
    table_cache: TableCache | None = None,
    at_risk: float = DEFAULT_AT_RISK,
) -> PlanSlas:
    """Every SLA of ``plan`` (or just ``slas``) over the selected periods.

    ``event_files`` replaces the plan's ``events`` (``--events``). Raises
    :class:`EventFileError` when an event file is unusable and
    :class:`SlaDefinitionError` when a timed SLA cannot be computed as written.
    """
    account = plan.account
    tz, _ = resolve_zone(account.timezone if account is not None else "UTC")
    fee = account.contract.fee if account is not None and account.contract is not None else None
    result = PlanSlas(plan_file, account.id if account is not None else "", fee.currency if fee else None, tz)
    chosen = list(plan.slas if slas is None else slas)
    timed = [s for s in chosen if s.timed]
    tables = _tables(plan, plan_file, timed, event_files, tz, table_cache) if timed else []
    _pause_lookalikes(result, tables)
    naive = NaiveTimes()
    formats = FormatMisses()
    runs = _runs(plan, timed, tables, tz, SlaData(WhereValues({}), naive=naive, formats=formats), at_risk)
    selections = {sla.id: _periods_for(sla, today, selection) for sla in timed}
    for sla in timed:
        periods = selections[sla.id]
        runs[sla.id].periods = set(periods) if periods is not None else None
    _time(list(runs.values()), tables, tz, now if now is not None else end_of_day(today, tz))
    seen_problems: set[tuple[str, int]] = set()
    for bound in tables:
        _add_problems(result, [*bound.table.problems, *(bound.log.problems if bound.log else ())], seen_problems)
    places = _event_places(tables)
    for sla in chosen:
        if not sla.timed:
            periods = _periods_for(sla, today, selection)
            result.slas.append(SlaResult(sla, measured_periods(sla, today, fee, periods)))
            continue
        run = runs[sla.id]
        data = run.data
        result.at_risk.extend((sla, event) for event in data.at_risk)
        _add_problems(result, run.problems, seen_problems)
        if data.duplicates.first is not None:
            result.add_finding(data.duplicates.finding(*places(data.duplicates.first[0])))
        for finding in data.where.findings(sla.id, sla.path):
            result.add_finding(finding)
        result.slas.append(SlaResult(sla, timed_periods(sla, run.results(), today, fee, selections[sla.id])))
    _format_findings(result, tables, formats)
    if account is not None and naive.first is not None:
        zone_written = "timezone" in account.model_fields_set
        zones = [c.timezone for c in plan.calendars.values()]
        result.add_finding(naive.finding(zone_written, zones, places(naive.first[0])[1]))
    return result


def _time(runs: list[SlaRun], tables: list[SourceTable], tz: tzinfo, now: datetime) -> None:
    """:func:`~asplan.sla.run.time_events`, vectorised for big files when that gives the same (``sla/fastpath.py``)."""
    if fastgate.big([bound.table.path for bound in tables]):
        try:
            from asplan.sla import fastpath
        except ImportError:  # pragma: no cover  # numpy is a dependency; a broken install still works
            pass
        else:
            if runs and fastpath.time_events(runs, tables, tz, to_micros(now)):
                return
    time_events(runs, tables, tz, now)


def _tables(
    plan: Plan,
    plan_file: str,
    timed: Sequence[Sla],
    event_files: Sequence[str] | None,
    tz: tzinfo,
    table_cache: TableCache | None,
) -> list[SourceTable]:
    """The event sources the timed SLAs read (``--events`` replacing the plan's), header-checked."""
    sources = [plain_source(f) for f in event_files] if event_files is not None else plan_sources(plan_file, plan)
    if not sources:
        raise EventFileError(
            plan_file,
            f"{timed[0].id} is timed over events, but the plan lists no event files in 'events'"
            " (add them, or pass --events FILE)",
        )
    return load_sources(sources, needed_columns(timed), tz, table_cache)


def _pause_lookalikes(result: PlanSlas, tables: Sequence[SourceTable]) -> None:
    """ASP407 for a source whose pause column has another name than ``pauses``."""
    for bound in tables:
        # A preset's export has its own duration columns ("On hold time in minutes"), and a
        # status log gives the pauses: neither is a misnamed pause column.
        known = bound.source.preset is not None or bound.source.status_log is not None
        lookalikes = [] if PAUSES_COLUMN in bound.index or known else pause_lookalikes(bound.table.header)
        if lookalikes:
            result.add_finding(pause_finding(bound.source.place, bound.source.entry, lookalikes))


def _format_findings(result: PlanSlas, tables: Sequence[SourceTable], formats: FormatMisses) -> None:
    """ASP409: one finding per source (event file or status log) whose timestamps miss its format."""
    rows = {bound.source.format_target: bound.table.count for bound in tables}
    for bound in tables:
        target = bound.source.log_target
        if bound.log is not None and target is not None:
            rows[target] = bound.log.rows
            for line, column in bound.log.bad_times:
                formats.saw(target, line, column)
    for finding in formats.findings(rows):
        result.add_finding(finding)


def _runs(
    plan: Plan, timed: Sequence[Sla], tables: Sequence[SourceTable], tz: tzinfo, shared: SlaData, at_risk: float
) -> dict[str, SlaRun]:
    """One :class:`SlaRun` per timed SLA, one clock per calendar; ``shared`` gives the watchers all SLAs share."""
    calendars = build_calendars(plan) if timed else {}
    clocks: dict[str, WorkClock] = {}
    files = [bound.table.file for bound in tables]
    runs: dict[str, SlaRun] = {}
    for sla in timed:
        calendar = calendars.get(sla.calendar)
        if calendar is None:
            raise SlaDefinitionError(f"{sla.id}: unknown calendar '{sla.calendar}' (use 24x7 or a key of 'calendars')")
        clock = clocks.get(sla.calendar)
        if clock is None:
            clock = clocks[sla.calendar] = WorkClock(calendar)
        data = SlaData(WhereValues(_where(sla)), naive=shared.naive, formats=shared.formats)
        runs[sla.id] = SlaRun(sla, clock, tz, files, None, data, at_risk)
    return runs


def _add_problems(result: PlanSlas, problems: Iterable[RowProblem], seen: set[tuple[str, int]]) -> None:
    """Rows left out, each (file, line) once however many SLAs could not read it."""
    for problem in problems:
        if (problem.file, problem.line) not in seen:
            seen.add((problem.file, problem.line))
            result.problems.append(problem)


def _where(sla: Sla) -> dict[str, tuple[str, ...]]:
    return {column: (value,) if isinstance(value, str) else tuple(value) for column, value in sla.where.items()}


def _event_places(tables: Sequence[SourceTable]) -> Callable[[str], tuple[DataPath, str]]:
    """Event file (as tables name it) -> the ``events`` entry that lists it, and the file as written there.

    Findings on event data name the file the way the plan does (``tickets.csv``), like
    ASP206; with ``--events`` the file is named as given and the finding sits on ``events``.
    """
    places: dict[str, tuple[DataPath, str]] = {}
    for bound in tables:
        places.setdefault(bound.file, (bound.source.place, bound.source.entry))
    return lambda file: places.get(file, (("events",), file))


def evaluate_each(
    plan: Plan, plan_file: str, today: date, selection: Selection = None, at_risk: float = DEFAULT_AT_RISK
) -> PlanSlas:
    """:func:`evaluate_plan` SLA by SLA, for ``check``: an SLA that cannot be computed is left out.

    ``check`` reports why elsewhere (ASP206 for an event file, ASP202/ASP207 for the
    definition); the other SLAs still get their figures and their data findings.
    Each event file is read once however many SLAs use it.
    """
    tables = ReadCache()
    account = plan.account
    merged: PlanSlas | None = None
    for sla in plan.slas:
        try:
            report = evaluate_plan(
                plan, plan_file, today, selection=selection, slas=[sla], table_cache=tables, at_risk=at_risk
            )
        except (EventFileError, SlaDefinitionError):
            continue
        if merged is None:
            merged = report
            continue
        merged.slas.extend(report.slas)
        merged.at_risk.extend(report.at_risk)
        seen = {(p.file, p.line) for p in merged.problems}
        merged.problems.extend(p for p in report.problems if (p.file, p.line) not in seen)
        for finding in report.findings:
            merged.add_finding(finding)
    if merged is None:
        tz, _ = resolve_zone(account.timezone if account is not None else "UTC")
        fee = account.contract.fee if account is not None and account.contract is not None else None
        merged = PlanSlas(plan_file, account.id if account is not None else "", fee.currency if fee else None, tz)
    return merged
