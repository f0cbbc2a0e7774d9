"""The result of one ``asplan check`` run: data the core hands to whichever reporter prints it.

It lives apart from :mod:`asplan.reporters` (as check-jsonschema keeps its result
apart from its reporters) because the core must not import the presentation layer:
:mod:`asplan.checker` builds it, a reporter reads it.
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
