"""``--format text``: findings for people reading a terminal.

Findings are grouped by file: a header line with the path, one line per finding in
the ``file:line:col CODE [severity] message`` form editors and terminals make
clickable, and a blank line. A summary line closes the output::

    plans/acme.yaml
    plans/acme.yaml:12:7 ASP302 [warning] Action 'a-3' was due on 2026-10-01
    plans/acme.yaml:30:5 ASP201 [error] Unknown person 'ana.ruis'

    Found 1 error and 1 warning in 1 of 3 files.

With ``show_source`` (on by default on a terminal) each finding is followed by the
line it points at and a caret under its column, like ruff's full output::

    plans/acme.yaml:12:13 ASP001 [error] YAML syntax error: ... quote it: target: ">= 99.9%"
       |
    12 |     target: >= 99.9%
       |             ^

The line is plan text like any other: control characters are spelled out (and a
tab shown as one space, so the caret stays under its column).

With ``statistics`` a ruff-like table (count, code, severity, summary; most frequent
first) follows the findings. Colour is plain ANSI SGR codes, switched on only by
``ReportOptions.color``: the output never depends on the environment or the terminal,
and without colour it holds no escape character at all. Control characters coming
from plan text (an ESC in a quoted value, say) are shown escaped, never sent to the
terminal (:mod:`asplan.printable`); a file name is kept on its line, so a newline in
it cannot forge a line a CI runner would read as a command.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from asplan.findings import Finding, Severity
from asplan.printable import one_line, printable
from asplan.reporters._grouping import findings_by_file, plural
from asplan.reporters.base import CheckReport, Reporter, ReportOptions

#: SGR parameters per role.
BOLD = "1"
HEADER = "1;4"
SEVERITY_STYLE = {Severity.ERROR: "1;31", Severity.WARNING: "33", Severity.INFO: "36"}
SUCCESS = "1;32"

_CONTINUATION = "\n    "


class _Painter:
    """Wraps text in ANSI SGR codes, or leaves it alone when colour is off."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        return f"\x1b[{style}m{text}\x1b[0m" if self.color else text


class TextReporter(Reporter):
    name = "text"

    def render(self, report: CheckReport, options: ReportOptions) -> str:
        paint = _Painter(options.color)
        lines: list[str] = []
        groups = findings_by_file(report)
        for path, findings in groups:
            if not findings:
                continue
            lines.append(paint(one_line(path), HEADER))
            sources = report.sources.get(path, {}) if options.show_source else {}
            for finding in findings:
                lines.append(self._finding_line(finding, paint))
                source = sources.get(finding.line)
                if source is not None:
                    lines.extend([*source_snippet(source, finding, paint), ""])
            if lines[-1]:
                lines.append("")
        if options.statistics and report.findings:
            lines.extend(self._statistics(report, paint))
            lines.append("")
        lines.append(self._summary(report, len(groups), paint))
        return "\n".join(lines) + "\n"

    @staticmethod
    def _finding_line(finding: Finding, paint: _Painter) -> str:
        location = f"{one_line(finding.file)}:{finding.line}:{finding.column}"
        severity = paint(f"[{finding.severity.value}]", SEVERITY_STYLE[finding.severity])
        message = _CONTINUATION.join(printable(part) for part in finding.message.splitlines())
        return f"{location} {paint(finding.code, BOLD)} {severity} {message}".rstrip()

    @staticmethod
    def _statistics(report: CheckReport, paint: _Painter) -> list[str]:
        counts = Counter((f.code, f.severity) for f in report.findings)
        rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0], -item[0][1].rank))
        count_width = max(len(str(count)) for _, count in rows)
        code_width = max(len(code) for (code, _), _ in rows)
        severity_width = max(len(severity.value) for (_, severity), _ in rows)
        lines = []
        for (code, severity), count in rows:
            cells = [
                " " * (count_width - len(str(count))) + paint(str(count), BOLD),
                paint(code, BOLD) + " " * (code_width - len(code)),
                paint(severity.value, SEVERITY_STYLE[severity]) + " " * (severity_width - len(severity.value)),
                printable(report.summaries.get(code, "")),
            ]
            lines.append("  ".join(cells).rstrip())
        return lines

    @staticmethod
    def _summary(report: CheckReport, total_files: int, paint: _Painter) -> str:
        if not report.findings:
            return paint(f"All checks passed: {plural(total_files, 'file')}, no findings.", SUCCESS)
        parts = [
            plural(report.count(severity), word)
            for severity, word in (
                (Severity.ERROR, "error"),
                (Severity.WARNING, "warning"),
                (Severity.INFO, "info"),
            )
            if report.count(severity)
        ]
        counts = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        files_with_findings = len({finding.file for finding in report.findings})
        text = f"Found {counts} in {files_with_findings} of {plural(total_files, 'file')}."
        worst = max((finding.severity for finding in report.findings), key=lambda s: s.rank)
        return paint(text, SEVERITY_STYLE[worst])


#: Longest stretch of a source line shown; longer lines are cut around the column.
SNIPPET_WIDTH = 120


def source_snippet(text: str, finding: Finding, paint: _Painter) -> list[str]:
    """The line a finding points at (``text``), with a caret under its column (1-based, in characters)."""
    line = finding.line
    shown = text.replace("\t", " ")
    at = max(finding.column - 1, 0)
    start = 0
    if at > SNIPPET_WIDTH - 20:
        start = at - 40
    end = start + SNIPPET_WIDTH
    visible = ("..." if start else "") + shown[start:end] + ("..." if end < len(shown) else "")
    before = ("..." if start else "") + shown[start:at]
    pad = " " * _width(one_line(before))
    gutter = " " * len(str(line))
    return [
        f"{gutter} |",
        f"{line} | {one_line(visible)}".rstrip(),
        f"{gutter} | {pad}{paint('^', SEVERITY_STYLE[finding.severity])}",
    ]


def _width(text: str) -> int:
    """Terminal cells ``text`` takes: wide (CJK) characters two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width
