"""What-if SLA terms: the same events and measurements under changed terms (spec §7.9).

``asplan sla --set SLA-ID.FIELD=VALUE`` answers the renewal question "what would the
last year have cost under these terms?". Three choices make the answer trustworthy:

- **An edit, not a parameter.** A change is applied to the plan's *data*, the way a
  user would edit the YAML, and that data goes through the same validation as a plan
  file (the schema and the validation rules :mod:`asplan.plan_source` runs). So the
  what-if figures are those of a plan edited to the same terms, and a value ``check``
  would refuse (``45 minutes``, an unknown calendar, a credit above the fee) is refused
  here, with the message ``check`` would give. The plan file is never written.
- **The same data.** Only the SLAs a change names are computed again, over the event
  tables the baseline already read (the caller shares its table cache): the events
  are read once, and the what-if costs at most one more pass over them.
- **Figures that add up.** The delta of the credit totals is the difference of the
  totals *as printed* (each rounded half-even to cents), so baseline, what-if and
  difference always agree on paper.

A value is read as a YAML scalar (``5`` is a number, ``500 EUR`` a string), as if typed
into the plan. ``credit.percent`` and ``credit.amount`` replace the credit's form (a
credit has exactly one of ``percent``, ``amount`` or ``tiers``), keeping its
``cap_percent``. An empty value removes the field (``--set SLA-4.objective=``: what if
every late ticket were a breach?). An SLA id names that SLA in every selected plan
that has it: name the plan file to change one account only.
"""

from __future__ import annotations

import copy
import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from asplan.findings import Severity
from asplan.loading import Document, resolve_scalar
from asplan.printable import one_line
from asplan.sla.credits import format_money
from asplan.sla.engine import PlanSlas
from asplan.sla.report import SlaRow, credit_totals, row_json, rows

if TYPE_CHECKING:
    from asplan.model.plan import Plan
    from asplan.model.sla import Credit, Sla
    from asplan.plan_source import PlanFile

FIELDS: Final = ("target", "objective", "calendar", "credit.percent", "credit.amount", "credit.cap_percent")
"""The terms ``--set`` changes: what a renewal negotiates, never what the data means (``where``, ``stop``)."""

FORM: Final = "SLA-ID.FIELD=VALUE"
_CREDIT_FORMS: Final = ("percent", "amount", "tiers")


class TermError(ValueError):
    """A ``--set`` that cannot be applied; ``str()`` is one line saying what to write instead."""


@dataclass(frozen=True)
class TermChange:
    """One ``--set``: the SLA id, the field (one of :data:`FIELDS`) and the value as typed."""

    sla: str
    field: str
    value: str

    def __str__(self) -> str:
        return f"{self.sla}.{self.field}={self.value}"


def _close(name: str, known: Sequence[str]) -> str | None:
    """The known name ``name`` was probably meant as: the same but for case, else a close spelling."""
    folded = {k.casefold(): k for k in known}
    if name.casefold() in folded:
        return folded[name.casefold()]
    return next(iter(difflib.get_close_matches(name, known, n=1, cutoff=0.6)), None)


def _fields_hint() -> str:
    return f"FIELD is one of {', '.join(FIELDS)}"


def parse_change(text: str) -> TermChange:
    """``SLA-4.credit.percent=3`` -> ``TermChange("SLA-4", "credit.percent", "3")``.

    SLA ids may hold dots (``SLA.P1``), so the field is matched as a known suffix.
    """
    key, sep, value = text.partition("=")
    key = key.strip()
    shown = one_line(text)
    if not sep or "." not in key:
        raise TermError(f"--set {shown}: expected {FORM}, like SLA-3.target='<= 45m'; {_fields_hint()}")
    for name in sorted(FIELDS, key=len, reverse=True):
        suffix = f".{name}"
        if key.endswith(suffix) and len(key) > len(suffix):
            return TermChange(key[: -len(suffix)], name, value.strip())
    _, credit, rest = key.partition(".credit.")
    written = f"credit.{rest}" if credit else key.rpartition(".")[2]
    close = _close(written, FIELDS)
    hint = f": did you mean '{close}'?" if close else ""
    raise TermError(f"--set {shown}: unknown field '{one_line(written)}'{hint} ({_fields_hint()})")


def parse_changes(texts: Iterable[str]) -> list[TermChange]:
    """Every ``--set``; a field set twice for one SLA is refused (which one was meant?)."""
    changes: list[TermChange] = []
    seen: dict[tuple[str, str], TermChange] = {}
    for text in texts:
        change = parse_change(text)
        earlier = seen.get((change.sla, change.field))
        if earlier is not None:
            raise TermError(
                f"--set {one_line(str(change))}: {change.sla}.{change.field} is already set"
                f" ({one_line(str(earlier))}); give each term once"
            )
        seen[(change.sla, change.field)] = change
        changes.append(change)
    return changes


@dataclass(frozen=True)
class EditedPlan:
    """A plan under the what-if terms, and the SLAs the changes touched (in plan order)."""

    plan: Plan
    slas: tuple[Sla, ...]


