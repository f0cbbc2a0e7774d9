"""## What it does
Reports a person reference (manager, owner, contact, attendee, participant,
`reports_to`, `requested_by`, hand-off `from`/`to`) that names no entry of `people`.
Also reports a `reports_to` that crosses sides, an account manager who is not on the
provider side, and a review's `signed_off_by` naming someone who is not on the client
side (a sign-off is the client's agreement to the plan).

A reference to a person whose own entry is invalid (say `side: customer`) is not
reported: the entry's finding is the one to fix.

## Why is this bad?
An action owned by nobody is an action nobody does; a misspelt escalation contact is
a phone call that never happens.

## Example
```yaml
account: {id: acme, name: ACME, tier: high, manager: maria.lopes}
people:
  - {id: maria.lopez, name: María López, side: provider}
```

## Use instead
```yaml
account: {id: acme, name: ACME, tier: high, manager: maria.lopez}
```
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from asplan.findings import Severity
from asplan.model.people import Side
from asplan.model.references import person_references
from asplan.rules.base import Hit, PlanContext, written_ids

CODE = "ASP201"
NAME = "unknown-person"
SEVERITY = Severity.ERROR
SUMMARY = "reference to an unknown person"


def check(ctx: PlanContext) -> Iterator[Hit]:
    people = {p.id: p for p in ctx.plan.people}
    known = sorted(people)
    broken = written_ids(ctx.data, "people")  # entries with their own ASP1xx finding
    for path, person_id, what in person_references(ctx.plan):
        if person_id is None:
            continue
        if person_id not in people and person_id not in broken:
            close = difflib.get_close_matches(person_id, known, n=1, cutoff=0.6)
            hint = f": did you mean '{close[0]}'?" if close else ": add them to people"
            yield Hit(path, f"{what} '{person_id}' is not in people{hint}")
    for person in ctx.plan.people:
        boss = people.get(person.reports_to or "")
        if boss is not None and boss.side != person.side:
            yield Hit(
                (*person.path, "reports_to"),
                f"{person.id} ({person.side.value}) reports_to {boss.id} ({boss.side.value}):"
                " reports_to links people of the same side",
            )
    if ctx.plan.reviews is not None:
        for record in ctx.plan.reviews.history:
            for i, person_id in enumerate(record.signed_off_by):
                signer = people.get(person_id)
                if signer is not None and signer.side != Side.client:
                    yield Hit(
                        (*record.path, "signed_off_by", i),
                        f"'{person_id}' signed off the {record.date} review but is on the {signer.side.value} side:"
                        " a sign-off is the client's agreement, name client-side people",
                    )
    account = ctx.plan.account
    if account is not None and account.manager:
        manager = people.get(account.manager)
        if manager is not None and manager.side != Side.provider:
            yield Hit(
                (*account.path, "manager"),
                f"account manager '{manager.id}' is on the client side: the manager is a provider-side person",
            )
