"""Time primitives shared by the agenda, the rules and the SLA engine.

Durations and cadences are plan scalars (``asplan.model.scalars``: ``Duration``,
``Cadence.add`` with month-end clamping); this package adds what needs a calendar:
working-time calendars (weekly hours, explicit and public holidays, time zones) and
rolling a date forward to the next working day. Nothing here reads the system clock:
"today" is always an argument (``asplan.clock`` resolves it at the edge).

Importing the package is cheap: the ``holidays`` package is only imported when a
calendar that names public holidays is actually asked about a day.
"""

from __future__ import annotations

from asplan.timecalc.calendars import (
    WorkCalendar,
    build_calendars,
    builtin_24x7,
    public_holiday_problem,
    resolve_zone,
)

__all__ = ["WorkCalendar", "build_calendars", "builtin_24x7", "public_holiday_problem", "resolve_zone"]
