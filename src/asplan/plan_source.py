"""Where plans come from: the one way every command finds, reads and validates them.

``check``, ``due``, ``review``, ``sla``, ``status`` and ``render`` all read plans
through this module, so they cannot disagree about what a plan is or whether it is
valid. Reading a plan is five steps, always in this order:

1. **find**: files named on the command line, and ``*.yaml``/``*.yml`` files found
   recursively in folders (:func:`discover`; :func:`default_paths` when none given);
2. **read**: UTF-8 text within the size limit (:func:`asplan.loading.read_text`);
3. **sniff**: a file found in a folder is a plan only if it has a top-level
   ``asplan:`` key; a file named explicitly must be one (ASP003 otherwise);
4. **parse and validate**: YAML to data with positions, data to a :class:`Plan`
   (ASP0xx, ASP1xx), then the *validation rules* (:data:`Scope.VALIDATE`): the
   checks of values that change results, like an unknown calendar or a timed SLA
   whose target is not a duration;
5. **resolve**: a command that computes from the plan (``sla``, ``render``,
   ``status``, ``review``) takes it only without errors (:meth:`PlanFile.require`),
   and refuses it with one line naming the first error otherwise.

What this module reports is exactly what ``check`` reports for those steps (check
adds the lint rules on top), so "``check`` passes with no error" implies "every
command accepts the plan". Validation never depends on today: a plan every command
accepts today is still accepted tomorrow.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from asplan.findings import Finding, Severity, format_path
from asplan.loading import Document, LoadError, iter_yaml_files, looks_like_plan, read_text
from asplan.settings import DEFAULT_MAX_FILE_BYTES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from asplan.config import Config
    from asplan.model.plan import Plan
    from asplan.rules.base import Hit, PlanContext

__all__ = [
    "PlanFile",
    "PlanRefused",
    "Target",
    "UsageError",
    "default_paths",
    "discover",
    "find_plans",
    "parse_text",
    "read_plan",
]


class UsageError(Exception):
    """A user-fixable problem with the command line: one line, exit 2."""


class PlanRefused(Exception):
    """A plan a command cannot compute from; ``str()`` is one line, ``file:line: what (what to do)``."""


@dataclass(frozen=True)
class Target:
    """A file to read; ``explicit`` when the user named it (then it must be a plan)."""

    path: str
    explicit: bool


# ------------------------------------------------------------------------------ find


def discover(paths: Sequence[str]) -> list[Target]:
    """Files named explicitly, and YAML files found recursively in folders, in order."""
    targets: list[Target] = []
    seen: set[str] = set()
    for raw in paths:
        if os.path.isdir(raw):
            for found in iter_yaml_files(raw):
                norm = os.path.normpath(found)
                if norm not in seen:
                    seen.add(norm)
                    targets.append(Target(norm, explicit=False))
        elif os.path.exists(raw):
            norm = os.path.normpath(raw)
            if norm not in seen:
                seen.add(norm)
                targets.append(Target(norm, explicit=True))
        else:
            raise UsageError(f"{raw}: no such file or folder")
    return targets


def default_paths(config: Config) -> list[str]:
    """Paths from configuration, else ``plans/`` when it exists, else the current folder."""
    if config.paths:
        # Relative to the configuration file, shown relative to where the user stands.
        return [_relative(config.root / p) for p in config.paths]
    if os.path.isdir("plans"):
        return ["plans"]
    return ["."]


def _relative(path: os.PathLike[str]) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return os.fspath(path)


def find_plans(paths: Sequence[str], max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> list[Target]:
    """The targets among ``paths`` that are plans (a named file always counts: reading it says why not).

    Only sniffs folder-found files; raises :class:`UsageError` for a path that does not exist.
    """
    found: list[Target] = []
    for target in discover(paths):
        if not target.explicit:
            try:
                if not looks_like_plan(read_text(target.path, max_bytes)):
                    continue
            except LoadError:
                continue
        found.append(target)
    return found


# ----------------------------------------------------------------- read and validate


@dataclass
class PlanFile:
    """One file taken as far as it goes: its plan (if any) and the findings of every step.

    ``findings`` are the loader's (ASP0xx), the schema's (ASP1xx) and the validation
    rules' (:data:`~asplan.rules.base.Scope.VALIDATE`), in that order, before any
    configuration (selection, severities, suppressions) is applied: ``check`` applies
    it, the other commands refuse on an error whatever the configuration says.
    """

    path: str
    explicit: bool
    is_plan: bool = True
    document: Document | None = None
    plan: Plan | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def suppressions(self) -> dict[int, frozenset[str] | None]:
        return self.document.suppressions if self.document is not None else {}

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    def refusal(self) -> str | None:
        """Why a command cannot compute from this plan (one line), or ``None`` when it can."""
        errors = sorted(self.errors)
        if not errors and self.plan is not None and self.plan.account is not None:
            return None
        if errors:
            first = errors[0]
            more = f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
            where = f"{self.path}:{first.line}: {first.message}{more}"
        else:
            where = f"{self.path}:1: the plan has no valid account"
        return f"{where}; fix the plan first: asplan check {self.path} lists every problem"

    def require(self) -> Plan:
        """The plan, when it has no error; :class:`PlanRefused` otherwise."""
        refusal = self.refusal()
        if refusal is not None or self.plan is None:
            raise PlanRefused(refusal or f"{self.path}: not a plan")
        return self.plan


def read_plan(target: Target, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> PlanFile:
    """Read, sniff, parse and validate one file. Never raises for anything the file contains.

    A file found in a folder that cannot be opened, or is not a plan, comes back with
    ``is_plan=False`` (and no findings): nothing says it was meant as a plan.
    """
    try:
        text = read_text(target.path, max_bytes)
    except LoadError as exc:
        if not target.explicit and exc.unreadable:
            return PlanFile(target.path, target.explicit, is_plan=False)
        return PlanFile(target.path, target.explicit, findings=[exc.to_finding(target.path)])
    if not target.explicit and not looks_like_plan(text):
        return PlanFile(target.path, target.explicit, is_plan=False)
    return parse_text(text, target.path, explicit=target.explicit)


def parse_text(text: str, path: str, *, explicit: bool = True) -> PlanFile:
    """Steps 4 of :func:`read_plan` on text already in memory (``review`` edits it)."""
    from asplan.model.plan_format import not_a_plan
    from asplan.model.validate import NotAPlan, parse_plan

    try:
        parsed = parse_plan(text, path)
    except LoadError as exc:
        return PlanFile(path, explicit, findings=[exc.to_finding(path)])
    except NotAPlan as exc:
        if not explicit:
            return PlanFile(path, explicit, is_plan=False)
        findings = [*exc.document.findings, not_a_plan(path)]
        return PlanFile(path, explicit, document=exc.document, findings=findings)
    result = PlanFile(path, explicit, document=parsed.document, plan=parsed.plan, findings=parsed.findings)
    if parsed.plan is not None:
        result.findings.extend(validation_findings(parsed.plan, parsed.document, path))
    return result


def validation_findings(plan: Plan, document: Document, path: str) -> list[Finding]:
    """The findings of the validation rules, at the line and column of the value."""
    from asplan.rules.base import PlanContext
    from asplan.rules.registry import validation_rules

    context = PlanContext.for_validation(path, plan, document.data, document.positions)
    findings: list[Finding] = []
    for rule in validation_rules():
        assert rule.check is not None
        for hit in run_rule(rule.check, context, rule.code):
            findings.append(hit_to_finding(hit, rule.code, rule.severity, context))
    return findings


class RuleCrash(Exception):
    """A rule raised: an internal error of asplan, never a silent pass.

    The message names the rule and the file, so a bug report says where to look.
    """


def run_rule(check: Callable[[PlanContext], Iterable[Hit]], context: PlanContext, code: str) -> Iterator[Hit]:
    """The hits of one rule on one plan; a rule that raises is a :class:`RuleCrash`."""
    try:
        yield from check(context)
    except Exception as exc:
        raise RuleCrash(f"rule {code} failed on {context.file}: {type(exc).__name__}: {exc}") from exc


def hit_to_finding(hit: Hit, code: str, default: Severity, context: PlanContext) -> Finding:
    """A rule's hit (a data path) as a finding (a line and column)."""
    positions = context.positions
    line, column = positions.key(hit.path) if hit.at_key else positions.value(hit.path)
    return Finding(context.file, line, column, code, hit.severity or default, hit.message, format_path(hit.path))


def iter_plans(targets: Sequence[Target], max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Iterator[PlanFile]:
    """Every target that is a plan, read and validated, in order."""
    for target in targets:
        result = read_plan(target, max_bytes)
        if result.is_plan:
            yield result
