"""The one problem type every rule, loader step and reporter speaks.

A finding is deliberately a flat, immutable record (like yamllint's ``LintProblem``):
reporters never need to know which rule produced it, and sorting by position gives
the reading order of the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from asplan.printable import one_line


class Severity(StrEnum):
    """How serious a finding is; ordered so that ``fail_on`` can compare them."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]



def value_in_message(text: str) -> str:
    """A plan value quoted inside a finding's message: one line, control characters spelled out.

    A message is one line: a newline or an escape sequence taken from a plan (a path
    typed across two lines, say) would otherwise split it or reach the terminal.
    """
    return one_line(text)


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place of one file.

    ``line`` and ``column`` are 1-based and point at the offending key or value;
    ``path`` is the data path inside the plan (``actions[1].due``), empty for
    problems of the file as a whole.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    path: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
        }


def format_path(parts: tuple[str | int, ...] | list[str | int]) -> str:
    """``('actions', 1, 'due')`` -> ``actions[1].due``: the spelling users see."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
