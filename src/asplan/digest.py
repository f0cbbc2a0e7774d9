"""The weekly digest (spec §7.5): ``asplan due --group-by owner``, one section per owner.

A plan stays alive when each person is told what they owe, not when a portfolio
agenda exists somewhere. So the agenda is regrouped per owner: in each section the
overdue items come first, then those due soon, then the rest, each with its plan,
item and date, for a terminal (text), a program (JSON), or a CI comment, an issue
or an e-mail (Markdown). Items nobody owns come last, under "no owner".

Pure: items and today in, text out; nothing reads the clock or the files.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from asplan.agenda import DueItem, Status
from asplan.printable import one_line, printable

__all__ = ["OwnerSection", "by_owner", "markdown_table", "to_json", "to_markdown", "to_text"]

STATUS_ORDER: tuple[Status, ...] = (Status.overdue, Status.due_soon, Status.upcoming)
_HEADINGS = {Status.overdue: "Overdue", Status.due_soon: "Due soon", Status.upcoming: "Upcoming"}
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


def _when(days: int) -> str:
    if days == 0:
        return "today"
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} ago"
    return f"in {days} day{'s' if days != 1 else ''}"


def item_text(item: DueItem) -> str:
    """``ACT-6  Cerrar con Compras ...``, or just the title when the id adds nothing."""
    return item.title if item.id in (item.title, "review", "continuity") else f"{item.id}  {item.title}"


def _summary(items: Sequence[DueItem], sections: Sequence[OwnerSection], day: date, within_days: int) -> str:
    overdue = sum(1 for i in items if i.status is Status.overdue)
    soon = sum(1 for i in items if i.status is Status.due_soon)
    people = len(sections)
    return (
        f"{len(items)} item{'s' if len(items) != 1 else ''} for {people} owner{'s' if people != 1 else ''}: "
        f"{overdue} overdue, {soon} due soon (today is {day.isoformat()}, showing {within_days} days ahead)."
    )


def _nothing(day: date, within_days: int) -> str:
    return f"Nothing due by {day.isoformat()} + {within_days} days, and nothing overdue."


# ------------------------------------------------------------------------------ text


def to_text(items: Sequence[DueItem], names: Mapping[str, str], day: date, within_days: int) -> str:
    """A heading per owner, then one aligned line per item under overdue / due soon / upcoming."""
    if not items:
        return _nothing(day, within_days) + "\n"
    sections = by_owner(items, names)
    rows = [
        (item.date.isoformat(), _when(item.days), item.account, item.kind.value, item_text(item))
        for section in sections
        for _, group in section.groups
        for item in group
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    out: list[str] = []
    for section in sections:
        counts = ", ".join(
            f"{section.count(status)} {_HEADINGS[status].lower()}" for status, _ in section.groups
        )
        out.append(f"{section.label}: {counts}")
        for status, group in section.groups:
            out.append(f"  {_HEADINGS[status].lower()}")
            for item in group:
                cells = (item.date.isoformat(), _when(item.days), item.account, item.kind.value)
                line = "    " + "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
                out.append(f"{line}  {one_line(item_text(item))}".rstrip())
        out.append("")
    out.append(_summary(items, sections, day, within_days))
    return printable("\n".join(out) + "\n")  # plan titles never send a control character


# ------------------------------------------------------------------------------ JSON


def to_json(
    items: Sequence[DueItem], names: Mapping[str, str], plans: Mapping[str, str], day: date, within_days: int
) -> str:
    """``{"today", "within", "owners": [{"owner", "name", "overdue": [...], "due_soon": [...], "upcoming": [...]}]}``.

    Items are ``asplan due --format json`` items with the ``plan`` file they come from.
    """
    owners: list[dict[str, Any]] = []
    for section in by_owner(items, names):
        entry: dict[str, Any] = {"owner": section.owner, "name": section.name}
        for status in STATUS_ORDER:
            group = next((g for s, g in section.groups if s is status), ())
            entry[status.value] = [{**item.to_json(), "plan": plans.get(item.account)} for item in group]
        owners.append(entry)
    document = {"today": day.isoformat(), "within": within_days, "owners": owners}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# -------------------------------------------------------------------------- Markdown

_MD_SPECIAL = set("\\`*_[]<>|~&#!")


def md_text(text: str) -> str:
    """Plan text as literal Markdown: special characters escaped, on one line (a table cell)."""
    flat = " ".join(text.split())
    return "".join(f"\\{char}" if char in _MD_SPECIAL else char for char in flat if char.isprintable())


def markdown_table(items: Sequence[DueItem], *, owner_column: bool) -> list[str]:
    headers = ["Date", "When", "Plan", "Item"] + (["Owner"] if owner_column else [])
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for item in items:
        cells = [
            item.date.isoformat(),
            _when(item.days),
            f"`{item.account}`",
            f"{item.kind.value.replace('_', ' ')}: {md_text(item_text(item))}",
        ]
        if owner_column:
            cells.append(md_text(item.owner or ""))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def to_markdown(
    items: Sequence[DueItem],
    names: Mapping[str, str],
    day: date,
    within_days: int,
    *,
    group_by_owner: bool = True,
) -> str:
    """GitHub-flavoured Markdown: a ``##`` section per owner, ``###`` per status, a table each."""
    out = [f"# Due as of {day.isoformat()}", ""]
    if not items:
        out.append(_nothing(day, within_days))
        return "\n".join(out) + "\n"
    if not group_by_owner:
        out += markdown_table(items, owner_column=True)
        overdue = sum(1 for i in items if i.status is Status.overdue)
        soon = sum(1 for i in items if i.status is Status.due_soon)
        out += ["", f"{len(items)} items: {overdue} overdue, {soon} due soon (showing {within_days} days ahead)."]
        return "\n".join(out) + "\n"
    sections = by_owner(items, names)
    out += [_summary(items, sections, day, within_days), ""]
    for section in sections:
        out += [f"## {md_text(section.label)}", ""]
        for status, group in section.groups:
            out += [f"### {_HEADINGS[status]} ({len(group)})", ""]
            out += markdown_table(group, owner_column=False)
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
