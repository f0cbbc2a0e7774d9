"""``asplan check`` as a pure function: targets in, a :class:`CheckReport` out.

Plans are found, read and validated by :mod:`asplan.plan_source`, as for every other
command; check adds the lint rules and the configuration (selection, severities,
suppressions). Files are checked independently (so they can be checked in parallel),
and only the little each file contributes to cross-plan rules (its account id and
where it sits) is kept, never the parsed plans: memory stays flat however many plans
there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from asplan import __version__
from asplan.check_report import CheckReport
from asplan.config import Config
from asplan.findings import Finding, Severity, format_path
from asplan.parallel import ordered_map
from asplan.plan_source import RuleCrash, Target, hit_to_finding, read_plan, run_rule
from asplan.result_cache import CachedFile, ResultCache
from asplan.rules.base import AccountClaim, PlanContext

__all__ = ["CheckReport", "FileResult", "RuleCrash", "Target", "check_file", "check_targets", "exit_code"]


@dataclass
class FileResult:
    path: str
    is_plan: bool
    findings: list[Finding] = field(default_factory=list)
    account_id: str | None = None
    account_pos: tuple[int, int] = (1, 1)
    suppressions: dict[int, frozenset[str] | None] = field(default_factory=dict)
    depends: list[str] = field(default_factory=list)
    """Other files the findings were computed from (event files): the result cache checks them."""
    sources: dict[int, str] = field(default_factory=dict)  # line -> its text, for the lines findings point at
    summaries: dict[str, str] = field(default_factory=dict)
    """Summaries of the findings' rules, when they came from the result cache (see :func:`_summaries`)."""


def check_file(target: Target, config: Config, today: date, show_source: bool = False) -> FileResult:
    """Read and validate one file (:mod:`asplan.plan_source`), then lint it. Never raises for its content.

    With ``show_source``, the text of each line a finding points at is kept (and only
    those lines), for the text report's source snippets.
    """
    result = _check_file(target, config, today)
    if show_source and result.findings:
        result.sources = source_lines(result.path, {finding.line for finding in result.findings}, config)
    return result


def source_lines(path: str, lines: set[int], config: Config) -> dict[int, str]:
    """The text of ``lines`` (1-based) of a file, as read again; a line that is not there is left out.

    Read again rather than kept from parsing: a file refused before parsing (not
    UTF-8, too large) has no document, and keeping every document's text would cost
    memory on runs where nobody looks at it. Undecodable bytes are shown replaced.
    """
    try:
        with open(path, "rb") as handle:
            raw = handle.read(config.max_file_bytes + 1)
    except OSError:
        return {}
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    found: dict[int, str] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if number in lines:
            found[number] = line.rstrip("\r")
            if len(found) == len(lines):
                break
    return found


def _check_file(target: Target, config: Config, today: date) -> FileResult:
    source = read_plan(target, config.max_file_bytes)
    result = FileResult(source.path, source.is_plan, list(source.findings), suppressions=source.suppressions)
    plan, document = source.plan, source.document
    if plan is None or document is None:
        return _finish(result, config)
    if plan.events:
        from asplan.sla.engine import files_read

        result.depends = files_read(source.path, plan)
    if plan.account is not None and plan.account.id:
        result.account_id = plan.account.id
        result.account_pos = document.positions.value((*plan.account.path, "id"))
    from asplan.rules.registry import plan_rules

    context = PlanContext(
        file=source.path,
        plan=plan,
        data=document.data,
        positions=document.positions,
        today=today,
        settings=config.settings,
        text=document.text,
    )
    for rule in plan_rules():
        if not config.is_enabled(rule.code) or rule.check is None:
            continue
        for hit in run_rule(rule.check, context, rule.code):
            result.findings.append(hit_to_finding(hit, rule.code, rule.severity, context))
    return _finish(result, config)


def _finish(result: FileResult, config: Config) -> FileResult:
    result.findings = configured(result.findings, result.path, result.suppressions, config)
    return result


def configured(
    findings: Iterable[Finding], file: str, suppressions: dict[int, frozenset[str] | None], config: Config
) -> list[Finding]:
    """Apply selection, per-file ignores, inline suppressions and severity overrides.

    The one filter every finding of a file passes, whether a plan rule or a cross-plan
    rule raised it: a ``# asplan: ignore[...]`` works the same on both.
    """
    kept: list[Finding] = []
    for finding in findings:
        code = finding.code
        if not config.is_enabled(code) or config.ignored_for_file(file, code):
            continue
        suppressed = suppressions.get(finding.line, frozenset())
        if suppressed is None or (suppressed and code in suppressed):
            continue
        severity = config.severity_of(code, finding.severity)
        if severity is not finding.severity:
            finding = Finding(finding.file, finding.line, finding.column, code, severity, finding.message, finding.path)
        kept.append(finding)
    return kept