def _scalar(text: str) -> Any:
    return resolve_scalar(text, None, plain=True)


def _apply(entry: dict[Any, Any], change: TermChange) -> None:
    """Edit one SLA mapping as a user would edit the YAML."""
    remove = change.value == ""
    if not change.field.startswith("credit."):
        if remove:
            entry.pop(change.field, None)
        else:
            entry[change.field] = _scalar(change.value)
        return
    key = change.field.removeprefix("credit.")
    credit = entry.get("credit")
    if not isinstance(credit, dict):
        credit = entry["credit"] = {}
    if remove:
        credit.pop(key, None)
        return
    if key in ("percent", "amount"):
        for form in _CREDIT_FORMS:
            credit.pop(form, None)
    credit[key] = _scalar(change.value)


class WhatIf:
    """The ``--set`` terms of one run, applied plan by plan.

    Build it from the texts (:class:`TermError` on a malformed one), :meth:`edit` each
    plan before computing it, and :meth:`finish` once every plan is read: a change that
    named an SLA no plan has is refused there, with "did you mean".
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.changes = parse_changes(texts)
        self._found: set[str] = set()
        self._known: set[str] = set()

    def edit(self, source: PlanFile) -> EditedPlan | None:
        """``source``'s plan under the changes that name its SLAs; ``None`` when none does.

        Raises :class:`TermError` when the edited plan would not pass ``check``: the
        message is the first error ``check`` would report, prefixed with the ``--set``.
        """
        from asplan.model.validate import validate_plan
        from asplan.plan_source import validation_findings

        document = source.document
        if document is None or not isinstance(document.data, dict):
            return None
        entries = document.data.get("slas")
        if not isinstance(entries, list):
            return None
        index = {str(e.get("id")): i for i, e in enumerate(entries) if isinstance(e, dict) and "id" in e}
        self._known.update(index)
        mine = [c for c in self.changes if c.sla in index]
        if not mine:
            return None
        data = copy.deepcopy(document.data)
        for change in mine:
            _apply(data["slas"][index[change.sla]], change)
            self._found.add(change.sla)
        edited = Document(document.path, document.text, data, document.positions, [], {})
        validated = validate_plan(data, document.positions, source.path)
        errors = [f for f in validated.findings if f.severity is Severity.ERROR]
        if not errors and validated.plan is not None:
            errors = [
                f for f in validation_findings(validated.plan, edited, source.path) if f.severity is Severity.ERROR
            ]
        if errors or validated.plan is None:
            first = min(errors) if errors else None
            what = one_line(first.message) if first is not None else "the plan no longer validates"
            culprit = next((c for c in mine if first is not None and _concerns(first.path, c, index)), mine[0])
            raise TermError(f"--set {one_line(str(culprit))}: {what} ({source.path}; the plan is unchanged)")
        ids = {c.sla for c in mine}
        return EditedPlan(validated.plan, tuple(s for s in validated.plan.slas if s.id in ids))

    def finish(self) -> None:
        """Refuse a change whose SLA id no selected plan has."""
        for change in self.changes:
            if change.sla not in self._found:
                close = _close(change.sla, sorted(self._known))
                hint = f": did you mean '{close}'?" if close else ""
                where = "in the selected plans" if self._known else "(the selected plans have no SLAs)"
                raise TermError(f"--set {one_line(str(change))}: no SLA '{one_line(change.sla)}' {where}{hint}")


def _concerns(path: str, change: TermChange, index: dict[str, int]) -> bool:
    """Does a finding at ``path`` (``slas[3].credit.amount``) concern ``change``'s SLA?"""
    return path.startswith(f"slas[{index[change.sla]}]")


def merge(baseline: PlanSlas, changed: PlanSlas | None) -> PlanSlas:
    """The baseline with the changed SLAs' results swapped in (same order; same data findings)."""
    if changed is None:
        return baseline
    by_id = {result.sla.id: result for result in changed.slas}
    return replace(baseline, slas=[by_id.get(result.sla.id, result) for result in baseline.slas])


# ------------------------------------------------------------------------ comparison


@dataclass(frozen=True)
class Pair:
    """One SLA and period, before and after (either may be missing: a period only one side has)."""

    baseline: SlaRow | None
    what_if: SlaRow | None

    @property
    def row(self) -> SlaRow:
        row = self.baseline or self.what_if
        assert row is not None
        return row

    @property
    def difference(self) -> Decimal | None:
        """What-if credit minus baseline credit, from the printed (rounded) figures."""
        before = _credit(self.baseline)
        after = _credit(self.what_if)
        if before is None and after is None:
            return None
        return (after or Decimal(0)) - (before or Decimal(0))


