"""``--format json``: one object for scripts, in the shape of spec §4::

    {"tool": "asplan", "version": "0.1.0", "today": "2026-11-23",
     "files": ["plans/acme.yaml"],
     "findings": [{"file": ..., "line": 12, "column": 7, "code": "ASP302",
                   "severity": "warning", "message": ..., "path": "actions[1].due"}],
     "summary": {"files": 1, "errors": 0, "warnings": 1, "infos": 0}}

Keys keep that order, the text is indented by two spaces, non-ASCII text is written
as is (``ensure_ascii=False``) and the output ends with a newline.
"""

from __future__ import annotations

import json

from asplan.findings import Severity
from asplan.reporters.base import CheckReport, Reporter, ReportOptions


class JsonReporter(Reporter):
    name = "json"

    def render(self, report: CheckReport, options: ReportOptions) -> str:
        payload = {
            "tool": "asplan",
            "version": report.version,
            "today": report.today.isoformat(),
            "files": list(report.files),
            "findings": [finding.to_dict() for finding in report.findings],
            "summary": {
                "files": len(report.files),
                "errors": report.count(Severity.ERROR),
                "warnings": report.count(Severity.WARNING),
                "infos": report.count(Severity.INFO),
            },
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
