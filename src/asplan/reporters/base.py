"""What every output format receives, and the contract a reporter fulfils.

Reporters are pure functions of a :class:`CheckReport`: they never look at plans,
configuration or the terminal themselves (colour is decided by the CLI and passed in),
which is what keeps ``--jobs N`` output byte-identical to a serial run. The report
itself is the core's (:mod:`asplan.check_report`); it is re-exported here for the
reporters.
"""

from __future__ import annotations

from dataclasses import dataclass

from asplan.check_report import CheckReport

__all__ = ["CheckReport", "ReportOptions", "Reporter"]


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
