"""## What it does
Reports an entry of `events` whose file is missing, unreadable or not CSV with a
header, and an event file that lacks a column a timed SLA needs: `id`, and the
columns the SLAs name in `start`, `stop` and `where`.

## Why is this bad?
A timed SLA with no events to time reports nothing, and nothing is exactly what a
breach looks like when nobody is looking.

## Example
```yaml
slas:
  - {id: SLA-2, name: First response, target: "<= 30m", stop: first_response, penalty: ...}
events: [data/acme/tickets.csv]   # header: id,created,priority
```

## Use instead
Export the `first_response` column too, or point `stop` at the column your export has.
Paths are relative to the plan file.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP206"
NAME = "event-file"
SEVERITY = Severity.ERROR
SUMMARY = "event file missing or unreadable, or a column an SLA needs is absent"

_HEADER_LIMIT = 64 * 1024


def read_header(path: str) -> list[str]:
    """The header row of a CSV file, reading at most 64 KB; raises ValueError with the reason."""
    try:
        info = os.stat(path)
    except OSError:
        raise ValueError("file not found") from None
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not a regular file")
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEADER_LIMIT)
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc})") from None
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    first = head.split(b"\n", 1)[0]
    if len(first) >= _HEADER_LIMIT - 1:
        raise ValueError("its first line is over 64 KB: not a CSV header")
    try:
        text = first.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("is not UTF-8") from None
    try:
        row = next(csv.reader(io.StringIO(text)), [])
    except csv.Error as exc:
        raise ValueError(f"has a broken header ({exc})") from None
    header = [c.strip() for c in row]
    if not any(header):
        raise ValueError("is empty: a header row is needed")
    return header


def check(ctx: PlanContext) -> Iterator[Hit]:
    plan = ctx.plan
    timed = [s for s in plan.slas if s.timed]
    needed: dict[str, list[str]] = {"id": []}
    for sla in timed:
        for column in (sla.start, sla.stop or "", *sla.where):
            if column:
                needed.setdefault(column, []).append(sla.id)
    base = os.path.dirname(ctx.file)
    for i, entry in enumerate(plan.events):
        path = entry if os.path.isabs(entry) else os.path.join(base, entry)
        try:
            header = read_header(path)
        except ValueError as reason:
            yield Hit(("events", i), f"event file '{entry}' {reason}".replace("' file not found", "' not found"))
            continue
        missing = [c for c in needed if c not in header]
        for column in missing:
            users = needed[column]
            why = f"needed by {', '.join(sorted(set(users)))}" if users else "every event needs an id"
            yield Hit(("events", i), f"event file '{entry}' has no column '{column}' ({why})")
    if timed and not plan.events:
        for sla in timed:
            yield Hit(
                (*sla.path, "stop"), f"{sla.id} is timed over events, but the plan lists no event files in 'events'"
            )
