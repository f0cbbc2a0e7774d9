"""What four helpdesks write in their CSV exports: headers, time formats, waiting statuses.

A preset maps asplan's event fields (the names a plan's SLAs use in ``start``,
``stop`` and ``where``) to the headers of one tool's export, and says how that tool
writes its timestamps and which of its statuses mean "waiting on the client". A
plan's own ``columns``, ``time_format`` and ``pause_on`` win over the preset's, so a
customised export needs only the differences.

The fields are the same for every tool, so one SLA definition reads any of them:
``id``, ``created``, ``resolved``, ``priority``, ``status`` and ``type``, plus what the
tool has beyond those (``first_response``, ``closed``, ``solved``).

What each mapping rests on (the documentation page it was checked against, or that
it could not be) is in the README, "Presets"; the sample exports in
``examples/data/`` follow these definitions and ``tests/test_presets.py`` times them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from asplan.model.events import Preset


@dataclass(frozen=True)
class PresetSpec:
    """One tool's export: field -> header, its timestamp format, and its status log's shape."""

    name: str
    columns: MappingProxyType[str, str]
    time_format: str
    pause_on: tuple[str, ...]
    status_log_columns: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    status_log_time_format: str | None = None
    repeats_headers: bool = False  # the export repeats some headers (Jira: Labels, Comment)


def _map(**columns: str) -> MappingProxyType[str, str]:
    return MappingProxyType(columns)


PRESETS: Final[dict[Preset, PresetSpec]] = {
    # Jira Service Management: Filters > Export > "Export CSV (all fields)". Dates in the
    # exporting user's "complete date/time" format (default dd/MMM/yy h:mm a), in their zone.
    Preset.jira: PresetSpec(
        name="Jira Service Management",
        columns=_map(
            id="Issue key",
            created="Created",
            resolved="Resolved",
            updated="Updated",
            priority="Priority",
            status="Status",
            type="Issue Type",
            request_type="Custom field (Customer Request Type)",
        ),
        time_format="%d/%b/%y %I:%M %p",
        pause_on=("Waiting for customer", "Pending"),
        status_log_columns=_map(id="Issue key", at="Changed", status="To status"),
        repeats_headers=True,
    ),
    # Zendesk Support: Admin Center > Account > Tools > Reports > Export > CSV. "All date
    # and time values are converted to the account's default time zone."
    Preset.zendesk: PresetSpec(
        name="Zendesk Support",
        columns=_map(
            id="Id",
            created="Created at",
            solved="Solved at",
            resolved="Solved at",
            updated="Updated at",
            assigned="Initially assigned at",
            due="Due date",
            priority="Priority",
            status="Status",
            type="Ticket type",
            group="Group",
        ),
        time_format="%Y-%m-%d %H:%M:%S",
        pause_on=("Pending", "On-hold", "Hold"),
        status_log_columns=_map(id="Ticket ID", at="Update - Timestamp", status="Changes - New value"),
    ),
    # Freshdesk: Tickets > Export (CSV), fields chosen in the export dialog.
    Preset.freshdesk: PresetSpec(
        name="Freshdesk",
        columns=_map(
            id="Ticket ID",
            created="Created time",
            first_response="Initial response time",
            resolved="Resolved time",
            closed="Closed time",
            due="Due by Time",
            priority="Priority",
            status="Status",
            type="Type",
            group="Group",
        ),
        time_format="%Y-%m-%d %H:%M:%S",
        pause_on=("Pending", "Waiting on Customer", "Waiting on Third Party"),
        status_log_columns=_map(id="Ticket ID", at="Time", status="Status"),
    ),
    # ServiceNow: an incident list, right-click a column header > Export > CSV. Headers are
    # field names; choice values are exported as their labels ("1 - Critical", "On Hold").
    Preset.servicenow: PresetSpec(
        name="ServiceNow",
        columns=_map(
            id="number",
            created="opened_at",
            resolved="resolved_at",
            closed="closed_at",
            priority="priority",
            status="state",
            type="category",
            group="assignment_group",
        ),
        time_format="%Y-%m-%d %H:%M:%S",
        pause_on=("On Hold",),
        status_log_columns=_map(id="inc_number", at="mi_start", status="mi_value"),
    ),
}
