"""What a rule is, and what it is handed.

A rule is a module (yamllint-style): its docstring is its documentation (ruff's four
parts: *What it does*, *Why is this bad?*, *Example*, *Use instead*), module constants
name it, and a ``check`` generator yields :class:`Hit` values. Rules say *what* is
wrong and *where in the data*; the engine turns data paths into lines and columns,
applies severities, selection and suppressions. That split keeps rules free of
positions, configuration and output concerns, so each one reads in a minute.

Rules whose findings come from loading or schema validation (ASP0xx, ASP1xx) are
registered with ``check = None``: they are documented and selectable like the others.

Validation rules (``SCOPE = Scope.VALIDATE``) check values that change what other
commands compute (a calendar that does not exist, a timed SLA whose target is not a
duration). :mod:`asplan.plan_source` runs them wherever a plan is read, so ``sla``
and ``render`` refuse exactly what ``check`` reports as an error. They must never
read ``today``: a plan the commands accept today is accepted tomorrow too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from types import ModuleType
from typing import TYPE_CHECKING, Any

from asplan.findings import Severity
from asplan.loading import DataPath, Positions
from asplan.settings import Settings

if TYPE_CHECKING:
    from asplan.agenda import DueItem
    from asplan.model.plan import Plan  # only a type here: the cross-plan rules import this module on a warm run
    from asplan.sla.engine import PlanSlas


class Scope(StrEnum):
    """When a rule runs."""

    LOAD = "load"  # reported by the loader (syntax, limits)
    SCHEMA = "schema"  # reported by model validation
    VALIDATE = "validate"  # one plan at a time, by every command that reads it (asplan.plan_source)
    PLAN = "plan"  # one plan at a time, by check only
    PORTFOLIO = "portfolio"  # across every plan of the run


@dataclass(frozen=True)
class Hit:
    """A rule's verdict before it has a line number.

    ``at_key`` points the finding at the key of the path instead of its value (for
    "this entry is wrong" rather than "this value is wrong"). ``severity`` overrides
    the rule's default for this one hit (ASP306: an expired contract is an error).
    """

    path: DataPath
    message: str
    at_key: bool = False
    severity: Severity | None = None


@dataclass
class PlanContext:
    """Everything a plan rule may look at. Rules never read files other than through it."""

    file: str
    plan: Plan
    data: dict[Any, Any]
    positions: Positions
    today: date
    settings: Settings = field(default_factory=Settings)
    # Results several rules share, computed once per plan (the SLA figures of the latest
    # closed period: ASP401 and the event-data rules read the same pass over the events).
    memo: dict[str, Any] = field(default_factory=dict)
    # The file's text, when the plan was read from one: a rule may look there first to
    # skip a walk of the data that cannot find anything (ASP509).
    text: str | None = None

    @classmethod
    def for_validation(cls, file: str, plan: Plan, data: dict[Any, Any], positions: Positions) -> PlanContext:
        """The context of a validation rule: no ``today`` (``date.min``, never read) and no settings."""
        return cls(file, plan, data, positions, date.min)

    def section_key(self, section: str) -> DataPath:
        """Where a finding about a whole section points: its key, or the file's top when it is not written."""
        return (section,) if section in self.data else ()

    def next_review(self) -> DueItem | None:
        """The next review as an agenda item, computed once for ASP301 and ASP309; ``None`` when it is far.

        Rolling a date to a working day only moves it later, so a review whose unrolled
        date is more than ``warn_days`` away is neither overdue nor due soon, and the
        calendar it would roll on is not built.
        """
        from asplan.agenda import next_review_item, unrolled_next_review

        if "next_review" not in self.memo:
            earliest = unrolled_next_review(self.plan)
            warn_days = self.settings.warn_days
            near = earliest is not None and earliest - self.today <= timedelta(days=warn_days)
            self.memo["next_review"] = next_review_item(self.plan, self.today, warn_days) if near else None
        item: DueItem | None = self.memo["next_review"]
        return item

    def latest_slas(self) -> PlanSlas:
        """Every SLA over its latest closed period, SLA by SLA (one that cannot be computed is left out)."""
        from asplan.sla.engine import evaluate_each

        cached = self.memo.get("latest_slas")
        if cached is None:
            cached = self.memo["latest_slas"] = evaluate_each(
                self.plan, self.file, self.today, "last", at_risk=self.settings.sla_at_risk
            )
        return cached


@dataclass(frozen=True)
class AccountClaim:
    """What one plan contributes to the cross-plan rules: the account id it claims, and where."""

    file: str
    account_id: str
    line: int
    column: int


PortfolioCheck = Callable[[Sequence[AccountClaim]], Iterable[tuple[AccountClaim, str]]]
"""A cross-plan rule's hook (``check_portfolio`` in its module): the claims it reports, with messages."""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    scope: Scope
    check: Callable[[PlanContext], Iterable[Hit]] | None
    check_portfolio: PortfolioCheck | None = None

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        return cls(
            code=module.CODE,
            name=module.NAME,
            severity=module.SEVERITY,
            summary=module.SUMMARY,
            doc=(module.__doc__ or "").strip(),
            scope=getattr(module, "SCOPE", Scope.PLAN),
            check=getattr(module, "check", None),
            check_portfolio=getattr(module, "check_portfolio", None),
        )


def event_data_hits(ctx: PlanContext, code: str) -> Iterator[Hit]:
    """The findings on event data (:mod:`asplan.sla.eventdata`) of one code, as hits.

    ``asplan sla`` prints the same findings as stderr lines: one computation, two outputs.
    """
    if not any(sla.timed for sla in ctx.plan.slas):
        return
    for finding in ctx.latest_slas().findings:
        if finding.code == code:
            yield Hit(finding.path, finding.message, at_key=finding.at_key)


def written_ids(data: dict[Any, Any], section: str) -> frozenset[str]:
    """The ids written in a section of the file, valid entries or not.

    One mistake, one finding: an entry that fails validation (``side: customer``, no
    ``name``, ``hours: "8-17"``) is dropped from the plan and its own finding says why.
    A reference to its id is then not "unknown": the id is there, its definition is
    broken. Rules that resolve references ask this before reporting one, so a single
    bad person does not also read as eight unknown owners. List sections give their
    entries' ``id`` values; mapping sections (``calendars``) their keys.
    """
    raw = data.get(section)
    if isinstance(raw, list):
        return frozenset(e["id"] for e in raw if isinstance(e, dict) and isinstance(e.get("id"), str))
    if isinstance(raw, dict):
        return frozenset(key for key in raw if isinstance(key, str))
    return frozenset()


def has_dropped_entries(data: dict[Any, Any], section: str, kept: int) -> bool:
    """True when some entries of a list section failed validation and are not in the plan.

    Completeness rules (nobody on the client side, no decision maker) cannot judge a
    list with a broken entry: the missing person may be the one whose entry is broken.
    """
    raw = data.get(section)
    return isinstance(raw, list) and sum(1 for e in raw if isinstance(e, dict)) > kept
