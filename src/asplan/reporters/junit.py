"""``--format junit``: JUnit XML, for CI systems that show test reports.

One ``<testsuite name="asplan check">`` inside ``<testsuites name="asplan">``, one
``<testcase classname="asplan" name="FILE">`` per file. A file with error findings
fails: its ``<failure message="2 errors" type="asplan">`` lists them, one
``line:col CODE message`` per line. Warnings and infos never fail a test case; they
are listed in the test case's ``<system-out>``. The document is built with
ElementTree (so all text is escaped), indented, and starts with a UTF-8 XML
declaration. Characters XML 1.0 cannot hold (control characters from plan text) are
spelled out (``\\x1b``) instead of making the document unreadable.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from asplan.findings import Finding, Severity
from asplan.reporters._grouping import findings_by_file, plural
from asplan.reporters.base import CheckReport, Reporter, ReportOptions

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
SUITE_NAME = "asplan check"

#: Everything outside XML 1.0's ``Char`` production (lone surrogates included).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _spell_out(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def xml_text(text: str) -> str:
    """``text`` with the characters XML cannot carry spelled out."""
    return _NOT_XML.sub(_spell_out, text)


def finding_line(finding: Finding, *, with_severity: bool) -> str:
    severity = f" [{finding.severity.value}]" if with_severity else ""
    message = "\n    ".join(finding.message.splitlines())
    return f"{finding.line}:{finding.column} {finding.code}{severity} {message}".rstrip()


class JunitReporter(Reporter):
    name = "junit"

    def render(self, report: CheckReport, options: ReportOptions) -> str:
        groups = findings_by_file(report)
        failures = sum(1 for _, findings in groups if any(finding.severity is Severity.ERROR for finding in findings))
        counts = {"tests": str(len(groups)), "failures": str(failures), "errors": "0"}
        root = ET.Element("testsuites", {"name": "asplan", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": SUITE_NAME, **counts})
        for path, findings in groups:
            self._testcase(suite, path, findings)
        ET.indent(root, space="  ")
        return f"{XML_DECLARATION}\n{ET.tostring(root, encoding='unicode')}\n"

    @staticmethod
    def _testcase(suite: ET.Element, path: str, findings: list[Finding]) -> None:
        case = ET.SubElement(suite, "testcase", {"classname": "asplan", "name": xml_text(path)})
        errors = [finding for finding in findings if finding.severity is Severity.ERROR]
        others = [finding for finding in findings if finding.severity is not Severity.ERROR]
        if errors:
            failure = ET.SubElement(case, "failure", {"message": plural(len(errors), "error"), "type": "asplan"})
            failure.text = xml_text("\n".join(finding_line(finding, with_severity=False) for finding in errors))
        if others:
            system_out = ET.SubElement(case, "system-out")
            system_out.text = xml_text("\n".join(finding_line(finding, with_severity=True) for finding in others))
