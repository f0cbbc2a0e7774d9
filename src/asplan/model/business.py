"""``business`` (the client's world) and ``selection`` (why this is a key account)."""

from decimal import Decimal

from pydantic import Field

from asplan.model.base import PlanModel
from asplan.model.scalars import Real, StrictDate, Whole


class AnalystReport(PlanModel):
    """An analyst report about the client or its market."""

    title: str = Field(min_length=1, description="Report title.")
    url: str | None = Field(default=None, pattern=r"^(https?://|mailto:)", description="Link (http, https or mailto).")
    date: StrictDate | None = Field(default=None, description="Publication date.")


class Business(PlanModel):
    """Client business overview, strategy and needs assessment."""

    overview: str | None = Field(default=None, description="Markdown business overview.")
    strategy: str | None = Field(default=None, description="The client's strategy.")
    it_alignment: str | None = Field(default=None, description="Business / IT alignment.")
    markets: list[str] = Field(default_factory=list, description="Markets the client serves.")
    challenges: list[str] = Field(default_factory=list, description="Business challenges.")
    priorities: list[str] = Field(default_factory=list, description="Client priorities.")
    pain_points: list[str] = Field(default_factory=list, description="Needs assessment: pain points.")
    opportunities: list[str] = Field(default_factory=list, description="Needs assessment: opportunities.")
    competitors: list[str] = Field(default_factory=list, description="The client's competitors.")
    analyst_reports: list[AnalystReport] = Field(default_factory=list, description="Analyst reports about the client.")


class Criterion(PlanModel):
    """One weighted key-account selection criterion."""

    name: str = Field(min_length=1, description="Criterion name.")
    weight: Real = Field(ge=0, le=100, description="Weight; the weights sum to 100.")
    score: Whole = Field(ge=1, le=5, description="Score on the 1-5 scale.")


class Selection(PlanModel):
    """Internal: key-account selection, 3 to 8 weighted criteria. Never rendered for the client."""

    criteria: list[Criterion] = Field(default_factory=list, description="3 to 8 criteria.")

    def total_weight(self) -> Decimal:
        """The weights added up exactly (they should make 100; ASP503 says when not)."""
        return sum((Decimal(str(c.weight)) for c in self.criteria), Decimal(0))

    def score(self) -> Decimal | None:
        """Spec §3: sum(weight x score) / sum(weight), on the 1-5 scale, two decimals."""
        total = self.total_weight()
        if not total:
            return None
        weighted = sum((Decimal(str(c.weight)) * c.score for c in self.criteria), Decimal(0))
        return (weighted / total).quantize(Decimal("0.01"))
