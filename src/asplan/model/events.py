"""Event sources: where a plan's ticket exports are, and how to read them (spec §7.2).

An ``events:`` entry is a path (the plain asplan format: ISO timestamps, the column
names the SLAs use) or a mapping that says how a helpdesk wrote its export: a
``preset`` for the tools whose exports asplan knows, a ``columns`` map from the event
fields the SLAs name (``created``, ``priority``) to the export's headers, the
``time_format`` and ``timezone`` of its timestamps, its ``delimiter``, and a
``status_log`` whose status changes become pauses.

Only the shape lives here; :mod:`asplan.sla.sources` turns an entry into what the
reader needs (presets applied, paths confined, time zones resolved).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, Discriminator, Field, Tag, field_validator

from asplan.model.base import PlanModel
from asplan.model.scalars import TimeZoneName

STATUS_LOG_FIELDS = ("id", "at", "status")
"""What a status log's ``columns`` may map: the event id, when the status changed, and the new status."""

DELIMITERS = (",", ";", "\t", "tab", "|")
"""Field separators an export may use; ``tab`` is a readable name for ``"\\t"``."""

Delimiter = Literal[",", ";", "\t", "tab", "|"]


class Preset(StrEnum):
    """Helpdesk exports asplan knows: headers, time format and waiting statuses (README, "Presets")."""

    jira = "jira"
    zendesk = "zendesk"
    freshdesk = "freshdesk"
    servicenow = "servicenow"


def check_time_format(value: str | None) -> str | None:
    """A ``strptime`` format that can read back what it writes, with a date and a time in it.

    ``%Y-%m-%d`` alone would read every ticket as created at midnight, and a typo such
    as ``%Q`` only fails when the first row is read; both are refused where written.
    """
    if value is None:
        return None
    if "%" not in value:
        raise ValueError(f"time_format {value!r} has no strptime codes (like %Y-%m-%d %H:%M)")
    sample = datetime(2026, 11, 23, 15, 4, 5, tzinfo=UTC)
    try:
        written = sample.strftime(value)
        read = datetime.strptime(written, value)
    except ValueError as exc:
        raise ValueError(f"time_format {value!r} is not a strptime format: {exc}") from None
    if (read.year, read.month, read.day) != (2026, 11, 23):
        raise ValueError(f"time_format {value!r} does not give the full date (day, month and year, e.g. %d/%m/%Y)")
    if (read.hour, read.minute) != (15, 4):
        raise ValueError(f"time_format {value!r} does not give the time of day (e.g. %H:%M, or %I:%M %p)")
    return value


TimeFormat = Annotated[str, AfterValidator(check_time_format)]
"""A ``time_format`` as the plan writes it: checked where written (event files and status logs alike)."""


def _check_columns(value: dict[str, str]) -> dict[str, str]:
    for field, header in value.items():
        if not isinstance(header, str) or not header.strip():
            raise ValueError(f"columns: {field!r} must name a header of the export, not {header!r}")
    return value


class StatusLog(PlanModel):
    """Status changes, one row each, from which pauses are derived: the clock stops in a ``pause_on`` status."""

    file: str = Field(min_length=1, description="CSV file of status changes, relative to the plan file.")
    columns: dict[str, str] = Field(
        default_factory=dict,
        description="Maps `id`, `at` and `status` to the log's headers (a preset sets them).",
        examples=[{"id": "Issue key", "at": "Changed", "status": "To status"}],
    )
    time_format: TimeFormat | None = Field(
        default=None, description="strptime format of `at`; default: the event file's.", examples=["%Y-%m-%d %H:%M"]
    )
    pause_on: list[str] = Field(
        default_factory=list,
        description="Statuses in which the clock stops (a preset sets its tool's waiting statuses).",
        examples=[["Waiting for customer", "Pending"]],
    )

    @field_validator("columns")
    @classmethod
    def _known_fields(cls, value: dict[str, str]) -> dict[str, str]:
        for key in value:
            if key not in STATUS_LOG_FIELDS:
                raise ValueError(f"status_log columns: unknown field {key!r} (use {', '.join(STATUS_LOG_FIELDS)})")
        return _check_columns(value)

    @field_validator("pause_on", mode="before")
    @classmethod
    def _stringify(cls, value: object) -> object:
        return [str(v) for v in value] if isinstance(value, list) else value


class EventSource(PlanModel):
    """An event export and how to read it."""

    file: str = Field(min_length=1, description="CSV file of events, relative to the plan file.")
    preset: Preset | None = Field(
        default=None, description="The helpdesk that wrote the export: its headers, time format and waiting statuses."
    )
    columns: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Maps an event field (the name `where`, `start` and `stop` use) to the export's header;"
            " unmapped headers keep their own names."
        ),
        examples=[{"id": "Issue key", "created": "Created", "resolved": "Resolved", "priority": "Priority"}],
    )
    time_format: TimeFormat | None = Field(
        default=None,
        description="strptime format of the timestamps; default ISO 8601 (a preset sets its tool's).",
        examples=["%d/%b/%y %I:%M %p"],
    )
    timezone: TimeZoneName | None = Field(
        default=None, description="Time zone of timestamps without an offset; default account.timezone."
    )
    delimiter: Delimiter | None = Field(
        default=None, description="Field separator; default: sniffed among comma, semicolon and tab."
    )
    status_log: StatusLog | None = Field(
        default=None, description="Status changes from which pauses are derived (waiting on the client)."
    )

    @field_validator("columns")
    @classmethod
    def _headers(cls, value: dict[str, str]) -> dict[str, str]:
        return _check_columns(value)


def _entry_kind(value: object) -> str:
    return "Source" if isinstance(value, dict | EventSource) else "Path"


EventEntry = Annotated[
    Annotated[str, Tag("Path")] | Annotated[EventSource, Tag("Source")],
    Discriminator(_entry_kind),
]
"""One item of ``events``: a plain path, or a source with its reading instructions.

The discriminator picks the branch by the YAML value's shape, so a mapping with a
wrong field is reported on that field, never as "should be a valid string" too.
(Tags are capitalised: the validator skips such names when it turns an error's
location into a data path.)
"""
