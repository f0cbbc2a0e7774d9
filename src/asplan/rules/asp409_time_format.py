"""## What it does
Warns when rows of a timed SLA's event export have a timestamp that is not in the
format the plan reads it with: ISO 8601 for a plain path, else the entry's
`time_format` (or its preset's). One finding per export: how many rows, which
columns, and the first such row; those rows are left out of every figure.

## Why is this bad?
An export read with the wrong format loses every row: the SLA then times no event
and is met every period. A Jira export (`11/May/24 3:26 PM`) listed as a plain path,
or a `time_format` with the day and month swapped, looks exactly like a perfect
month. A few bad rows among good ones are tickets missing from the figures.

## Example
```yaml
events:
  - file: data/acme/jira-export.csv          # Created: 11/May/24 3:26 PM
    columns: {id: Issue key, created: Created, resolved: Resolved}
```

## Use instead
```yaml
events:
  - file: data/acme/jira-export.csv
    preset: jira                             # or time_format: "%d/%b/%y %I:%M %p"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext, event_data_hits

CODE = "ASP409"
NAME = "time-format"
SEVERITY = Severity.WARNING
SUMMARY = "event timestamps that do not match the export's time format (rows left out)"


def check(ctx: PlanContext) -> Iterator[Hit]:
    return event_data_hits(ctx, CODE)
