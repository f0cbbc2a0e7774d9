"""``asplan sla`` (and ``credits``) over every selected plan: plans in, figures out.

The per-plan loop used to live in the CLI. Here it is a pure pipeline the CLI calls
once: each plan is read and validated by :mod:`asplan.plan_source`, computed by
:func:`asplan.sla.engine.evaluate_plan` (sharing one table cache, so the event files
are read once even with ``--set``), and what-if terms are applied by
:mod:`asplan.sla.whatif`. A problem the user can fix raises :class:`SlaUsageError`
with the one line to print; what the event data says (duplicate ids, a ``where`` that
matches nothing) goes to ``on_warning`` as it is found, plan by plan, as ``check``
reports it.

The command's result is an :class:`SlaOutcome`: the rows of every SLA and period,
and with ``--set`` the comparison. Reporters (:mod:`asplan.reporters.sla`) print it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asplan.config import Config
    from asplan.loading import Positions
    from asplan.model.plan import Plan
    from asplan.plan_source import Target
    from asplan.sla.engine import PlanSlas, Selection, TableCache
    from asplan.sla.report import SlaRow
    from asplan.sla.whatif import Comparison, EditedPlan, WhatIf

__all__ = ["FailOn", "Run", "SlaOutcome", "SlaUsageError", "check_now", "evaluate_targets", "parse_selection"]


class SlaUsageError(Exception):
    """Something the user can fix (a bad ``--period``, an unreadable event file...): ``str()`` is the line to print."""


class FailOn(StrEnum):
    """``--fail-on``: when ``asplan sla`` exits 1."""

    breach = "breach"
    at_risk = "at-risk"


@dataclass(frozen=True)
class SlaOutcome:
    """What ``asplan sla`` found: one row per SLA and period, and with ``--set`` the comparison."""

    today: date
    rows: list[SlaRow]
    comparison: Comparison | None = None

    @property
    def breached(self) -> bool:
        return any(r.period.status == "breached" for r in self.rows)

    @property
    def at_risk(self) -> bool:
        return any(r.period.count("at_risk") for r in self.rows)

    def fails(self, threshold: FailOn | None) -> bool:
        """Whether ``--fail-on`` makes the command exit 1.

        The plan as it stands is judged: a what-if is a question, not a breach.
        """
        if threshold is FailOn.breach:
            return self.breached
        if threshold is FailOn.at_risk:
            return self.breached or self.at_risk
        return False


def outcome(day: date, run: Run, what_if: WhatIf | None) -> SlaOutcome:
    """The rows of a run, and the comparison when terms were changed."""
    from asplan.sla.report import rows
    from asplan.sla.whatif import Comparison

    comparison = Comparison.of(day, what_if.changes, run.baseline, run.what_if) if what_if is not None else None
    return SlaOutcome(day, rows(run.baseline), comparison)


def parse_selection(period: str | None) -> Selection:
    """``--period``: a period label, ``last``, or nothing (every period)."""
    from asplan.model.scalars import PeriodLabel

    if period is None:
        return None
    if period.strip().lower() == "last":
        return "last"
    try:
        return PeriodLabel.parse(period.strip())
    except ValueError as exc:
        raise SlaUsageError(f"--period {period}: {exc}, or 'last'") from None


def check_now(now: str | None) -> None:
    """A malformed ``--now`` is refused before any plan is read."""
    if now is None:
        return
    try:
        datetime.fromisoformat(now.strip())
    except ValueError:
        raise SlaUsageError(
            f"--now {now}: expected an ISO 8601 instant like 2026-11-23T18:00 or 2026-11-23T17:00:00Z"
        ) from None


@dataclass
class Run:
    """Every selected plan's SLA figures (and, with --set, the what-if figures), plan by plan."""

    baseline: list[PlanSlas] = field(default_factory=list)
    what_if: list[PlanSlas] = field(default_factory=list)
    contracts: dict[str, str | None] = field(default_factory=dict)  # plan file -> contract id

    @property
    def problems(self) -> list[str]:
        """Event rows left out, each named by file and line."""
        return [str(p) for report in self.baseline for p in report.problems]


