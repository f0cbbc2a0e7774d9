"""What every section builder shares: the audience, the words, and the small value views.

:class:`ViewContext` answers the questions each section asks again and again (a
person's name from an id, a date or a duration in the document's language, a dated
item's badge), so that a section builder only says what its section shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from asplan.model.plan import Plan
from asplan.model.scalars import Duration
from asplan.render.i18n import Locale
from asplan.render.sources import DueItem

Audience = Literal["client", "internal"]
AUDIENCES: tuple[Audience, ...] = ("client", "internal")


@dataclass(frozen=True)
class Badge:
    """A dated item's state for the reader: ``overdue``, ``due_soon``, ``upcoming``, ``done``..."""

    state: str
    label: str
    detail: str = ""


@dataclass(frozen=True)
class Row:
    """A generic labelled value (fact sheets)."""

    label: str
    value: str


DueIndex = dict[tuple[str, str], DueItem]
"""Dated items by (kind, id), as the sections look them up."""


class ViewContext:
    """One plan, one day, one audience, one language: what the section builders share."""

    def __init__(self, plan: Plan, today: date, audience: Audience, t: Locale, warn_days: int) -> None:
        self.plan = plan
        self.today = today
        self.audience = audience
        self.internal = audience == "internal"
        self.t = t
        self.warn_days = warn_days
        self.people = {p.id: p for p in plan.people}

    def name(self, person_id: str | None) -> str:
        if not person_id:
            return ""
        person = self.people.get(person_id)
        return person.name if person else person_id

    def date(self, value: date | None) -> str:
        return self.t.date(value) if value else ""

    def duration(self, value: Duration | None) -> str:
        return self.t.duration(value.minutes, str(value)) if value is not None else ""

    def badge(self, item: DueItem | None) -> Badge:
        """The item's state in words that agree with the item ("vencida" action, "vencido" milestone)."""
        if item is None:
            return Badge("none", "")
        t = self.t
        if item.status == "overdue":
            detail = t.n("due.days_late", -item.days)
        elif item.days == 0:
            detail = t("due.today")
        else:
            detail = t.n("due.in_days", item.days)
        return Badge(item.status, t(f"due.{item.status}.{item.kind.value}"), detail)
