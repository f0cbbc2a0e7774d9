"""## What it does
Warns when a plan's timed SLAs read event times written without an offset
(`2026-10-01T09:00`, not `...+02:00` or `...Z`) and the plan does not say its
`account.timezone`: those times are then read as UTC.

## Why is this bad?
An export in local time read as UTC moves every ticket by the zone's offset: by one
or two hours in Madrid, enough to move tickets in or out of working hours, into the
previous day or month, and to turn met tickets into breached ones. Calendars with
their own `timezone` do not help: they say when the office is open, not how the
export writes its times.

## Example
```yaml
account: {id: acme, name: ACME, tier: high, manager: maria.lopez}
calendars:
  laboral: {timezone: Europe/Madrid, hours: {mon-fri: "09:00-18:00"}}
```

## Use instead
```yaml
account: {id: acme, name: ACME, tier: high, manager: maria.lopez, timezone: Europe/Madrid}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext, event_data_hits

CODE = "ASP408"
NAME = "naive-event-times"
SEVERITY = Severity.WARNING
SUMMARY = "event times without an offset, read as UTC because `account.timezone` is not set"


def check(ctx: PlanContext) -> Iterator[Hit]:
    return event_data_hits(ctx, CODE)
