"""## What it does
Reports a required field that is missing: `account` and its `id`, `name`, `tier` and
`manager`; a person's `id`, `name` and `side`; the `id` and `title` of objectives,
actions and change requests; `reviews.every`; and so on (see `asplan schema`).

## Why is this bad?
Without them the plan cannot be referenced, dated or rendered. The finding points at
the key of the object that lacks the field.

## Example
```yaml
people:
  - id: ana.ruiz
    side: provider
```

## Use instead
```yaml
people:
  - id: ana.ruiz
    name: Ana Ruiz
    side: provider
```
"""

from asplan.findings import Severity
from asplan.rules.base import Scope

CODE = "ASP101"
NAME = "missing-field"
SEVERITY = Severity.ERROR
SUMMARY = "required field missing"
SCOPE = Scope.SCHEMA
