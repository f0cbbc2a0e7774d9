"""## What it does
Reports `reports_to` links that go round in a circle: someone who reports to
themselves, or A reports to B who (directly or further up) reports to A. The
finding is on the first person of the circle in the file, and names it.

## Why is this bad?
An organisation chart has a top. With a circle nobody is at the top of that branch,
the relationship map cannot draw it as a tree (it lists those people flat), and
"who decides" has no answer.

## Example
```yaml
people:
  - {id: carlos.gomez, name: Carlos Gómez, side: client, reports_to: lucia.martin}
  - {id: lucia.martin, name: Lucía Martín, side: client, reports_to: carlos.gomez}
```

## Use instead
```yaml
people:
  - {id: carlos.gomez, name: Carlos Gómez, side: client}
  - {id: lucia.martin, name: Lucía Martín, side: client, reports_to: carlos.gomez}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP211"
NAME = "reporting-cycle"
SEVERITY = Severity.ERROR
SUMMARY = "`reports_to` links that form a circle"


def check(ctx: PlanContext) -> Iterator[Hit]:
    people = ctx.plan.people
    boss_of: dict[str, str] = {}
    for person in people:
        if person.reports_to and person.id not in boss_of:
            boss_of[person.id] = person.reports_to
    reported: set[str] = set()
    for person in people:
        if person.id in reported or person.id not in boss_of:
            continue
        chain = [person.id]
        current = boss_of[person.id]
        while current in boss_of and current not in chain:
            chain.append(current)
            current = boss_of[current]
        if current != person.id:
            continue  # the chain ends at a top, or runs into a circle someone else starts
        reported.update(chain)
        if len(chain) == 1:
            message = f"{person.id} reports_to themselves: leave reports_to out at the top of the organisation"
        else:
            circle = " -> ".join([*chain, person.id])
            message = f"reports_to goes round in a circle: {circle}; the top of an organisation reports to nobody"
        yield Hit((*person.path, "reports_to"), message)
