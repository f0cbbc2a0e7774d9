"""Where a plan names a person: one query over the model, for every reader of it.

What counts as a person reference is a fact about the plan format, not about one
rule, so the list lives beside the model it reads rather than in ASP201 (its reader
today): anything else that asks "who is named where" takes it from here. Each
reference is ``(data path, person id, what refers)``, in the order the sections
appear in a plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from asplan.loading import DataPath
from asplan.model.plan import Plan

PersonRef = tuple[DataPath, str | None, str]


def person_references(plan: Plan) -> Iterator[PersonRef]:
    """Every person reference of a plan: (path, person id, what refers)."""
    yield from _account_refs(plan)
    yield from _team_refs(plan)
    yield from _service_refs(plan)
    yield from _review_refs(plan)
    yield from _change_and_risk_refs(plan)


def _account_refs(plan: Plan) -> Iterator[PersonRef]:
    if plan.account is not None and plan.account.manager:
        yield (*plan.account.path, "manager"), plan.account.manager, "account manager"
    if plan.handoff is not None:
        if plan.handoff.from_:
            yield (*plan.handoff.path, "from"), plan.handoff.from_, "hand-off from"
        if plan.handoff.to:
            yield (*plan.handoff.path, "to"), plan.handoff.to, "hand-off to"


def _team_refs(plan: Plan) -> Iterator[PersonRef]:
    yield from _field_refs(plan.people, "reports_to")
    yield from _field_refs(plan.objectives, "owner")
    yield from _field_refs(plan.actions, "owner")


def _service_refs(plan: Plan) -> Iterator[PersonRef]:
    yield from _field_refs(plan.procedures, "contact", by_name=True)
    for level in plan.escalation:
        if level.contact:
            yield (*level.path, "contact"), level.contact, f"escalation level {level.level}"
    for touchpoint in plan.communication:
        yield from _field_refs((touchpoint,), "owner", by_name=True)
        yield from _list_refs(touchpoint, "participants", f"participant of '{touchpoint.name}'")


def _review_refs(plan: Plan) -> Iterator[PersonRef]:
    if plan.reviews is None:
        return
    for record in plan.reviews.history:
        yield from _list_refs(record, "attendees", f"attendee of the {record.date} review")
        yield from _list_refs(record, "signed_off_by", f"sign-off of the {record.date} review")


def _change_and_risk_refs(plan: Plan) -> Iterator[PersonRef]:
    yield from _field_refs(plan.changes, "requested_by")
    yield from _field_refs(plan.risks, "owner")


def _field_refs(entries: Iterable[Any], key: str, *, by_name: bool = False) -> Iterator[PersonRef]:
    """``key`` of each entry that names someone, as "KEY of ID" (or "KEY of 'NAME'" for entries without an id)."""
    for entry in entries:
        person_id = getattr(entry, key)
        if person_id:
            yield (*entry.path, key), person_id, f"{key} of '{entry.name}'" if by_name else f"{key} of {entry.id}"


def _list_refs(entry: Any, key: str, refers: str) -> Iterator[PersonRef]:
    """Every person of the list ``key`` of one entry (attendees, participants, ...)."""
    for i, person_id in enumerate(getattr(entry, key)):
        yield (*entry.path, key, i), person_id, refers
