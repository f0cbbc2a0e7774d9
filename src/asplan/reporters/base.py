"""What every output format receives, and the contract a reporter fulfils.

Reporters are pure functions of a :class:`CheckReport`: they never look at plans,
configuration or the terminal themselves (colour is decided by the CLI and passed in),
which is what keeps ``--jobs N`` output byte-identical to a serial run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from asplan.findings import Finding, Severity


@dataclass
class CheckReport:
    """The outcome of one ``asplan check`` run.

    ``files`` lists every plan file checked, in the order they were found (sorted
    paths); ``findings`` are sorted by file, line, column and code.
    ``summaries`` maps a rule code to its one-line summary (for SARIF rules and
    ``--statistics``). ``sources`` holds, per file, the text of the lines findings
    point at, when the run was asked to show them (``check --show-source``).
    """

    version: str
    today: date
    files: list[str]
    findings: list[Finding]
    summaries: dict[str, str] = field(default_factory=dict)
    sources: dict[str, dict[int, str]] = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


@dataclass
class ReportOptions:
    """Presentation choices made by the CLI."""

    color: bool = False
    statistics: bool = False
    show_source: bool = False  # the offending line and a caret under each finding (text format)


class Reporter:
    """Base class: one subclass per ``--format`` value."""

    name: str = ""

    def render(self, report: CheckReport, options: ReportOptions) -> str:  # pragma: no cover
        raise NotImplementedError
