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
from asplan.loading import DataPath
from asplan.rules.base import Hit, PlanContext

CODE = "ASP509"
NAME = "placeholder-text"
SEVERITY = Severity.WARNING
SUMMARY = "placeholder text (`TODO`, `TBD`) left in the plan"

_PLACEHOLDER = re.compile(r"(?<![A-Za-z0-9])(TODO|TBD|FIXME|XXX)(?![A-Za-z0-9])")


def _placeholders(value: Any, path: DataPath, found: list[tuple[DataPath, re.Match[str]]]) -> None:
    """Collect ``(path, match)`` for every string with a placeholder, ``x-`` keys skipped.

    Paths are built for containers and hits only: a plan has hundreds of strings and
    rarely a placeholder, and this rule ran on every plan (a tenth of ``check``'s rules).
    """
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(item, str):
            # Plain substring tests first: the word-boundary regex costs 8x more a string.
            if "TODO" in item or "TBD" in item or "FIXME" in item or "XXX" in item:
                match = _search(item)
                if match is not None and not (isinstance(key, str) and key.startswith("x-")):
                    found.append(((*path, key), match))
        elif isinstance(item, (dict, list)) and not (isinstance(key, str) and key.startswith("x-")):
            _placeholders(item, (*path, key), found)


_search = _PLACEHOLDER.search


def _text_may_hold_one(text: str) -> bool:
    """False when no value read from ``text`` can hold a placeholder word.

    A value's letters are the file's, except where a backslash escape in a double-quoted
    value makes them (``"\\x54ODO"``); joining lines always puts a space between. So a
    file without the words and without a backslash needs no walk (most plans).
    """
    return "\\" in text or "TODO" in text or "TBD" in text or "FIXME" in text or "XXX" in text


def check(ctx: PlanContext) -> Iterator[Hit]:
    if ctx.text is not None and not _text_may_hold_one(ctx.text):
        return
    # Match first, sort only the hits: a plan holds many strings and few placeholders.
    found: list[tuple[DataPath, re.Match[str]]] = []
    if isinstance(ctx.data, dict):
        _placeholders(ctx.data, (), found)
    found.sort(key=lambda item: ctx.positions.value(item[0]))
    for path, match in found:
        yield Hit(path, f"placeholder '{match.group(1)}' left in the plan: fill it in before sharing")
