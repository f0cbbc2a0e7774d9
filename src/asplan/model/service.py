"""Service definition and the management around it.

Scope, procedures, escalation, continuity, communication, reviews, change requests
and risks: the parts of a plan that say how the relationship is run.
"""

from enum import StrEnum

from pydantic import Field

from asplan.model.account import Audience
from asplan.model.base import PlanModel
from asplan.model.scalars import Cadence, Duration, Flag, Id, Money, StrictDate, Whole


class ScopeItem(PlanModel):
    """A service contracted."""

    name: str = Field(min_length=1, description="Service name.")
    description: str | None = Field(default=None, description="Markdown description.")


class OutOfScopeItem(PlanModel):
    """Something explicitly not contracted."""

    name: str = Field(min_length=1, description="What is out of scope.")
    note: str | None = Field(default=None, description="Why, or how to get it.")


class Services(PlanModel):
    """The exact scope contracted, and what is out of scope."""

    in_scope: list[ScopeItem] = Field(default_factory=list, description="Services contracted.")
    out_of_scope: list[OutOfScopeItem] = Field(default_factory=list, description="Not contracted.")


class Procedure(PlanModel):
    """A management procedure (how to ask for a change, maintenance windows, ...)."""

    name: str = Field(min_length=1, description="Procedure name.")
    contact: Id | None = Field(default=None, description="Person id to contact.")
    response: Duration | None = Field(default=None, description="Committed response time.")
    steps: list[str] = Field(default_factory=list, description="Steps to follow.")


class EscalationLevel(PlanModel):
    """One rung of the escalation ladder."""

    level: Whole = Field(ge=1, description="Level number, from 1.")
    contact: Id = Field(description="Person id to escalate to.")
    after: Duration = Field(description="Escalate after this long unresolved.")


class Continuity(PlanModel):
    """Disaster recovery and continuity commitments."""

    rto: Duration | None = Field(default=None, description="Recovery time objective.")
    rpo: Duration | None = Field(default=None, description="Recovery point objective.")
    last_test: StrictDate | None = Field(default=None, description="Date of the last DR test.")
    test_every: Cadence | None = Field(default=None, description="How often DR is tested.")
    notes: str | None = Field(default=None, description="Internal Markdown notes.")


class Touchpoint(PlanModel):
    """A recurring contact, meeting or follow-up."""

    id: Id | None = Field(
        default=None, description="Touchpoint id: `asplan touch PLAN ID` records that it happened (so does its name)."
    )
    name: str = Field(min_length=1, description="Touchpoint name.")
    every: Cadence = Field(description="Cadence.")
    channel: str | None = Field(default=None, description="Channel, e.g. video, on-site, e-mail.")
    owner: Id | None = Field(default=None, description="Person id who runs it.")
    participants: list[Id] = Field(default_factory=list, description="Person ids taking part.")
    last: StrictDate | None = Field(default=None, description="Date it last happened.")
    face_to_face: Flag = Field(default=False, description="Held in person.")


class ReviewRecord(PlanModel):
    """A review of the plan held with the client."""

    date: StrictDate = Field(description="Date the review was held.")
    attendees: list[Id] = Field(default_factory=list, description="Person ids who attended.")
    summary: str | None = Field(default=None, description="Markdown summary.")
    decisions: list[str] = Field(default_factory=list, description="Decisions taken.")
    signed_off_by: list[Id] = Field(
        default_factory=list,
        description="Client-side person ids who agreed to the plan at this review (its sign-off).",
    )
    notes: str | None = Field(default=None, description="Internal Markdown notes.")


class Reviews(PlanModel):
    """Periodic review of the plan with the client."""

    every: Cadence = Field(description="Review cadence.")
    next: StrictDate | None = Field(default=None, description="Explicitly scheduled next review.")
    calendar: str | None = Field(default=None, description="Calendar to roll a computed date forward to a working day.")
    history: list[ReviewRecord] = Field(default_factory=list, description="Reviews held.")


class ChangeStatus(StrEnum):
    proposed = "proposed"
    approved = "approved"
    rejected = "rejected"
    implemented = "implemented"
    withdrawn = "withdrawn"


class ChangeRequest(PlanModel):
    """A scope change, with its cost and timeline impact stated up front."""

    id: Id = Field(description="Change request id.")
    title: str = Field(min_length=1, description="What changes.")
    requested: StrictDate | None = Field(default=None, description="Date requested.")
    requested_by: Id | None = Field(default=None, description="Person id who asked.")
    status: ChangeStatus = Field(default=ChangeStatus.proposed, description="Status.")
    cost: Money | None = Field(default=None, description="Cost impact.")
    delay: Duration | None = Field(default=None, description="Timeline impact.")
    decided: StrictDate | None = Field(default=None, description="Date of the decision.")
    description: str | None = Field(default=None, description="Markdown description.")
    notes: str | None = Field(default=None, description="Internal Markdown notes.")


class Level(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


class RiskStatus(StrEnum):
    open = "open"
    mitigated = "mitigated"
    closed = "closed"


class Risk(PlanModel):
    """A risk to the account or the service."""

    id: Id = Field(description="Risk id.")
    title: str = Field(min_length=1, description="The risk.")
    likelihood: Level | None = Field(default=None, description="high, medium or low.")
    impact: Level | None = Field(default=None, description="high, medium or low.")
    owner: Id | None = Field(default=None, description="Person id owning it.")
    mitigation: str | None = Field(default=None, description="Markdown mitigation.")
    status: RiskStatus = Field(default=RiskStatus.open, description="open, mitigated or closed.")
    audience: Audience = Field(
        default=Audience.internal,
        description="Who reads this risk: internal (default: left out of the client's document) or client.",
    )
