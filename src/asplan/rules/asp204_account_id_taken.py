"""## What it does
Reports an `account.id` already used by another plan checked in the same run. The
first plan (in path order) keeps the id; every later one is reported.

## Why is this bad?
The agenda, SLA reports and the portfolio page identify accounts by id: two plans
with one id merge two clients.

## Example
`plans/acme.yaml` and `plans/acme-2025.yaml` both say `account: {id: acme, ...}`.

## Use instead
One plan per account; archive the old one outside the checked paths, or give it
its own id.
"""

from collections.abc import Iterator, Sequence

from asplan.findings import Severity
from asplan.rules.base import AccountClaim, Scope

CODE = "ASP204"
NAME = "account-id-taken"
SEVERITY = Severity.ERROR
SUMMARY = "account id used by another plan"
SCOPE = Scope.PORTFOLIO


def check_portfolio(claims: Sequence[AccountClaim]) -> Iterator[tuple[AccountClaim, str]]:
    """Every claim of an id an earlier plan (in path order) already holds."""
    owners: dict[str, str] = {}
    for claim in claims:
        first = owners.get(claim.account_id)
        if first is None:
            owners[claim.account_id] = claim.file
            continue
        taken = f"account id '{claim.account_id}' is already used by {first}"
        yield claim, f"{taken}: account ids are unique across the repository"
