"""The whole plan: one field per section, in the order of spec §1.

Sections are validated one by one (see ``asplan.model.validate``) so that a broken
section never hides findings in the others; :class:`Plan` is then assembled from the
parts that validated. That is why every section but ``asplan`` and ``account`` is
optional here, and why rules must cope with ``account`` being ``None`` too.
"""

from collections.abc import Iterator

from pydantic import Field

from asplan.model.account import Account, Contract, Fee, Handoff
from asplan.model.base import PlanModel
from asplan.model.business import Business, Selection
from asplan.model.events import EventEntry
from asplan.model.objectives import Action, Kpi, Objective, Solution
from asplan.model.people import Person
from asplan.model.service import (
    ChangeRequest,
    Continuity,
    EscalationLevel,
    Procedure,
    Reviews,
    Risk,
    Services,
    Touchpoint,
)
from asplan.model.sla import Calendar, Sla

SUPPORTED_VERSION = 1


class Plan(PlanModel):
    """An Account Service Plan."""

    asplan: int = Field(ge=1, description="Format version of this file.", examples=[1])
    account: Account | None = Field(description="The client account (required).")
    handoff: Handoff | None = Field(default=None, description="Hand-off from sales to account management.")
    business: Business | None = Field(default=None, description="Client business overview and needs.")
    selection: Selection | None = Field(default=None, description="Internal: key-account selection criteria.")
    people: list[Person] = Field(default_factory=list, description="Both sides' people.")
    objectives: list[Objective] = Field(default_factory=list, description="Objectives with KPIs and milestones.")
    solutions: list[Solution] = Field(default_factory=list, description="Solutions supporting the objectives.")
    actions: list[Action] = Field(default_factory=list, description="The action plan.")
    changes: list[ChangeRequest] = Field(default_factory=list, description="Change requests.")
    reviews: Reviews | None = Field(default=None, description="Periodic review of the plan.")
    services: Services | None = Field(default=None, description="Service scope: in and out.")
    procedures: list[Procedure] = Field(default_factory=list, description="Management procedures.")
    calendars: dict[str, Calendar] = Field(
        default_factory=dict, description="Working-time calendars; `24x7` always exists."
    )
    slas: list[Sla] = Field(default_factory=list, description="Service level agreements.")
    events: list[EventEntry] = Field(
        default_factory=list,
        description="Event (ticket) CSV files, relative to the plan: a path, or a mapping saying how to read it.",
    )
    escalation: list[EscalationLevel] = Field(
        default_factory=list, description="Escalation ladder, up to the top executive."
    )
    continuity: Continuity | None = Field(default=None, description="Disaster recovery and continuity.")
    communication: list[Touchpoint] = Field(default_factory=list, description="Communication cadence.")
    risks: list[Risk] = Field(default_factory=list, description="Risks.")

    @property
    def contract(self) -> Contract | None:
        """The account's contract: ``None`` when the plan has no account or the account no contract."""
        return self.account.contract if self.account is not None else None

    @property
    def contract_fee(self) -> Fee | None:
        """The contract fee SLA credits are computed from, if the plan states one."""
        contract = self.contract
        return contract.fee if contract is not None else None

    def kpis(self) -> Iterator[Kpi]:
        """Every KPI of every objective, in plan order."""
        for objective in self.objectives:
            yield from objective.kpis

    def measured_slas(self) -> list[Sla]:
        """The SLAs measured per period (``measurements``), not timed from event files."""
        return [sla for sla in self.slas if not sla.timed]

    def person_ids(self) -> set[str]:
        return {p.id for p in self.people}

    def person(self, person_id: str | None) -> Person | None:
        for p in self.people:
            if p.id == person_id:
                return p
        return None
