"""Every date in a plan that asks for something to happen: the agenda (spec §3).

One module computes the dated items so that ``asplan due``, the ASP3xx rules, the
status dashboard and rendering all agree on when something is due and whether it is
late. Each item carries the data path of the date it was computed from, so a rule can
point at that line and ``# asplan: ignore[...]`` works where users expect it.

Nothing here reads the clock: ``today`` is an argument (``asplan.clock`` resolves it).
Dates that fall outside the supported range (year 1 to 9999) produce no item rather
than an error: such a plan is already wrong in a way a person will see.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from asplan.model.objectives import ActionStatus, Milestone, Objective
from asplan.model.plan import Plan
from asplan.settings import DEFAULT_KPI_GRACE_DAYS, DEFAULT_WARN_DAYS

if TYPE_CHECKING:
    from asplan.loading import DataPath
    from asplan.model.scalars import Cadence
    from asplan.timecalc.calendars import WorkCalendar

__all__ = [
    "KINDS",
    "DueItem",
    "Kind",
    "Status",
    "agenda",
    "classify",
    "milestone_ref",
    "next_review",
    "next_review_item",
    "within",
]


class Kind(StrEnum):
    """What an agenda item is; the order is the tie-break of items on the same day."""

    review = "review"
    contract_end = "contract_end"
    contract_renewal = "contract_renewal"
    action = "action"
    milestone = "milestone"
    continuity_test = "continuity_test"
    touchpoint = "touchpoint"
    kpi_measurement = "kpi_measurement"


KINDS: tuple[str, ...] = tuple(kind.value for kind in Kind)
_KIND_ORDER = {kind: i for i, kind in enumerate(Kind)}


class Status(StrEnum):
    overdue = "overdue"
    due_soon = "due_soon"
    upcoming = "upcoming"


@dataclass(frozen=True)
class DueItem:
    """One dated item of one plan.

    ``id`` is stable while the plan keeps the thing (an action id, a touchpoint name,
    ``OBJ-1/PILOT`` for a milestone with an id, ``OBJ-1/M2`` for an objective's second
    milestone without one): calendar UIDs are built from it,
    never from the date, so a moved date updates the event instead of adding one.
    """

    account: str
    kind: Kind
    id: str
    title: str
    date: date
    status: Status
    days: int
    owner: str | None
    path: DataPath

    def to_json(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "kind": self.kind.value,
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat(),
            "status": self.status.value,
            "days": self.days,
            "owner": self.owner,
        }


def classify(when: date, today: date, warn_days: int) -> Status:
    """Overdue before today; due soon from today to ``today + warn_days`` inclusive."""
    if when < today:
        return Status.overdue
    if (when - today).days <= warn_days:
        return Status.due_soon
    return Status.upcoming


def _add(cadence: Cadence, anchor: date) -> date | None:
    try:
        return cadence.add(anchor)
    except OverflowError:
        return None


def _shift(day: date, days: int) -> date | None:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


# --------------------------------------------------------------------------- review


def review_anchor(plan: Plan) -> tuple[date, DataPath] | None:
    """What a computed next review counts from: latest review, else ``since``, else contract start."""
    reviews = plan.reviews
    if reviews is not None and reviews.history:
        latest = max(reviews.history, key=lambda record: record.date)
        return latest.date, (*latest.path, "date")
    account = plan.account
    if account is None:
        return None
    if account.since is not None:
        return account.since, (*account.path, "since")
    if account.contract is not None and account.contract.start is not None:
        return account.contract.start, (*account.contract.path, "start")
    return None


def unrolled_next_review(plan: Plan) -> date | None:
    """The next review before rolling to a working day: a lower bound of :func:`next_review`."""
    reviews = plan.reviews
    if reviews is None:
        return None
    if reviews.next is not None:
        return reviews.next
    anchor = review_anchor(plan)
    return None if anchor is None else _add(reviews.every, anchor[0])


def next_review(plan: Plan, calendars: Mapping[str, WorkCalendar] | None = None) -> date | None:
    """Spec §3 "Next review": ``reviews.next``, else anchor + ``every`` rolled to a working day.

    ``calendars`` is :func:`asplan.timecalc.build_calendars` of the plan; without it the
    one calendar needed is built. An unknown calendar (ASP202) or one with no working
    day leaves the date where the cadence put it.
    """
    computed = unrolled_next_review(plan)  # reviews.next as written, or the cadence's date
    reviews = plan.reviews
    if computed is None or reviews is None or reviews.next is not None or reviews.calendar is None:
        return computed
    from asplan.timecalc.calendars import calendar_for

    calendar = calendar_for(plan, reviews.calendar, calendars)
    if calendar is None:
        return computed
    try:
        return calendar.next_working_day(computed)
    except (ValueError, OverflowError):
        return computed


def _account_id(plan: Plan) -> str:
    return plan.account.id if plan.account is not None else ""


def _manager(plan: Plan) -> str | None:
    return plan.account.manager if plan.account is not None else None


def next_review_item(
    plan: Plan,
    today: date,
    warn_days: int,
    calendars: Mapping[str, WorkCalendar] | None = None,
) -> DueItem | None:
    """The next review as an agenda item, pointing at ``reviews.next`` or ``reviews.every``."""
    reviews = plan.reviews
    when = next_review(plan, calendars)
    if reviews is None or when is None:
        return None
    path = (*reviews.path, "next") if reviews.next is not None else (*reviews.path, "every")
    return _item(plan, Kind.review, "review", "Plan review", when, today, warn_days, _manager(plan), path)


def _item(
    plan: Plan,
    kind: Kind,
    item_id: str,
    title: str,
    when: date,
    today: date,
    warn_days: int,
    owner: str | None,
    path: DataPath,
) -> DueItem:
    return DueItem(
        account=_account_id(plan),
        kind=kind,
        id=item_id,
        title=title,
        date=when,
        status=classify(when, today, warn_days),
        days=(when - today).days,
        owner=owner,
        path=path,
    )


# ------------------------------------------------------------------- other dated items


def action_items(plan: Plan, today: date, warn_days: int) -> Iterator[DueItem]:
    """Actions with a ``due`` date that are neither done nor cancelled."""
    for action in plan.actions:
        if action.due is None or action.status in (ActionStatus.done, ActionStatus.cancelled):
            continue
        yield _item(
            plan,
            Kind.action,
            action.id,
            action.title,
            action.due,
            today,
            warn_days,
            action.owner,
            (*action.path, "due"),
        )


def milestone_ref(objective: Objective, number: int, milestone: Milestone) -> str:
    """How a milestone is named in the agenda: ``OBJ-1/PILOT`` by its id, else ``OBJ-1/M2`` by position.

    ``asplan done`` accepts exactly this (and a milestone's bare id).
    """
    return f"{objective.id}/{milestone.id}" if milestone.id is not None else f"{objective.id}/M{number}"


def milestone_items(plan: Plan, today: date, warn_days: int) -> Iterator[DueItem]:
    """Milestones with a ``due`` date and no ``done`` date; owned by their objective's owner."""
    for objective in plan.objectives:
        for number, milestone in enumerate(objective.milestones, start=1):
            if milestone.due is None or milestone.done is not None:
                continue
            yield _item(
                plan,
                Kind.milestone,
                milestone_ref(objective, number, milestone),
                milestone.title,
                milestone.due,
                today,
                warn_days,
                objective.owner,
                (*milestone.path, "due"),
            )


def touchpoint_items(plan: Plan, today: date, warn_days: int) -> Iterator[DueItem]:
    """Communication touchpoints: ``last`` + ``every``; one never held has no date yet."""
    seen: dict[str, int] = {}
    for touchpoint in plan.communication:
        if touchpoint.last is None:
            continue
        when = _add(touchpoint.every, touchpoint.last)
        if when is None:
            continue
        seen[touchpoint.name] = seen.get(touchpoint.name, 0) + 1
        item_id = touchpoint.name if seen[touchpoint.name] == 1 else f"{touchpoint.name} #{seen[touchpoint.name]}"
        yield _item(
            plan,
            Kind.touchpoint,
            item_id,
            touchpoint.name,
            when,
            today,
            warn_days,
            touchpoint.owner,
            (*touchpoint.path, "last"),
        )


def continuity_items(plan: Plan, today: date, warn_days: int) -> Iterator[DueItem]:
    """The next continuity (DR) test: ``last_test`` + ``test_every``, owned by the account manager."""
    continuity = plan.continuity
    if continuity is None or continuity.last_test is None or continuity.test_every is None:
        return
    when = _add(continuity.test_every, continuity.last_test)
    if when is not None:
        yield _item(
            plan,
            Kind.continuity_test,
            "continuity",
            "Continuity (DR) test",
            when,
            today,
            warn_days,
            _manager(plan),
            (*continuity.path, "last_test"),
        )


def contract_items(plan: Plan, today: date, warn_days: int) -> Iterator[DueItem]:
    """The renewal window's opening (until the contract ends) and the contract's end."""
    contract = plan.contract
    if contract is None or contract.end is None:
        return
    name = contract.id or "contract"
    path = (*contract.path, "end")
    opens = _shift(contract.end, -contract.renewal_notice_days)
    if opens is not None and contract.end >= today:
        yield _item(
            plan,
            Kind.contract_renewal,
            name,
            f"Renewal window of {name} opens",
            opens,
            today,
            warn_days,
            _manager(plan),
            path,
        )
    yield _item(plan, Kind.contract_end, name, f"{name} ends", contract.end, today, warn_days, _manager(plan), path)


def kpi_items(plan: Plan, today: date, warn_days: int, kpi_grace_days: int) -> Iterator[DueItem]:
    """The next measurement of each KPI: latest + ``frequency`` + ``kpi_grace_days``."""
    for objective in plan.objectives:
        for kpi in objective.kpis:
            if kpi.frequency is None or not kpi.measurements:
                continue
            index, latest = max(enumerate(kpi.measurements), key=lambda pair: (pair[1].date, pair[0]))
            step = _add(kpi.frequency, latest.date)
            when = _shift(step, kpi_grace_days) if step is not None else None
            if when is None:
                continue
            yield _item(
                plan,
                Kind.kpi_measurement,
                f"{objective.id}/{kpi.id}",
                f"Measure {kpi.name}",
                when,
                today,
                warn_days,
                objective.owner,
                (*kpi.path, "measurements", index, "date"),
            )


def agenda(
    plan: Plan,
    today: date,
    *,
    warn_days: int = DEFAULT_WARN_DAYS,
    kpi_grace_days: int = DEFAULT_KPI_GRACE_DAYS,
    calendars: Mapping[str, WorkCalendar] | None = None,
) -> list[DueItem]:
    """Every dated item of a plan, soonest first (ties: review, contract, action, ...)."""
    items: list[DueItem] = []
    review = next_review_item(plan, today, warn_days, calendars)
    if review is not None:
        items.append(review)
    items.extend(action_items(plan, today, warn_days))
    items.extend(milestone_items(plan, today, warn_days))
    items.extend(touchpoint_items(plan, today, warn_days))
    items.extend(continuity_items(plan, today, warn_days))
    items.extend(contract_items(plan, today, warn_days))
    items.extend(kpi_items(plan, today, warn_days, kpi_grace_days))
    return sort_items(items)


def sort_items(items: Iterable[DueItem]) -> list[DueItem]:
    return sorted(items, key=lambda item: (item.date, item.account, _KIND_ORDER[item.kind], item.id))


def within(
    items: Iterable[DueItem],
    days: int,
    *,
    owners: Sequence[str] = (),
    accounts: Sequence[str] = (),
    kinds: Sequence[str] = (),
) -> list[DueItem]:
    """``asplan due`` filters: overdue always, else at most ``days`` ahead; then owner, account, kind."""
    keep: list[Callable[[DueItem], bool]] = [lambda item: item.days <= days]
    if owners:
        keep.append(lambda item: item.owner in owners)
    if accounts:
        keep.append(lambda item: item.account in accounts)
    if kinds:
        keep.append(lambda item: item.kind.value in kinds)
    return [item for item in items if all(test(item) for test in keep)]


def unknown_filter_values(option: str, requested: Sequence[str], known: Iterable[str], what: str) -> list[str]:
    """One message per ``requested`` value that matches nothing ``known``, with "did you mean".

    ``due --owner linda.prak`` used to print "Nothing due": true, and useless, for a
    misspelt id. A filter value no plan knows is a usage error, said so.
    """
    choices = sorted(set(known))
    problems: list[str] = []
    for value in requested:
        if value in choices:
            continue
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
        hint = f": did you mean '{close[0]}'?" if close else ""
        problems.append(f"{option} {value}: no plan has {what} '{value}'{hint}")
    return problems
