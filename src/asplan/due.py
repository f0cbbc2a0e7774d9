"""``asplan due`` as a pure function: paths in, the agenda of every plan out.

Plans are found and read by :mod:`asplan.plan_source`, like for every command; the
dated items come from :mod:`asplan.agenda`. Unlike ``sla`` and ``render``, ``due``
takes a plan with schema errors too: dates that validated are still due, and the
agenda of a portfolio should not go blank because one plan has a typo (``check``
says what is wrong with it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from asplan.agenda import DueItem, agenda, sort_items
from asplan.plan_source import discover, iter_plans
from asplan.settings import DEFAULT_KPI_GRACE_DAYS, DEFAULT_MAX_FILE_BYTES, DEFAULT_WARN_DAYS

__all__ = ["AgendaRun", "DueReport", "DueUsageError", "GroupBy", "collect", "parse_kinds", "report"]


class DueUsageError(Exception):
    """A filter value that matches nothing (``--kind reviw``, ``--owner linda.prak``): ``str()`` says so."""


class GroupBy(StrEnum):
    """``--group-by``: ``owner`` gives the weekly digest, a section per owner."""

    owner = "owner"


@dataclass(frozen=True)
class DueReport:
    """What ``asplan due`` prints: the items kept by the filters, soonest first, and what names them."""

    today: date
    within_days: int
    items: list[DueItem]
    names: dict[str, str]  # person id -> name (the digest's section headings)
    plans: dict[str, str]  # account id -> plan file (the digest's JSON)
    group_by: GroupBy | None = None


@dataclass
class AgendaRun:
    """The agenda of every plan found, and the files that could not be read as plans."""

    items: list[DueItem]
    failures: list[str]  # one line each: "file:line: why"
    warnings: list[str]  # calendars that are not what was written (unknown zone, holidays)
    names: dict[str, str] = field(default_factory=dict)  # person id -> name (the first plan's, for the digest)
    plans: dict[str, str] = field(default_factory=dict)  # account id -> the plan file it comes from


def collect(
    paths: Sequence[str],
    today: date,
    *,
    warn_days: int = DEFAULT_WARN_DAYS,
    kpi_grace_days: int = DEFAULT_KPI_GRACE_DAYS,
    max_file_bytes: int | None = None,
) -> AgendaRun:
    """Load every plan under ``paths`` (like ``asplan check`` finds them) and date it.

    A plan with schema errors still contributes what validated, as in ``check``; a
    file that cannot be read, parsed, or is not a plan when named explicitly, is a
    failure line instead. Raises :class:`~asplan.plan_source.UsageError` for a path
    that does not exist.
    """
    from asplan.timecalc.calendars import build_calendars

    limit = max_file_bytes if max_file_bytes is not None else DEFAULT_MAX_FILE_BYTES
    run = AgendaRun([], [], [])
    for source in iter_plans(discover(paths), limit):
        plan = source.plan
        if plan is None:
            first = min(source.errors, default=None)
            why = f"{first.line}: {first.message}" if first is not None else "1: not a plan"
            run.failures.append(f"{source.path}:{why}")
            continue
        for person in plan.people:
            run.names.setdefault(person.id, person.name)
        if plan.account is not None:
            run.plans.setdefault(plan.account.id, source.path)
        calendars = build_calendars(plan)
        if plan.reviews is not None and plan.reviews.calendar in calendars and plan.reviews.next is None:
            for problem in calendars[plan.reviews.calendar].all_problems():
                run.warnings.append(f"{source.path}: calendar {plan.reviews.calendar}: {problem}")
        run.items.extend(agenda(plan, today, warn_days=warn_days, kpi_grace_days=kpi_grace_days, calendars=calendars))
    run.items = sort_items(run.items)
    return run


def parse_kinds(names: Sequence[str]) -> list[str]:
    """``--kind`` values, each a known item kind; a misspelt one raises :class:`DueUsageError` with "did you mean"."""
    from difflib import get_close_matches

    from asplan.agenda import KINDS

    for name in names:
        if name not in KINDS:
            close = get_close_matches(name, KINDS, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise DueUsageError(f"--kind {name}: {hint}expected one of {', '.join(KINDS)}")
    return list(names)


def report(
    run: AgendaRun,
    today: date,
    within_days: int,
    *,
    owners: Sequence[str] = (),
    accounts: Sequence[str] = (),
    kinds: Sequence[str] = (),
    group_by: GroupBy | None = None,
) -> DueReport:
    """The items of ``run`` that ``--within``, ``--owner``, ``--account`` and ``--kind`` keep.

    An owner or account no plan knows raises :class:`DueUsageError` (every such value
    in one line): "nothing due" would be true, and useless, for a misspelt id.
    """
    from asplan.agenda import unknown_filter_values, within

    people = [*run.names, *(i.owner for i in run.items if i.owner)]
    known_accounts = [*run.plans, *(i.account for i in run.items)]
    problems = [
        *unknown_filter_values("--owner", owners, people, "a person"),
        *unknown_filter_values("--account", accounts, known_accounts, "the account"),
    ]
    if problems:
        raise DueUsageError("; ".join(problems))
    items = within(run.items, within_days, owners=owners, accounts=accounts, kinds=kinds)
    return DueReport(today, within_days, items, run.names, run.plans, group_by)
