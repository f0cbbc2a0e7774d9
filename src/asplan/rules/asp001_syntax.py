"""## What it does
Reports a file that is not valid YAML, or not UTF-8 text.

## Why is this bad?
Nothing else in the file can be checked until it parses. The finding points at the
cause, not only where the parser gave up: the quote that is never closed, the value
that needs quotes (`target: >= 99.9%`, `url: https://...` inside `{...}`, a value
holding `: `), the line whose indent is off. It says how to fix it, and keeps the
parser's own words at the end as a detail.

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
Indent with spaces (YAML forbids tabs) and save the file as UTF-8. Quote values
that start with `>`, `|`, `@`, `` ` ``, `%`, `*`, `&` or `!`, or contain `: ` or ` #`.
"""

from asplan.findings import Severity
from asplan.rules.base import Scope

CODE = "ASP001"
NAME = "yaml-syntax"
SEVERITY = Severity.ERROR
SUMMARY = "YAML syntax error, or not UTF-8"
SCOPE = Scope.LOAD
