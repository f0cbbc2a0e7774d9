"""## What it does
Reports a file named on the command line that is not a plan (its top-level mapping
has no `asplan` key), or a plan whose format version is newer than this asplan.

## Why is this bad?
A file you asked to check would otherwise pass unchecked. In folders, YAML files
without the `asplan` key are skipped silently instead.

## Example
```yaml
account: {id: acme, name: ACME, tier: high, manager: ana}
```

## Use instead
```yaml
asplan: 1
account: {id: acme, name: ACME, tier: high, manager: ana}
```
"""

from asplan.findings import Severity
from asplan.rules.base import Scope

CODE = "ASP003"
NAME = "not-a-plan"
SEVERITY = Severity.ERROR
SUMMARY = "not a plan (no `asplan` key) when named explicitly, or unsupported format version"
SCOPE = Scope.LOAD
