"""## What it does
Reports an entry of `events` whose file is missing, unreadable or not CSV with a
header (not UTF-8, binary, a line over 1 MB, over 256 MB), an event file that lacks a
column a timed SLA needs (`id`, and the columns the SLAs name in `start`, `stop` and
`where`), and an entry outside the plans repository: the folder of the nearest
`asplan.toml`, else the Git work tree, else the current folder. Such a file is never
opened, and whether it exists is not said.

## Why is this bad?
A timed SLA with no events to time reports nothing, and nothing is exactly what a
breach looks like when nobody is looking. A plan that could name any file would let a
pull request make CI read (and print) files outside the repository.

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

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP206"
NAME = "event-file"
SEVERITY = Severity.ERROR
SUMMARY = "event file missing or unreadable, or a column an SLA needs is absent"


def check(ctx: PlanContext) -> Iterator[Hit]:
    from asplan.confinement import OutsideRepository, confined_path
    from asplan.findings import value_in_message
    from asplan.sla.events import EventFileError, load_event_file

    plan = ctx.plan
    timed = [s for s in plan.slas if s.timed]
    needed: dict[str, list[str]] = {"id": []}
    for sla in timed:
        for column in (sla.start, sla.stop or "", *sla.where):
            if column:
                needed.setdefault(column, []).append(sla.id)
    for i, entry in enumerate(plan.events):
        try:
            path = confined_path(ctx.file, entry)
        except OutsideRepository as exc:
            yield Hit(("events", i), f"event file '{value_in_message(entry)}' {exc}")
            continue
        try:
            header = load_event_file(path).header  # shared with ASP401: one read
        except EventFileError as exc:
            where = f" (line {exc.line})" if exc.line and exc.line > 1 else ""
            message = "not found" if exc.message == "event file not found" else exc.message
            yield Hit(("events", i), f"event file '{value_in_message(entry)}' {message}{where}")
            continue
        missing = [c for c in needed if c not in header]
        for column in missing:
            users = needed[column]
            why = f"needed by {', '.join(sorted(set(users)))}" if users else "every event needs an id"
            yield Hit(("events", i), f"event file '{value_in_message(entry)}' has no column '{column}' ({why})")
    if timed and not plan.events:
        for sla in timed:
            yield Hit(
                (*sla.path, "stop"), f"{sla.id} is timed over events, but the plan lists no event files in 'events'"
            )