def portfolio_findings(results: Iterable[FileResult], config: Config) -> list[Finding]:
    """The cross-plan rules (``check_portfolio``, e.g. ASP204) over what each file claimed."""
    from asplan.rules.portfolio import portfolio_rules

    claimed = {r.path: r for r in results if r.account_id is not None}
    claims = [AccountClaim(r.path, r.account_id, *r.account_pos) for r in claimed.values() if r.account_id is not None]
    findings: list[Finding] = []
    for rule in portfolio_rules():
        if not config.is_enabled(rule.code) or rule.check_portfolio is None:
            continue
        for claim, message in rule.check_portfolio(claims):
            result = claimed[claim.file]
            raised = Finding(
                claim.file, claim.line, claim.column, rule.code, rule.severity, message, format_path(("account", "id"))
            )
            findings.extend(configured([raised], result.path, result.suppressions, config))
    return findings


def _check_one(args: tuple[Target, Config, date, bool]) -> FileResult:
    return check_file(*args)


def check_targets(
    targets: Sequence[Target],
    config: Config,
    today: date,
    jobs: int = 1,
    progress: Any = None,
    show_source: bool = False,
    cache: ResultCache | None = None,
) -> CheckReport:
    """Check every target; output order never depends on ``jobs``, nor on what ``cache`` held."""
    slots: list[FileResult | None] = [None] * len(targets)
    todo: list[int] = []
    for i, target in enumerate(targets):
        cached = cache.lookup(target.path, target.explicit) if cache is not None else None
        if cached is None:
            todo.append(i)
            continue
        hit = FileResult(
            cached.path,
            cached.is_plan,
            cached.findings,
            cached.account_id,
            cached.account_pos,
            cached.suppressions,
            summaries=cached.summaries,
        )
        if show_source and hit.findings:
            hit.sources = source_lines(hit.path, {finding.line for finding in hit.findings}, config)
        slots[i] = hit
        if progress is not None:
            progress()
    work = [(targets[i], config, today, show_source) for i in todo]
    for i, result in zip(todo, ordered_map(_check_one, work, jobs), strict=True):
        slim = _slim(result)
        slots[i] = slim
        if cache is not None:
            target = targets[i]
            cache.store(target.path, target.explicit, _cacheable(slim), slim.depends)
        if progress is not None:
            progress()
    results = [r for r in slots if r is not None]
    findings = [f for r in results for f in r.findings]
    findings.extend(portfolio_findings(results, config))
    findings.sort(key=lambda f: (f.file, f.line, f.column, f.code))
    files = [r.path for r in results if r.is_plan]
    summaries = _summaries(findings, results)
    sources = {r.path: r.sources for r in results if r.sources}
    if show_source:
        for finding in findings:  # the cross-plan findings (ASP204) point at lines not read yet
            if finding.line not in sources.get(finding.file, {}):
                sources.setdefault(finding.file, {}).update(source_lines(finding.file, {finding.line}, config))
    return CheckReport(__version__, today, files, findings, summaries, sources)


def _summaries(findings: Sequence[Finding], results: Iterable[FileResult]) -> dict[str, str]:
    """The one-line summary of each rule that has a finding (all the reporters print), by code.

    Taken from the cache entries when every file was a hit, so that a warm run never
    imports the rule registry; from the registry otherwise (a miss has imported it).
    """
    codes = {finding.code for finding in findings}
    known: dict[str, str] = {}
    for result in results:
        known.update(result.summaries)
    if not codes <= known.keys():
        from asplan.rules.portfolio import portfolio_rules

        known.update({rule.code: rule.summary for rule in portfolio_rules()})
    if not codes <= known.keys():
        from asplan.rules.registry import RULES

        known.update({code: RULES[code].summary for code in codes if code in RULES})
    return {code: known[code] for code in sorted(codes) if code in known}


def _cacheable(result: FileResult) -> CachedFile:
    from asplan.rules.registry import RULES

    summaries = {f.code: RULES[f.code].summary for f in result.findings if f.code in RULES}
    return CachedFile(
        result.path,
        result.is_plan,
        result.findings,
        result.account_id,
        result.account_pos,
        result.suppressions,
        summaries,
    )


def _slim(result: FileResult) -> FileResult:
    """Keep only what later steps need (suppressions only for lines of account ids)."""
    if result.account_id is not None:
        line = result.account_pos[0]
        kept = {line: result.suppressions[line]} if line in result.suppressions else {}
        result.suppressions = kept
    else:
        result.suppressions = {}
    return result


class FailOn(StrEnum):
    """``--fail-on`` (and ``fail_on`` in ``asplan.toml``): the lowest severity that fails a run, or never."""

    error = "error"
    warning = "warning"
    never = "never"


def exit_code(report: CheckReport, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in report.findings) else 0
