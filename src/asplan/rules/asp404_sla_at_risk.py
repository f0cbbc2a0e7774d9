"""## What it does
Warns about the running events of a timed SLA that have used up its `at_risk` share
of the target (75 % unless the SLA's `at_risk` or the configuration's `sla_at_risk`
says otherwise), timed to the end of today: it lists each with its share of the
target and its deadline, the instant it breaches if nothing pauses it. Events of any
period count, not only the latest closed one: a ticket opened last month can breach
tomorrow.

## Why is this bad?
A breach found after it happens can only be reported; one found before can still be
avoided. Helpdesks warn their agents before an SLA breaches; the account manager
should hear it from CI too, with the deadline, while there is time to act.

## Example
```yaml
slas:
  - {id: SLA-4, name: Resolution P2, where: {priority: P2}, stop: resolved,
     target: "<= 8h", calendar: laboral, penalty: ...}
# tickets.csv: ACME-4512,2026-11-23T09:30,P2,, (still open; today is 2026-11-23)
```

## Use instead
Work the tickets before their deadlines (the finding goes away when they are
resolved), or, if 75 % warns too early or too late for this SLA, say when it should:
```yaml
slas:
  - {id: SLA-4, name: Resolution P2, where: {priority: P2}, stop: resolved,
     target: "<= 8h", calendar: laboral, at_risk: 90, penalty: ...}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

if TYPE_CHECKING:
    from asplan.model.sla import Sla
    from asplan.sla.results import EventResult

CODE = "ASP404"
NAME = "sla-at-risk"
SEVERITY = Severity.WARNING
SUMMARY = "running events of a timed SLA past its at-risk share of the target, with their deadlines"

_SHOWN = 10


def check(ctx: PlanContext) -> Iterator[Hit]:
    if not any(sla.timed for sla in ctx.plan.slas):
        return
    from asplan.findings import value_in_message
    from asplan.sla.report import number

    report = ctx.latest_slas()
    by_sla: dict[str, list[EventResult]] = {}
    slas: dict[str, Sla] = {}
    for sla, event in report.at_risk:
        by_sla.setdefault(sla.id, []).append(event)
        slas[sla.id] = sla
    for sla_id, events in by_sla.items():
        sla = slas[sla_id]
        events.sort(key=lambda e: (e.deadline is None, e.deadline or e.start, e.id))
        threshold = sla.at_risk if sla.at_risk is not None else ctx.settings.sla_at_risk
        listed = []
        for event in events[:_SHOWN]:
            if event.deadline is not None:
                when = f"deadline {event.deadline.astimezone(report.tz):%Y-%m-%d %H:%M}"
            else:
                when = "waiting on the client, no deadline"
            listed.append(f"{value_in_message(event.id)} ({number(event.percent)} %, {when})")
        more = f" and {len(events) - _SHOWN} more" if len(events) > _SHOWN else ""
        count = f"{len(events)} running event{'s' if len(events) != 1 else ''}"
        place = (*sla.path, "at_risk") if sla.at_risk is not None else (*sla.path, "target")
        yield Hit(
            place,
            f"{sla.id} '{sla.name}': {count} past {number_text(threshold)} % of {sla.target} by the end of today:"
            f" {', '.join(listed)}{more}",
        )


def number_text(value: object) -> str:
    """75 rather than 75.0: the threshold as the plan or configuration would write it."""
    number = float(str(value))
    return str(int(number)) if number.is_integer() else str(number)
