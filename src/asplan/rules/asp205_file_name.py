"""## What it does
Warns when a plan's file name (without `.yaml`/`.yml`) differs from its `account.id`.

## Why is this bad?
By convention `plans/acme-logistica.yaml` holds `account.id: acme-logistica`, so the
file for an account can be found without opening every plan.

## Example
`plans/acme.yaml` with `account: {id: acme-logistica, ...}`

## Use instead
Rename the file to `plans/acme-logistica.yaml` (or change the id).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from asplan.findings import Severity
from asplan.rules.base import Hit, PlanContext

CODE = "ASP205"
NAME = "file-name-mismatch"
SEVERITY = Severity.WARNING
SUMMARY = "file name does not match `account.id`"


def check(ctx: PlanContext) -> Iterator[Hit]:
    account = ctx.plan.account
    if account is None or not account.id:
        return
    stem = os.path.splitext(os.path.basename(ctx.file))[0]
    if stem != account.id:
        yield Hit(
            (*account.path, "id"),
            f"file is named '{stem}' but account.id is '{account.id}': rename the file to"
            f" '{account.id}{os.path.splitext(ctx.file)[1]}' or change the id",
        )
