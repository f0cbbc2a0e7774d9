"""``objectives`` with KPIs and milestones, ``solutions`` and the ``actions`` plan."""

from enum import StrEnum

from pydantic import Field

from asplan.model.base import PlanModel
from asplan.model.scalars import Cadence, Id, Real, StrictDate


class Direction(StrEnum):
    increase = "increase"
    decrease = "decrease"


class KpiKind(StrEnum):
    satisfaction = "satisfaction"


class Measurement(PlanModel):
    """One KPI measurement."""

    date: StrictDate = Field(description="Date of the measurement.")
    value: Real = Field(description="Measured value.")


class Kpi(PlanModel):
    """How an objective's success is measured: from a baseline to a target."""

    id: Id = Field(description="KPI id, unique within its objective.")
    name: str = Field(min_length=1, description="KPI name.")
    unit: str | None = Field(default=None, description="Unit, e.g. `%` or `days`.")
    baseline: Real | None = Field(default=None, description="Value when the objective was set.")
    target: Real | None = Field(default=None, description="Value to reach.")
    direction: Direction = Field(default=Direction.increase, description="Whether higher or lower is better.")
    frequency: Cadence | None = Field(default=None, description="Cadence of measurement.")
    kind: KpiKind | None = Field(
        default=None,
        description="`satisfaction` for a client-satisfaction measure (CSAT, NPS); its latest value feeds the health"
        " score.",
    )
    measurements: list[Measurement] = Field(default_factory=list, description="Measurements so far.")


class Milestone(PlanModel):
    """A short-term benchmark of a long-term objective."""

    id: Id | None = Field(
        default=None, description="Milestone id, unique within its objective: `asplan done PLAN ID` marks it reached."
    )
    title: str = Field(min_length=1, description="Milestone title.")
    due: StrictDate | None = Field(default=None, description="Due date.")
    done: StrictDate | None = Field(default=None, description="Date it was reached.")


class Objective(PlanModel):
    """A measurable objective agreed with the client."""

    id: Id = Field(description="Objective id, referenced by actions and solutions.")
    title: str = Field(min_length=1, description="Objective title.")
    description: str | None = Field(default=None, description="Markdown description.")
    owner: Id | None = Field(default=None, description="Person id owning the objective.")
    due: StrictDate | None = Field(default=None, description="Target date.")
    kpis: list[Kpi] = Field(default_factory=list, description="KPIs measuring success.")
    milestones: list[Milestone] = Field(default_factory=list, description="Short-term milestones.")


class Solution(PlanModel):
    """A solution that supports one or more objectives."""

    id: Id = Field(description="Solution id.")
    title: str = Field(min_length=1, description="Solution title.")
    objectives: list[Id] = Field(default_factory=list, description="Objective ids it supports.")
    description: str | None = Field(default=None, description="Markdown description.")


class ActionStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    blocked = "blocked"
    done = "done"
    cancelled = "cancelled"


class Action(PlanModel):
    """An agreed action of the implementation plan."""

    id: Id = Field(description="Action id.")
    title: str = Field(min_length=1, description="What will be done.")
    owner: Id | None = Field(default=None, description="Person id responsible.")
    due: StrictDate | None = Field(default=None, description="Due date.")
    status: ActionStatus = Field(default=ActionStatus.planned, description="Action status.")
    done: StrictDate | None = Field(default=None, description="Completion date (status done).")
    objective: Id | None = Field(default=None, description="Objective id it contributes to.")
    notes: str | None = Field(default=None, description="Internal Markdown notes.")
