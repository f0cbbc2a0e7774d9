"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other viewers.

One run whose ``tool.driver.rules`` holds one rule per code found (sorted by code),
with the rule's one-line summary as ``shortDescription`` and, as
``defaultConfiguration.level``, the most severe level its findings have in this run
(a severity override or a rule like ASP306 can report one code at two levels; each
result carries its own ``level``). Results point at their rule by ``ruleId`` and
``ruleIndex`` and at their file by a relative URI (forward slashes, percent-encoded)
that also indexes ``artifacts``, the list of every file looked at. Columns count
Unicode code points, as asplan's do (``columnKind``). The data path of a finding
(``actions[1].due``) is kept in the result's ``properties.path``.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from asplan.findings import Finding, Severity
from asplan.reporters._grouping import findings_by_file
from asplan.reporters.base import CheckReport, Reporter, ReportOptions

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/asplan/"

LEVEL_BY_SEVERITY = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


def artifact_uri(path: str) -> str:
    """A file path as given (relative stays relative) spelled as a URI reference."""
    return quote(path.replace("\\", "/"), safe="/")


class SarifReporter(Reporter):
    name = "sarif"

    def render(self, report: CheckReport, options: ReportOptions) -> str:
        files = [path for path, _ in findings_by_file(report)]
        artifact_index = {path: index for index, path in enumerate(files)}
        codes = sorted({finding.code for finding in report.findings})
        rule_index = {code: index for index, code in enumerate(codes)}
        run = {
            "tool": {
                "driver": {
                    "name": "asplan",
                    "version": report.version,
                    "informationUri": INFORMATION_URI,
                    "rules": [self._rule(code, report) for code in codes],
                }
            },
            "columnKind": "unicodeCodePoints",
            "artifacts": [{"location": {"uri": artifact_uri(path)}} for path in files],
            "results": [self._result(finding, report, rule_index, artifact_index) for finding in report.findings],
        }
        sarif = {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}
        return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"

    @staticmethod
    def _rule(code: str, report: CheckReport) -> dict[str, object]:
        worst = max(
            (finding.severity for finding in report.findings if finding.code == code),
            key=lambda severity: severity.rank,
        )
        return {
            "id": code,
            "shortDescription": {"text": report.summaries.get(code) or code},
            "defaultConfiguration": {"level": LEVEL_BY_SEVERITY[worst]},
        }

    @staticmethod
    def _result(
        finding: Finding,
        report: CheckReport,
        rule_index: dict[str, int],
        artifact_index: dict[str, int],
    ) -> dict[str, object]:
        message = finding.message or report.summaries.get(finding.code) or finding.code
        return {
            "ruleId": finding.code,
            "ruleIndex": rule_index[finding.code],
            "level": LEVEL_BY_SEVERITY[finding.severity],
            "message": {"text": message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": artifact_uri(finding.file),
                            "index": artifact_index[finding.file],
                        },
                        # SARIF positions are 1-based; a whole-file finding still
                        # needs a valid region.
                        "region": {
                            "startLine": max(finding.line, 1),
                            "startColumn": max(finding.column, 1),
                        },
                    }
                }
            ],
            "properties": {"path": finding.path},
        }
