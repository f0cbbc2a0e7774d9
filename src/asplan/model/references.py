"""Where a plan names a person: one query over the model, for every reader of it.

What counts as a person reference is a fact about the plan format, not about one
rule, so the list lives beside the model it reads rather than in ASP201 (its reader
today): anything else that asks "who is named where" takes it from here. Each
reference is ``(data path, person id, what refers)``, in the order the sections
appear in a plan.
"""

from __future__ import annotations

from collections.abc import Iterator

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
    for person in plan.people:
        if person.reports_to:
            yield (*person.path, "reports_to"), person.reports_to, f"reports_to of {person.id}"
    for objective in plan.objectives:
        if objective.owner:
            yield (*objective.path, "owner"), objective.owner, f"owner of {objective.id}"
    for action in plan.actions:
        if action.owner:
            yield (*action.path, "owner"), action.owner, f"owner of {action.id}"


def _service_refs(plan: Plan) -> Iterator[PersonRef]:
    for procedure in plan.procedures:
        if procedure.contact:
            yield (*procedure.path, "contact"), procedure.contact, f"contact of '{procedure.name}'"
    for level in plan.escalation:
        if level.contact:
            yield (*level.path, "contact"), level.contact, f"escalation level {level.level}"
    for touchpoint in plan.communication:
        if touchpoint.owner:
            yield (*touchpoint.path, "owner"), touchpoint.owner, f"owner of '{touchpoint.name}'"
        for i, person_id in enumerate(touchpoint.participants):
            yield (*touchpoint.path, "participants", i), person_id, f"participant of '{touchpoint.name}'"


def _review_refs(plan: Plan) -> Iterator[PersonRef]:
    if plan.reviews is None:
        return
    for record in plan.reviews.history:
        for i, person_id in enumerate(record.attendees):
            yield (*record.path, "attendees", i), person_id, f"attendee of the {record.date} review"
        for i, person_id in enumerate(record.signed_off_by):
            yield (*record.path, "signed_off_by", i), person_id, f"sign-off of the {record.date} review"


def _change_and_risk_refs(plan: Plan) -> Iterator[PersonRef]:
    for change in plan.changes:
        if change.requested_by:
            yield (*change.path, "requested_by"), change.requested_by, f"requested_by of {change.id}"
    for risk in plan.risks:
        if risk.owner:
            yield (*risk.path, "owner"), risk.owner, f"owner of {risk.id}"
