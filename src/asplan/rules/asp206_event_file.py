"""## What it does
Reports an entry of `events` whose file is missing, unreadable or not CSV with a
header (not UTF-8, binary, a line over 1 MB, over 256 MB), an event file that lacks a
column a timed SLA needs (`id`, and the fields the SLAs name in `start`, `stop` and
`where`, through the entry's `columns` or preset when it has them), and an entry
outside the plans repository: the folder of the nearest `asplan.toml`, else the Git
work tree, else the current folder. Such a file is never opened, and whether it
exists is not said. A header an entry maps in `columns` must exist too, and a field
an SLA reads must not be a header the export repeats. The same goes for an entry's
`status_log`: its file, and the columns of the event id, the time and the status of
each change.

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
from asplan.model.plan import Plan
from asplan.rules.base import Hit, PlanContext

CODE = "ASP206"
NAME = "event-file"
SEVERITY = Severity.ERROR
SUMMARY = "event file missing or unreadable, or a column an SLA needs is absent"


def check(ctx: PlanContext) -> Iterator[Hit]:
    from asplan.findings import value_in_message
    from asplan.sla.events import EventFileError
    from asplan.sla.sources import OutsideFile, load_log_table, load_source, missing_log_fields, source_spec
    from asplan.sla.timed import needed_columns

    plan = ctx.plan
    timed = [s for s in plan.slas if s.timed]
    needed = needed_columns(timed) if timed else {"id": []}
    for i, item in enumerate(plan.events):
        try:
            source = source_spec(i, item, ctx.file)
        except OutsideFile as exc:
            yield Hit(exc.key, f"{exc.what} '{value_in_message(exc.entry)}' {exc}")
            continue
        entry = value_in_message(source.entry)
        try:
            bound = load_source(source)  # shared with ASP401: one read
        except EventFileError as exc:
            where = f" (line {exc.line})" if exc.line and exc.line > 1 else ""
            message = "not found" if exc.message == "event file not found" else exc.message
            yield Hit(source.field_place("file"), f"event file '{entry}' {message}{where}")
            continue
        for name, problem in bound.missing(needed):
            place = (*source.field_place("columns"), name) if name in source.explicit else source.field_place("file")
            yield Hit(place, f"event file '{entry}' has {problem}")
        log = source.status_log
        if log is None:
            continue
        log_place = (*source.place, "status_log")
        log_entry = value_in_message(log.entry)
        try:
            table, index = load_log_table(log)
        except EventFileError as exc:
            where = f" (line {exc.line})" if exc.line and exc.line > 1 else ""
            message = "not found" if exc.message == "event file not found" else exc.message
            yield Hit((*log_place, "file"), f"status log '{log_entry}' {message}{where}")
            continue
        written = _written_log_columns(plan, source.index)
        for name, problem in missing_log_fields(log, table, index):
            place = (*log_place, "columns", name) if name in written else (*log_place, "file")
            yield Hit(place, f"status log '{log_entry}' has {problem}")
    if timed and not plan.events:
        for sla in timed:
            yield Hit(
                (*sla.path, "stop"), f"{sla.id} is timed over events, but the plan lists no event files in 'events'"
            )


def _written_log_columns(plan: Plan, index: int | None) -> set[str]:
    """The status-log fields the plan maps itself (a preset's own are not the plan's to fix)."""
    if index is None:
        return set()
    entry = plan.events[index]
    if isinstance(entry, str) or entry.status_log is None:
        return set()
    return set(entry.status_log.columns)
