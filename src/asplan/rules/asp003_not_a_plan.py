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

# The checks run while a plan is read, before any rule: asplan.model.plan_format holds
# them (is_plan_data, not_a_plan, newer_version) with the code and severity registered here.
from asplan.model.plan_format import CODE as CODE
from asplan.model.plan_format import SEVERITY as SEVERITY
from asplan.rules.base import Scope

NAME = "not-a-plan"
SUMMARY = "not a plan (no `asplan` key) when named explicitly, or unsupported format version"
SCOPE = Scope.LOAD
