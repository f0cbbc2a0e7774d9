"""Helpers several reporters share: which files a report covers, and in what order."""

from __future__ import annotations

from asplan.findings import Finding
from asplan.reporters.base import CheckReport


def findings_by_file(report: CheckReport) -> list[tuple[str, list[Finding]]]:
    """Every file of the report with its findings, in a stable order.

    Checked files come first, in the order of ``report.files``; a file that only
    appears in a finding (an SLA event file, say) follows, sorted by path. Findings
    keep the order of ``report.findings`` (sorted by position).
    """
    groups: dict[str, list[Finding]] = {path: [] for path in report.files}
    extra: dict[str, list[Finding]] = {}
    for finding in report.findings:
        target = groups if finding.file in groups else extra
        target.setdefault(finding.file, []).append(finding)
    return [*groups.items(), *sorted(extra.items())]


def plural(count: int, word: str) -> str:
    """``plural(1, "error")`` -> ``1 error``; ``plural(2, "info")`` -> ``2 infos``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
