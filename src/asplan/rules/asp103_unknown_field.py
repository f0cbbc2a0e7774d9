"""## What it does
Reports a key the plan format does not define, with the closest known key as a hint.

## Why is this bad?
A typo such as `dew:` for `due:` would otherwise be ignored, and the action would
never be reported as overdue. Keys starting with `x-` are yours: kept and ignored.

## Example
```yaml
actions:
  - {id: ACT-1, title: Migrate, dew: 2026-10-15}
```

## Use instead
```yaml
actions:
  - {id: ACT-1, title: Migrate, due: 2026-10-15, x-jira: OPS-118}
```
"""

from asplan.findings import Severity
from asplan.rules.base import Scope

CODE = "ASP103"
NAME = "unknown-field"
SEVERITY = Severity.ERROR
SUMMARY = 'unknown field (with "did you mean")'
SCOPE = Scope.SCHEMA