@dataclass(frozen=True)
class _Inputs:
    """What every plan of a run is computed with."""

    day: date
    selection: Selection
    now: str | None
    events: str | None
    cache: TableCache
    config: Config


def evaluate_targets(
    targets: Sequence[Target],
    day: date,
    config: Config,
    *,
    selection: Selection = None,
    now: str | None = None,
    events: str | None = None,
    what_if: WhatIf | None = None,
    on_warning: Callable[[str], None] = lambda line: None,
) -> Run:
    """The plans at ``targets``, computed as ``asplan sla`` computes them (``credits`` shares this).

    Every event file is read once: the what-if SLAs are computed again over the tables
    the baseline read. Raises :class:`SlaUsageError` on the first problem the user can fix.
    """
    from asplan.plan_source import PlanRefused, iter_plans
    from asplan.sla.engine import TableCache
    from asplan.sla.whatif import TermError

    inputs = _Inputs(day, selection, now, events, TableCache(), config)
    run = Run()
    try:
        for source in iter_plans(targets, config.max_file_bytes):
            plan = source.require()
            edited = what_if.edit(source) if what_if is not None else None
            baseline, changed = _evaluate(source.path, plan, edited, inputs)
            run.baseline.append(baseline)
            if what_if is not None:
                run.what_if.append(changed if changed is not None else baseline)
            contract = plan.account.contract if plan.account is not None else None
            run.contracts[source.path] = contract.id if contract is not None else None
            if source.document is not None:
                for line in data_warnings(baseline, source.document.positions):
                    on_warning(line)
        if what_if is not None:
            what_if.finish()
    except (PlanRefused, TermError) as exc:
        raise SlaUsageError(str(exc)) from None
    return run


def _evaluate(path: str, plan: Plan, edited: EditedPlan | None, inputs: _Inputs) -> tuple[PlanSlas, PlanSlas | None]:
    """One plan's figures, and its what-if figures (``None`` without ``--set``; the baseline when untouched)."""
    from functools import partial

    from asplan.sla.engine import evaluate_plan
    from asplan.sla.events import EventFileError, parse_timestamp
    from asplan.sla.timed import SlaDefinitionError
    from asplan.sla.whatif import merge
    from asplan.timecalc.calendars import resolve_zone

    zone, _ = resolve_zone(plan.account.timezone if plan.account is not None else "UTC")
    instant = None
    if inputs.now is not None:
        try:
            instant = parse_timestamp(inputs.now, zone)
        except ValueError as exc:
            raise SlaUsageError(f"--now {inputs.now}: {exc}") from None
    evaluate = partial(
        evaluate_plan,
        plan_file=path,
        today=inputs.day,
        now=instant,
        event_files=[inputs.events] if inputs.events is not None else None,
        selection=inputs.selection,
        table_cache=inputs.cache,
        at_risk=inputs.config.sla_at_risk,
    )
    try:
        baseline = evaluate(plan)
        if edited is None:
            return baseline, None
        return baseline, merge(baseline, evaluate(edited.plan, slas=edited.slas))
    except EventFileError as exc:
        raise SlaUsageError(str(exc)) from None
    except SlaDefinitionError as exc:
        raise SlaUsageError(f"{path}: {exc}") from None


def data_warnings(report: PlanSlas, positions: Positions) -> list[str]:
    """What the event data says, as ``check`` reports it: ``file:line:column: CODE message``, in file order."""
    placed = []
    for finding in report.findings:
        line, column = positions.key(finding.path) if finding.at_key else positions.value(finding.path)
        placed.append((line, column, finding.code, finding.message))
    return [f"{report.file}:{line}:{column}: {code} {message}" for line, column, code, message in sorted(placed)]
