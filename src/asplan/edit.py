"""Editing a plan file's text in place: the core ``review``, ``done``, ``measure`` and ``touch`` share.

A plan is a document people wrote and commented; a tool that rewrites it loses
their layout, and a diff that touches fifty lines to add five is not reviewable. So
the file is never re-serialised: ruamel's round-trip loader is used only to *find*
things, and each change is spliced into the original text. Every pre-existing line
stays byte-identical except the ones an edit is about.

This module: :func:`edit_file` (read, edit and write under a lock, atomically, keeping
a BOM; nothing is written when the text is unchanged), :func:`valid_plan` (an edit
starts from a plan that validates) and :func:`verify_edit` (the edited text, parsed
again, must equal the original data with exactly the intended change, and validate),
plus the text helpers the two splicers share. The splicers:
:mod:`asplan.edit_review` adds a held review to ``reviews.history``;
:mod:`asplan.edit_layout` (:class:`~asplan.edit_layout.Layout`) sets a scalar of a
mapping or appends an entry to a list, for ``done``, ``measure`` and ``touch``.

Only these modules use ruamel's round-trip loader: it costs ~85 ms a plan, which is
fine for one edit and not for checking a repository.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from asplan.loading import DataPath, LoadError, decode_utf8, parse_yaml
from asplan.model.plan import Plan
from asplan.plan_source import parse_text
from asplan.settings import DEFAULT_MAX_FILE_BYTES

__all__ = [
    "DataPath",
    "EditError",
    "Fields",
    "ReviewError",
    "edit_file",
    "flow_close",
    "literal_value",
    "valid_plan",
    "verify_edit",
]

_BOM = b"\xef\xbb\xbf"


class EditError(Exception):
    """A user-fixable refusal: ``line`` (1-based, 0 when the file as a whole) and what to do."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


ReviewError = EditError
"""The name ``review`` has always raised; every editing command raises the same class."""


class Edited(Protocol):
    """What an edit returns: at least the new text (the same text when nothing changes)."""

    @property
    def text(self) -> str: ...


EditedT = TypeVar("EditedT", bound=Edited)


def edit_file(path: Path, transform: Callable[[str], EditedT], max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> EditedT:
    """Apply ``transform`` to the plan at ``path`` under a lock, and write the result atomically.

    Locked from the read to the write, so two edits at once (two terminals, a script)
    both land, one after the other. A leading BOM is kept. When ``transform`` returns
    the text unchanged (``done`` on a done action), the file is not written at all.
    """
    from asplan.fileio import LockTimeout, atomic_write_bytes, locked

    try:
        with locked(path):
            raw = _read_bounded(path, max_file_bytes)
            try:
                text = decode_utf8(raw)
            except LoadError as exc:
                raise EditError(exc.message, exc.line) from None
            result = transform(text)
            if result.text != text:
                prefix = _BOM if raw.startswith(_BOM) else b""
                try:
                    atomic_write_bytes(path, prefix + result.text.encode("utf-8"))
                except OSError as exc:
                    raise EditError(f"cannot write the plan: {exc.strerror or exc}; it is unchanged") from None
    except LockTimeout as exc:
        raise EditError(f"{exc}; try again") from None
    except OSError as exc:
        raise EditError(f"cannot read the plan: {exc.strerror or exc}") from None
    return result


def _read_bounded(path: Path, max_file_bytes: int) -> bytes:
    """The file's bytes; a file over the limit is refused without being read."""
    size = path.stat().st_size
    if size > max_file_bytes:
        raise ReviewError(f"file is {size:,} bytes, over the limit of {max_file_bytes:,}")
    with path.open("rb") as handle:
        raw = handle.read(max_file_bytes + 1)
    if len(raw) > max_file_bytes:
        raise ReviewError(f"file is over the limit of {max_file_bytes:,} bytes")
    return raw


def valid_plan(text: str, verifying: bool = False) -> tuple[Plan, Any]:
    """The plan in ``text`` and its plain data, or the first error as an :class:`EditError`.

    Read the way every command reads a plan (:func:`asplan.plan_source.parse_text`).
    ``verifying`` words the error for an edited text (the edit, not the user's file, is wrong).
    """
    source = parse_text(text, "<plan>")
    errors = source.errors
    if errors or source.plan is None or source.document is None:
        first = min(errors) if errors else None
        if first is None:
            raise _refusal("the plan does not validate", 1, "ASP003", verifying)
        raise _refusal(first.message, first.line, first.code, verifying)
    return source.plan, source.document.data


def _refusal(message: str, line: int, code: str, verifying: bool) -> ReviewError:
    if verifying:
        return ReviewError(
            f"internal error: the edited plan would not validate ({code}: {message}); nothing was written"
        )
    return ReviewError(f"{code} {message}: fix the plan first (see `asplan check`); nothing was written", line)


def flow_close(text_lines: list[str], line: int, column: int) -> tuple[int, int]:
    """Position of the bracket closing the flow collection opened at (line, column)."""
    depth = 0
    quote: str | None = None
    row, col = line, column
    while row < len(text_lines):
        current = text_lines[row]
        while col < len(current):
            char = current[col]
            if quote == "'":
                if char == "'" and current[col + 1 : col + 2] == "'":
                    col += 1
                elif char == "'":
                    quote = None
            elif quote == '"':
                if char == "\\":
                    col += 1
                elif char == '"':
                    quote = None
            elif char in "'\"" and (col == 0 or current[col - 1] in " \t[{,:"):
                quote = char
            elif char == "#" and (col == 0 or current[col - 1] in " \t"):
                break
            elif char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return row, col
            col += 1
        row, col = row + 1, 0
    raise ReviewError("internal error: cannot find the end of a flow collection in reviews", line + 1)


Fields = tuple[tuple[str, str], ...]
"""An entry to write: (key, YAML literal) pairs, the literals already valid plain scalars."""


def verify_edit(old_data: Any, new_text: str, change: Callable[[Any], None]) -> Plan:
    """The plan in ``new_text``, once it is certain that the edit did exactly what was meant.

    ``change`` applies the intended change to a copy of ``old_data`` (the plain data
    of the original text); the edited text, parsed again, must give exactly that: a
    splice that touched anything else is an internal error and nothing is written.
    A result that does not validate (the change itself breaks a rule of the format)
    is refused in the user's terms.
    """
    import copy

    expected = copy.deepcopy(old_data)
    change(expected)
    parsed = parse_text(new_text, "<plan>")
    if parsed.document is None:
        raise EditError("internal error: the edited plan would not parse; nothing was written")
    if parsed.document.data != expected:
        raise EditError("internal error: the edited plan did not read back as intended; nothing was written")
    errors = parsed.errors
    if errors or parsed.plan is None:
        first = min(errors) if errors else None
        what = f"{first.code} {first.message}" if first is not None else "it has no valid account"
        raise EditError(f"the plan would not validate after this change ({what}); nothing was written")
    return parsed.plan


def literal_value(literal: str) -> Any:
    """What the parser reads for ``literal`` written as a plain scalar (for :func:`verify_edit`)."""
    data = parse_yaml(f"k: {literal}").data
    return data["k"] if isinstance(data, dict) else None


