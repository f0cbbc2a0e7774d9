"""``--format gitlab``: the Code Climate JSON that GitLab's code-quality report reads::

    [{"description": "ASP302 action 'ACT-6' is overdue ...", "check_name": "ASP302",
      "fingerprint": "5f0c...", "severity": "minor",
      "location": {"path": "plans/acme.yaml", "lines": {"begin": 12}}}]

GitLab compares reports between the merge request and its target branch by
``fingerprint``: a finding keeps its fingerprint while it stays the same problem, so
it must not depend on the line (a line added above would make every finding below
"new") nor on the message (which holds counts of days that change daily). It hashes
the file, the rule code and the data path in the plan (``actions[ACT-6]`` is not
available, so ``actions[5].due``); findings that still collide get a running number.
Severities: error -> ``major``, warning -> ``minor``, info -> ``info``.
Run ``asplan check`` from the repository root so that paths are relative to it, as
GitLab expects.
"""

from __future__ import annotations

import hashlib
import json

from asplan.findings import Severity
from asplan.reporters.base import CheckReport, Reporter, ReportOptions

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprint(file: str, code: str, path: str, occurrence: int) -> str:
    key = "\x1f".join((file, code, path, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


class GitlabReporter(Reporter):
    name = "gitlab"

    def render(self, report: CheckReport, options: ReportOptions) -> str:
        seen: dict[tuple[str, str, str], int] = {}
        issues = []
        for finding in report.findings:
            identity = (finding.file, finding.code, finding.path)
            occurrence = seen.get(identity, 0)
            seen[identity] = occurrence + 1
            issues.append(
                {
                    "description": f"{finding.code} {finding.message}",
                    "check_name": finding.code,
                    "fingerprint": fingerprint(*identity, occurrence),
                    "severity": SEVERITY[finding.severity],
                    "location": {"path": finding.file, "lines": {"begin": finding.line}},
                }
            )
        return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
