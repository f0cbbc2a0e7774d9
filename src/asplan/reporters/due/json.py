"""``asplan due --format json``: a list of items, or with ``--group-by owner`` the digest by owner.

Each item is :meth:`asplan.agenda.DueItem.to_json` (the shape belongs to the item);
the digest adds the ``plan`` file an item comes from.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from asplan.agenda import DueItem
from asplan.digest import STATUS_ORDER, by_owner

if TYPE_CHECKING:
    from asplan.due import DueReport


def render(report: DueReport, color: bool = False) -> str:
    from asplan.due import GroupBy

    if report.group_by is GroupBy.owner:
        return owners_json(report.items, report.names, report.plans, report.today, report.within_days)
    return json.dumps([item.to_json() for item in report.items], indent=2, ensure_ascii=False) + "\n"


def owners_json(
    items: Sequence[DueItem], names: Mapping[str, str], plans: Mapping[str, str], day: date, within_days: int
) -> str:
    """``{"today", "within", "owners": [{"owner", "name", "overdue": [...], "due_soon": [...], "upcoming": [...]}]}``.

    Items are ``asplan due --format json`` items with the ``plan`` file they come from.
    """
    owners: list[dict[str, Any]] = []
    for section in by_owner(items, names):
        entry: dict[str, Any] = {"owner": section.owner, "name": section.name}
        for status in STATUS_ORDER:
            group = next((g for s, g in section.groups if s is status), ())
            entry[status.value] = [{**item.to_json(), "plan": plans.get(item.account)} for item in group]
        owners.append(entry)
    document = {"today": day.isoformat(), "within": within_days, "owners": owners}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
