"""``asplan due --format ics``: the agenda as an iCalendar file of all-day events.

Deterministic for given items and today (no clock): a calendar subscribed to the
export sees an item move, not a new event, because its UID comes from account, kind
and id, never the date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from asplan.agenda import DueItem, Status

if TYPE_CHECKING:
    from asplan.due import DueReport


def render(report: DueReport, color: bool = False) -> str:
    from asplan import __version__

    return to_ics(report.items, report.today, __version__)


def event_uid(item: DueItem) -> str:
    """Stable across runs and days: account, kind and id, never the date."""
    digest = hashlib.sha256(f"{item.account}\x00{item.kind.value}\x00{item.id}".encode()).hexdigest()
    return f"{digest[:32]}@asplan"


_STATUS_WORDS = {Status.overdue: "OVERDUE", Status.due_soon: "due soon", Status.upcoming: "upcoming"}


def to_ics(items: Sequence[DueItem], today: date, version: str) -> str:
    """An iCalendar file of all-day events, deterministic for given items and today.

    DTSTAMP and SEQUENCE come from ``today`` (not the clock), so two runs on one day
    are identical and a later export supersedes an earlier one in calendar clients.
    """
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//asplan//asplan {version}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "asplan agenda")
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    sequence = (today - date(2000, 1, 1)).days
    used: set[str] = set()
    for item in items:
        uid = event_uid(item)
        if uid in used:  # duplicate ids in one plan (ASP203) must still give distinct events
            number = 2
            while f"{uid[:-7]}-{number}@asplan" in used:
                number += 1
            uid = f"{uid[:-7]}-{number}@asplan"
        used.add(uid)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("sequence", max(sequence, 0))
        event.add("dtstart", item.date)
        if item.date < date.max:
            event.add("dtend", item.date + timedelta(days=1))
        event.add("summary", f"[{item.account}] {item.title}")
        # "review: OVERDUE", not "review review: OVERDUE": a review's id is its kind.
        label = item.kind.value if item.id == item.kind.value else f"{item.kind.value} {item.id}"
        lines = [f"{label}: {_STATUS_WORDS[item.status]}"]
        if item.owner:
            lines.append(f"owner: {item.owner}")
        event.add("description", "\n".join(lines))
        event.add("categories", [item.kind.value])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))
