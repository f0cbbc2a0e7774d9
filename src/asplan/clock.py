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


def resolve_today(option: str | None) -> date:
    if option:
        return parse_day(option, "--today")
    env = os.environ.get("ASPLAN_TODAY")
    if env:
        return parse_day(env, "ASPLAN_TODAY")
    return date.today()
