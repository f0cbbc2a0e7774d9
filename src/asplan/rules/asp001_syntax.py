"""## What it does
Reports a file that is not valid YAML, or not UTF-8 text.

## Why is this bad?
Nothing else in the file can be checked until it parses. The finding points at the
line and column where the parser gave up.

## Example
```yaml
account:
  name: "ACME
```

## Use instead
```yaml
account:
  name: "ACME"
```
Indent with spaces (YAML forbids tabs) and save the file as UTF-8.
"""

from asplan.findings import Severity
from asplan.rules.base import Scope

CODE = "ASP001"
NAME = "yaml-syntax"
SEVERITY = Severity.ERROR
SUMMARY = "YAML syntax error, or not UTF-8"
SCOPE = Scope.LOAD
