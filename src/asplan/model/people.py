"""``people``: both sides' organisation, who decides, and the relationship map."""

from enum import StrEnum

from pydantic import Field

from asplan.model.base import PlanModel
from asplan.model.scalars import Email, Flag, Id


class Side(StrEnum):
    provider = "provider"
    client = "client"


class Influence(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


class Stance(StrEnum):
    champion = "champion"
    supporter = "supporter"
    neutral = "neutral"
    detractor = "detractor"


class Person(PlanModel):
    """A person on the provider's or the client's side."""

    id: Id = Field(description="Person id, referenced by owners, contacts and attendees.")
    name: str = Field(min_length=1, description="Full name.")
    side: Side = Field(description="`provider` or `client`.")
    role: str | None = Field(default=None, description="Role or job title.")
    email: Email | None = Field(default=None, description="E-mail address.")
    phone: str | None = Field(default=None, description="Phone number.")
    reports_to: Id | None = Field(default=None, description="Person id on the same side.")
    decision_maker: Flag = Field(default=False, description="Takes buying decisions.")
    influence: Influence | None = Field(default=None, description="Internal: influence.")
    stance: Stance | None = Field(default=None, description="Internal: stance towards us.")
    executive: Flag = Field(default=False, description="Top of an escalation chain.")
