"""``--format github``: GitHub Actions workflow commands, one line per finding::

    ::error file=plans/acme.yaml,line=30,col=5,title=ASP201::Unknown person 'ana.ruis'
    ::warning file=plans/acme.yaml,line=12,col=7,title=ASP302::Action 'a-3' is overdue

Infos become ``::notice``. Values are escaped as the GitHub Actions toolkit does
(``@actions/core`` ``escapeData`` / ``escapeProperty``), so a message can never end
the command early or start another one. Nothing else is printed: the runner reads
every line as a command.
"""

from __future__ import annotations

from asplan.findings import Finding, Severity
from asplan.reporters.base import CheckReport, Reporter, ReportOptions

COMMAND_BY_SEVERITY = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, carriage return and newline."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, and also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(finding: Finding) -> str:
    properties = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", finding.file),
            ("line", str(finding.line)),
            ("col", str(finding.column)),
            ("title", finding.code),
        )
    )
    command = COMMAND_BY_SEVERITY[finding.severity]
    return f"::{command} {properties}::{escape_data(finding.message)}"


class GithubReporter(Reporter):
    name = "github"

    def render(self, report: CheckReport, options: ReportOptions) -> str:
        return "".join(workflow_command(finding) + "\n" for finding in report.findings)
