"""Closed option values (``--format``, ``--fail-on``, ``--sort``...): one check, one wording.

Each choice is a :class:`~enum.StrEnum` owned by the module that gives it meaning (a
command's reporter registry for ``--format``, the core for the rest); the CLI turns
the typed text into a member here. Typer's own enum options would word the error
differently ("Invalid value for '--format'") and print usage; the messages users and
scripts know are ``--format xml: expected one of text, json`` and
``--sort x: expected tier or health``, kept exactly (tests assert them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Literal, TypeVar

from asplan.cli.common import fail

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T", bound=str)
Listing = Literal["one of", "or"]


def spelled(choices: Iterable[str], listing: Listing = "one of") -> str:
    """``one of a, b, c`` or ``a, b or c`` (``a or b``; a single choice alone)."""
    names = list(choices)
    if listing == "one of":
        return f"one of {', '.join(names)}"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def among(option: str, value: str, choices: Sequence[T], listing: Listing = "one of") -> T:
    """The one of ``choices`` that ``value`` names (typed as the choices are: a ``Literal`` stays one).

    Anything else ends the command with ``OPTION VALUE: expected ...``.
    """
    for known in choices:
        if known == value:
            return known
    fail(f"{option} {value}: expected {spelled(choices, listing)}")


def choice(option: str, value: str, kind: type[E], listing: Listing = "one of") -> E:
    """``value`` as a member of ``kind``; a value outside it ends the command with one line."""
    return among(option, value, list(kind), listing)


def optional(option: str, value: str | None, kind: type[E], listing: Listing = "one of") -> E | None:
    """:func:`choice` for an option that may be left out."""
    return None if value is None else choice(option, value, kind, listing)
