"""``asplan check`` as a pure function: paths in, a :class:`CheckReport` out.

Files are checked independently (so they can be checked in parallel), and only the
little each file contributes to cross-plan rules (its account id and where it sits)
is kept, never the parsed plans: memory stays flat however many plans there are.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from asplan import __version__
from asplan.config import Config
from asplan.findings import Finding, Severity, format_path
from asplan.loading import LoadError, iter_yaml_files, looks_like_plan, read_text
from asplan.parallel import ordered_map
from asplan.reporters.base import CheckReport
from asplan.rules import RULES, plan_rules
from asplan.rules.base import Hit, PlanContext, Settings


class UsageError(Exception):
    """A user-fixable problem with the command line: one line, exit 2."""


@dataclass(frozen=True)
class Target:
    """A file to check; ``explicit`` when the user named it (then it must be a plan)."""

    path: str
    explicit: bool


@dataclass
class FileResult:
    path: str
    is_plan: bool
    findings: list[Finding] = field(default_factory=list)
    account_id: str | None = None
    account_pos: tuple[int, int] = (1, 1)
    suppressions: dict[int, frozenset[str] | None] = field(default_factory=dict)


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


def check_file(target: Target, config: Config, today: date) -> FileResult:
    """Load, validate and lint one file. Never raises for anything the file contains."""
    path = target.path
    result = FileResult(path, is_plan=True)
    try:
        text = read_text(path, config.max_file_bytes)
    except LoadError as exc:
        if not target.explicit and exc.unreadable:
            result.is_plan = False
            return result
        result.findings.append(exc.to_finding(path))
        return _finish(result, config)
    if not target.explicit and not looks_like_plan(text):
        result.is_plan = False
        return result
    from asplan.model.validate import NotAPlan, parse_plan

    try:
        parsed = parse_plan(text, path)
    except LoadError as exc:
        result.findings.append(exc.to_finding(path))
        return _finish(result, config)
    except NotAPlan as exc:
        if not target.explicit:
            result.is_plan = False
            return result
        result.suppressions = exc.document.suppressions
        result.findings.extend(exc.document.findings)
        result.findings.append(
            Finding(
                path,
                1,
                1,
                "ASP003",
                Severity.ERROR,
                "not a plan: the top-level mapping has no 'asplan' key (add 'asplan: 1')",
            )
        )
        return _finish(result, config)
    document = parsed.document
    result.suppressions = document.suppressions
    result.findings.extend(parsed.findings)
    plan = parsed.plan
    if plan is None:
        return _finish(result, config)
    if plan.account is not None and plan.account.id:
        result.account_id = plan.account.id
        result.account_pos = document.positions.value((*plan.account.path, "id"))
    context = PlanContext(
        file=path,
        plan=plan,
        data=document.data,
        positions=document.positions,
        today=today,
        settings=Settings(warn_days=config.warn_days, kpi_grace_days=config.kpi_grace_days),
    )
    for rule in plan_rules():
        if not config.is_enabled(rule.code) or rule.check is None:
            continue
        for hit in _run(rule.check, context, rule.code):
            result.findings.append(_to_finding(hit, rule.code, rule.severity, context))
    return _finish(result, config)


class RuleCrash(Exception):
    """A rule raised: an internal error of asplan, never a silent pass.

    The message names the rule and the file, so a bug report says where to look.
    """


def _run(check: Any, context: PlanContext, code: str) -> Iterator[Hit]:
    try:
        yield from check(context)
    except Exception as exc:
        raise RuleCrash(f"rule {code} failed on {context.file}: {type(exc).__name__}: {exc}") from exc


def _to_finding(hit: Hit, code: str, default: Severity, ctx: PlanContext) -> Finding:
    line, column = ctx.positions.key(hit.path) if hit.at_key else ctx.positions.value(hit.path)
    return Finding(ctx.file, line, column, code, hit.severity or default, hit.message, format_path(hit.path))


def _finish(result: FileResult, config: Config) -> FileResult:
    """Apply selection, per-file ignores, inline suppressions and severity overrides."""
    kept: list[Finding] = []
    for finding in result.findings:
        code = finding.code
        if not config.is_enabled(code) or config.ignored_for_file(result.path, code):
            continue
        suppressed = result.suppressions.get(finding.line, frozenset())
        if suppressed is None or (suppressed and code in suppressed):
            continue
        severity = config.severity_of(code, finding.severity)
        if severity is not finding.severity:
            finding = Finding(finding.file, finding.line, finding.column, code, severity, finding.message, finding.path)
        kept.append(finding)
    result.findings = kept
    return result


def portfolio_findings(results: Iterable[FileResult], config: Config) -> list[Finding]:
    """ASP204: an account id claimed by more than one plan (each later claim is reported)."""
    owners: dict[str, str] = {}
    findings: list[Finding] = []
    rule = RULES["ASP204"]
    if not config.is_enabled(rule.code):
        return findings
    for result in results:
        account_id = result.account_id
        if account_id is None:
            continue
        first = owners.get(account_id)
        if first is None:
            owners[account_id] = result.path
            continue
        line, column = result.account_pos
        if config.ignored_for_file(result.path, rule.code):
            continue
        suppressed = result.suppressions.get(line, frozenset())
        if suppressed is None or (suppressed and rule.code in suppressed):
            continue
        findings.append(
            Finding(
                result.path,
                line,
                column,
                rule.code,
                config.severity_of(rule.code, rule.severity),
                f"account id '{account_id}' is already used by {first}: account ids are unique across the repository",
                format_path(("account", "id")),
            )
        )
    return findings


def _check_one(args: tuple[Target, Config, date]) -> FileResult:
    return check_file(*args)


def check_targets(
    targets: Sequence[Target],
    config: Config,
    today: date,
    jobs: int = 1,
    progress: Any = None,
) -> CheckReport:
    """Check every target; output order never depends on ``jobs``."""
    results: list[FileResult] = []
    work = [(t, config, today) for t in targets]
    for result in ordered_map(_check_one, work, jobs):
        results.append(_slim(result))
        if progress is not None:
            progress()
    findings = [f for r in results for f in r.findings]
    findings.extend(portfolio_findings(results, config))
    findings.sort(key=lambda f: (f.file, f.line, f.column, f.code))
    files = [r.path for r in results if r.is_plan]
    summaries = {code: rule.summary for code, rule in RULES.items()}
    return CheckReport(__version__, today, files, findings, summaries)


def _slim(result: FileResult) -> FileResult:
    """Keep only what later steps need (suppressions only for lines of account ids)."""
    if result.account_id is not None:
        line = result.account_pos[0]
        kept = {line: result.suppressions[line]} if line in result.suppressions else {}
        result.suppressions = kept
    else:
        result.suppressions = {}
    return result


def exit_code(report: CheckReport, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in report.findings) else 0
