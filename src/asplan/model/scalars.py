"""Typed scalar values of the plan format (spec §2, "Scalar conventions").

Plans are written by people, so every scalar here keeps the user's own spelling
(``str(value)``) for messages and round trips, while exposing an exact value for
the computations (``Decimal`` minutes, whole months and days, period bounds).

Each type validates itself inside pydantic models and describes itself in the JSON
Schema that editors use, so that the editor, ``asplan check`` and the computations
agree on one grammar.  Parse failures raise ``ValueError`` whose message starts
with the expected form: those messages end up verbatim in ASP102 findings.

The classes are immutable and hashable because they are shared freely between
models, used as dictionary keys (periods, targets) and pickled to worker processes
(``check --jobs``).  Calling a class on an instance of it gives the instance back,
so code may normalise "text or value" inputs with a plain constructor call.

One module per type (:mod:`~asplan.model.durations`, :mod:`~asplan.model.cadence`,
:mod:`~asplan.model.targets` for targets and money, :mod:`~asplan.model.period_label`,
:mod:`~asplan.model.plain_values` for ids, dates, numbers, zones and e-mail), the
machinery they share in :mod:`~asplan.model.scalar_base`; this module is where the
rest of asplan imports them from.
"""

from __future__ import annotations

from asplan.model.cadence import Cadence
from asplan.model.durations import DURATION_PATTERN, Duration
from asplan.model.period_label import PeriodKind, PeriodLabel
from asplan.model.plain_values import (
    EMAIL_PATTERN,
    ID_MAX_LENGTH,
    ID_PATTERN,
    Email,
    Flag,
    Id,
    Number,
    Real,
    StrictDate,
    TimeZoneName,
    Whole,
    parse_date,
    parse_id,
    parse_time_zone,
)
from asplan.model.scalar_base import describe_value
from asplan.model.targets import Money, Target, TargetKind, TargetOp

__all__ = [
    "DURATION_PATTERN",
    "EMAIL_PATTERN",
    "ID_MAX_LENGTH",
    "ID_PATTERN",
    "Cadence",
    "Duration",
    "Email",
    "Flag",
    "Id",
    "Money",
    "Number",
    "PeriodKind",
    "PeriodLabel",
    "Real",
    "StrictDate",
    "Target",
    "TargetKind",
    "TargetOp",
    "TimeZoneName",
    "Whole",
    "describe_value",
    "parse_date",
    "parse_id",
    "parse_time_zone",
]
