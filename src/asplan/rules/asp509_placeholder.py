"""## What it does
Warns about placeholder text left in a plan value: `TODO`, `TBD`, `FIXME` or `XXX`
as a word, in capitals. YAML comments are not plan text and are not checked.

## Why is this bad?
The rendered document goes to the client. "Owner: TBD" in front of the client is
worse than no owner at all.

## Example
```yaml
business:
  strategy: TODO ask Carlos
```

## Use instead
```yaml
business:
  strategy: Grow in Portugal through two regional hubs by 2027.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from asplan.findings import Severity
from asplan.loading import Path
from asplan.rules.base import Hit, PlanContext

CODE = "ASP509"
NAME = "placeholder-text"
SEVERITY = Severity.WARNING
SUMMARY = "placeholder text (`TODO`, `TBD`) left in the plan"

_PLACEHOLDER = re.compile(r"(?<![A-Za-z0-9])(TODO|TBD|FIXME|XXX)(?![A-Za-z0-9])")


def _walk(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    stack: list[tuple[Any, Path]] = [(value, path)]
    while stack:
        current, where = stack.pop()
        if isinstance(current, str):
            yield where, current
        elif isinstance(current, dict):
            for key, item in current.items():
                if isinstance(key, str) and key.startswith("x-"):
                    continue
                stack.append((item, (*where, key)))
        elif isinstance(current, list):
            for i, item in enumerate(current):
                stack.append((item, (*where, i)))


def check(ctx: PlanContext) -> Iterator[Hit]:
    # Match first, sort only the hits: a plan holds many strings and few placeholders.
    found = [(path, match) for path, text in _walk(ctx.data, ()) if (match := _PLACEHOLDER.search(text))]
    found.sort(key=lambda item: ctx.positions.value(item[0]))
    for path, match in found:
        yield Hit(path, f"placeholder '{match.group(1)}' left in the plan: fill it in before sharing")
