"""## What it does
Warns when an event file has no `pauses` column but a column that looks like one:
`paused`, `Pauses`, `pause`, `on_hold`, `hold time`, `waiting`, `pausas`...

## Why is this bad?
Pauses (waiting on the client) are read only from a column named exactly `pauses`.
Under any other name they are ignored, so every paused ticket is timed as if the
clock never stopped, and breaches that are the client's wait become yours.

## Example
```text
id,created,priority,first_response,paused
T-1,2026-10-01T09:00,P2,2026-10-01T15:00,2026-10-01T10:00/2026-10-01T14:00
```

## Use instead
```text
id,created,priority,first_response,pauses
T-1,2026-10-01T09:00,P2,2026-10-01T15:00,2026-10-01T10:00/2026-10-01T14:00
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext, event_data_hits

CODE = "ASP407"
NAME = "pause-column"
SEVERITY = Severity.WARNING
SUMMARY = "event file with a look-alike of the `pauses` column, which is the only one read"


def check(ctx: PlanContext) -> Iterator[Hit]:
    return event_data_hits(ctx, CODE)
