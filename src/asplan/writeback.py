"""Write-back (spec §7.4): ``asplan done``, ``asplan measure`` and ``asplan touch``.

A plan goes stale when keeping it current means opening an editor, finding the entry
and remembering its format. These three turn the usual updates into one command
each, on the same editing core as ``review`` (:mod:`asplan.edit`): the change is
spliced into the text, every other byte stays, the result is parsed again and must
equal the original with exactly that change and still validate, and the file is
written atomically under a lock.

An item is named the way ``asplan due`` names it (``ACT-3``, ``OBJ-1/M2``,
``OBJ-1/KPI-1``, a touchpoint's name), or by its bare id where that is unambiguous
(``KPI-1``, a milestone's own ``id``, a touchpoint's ``id``). A name that matches
nothing gets a "did you mean"; one that matches several lists the names that do
not. Nothing here reads the clock: ``today`` is an argument.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from asplan.agenda import milestone_ref
from asplan.edit import DataPath, EditError, Fields, literal_value, valid_plan, verify_edit
from asplan.edit_layout import Layout
from asplan.model.objectives import ActionStatus
from asplan.model.plan import Plan

__all__ = ["Outcome", "add_measurement", "mark_done", "number_literal", "touch"]


@dataclass(frozen=True)
class Outcome:
    """What a write-back did: the new text (the old one when nothing changed) and what to tell."""

    text: str
    changed: bool
    account: str
    kind: str  # action | milestone | kpi | sla | touchpoint
    id: str  # the item as `asplan due` names it
    title: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self, plan_file: str) -> dict[str, Any]:
        return {
            "plan": plan_file,
            "account": self.account,
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "changed": self.changed,
            **self.details,
            "message": self.message,
        }


@dataclass(frozen=True)
class _Item:
    kind: str
    ref: str
    names: tuple[str, ...]
    path: DataPath
    title: str
    entry: Any


# ------------------------------------------------------------------------------ done


def mark_done(text: str, ref: str, day: date, today: date) -> Outcome:
    """An action becomes ``status: done`` with ``done: day``; a milestone gets ``done: day``.

    Already done: the text is returned unchanged, with a message saying since when.
    """
    plan, data = valid_plan(text)
    _not_after_today(day, today, "mark it done once it is")
    items: list[_Item] = [_Item("action", a.id, (a.id,), a.path, a.title, a) for a in plan.actions]
    for objective in plan.objectives:
        for number, milestone in enumerate(objective.milestones, start=1):
            name = milestone_ref(objective, number, milestone)
            names = (name, milestone.id) if milestone.id is not None else (name,)
            items.append(_Item("milestone", name, names, milestone.path, milestone.title, milestone))
    item = _resolve(ref, items, "action or milestone")
    account = _account(plan)
    iso = day.isoformat()
    layout = Layout(text)
    if item.kind == "action":
        action = item.entry
        if action.status is ActionStatus.done:
            since = f" on {action.done.isoformat()}" if action.done is not None else ""
            return _unchanged(text, account, item, f"{item.ref} is already done{since}; the plan is unchanged.")
        previous = action.status.value
        layout.set_scalar(item.path, "status", "done", after=("due", "owner", "title"))
        layout.set_scalar(item.path, "done", iso, after=("status",))

        def change(data: Any) -> None:
            entry = _dig(data, item.path)
            entry["status"] = "done"
            entry["done"] = iso

        details: dict[str, Any] = {"done": iso, "previous_status": previous}
    else:
        milestone = item.entry
        if milestone.done is not None:
            message = f"{item.ref} was already reached on {milestone.done.isoformat()}; the plan is unchanged."
            return _unchanged(text, account, item, message, {"done": milestone.done.isoformat()})
        layout.set_scalar(item.path, "done", iso, after=("due",))

        def change(data: Any) -> None:
            _dig(data, item.path)["done"] = iso

        details = {"done": iso}
    new_text = layout.result()
    verify_edit(data, new_text, change)
    return Outcome(new_text, True, account, item.kind, item.ref, item.title, f"{item.ref} done on {iso}.", details)


# --------------------------------------------------------------------------- measure

_NUMBER_RE = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def number_literal(value: str) -> str:
    """``value`` as the YAML number it will be written as; :class:`EditError` when it is not one."""
    text = value.strip()
    if _NUMBER_RE.fullmatch(text):
        literal = text.removeprefix("+")
        resolved = literal_value(literal)
        if isinstance(resolved, int | float) and not isinstance(resolved, bool) and resolved == resolved:
            if isinstance(resolved, float) and resolved in (float("inf"), float("-inf")):
                raise EditError(f"VALUE {value}: the number is too large")
            return literal
    hint = ""
    if text.endswith("%"):
        hint = " (without the % sign)"
    elif re.fullmatch(r"[-+]?[0-9]+,[0-9]+", text):
        hint = f" (with a decimal point: {text.replace(',', '.')})"
    raise EditError(f"VALUE {value}: expected a number such as 99.95{hint}")


def add_measurement(
    text: str,
    ref: str,
    value: str,
    today: date,
    *,
    day: date | None = None,
    period: str | None = None,
) -> Outcome:
    """Append ``{date, value}`` to a KPI's measurements, or ``{period, value}`` to a measured SLA's.

    A KPI's date defaults to today; an SLA's period to the latest closed one, the
    period a monthly report is written about. A date or period already measured is
    refused: a correction is an edit a person should make and see in the diff.
    """
    plan, data = valid_plan(text)
    literal = number_literal(value)
    items: list[_Item] = []
    for objective in plan.objectives:
        for kpi in objective.kpis:
            name = f"{objective.id}/{kpi.id}"
            items.append(_Item("kpi", name, (name, kpi.id), kpi.path, kpi.name, kpi))
    for sla in plan.slas:
        items.append(_Item("sla", sla.id, (sla.id,), sla.path, sla.name, sla))
    item = _resolve(ref, items, "KPI or SLA")
    account = _account(plan)
    layout = Layout(text)
    if item.kind == "kpi":
        fields, details, message = _kpi_measurement(item, literal, today, day, period)
    else:
        fields, details, message = _sla_measurement(item, literal, today, day, period)
    layout.append_entry(item.path, "measurements", fields)

    def change(data: Any) -> None:
        entry = _dig(data, item.path)
        entry.setdefault("measurements", []).append({key: literal_value(text) for key, text in fields})

    new_text = layout.result()
    verify_edit(data, new_text, change)
    return Outcome(new_text, True, account, item.kind, item.ref, item.title, message, details)


Measurement = tuple[Fields, dict[str, Any], str]
"""The entry to append, its JSON details and the line to print."""


def _kpi_measurement(item: _Item, literal: str, today: date, day: date | None, period: str | None) -> Measurement:
    if period is not None:
        raise EditError(f"--period is for measured SLAs; {item.ref} is a KPI: give its --date")
    when = day or today
    _not_after_today(when, today, "record a measurement once it is taken")
    iso = when.isoformat()
    for existing in item.entry.measurements:
        if existing.date == when:
            raise EditError(
                f"{item.ref} already has a measurement on {iso} (value {_shown(existing.value)}): "
                "edit that one by hand if it is wrong; nothing was written"
            )
    fields: Fields = (("date", iso), ("value", literal))
    details: dict[str, Any] = {"date": iso, "value": _json_number(literal)}
    return fields, details, f"{item.ref} ({item.title}): {literal} on {iso}."


def _sla_measurement(item: _Item, literal: str, today: date, day: date | None, period: str | None) -> Measurement:
    sla = item.entry
    if sla.timed:
        raise EditError(f"{item.ref} is a timed SLA: its figures come from its event files, not from measurements")
    if day is not None:
        raise EditError(f"--date is for KPIs; {item.ref} is measured per period: give its --period")
    label = _period(sla, period, today)
    for existing in sla.measurements:
        if existing.period == label:
            raise EditError(
                f"{item.ref} already has a measurement for {label.label} (value {_shown(existing.value)}): "
                "edit that one by hand if it is wrong; nothing was written"
            )
    fields: Fields = (("period", label.label), ("value", literal))
    met = sla.target.is_met(Decimal(literal))
    verdict = "met" if met else "breached"
    details = {"period": label.label, "value": _json_number(literal), "target": str(sla.target), "status": verdict}
    message = f"{item.ref} ({item.title}): {literal} for {label.label}, {verdict} (target {sla.target})."
    return fields, details, message


def _period(sla: Any, period: str | None, today: date) -> Any:
    from asplan.model.scalars import PeriodLabel
    from asplan.periods import KIND_OF, is_closed, latest_closed

    kind = KIND_OF[sla.period]
    if period is None:
        return latest_closed(kind, today)
    try:
        label = PeriodLabel.parse(period)
    except ValueError:
        raise EditError(f"--period {period}: expected a period like 2026-10, 2026-Q3, 2026-W38 or 2026") from None
    if label.kind != kind:
        example = latest_closed(kind, today).label
        raise EditError(
            f"--period {period} is a {label.kind}; {sla.id} is measured {sla.period.value} (e.g. --period {example})"
        )
    if not is_closed(label, today):
        last_day = (label.end - timedelta(days=1)).isoformat()
        raise EditError(
            f"--period {period} is not over until {last_day} (today is {today.isoformat()}): "
            "measure a period once it is closed"
        )
    return label


def _json_number(literal: str) -> int | float:
    value = literal_value(literal)
    return value if isinstance(value, int | float) else float(literal)


def _shown(value: object) -> str:
    text = str(value)
    return text[:-2] if text.endswith(".0") else text


# ----------------------------------------------------------------------------- touch


def touch(text: str, ref: str, day: date, today: date) -> Outcome:
    """A communication touchpoint's ``last`` becomes ``day``; it never moves backwards."""
    plan, data = valid_plan(text)
    _not_after_today(day, today, "record a contact once it has happened")
    items: list[_Item] = []
    seen: dict[str, int] = {}
    for touchpoint in plan.communication:
        seen[touchpoint.name] = seen.get(touchpoint.name, 0) + 1
        count = seen[touchpoint.name]
        name = touchpoint.name if count == 1 else f"{touchpoint.name} #{count}"
        names = tuple(dict.fromkeys(n for n in (touchpoint.id, touchpoint.name, name) if n is not None))
        items.append(_Item("touchpoint", touchpoint.id or name, names, touchpoint.path, touchpoint.name, touchpoint))
    item = _resolve(ref, items, "touchpoint")
    account = _account(plan)
    touchpoint = item.entry
    iso = day.isoformat()
    previous = touchpoint.last
    if previous is not None and day <= previous:
        if day == previous:
            message = f"{item.title}: already recorded on {iso}; the plan is unchanged."
        else:
            message = (
                f"{item.title}: last is {previous.isoformat()}, after {iso}; "
                "it never moves backwards, so the plan is unchanged."
            )
        return _unchanged(text, account, item, message, {"last": previous.isoformat()})
    layout = Layout(text)
    layout.set_scalar(item.path, "last", iso, after=("participants", "owner", "channel", "every"))

    def change(data: Any) -> None:
        _dig(data, item.path)["last"] = iso

    new_text = layout.result()
    verify_edit(data, new_text, change)
    try:
        upcoming: date | None = touchpoint.every.add(day)
    except OverflowError:
        upcoming = None
    message = f"{item.title}: last {previous.isoformat() if previous else 'never'} -> {iso}."
    details: dict[str, Any] = {"last": iso, "previous": previous.isoformat() if previous else None, "next": None}
    if upcoming is not None:
        details["next"] = upcoming.isoformat()
        message += f" Next one due {upcoming.isoformat()}."
    return Outcome(new_text, True, account, item.kind, item.ref, item.title, message, details)


