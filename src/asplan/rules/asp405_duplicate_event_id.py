"""## What it does
Warns when rows of a timed SLA's event files repeat an event id: within one file, or
across the files of `events` (the same export listed twice, or two exports that
overlap). The first row of an id is the event; the later rows are left out, and the
warning says how many and where the first repeat is.

## Why is this bad?
A ticket counted twice is a breach counted twice: with a credit per breached event,
an export listed twice doubles the credit, and a share-of-events `objective` moves
too. Leaving the repeats out keeps the figures right; saying so lets you fix the
export.

## Example
```yaml
events:
  - data/acme/tickets-2026.csv
  - data/acme/tickets-2026.csv     # listed twice
```

## Use instead
```yaml
events:
  - data/acme/tickets-2026.csv
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext, event_data_hits

CODE = "ASP405"
NAME = "duplicate-event-id"
SEVERITY = Severity.WARNING
SUMMARY = "event id repeated in an SLA's event files, in one file or across them (the first row is kept)"


def check(ctx: PlanContext) -> Iterator[Hit]:
    return event_data_hits(ctx, CODE)