def _term_texts(before: Sla, after: Sla) -> Iterable[tuple[str, str, str]]:
    """The terms ``--set`` can change that differ between two versions of an SLA, in words."""
    for term, old, new in (
        ("target", str(before.target), str(after.target)),
        ("objective", str(before.objective or "none"), str(after.objective or "none")),
        ("calendar", before.calendar, after.calendar),
        ("credit", credit_terms(before.credit), credit_terms(after.credit)),
    ):
        if old != new:
            yield term, old, new


def credit_terms(credit: Credit | None) -> str:
    """``2 % of the fee per breach, capped at 30 %``: a credit clause in words."""
    if credit is None:
        return "none"
    if credit.amount is not None:
        text = f"{credit.amount} per breach"
    elif credit.percent is not None:
        text = f"{credit.percent} % of the fee per breach"
    else:
        bands = ", ".join(
            f"{'<' if t.below is not None else '>'} {t.below if t.below is not None else t.above}: {t.percent} %"
            for t in credit.tiers
        )
        text = f"tiers ({bands})"
    return text if credit.cap_percent is None else f"{text}, capped at {credit.cap_percent} %"


def _credit(row: SlaRow | None) -> Decimal | None:
    if row is None or row.credit is None:
        return None
    return Decimal(format_money(row.credit))


def _key(row: SlaRow) -> tuple[str, str, str]:
    return (row.file, row.result.sla.id, row.period.period.label)


def pairs(baseline: Sequence[SlaRow], what_if: Sequence[SlaRow]) -> list[Pair]:
    """Rows matched by plan, SLA and period, in the baseline's order (what-if-only rows after)."""
    after = {_key(r): r for r in what_if}
    out = [Pair(row, after.pop(_key(row), None)) for row in baseline]
    out.extend(Pair(None, row) for row in what_if if _key(row) in after)
    return out


@dataclass
class Comparison:
    """The two reports of a what-if run, and what the changed terms change in money."""

    today: date
    changes: list[TermChange]
    baseline: list[SlaRow] = field(default_factory=list)
    what_if: list[SlaRow] = field(default_factory=list)

    @classmethod
    def of(
        cls, today: date, changes: list[TermChange], baseline: Sequence[PlanSlas], what_if: Sequence[PlanSlas]
    ) -> Comparison:
        return cls(today, changes, rows(baseline), rows(what_if))

    def totals(self) -> tuple[dict[str, Decimal], dict[str, Decimal], dict[str, Decimal]]:
        """Credits per currency: baseline, what-if and their difference, each as printed (cents)."""
        before = {c: Decimal(format_money(t)) for c, t in credit_totals(self.baseline).items()}
        after = {c: Decimal(format_money(t)) for c, t in credit_totals(self.what_if).items()}
        delta = {c: after.get(c, Decimal(0)) - before.get(c, Decimal(0)) for c in sorted({*before, *after})}
        return before, after, delta

    def pairs(self) -> list[Pair]:
        return pairs(self.baseline, self.what_if)

    def terms(self) -> list[tuple[str, str, str, str, str]]:
        """What changed, per SLA: (account, SLA id, term, baseline, what-if), in report order."""
        out: list[tuple[str, str, str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        for pair in self.pairs():
            if pair.baseline is None or pair.what_if is None:
                continue
            key = (pair.baseline.file, pair.baseline.result.sla.id)
            if key in seen:
                continue
            seen.add(key)
            before, after = pair.baseline.result.sla, pair.what_if.result.sla
            for term, old, new in _term_texts(before, after):
                out.append((pair.baseline.account, before.id, term, old, new))
        return out


def dumps_comparison(comparison: Comparison) -> str:
    """``{"baseline": <sla JSON>, "what_if": <sla JSON>, "delta": {"credits": {...}}}`` (spec §7.9).

    Laid out like ``sla``'s JSON, one SLA row per line. On a million events the rows
    are most of the work, and an SLA the what-if leaves alone has the very same period
    results on both sides (:func:`merge` keeps them): each of those rows is encoded once.
    """
    encoded: dict[int, str] = {}

    def row_text(row: SlaRow) -> str:
        text = encoded.get(id(row.period))
        if text is None:
            text = encoded[id(row.period)] = json.dumps(row_json(row), ensure_ascii=False)
        return text

    def report(selected: Sequence[SlaRow]) -> str:
        credits = {currency: format_money(total) for currency, total in credit_totals(selected).items()}
        slas = ",\n".join(f"      {row_text(row)}" for row in selected)
        return (
            "{\n"
            f'    "today": {json.dumps(comparison.today.isoformat())},\n'
            + (f'    "slas": [\n{slas}\n    ],\n' if slas else '    "slas": [],\n')
            + f'    "credits": {json.dumps(credits, ensure_ascii=False)}\n'
            "  }"
        )

    _, _, delta = comparison.totals()
    credits = {currency: format_money(difference) for currency, difference in delta.items()}
    return (
        "{\n"
        f'  "baseline": {report(comparison.baseline)},\n'
        f'  "what_if": {report(comparison.what_if)},\n'
        f'  "delta": {json.dumps({"credits": credits}, ensure_ascii=False)}\n'
        "}\n"
    )