# ---------------------------------------------------------------------------- shared


def _resolve(ref: str, items: Sequence[_Item], what: str) -> _Item:
    """The one item ``ref`` names; :class:`EditError` with a hint when none or several do."""
    matches = list({item.path: item for item in items if ref in item.names}.values())
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        refs = ", ".join(f"'{m.ref}'" for m in matches)
        raise EditError(f"'{ref}' names more than one {what} in the plan: use one of {refs}")
    names = list(dict.fromkeys(name for item in items for name in item.names))
    if not names:
        raise EditError(f"no {what} named '{ref}': the plan has none")
    folded = [name for name in names if name.casefold() == ref.casefold()]
    close = folded or difflib.get_close_matches(ref, names, n=1, cutoff=0.6)
    if close:
        raise EditError(f"no {what} named '{ref}' in the plan: did you mean '{close[0]}'?")
    shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
    raise EditError(f"no {what} named '{ref}' in the plan (it has: {shown})")


def _not_after_today(day: date, today: date, advice: str) -> None:
    if day > today:
        raise EditError(f"--date {day.isoformat()} is after today ({today.isoformat()}): {advice}")


def _account(plan: Plan) -> str:
    return plan.account.id if plan.account is not None else ""


def _unchanged(text: str, account: str, item: _Item, message: str, details: dict[str, Any] | None = None) -> Outcome:
    return Outcome(text, False, account, item.kind, item.ref, item.title, message, details or {})


def _dig(data: Any, path: DataPath) -> Any:
    for part in path:
        data = data[part]
    return data

