"""The digest's sections as data (spec §7.5): who comes first, what is escaped in Markdown.

The command's tests (`asplan due --group-by owner`) are in tests/cli/test_digest.py.
"""

from __future__ import annotations

from datetime import date

from asplan.agenda import DueItem, Kind, Status
from asplan.digest import by_owner, md_text
from asplan.reporters.due.md import to_markdown


def item(owner: str | None, day: int, status: Status, title: str = "Thing") -> DueItem:
    when = date(2026, 11, day)
    return DueItem("acme", Kind.action, f"A{day}", title, when, status, day - 23, owner, ("actions", 0, "due"))


def test_grouping_order_overdue_then_soon_then_upcoming_and_no_owner_last() -> None:
    items = [
        item(None, 1, Status.overdue),
        item("zoe", 28, Status.upcoming),
        item("zoe", 25, Status.due_soon),
        item("zoe", 20, Status.overdue),
        item("zoe", 10, Status.overdue),
        item("al", 24, Status.due_soon),
    ]
    sections = by_owner(items, {"zoe": "Zoë Z", "al": "al"})
    assert [(s.owner, s.label) for s in sections] == [("al", "al"), ("zoe", "Zoë Z (zoe)"), (None, "no owner")]
    assert [(status.value, [i.id for i in group]) for status, group in sections[1].groups] == [
        ("overdue", ["A10", "A20"]),
        ("due_soon", ["A25"]),
        ("upcoming", ["A28"]),
    ]


def test_markdown_escapes_plan_text() -> None:
    assert md_text("a|b *c* [x](y) <b>\n`z` #1 & _u_") == r"a\|b \*c\* \[x\](y) \<b\> \`z\` \#1 \& \_u\_"
    text = to_markdown([item("al", 24, Status.due_soon, "Pay | <script>")], {}, date(2026, 11, 23), 14)
    assert "| action: A24 Pay \\| \\<script\\> |" in text
