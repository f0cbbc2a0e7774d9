"""The weekly digest (spec §7.5): ``asplan due --group-by owner``, one section per owner.

A plan stays alive when each person is told what they owe, not when a portfolio
agenda exists somewhere. So the agenda is regrouped per owner: in each section the
overdue items come first, then those due soon, then the rest, each with its plan,
item and date, for a terminal (text), a program (JSON), or a CI comment, an issue
or an e-mail (Markdown). Items nobody owns come last, under "no owner".

Here is the grouping (pure: items in, sections out); the three forms are reporters,
:mod:`asplan.reporters.due.text`, ``.json`` and ``.md``. :func:`md_text` stays here:
``asplan diff`` escapes plan text for Markdown the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from asplan.agenda import DueItem, Status

__all__ = ["STATUS_ORDER", "OwnerSection", "by_owner", "item_text", "md_text"]

STATUS_ORDER: tuple[Status, ...] = (Status.overdue, Status.due_soon, Status.upcoming)
NO_OWNER = "no owner"


@dataclass(frozen=True)
class OwnerSection:
    """One owner's items, grouped by status (overdue, due soon, upcoming), each soonest first."""

    owner: str | None
    name: str | None
    groups: tuple[tuple[Status, tuple[DueItem, ...]], ...]

    @property
    def label(self) -> str:
        if self.owner is None:
            return NO_OWNER
        return f"{self.name} ({self.owner})" if self.name and self.name != self.owner else self.owner

    def count(self, status: Status) -> int:
        return sum(len(items) for s, items in self.groups if s is status)


def by_owner(items: Sequence[DueItem], names: Mapping[str, str] | None = None) -> list[OwnerSection]:
    """Sections in owner id order, "no owner" last; in each, overdue, then due soon, then upcoming."""
    names = names or {}
    owners: dict[str | None, list[DueItem]] = {}
    for item in items:
        owners.setdefault(item.owner, []).append(item)
    sections = []
    for owner in sorted(owners, key=lambda o: (o is None, o or "")):
        own = owners[owner]
        groups = tuple(
            (status, tuple(sorted((i for i in own if i.status is status), key=_soonest)))
            for status in STATUS_ORDER
            if any(i.status is status for i in own)
        )
        sections.append(OwnerSection(owner, names.get(owner) if owner else None, groups))
    return sections


def _soonest(item: DueItem) -> tuple[date, str, str, str]:
    return (item.date, item.account, item.kind.value, item.id)


def item_text(item: DueItem) -> str:
    """``ACT-6  Cerrar con Compras ...``, or just the title when the id adds nothing."""
    return item.title if item.id in (item.title, "review", "continuity") else f"{item.id}  {item.title}"


_MD_SPECIAL = set("\\`*_[]<>|~&#!")


def md_text(text: str) -> str:
    """Plan text as literal Markdown: special characters escaped, on one line (a table cell)."""
    flat = " ".join(text.split())
    return "".join(f"\\{char}" if char in _MD_SPECIAL else char for char in flat if char.isprintable())
