"""## What it does
Reports a key that appears twice in the same mapping.

## Why is this bad?
Most YAML tools silently keep the last value, so one of the two is lost without a
word. asplan never picks one for you.

## Example
```yaml
account:
  tier: high
  tier: strategic
```

## Use instead
```yaml
account:
  tier: strategic
```
"""

from asplan.findings import Severity
from asplan.rules.base import Scope

CODE = "ASP002"
NAME = "duplicate-key"
SEVERITY = Severity.ERROR
SUMMARY = "duplicate key"
SCOPE = Scope.LOAD
