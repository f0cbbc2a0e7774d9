"""## What it does
Refuses input that could exhaust the machine or execute code: a file over
`max_file_bytes` (default 5 MB), nesting deeper than 64 levels, aliases expanding to
more than 10,000 values or to more than 1,000,000 characters ("billion laughs",
or one long anchored text repeated thousands of times), a tag outside the YAML core schema
(`!!python/object`, `!custom`), or a mapping key that is not a plain value.

## Why is this bad?
A plan is data. asplan never constructs anything from a tag and never expands an
alias bomb; it stops at the limit and says so.

## Example
```yaml
account: !!python/object:os.system "rm -rf /"
```

## Use instead
Plain YAML values: strings, numbers, booleans, lists and mappings.
"""

from asplan.findings import Severity
from asplan.rules.base import Scope

CODE = "ASP004"
NAME = "refused-input"
SEVERITY = Severity.ERROR
SUMMARY = "refused input: too large, too deep, alias bomb, or a tag outside the core schema"
SCOPE = Scope.LOAD
