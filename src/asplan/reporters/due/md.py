"""``asplan due --format md``: GitHub-flavoured Markdown for an issue, a CI comment or an e-mail.

With ``--group-by owner`` a ``##`` section per owner and ``###`` per status, a table
each; without, one table with an owner column. Plan text is escaped
(:func:`asplan.digest.md_text`): a title never becomes a link or a heading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from asplan.agenda import DueItem, Status
from asplan.digest import by_owner, item_text, md_text
from asplan.reporters.due.text import HEADINGS, nothing, summary, when

if TYPE_CHECKING:
    from asplan.due import DueReport


def render(report: DueReport, color: bool = False) -> str:
    from asplan.due import GroupBy

    return to_markdown(
        report.items, report.names, report.today, report.within_days, group_by_owner=report.group_by is GroupBy.owner
    )


def markdown_table(items: Sequence[DueItem], *, owner_column: bool) -> list[str]:
    headers = ["Date", "When", "Plan", "Item"] + (["Owner"] if owner_column else [])
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for item in items:
        cells = [
            item.date.isoformat(),
            when(item.days),
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
        out.append(nothing(day, within_days))
        return "\n".join(out) + "\n"
    if not group_by_owner:
        out += markdown_table(items, owner_column=True)
        overdue = sum(1 for i in items if i.status is Status.overdue)
        soon = sum(1 for i in items if i.status is Status.due_soon)
        out += ["", f"{len(items)} items: {overdue} overdue, {soon} due soon (showing {within_days} days ahead)."]
        return "\n".join(out) + "\n"
    sections = by_owner(items, names)
    out += [summary(items, sections, day, within_days), ""]
    for section in sections:
        out += [f"## {md_text(section.label)}", ""]
        for status, group in section.groups:
            out += [f"### {HEADINGS[status]} ({len(group)})", ""]
            out += markdown_table(group, owner_column=False)
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
