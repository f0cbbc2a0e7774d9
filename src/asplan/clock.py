"""What "today" is: ``--today``, else ``ASPLAN_TODAY``, else the system date.

Every date computation takes ``today`` as an argument, so output is determined by
the files and this one value; tests never depend on the real date or time zone.
"""

from __future__ import annotations

import os
import re
from datetime import date

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class TodayError(ValueError):
    """A malformed ``--today`` / ``ASPLAN_TODAY``: one line, exit 2."""


def parse_day(text: str, source: str) -> date:
    if not _DATE_RE.match(text.strip()):
        raise TodayError(f"{source}: expected a date YYYY-MM-DD, got {text!r}")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise TodayError(f"{source}: {text!r} is not a calendar date") from None


EARLIEST_TODAY = date(1970, 1, 1)
LATEST_TODAY = date(9998, 12, 31)
"""The days a command can be run "at": a period, a deadline or an event of any later day would
fall past the last date Python knows, and nothing before 1970 is a ticket or a plan."""


def resolve_today(option: str | None) -> date:
    if option:
        return _supported(parse_day(option, "--today"), "--today", option)
    env = os.environ.get("ASPLAN_TODAY")
    if env:
        return _supported(parse_day(env, "ASPLAN_TODAY"), "ASPLAN_TODAY", env)
    return date.today()


def _supported(day: date, source: str, text: str) -> date:
    if not EARLIEST_TODAY <= day <= LATEST_TODAY:
        raise TodayError(
            f"{source}: {text.strip()} is outside the supported dates"
            f" ({EARLIEST_TODAY.isoformat()} to {LATEST_TODAY.isoformat()})"
        )
    return day
