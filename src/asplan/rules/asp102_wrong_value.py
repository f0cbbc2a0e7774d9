"""## What it does
Reports a value of the wrong type or form, with the form expected: a date that is not
`YYYY-MM-DD`, a duration that is not `30m`/`4h`/`2d`/`1w`/ISO 8601, a target without
an operator, a tier outside `strategic | high | medium | low`, an invalid id...

## Why is this bad?
A value asplan cannot read is a date that is never checked or a credit that is never
computed. The rest of the object is still checked.

## Example
```yaml
actions:
  - {id: ACT-1, title: Migrate, due: 15/10/2026, status: ongoing}
```

## Use instead
```yaml
actions:
  - {id: ACT-1, title: Migrate, due: 2026-10-15, status: in_progress}
```
"""

from asplan.findings import Severity
from asplan.rules.base import Scope

CODE = "ASP102"
NAME = "wrong-value"
SEVERITY = Severity.ERROR
SUMMARY = "wrong type or value (with the expected form)"
SCOPE = Scope.SCHEMA
