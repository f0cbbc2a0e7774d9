"""Round-trip edits of a plan file: ``asplan review``, and the core ``done``/``measure``/``touch`` share.

A plan is a document people wrote and commented; a tool that rewrites it loses
their layout, and a diff that touches fifty lines to add five is not reviewable. So
the file is never re-serialised: ruamel's round-trip loader is used only to *find*
things (where ``reviews`` and its ``history`` sit, how the neighbouring entries are
written), and the change is spliced into the original text. Every pre-existing line
stays byte-identical, except the ``reviews.next`` line when the review fulfils it
(and, for flow-style ``[...]``/``{...}`` collections, the line that closes them).

This is the only module allowed to use ruamel's round-trip loader: it costs ~85 ms a
plan, which is fine for one edit and not for checking a repository.

The core every editing command shares: :func:`edit_file` (read, edit and write under
a lock, atomically, keeping a BOM; nothing is written when the text is unchanged),
:class:`Layout` (set a scalar of a mapping, append an entry to a list: each a splice
at the place ruamel's positions point to, written like its neighbours, in block or
flow style) and :func:`verify_edit` (the edited text, parsed again, must equal the
original data with exactly the intended change, and validate). ``record_review``
predates :class:`Layout` and keeps its own splicer (clearing ``reviews.next`` and
multi-line entries are its own business).

Safety: the plan must validate before the edit (schema and loading errors refuse it,
untouched), and the edited text is parsed and validated again and must contain
exactly the new review before anything is written, atomically.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar

from asplan.loading import LoadError, decode_utf8, parse_yaml, resolve_scalar
from asplan.model.plan import Plan
from asplan.plan_source import parse_text
from asplan.settings import DEFAULT_MAX_FILE_BYTES, DEFAULT_WARN_DAYS

__all__ = [
    "EditError",
    "Layout",
    "ReviewEntry",
    "ReviewError",
    "ReviewResult",
    "edit_file",
    "record_review",
    "record_review_file",
    "valid_plan",
    "verify_edit",
]

_BOM = b"\xef\xbb\xbf"
_NEXT_LINE_RE = re.compile(r"^[ \t]*next[ \t]*:[ \t]*(['\"]?)\d{4}-\d{2}-\d{2}\1[ \t]*(#.*)?\r?\n?$")
_FLOW_NEXT_RE = re.compile(r"next[ \t]*:[ \t]*(['\"]?)\d{4}-\d{2}-\d{2}\1")
_CANONICAL_KEYS = ("date", "attendees", "summary", "decisions")


class EditError(Exception):
    """A user-fixable refusal: ``line`` (1-based, 0 when the file as a whole) and what to do."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


ReviewError = EditError
"""The name ``review`` has always raised; every editing command raises the same class."""


@dataclass(frozen=True)
class ReviewEntry:
    """A review as held: the new ``reviews.history`` entry."""

    date: date
    attendees: tuple[str, ...] = ()
    summary: str | None = None
    decisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewResult:
    text: str
    cleared_next: date | None
    next_review: date | None


# ----------------------------------------------------------------------------- entry


def fulfils(review_date: date, scheduled: date, warn_days: int) -> bool:
    """A review held on or after the scheduled one, or at most ``warn_days`` before it, replaces it.

    An ad-hoc review months ahead of a scheduled one leaves that one standing.
    """
    return review_date >= scheduled - timedelta(days=warn_days)


def record_review(text: str, entry: ReviewEntry, today: date, warn_days: int = DEFAULT_WARN_DAYS) -> ReviewResult:
    """The plan text with ``entry`` appended to ``reviews.history``; raises :class:`ReviewError`."""
    plan = _valid_plan(text)
    reviews = plan.reviews
    if reviews is None:
        raise ReviewError(
            "the plan has no `reviews` section: add one with your cadence first, e.g. `reviews: {every: quarterly}`"
        )
    if entry.date > today:
        raise ReviewError(
            f"--date {entry.date.isoformat()} is after today ({today.isoformat()}): record a review once held"
        )
    people = sorted(plan.person_ids())
    for attendee in entry.attendees:
        if attendee not in people:
            close = difflib.get_close_matches(attendee, people, n=1)
            hint = f": did you mean '{close[0]}'?" if close else ": attendees must be ids of `people` in the plan"
            raise ReviewError(f"--attendee {attendee} is not a person of the plan{hint}")
    if len(set(entry.attendees)) != len(entry.attendees):
        raise ReviewError("an attendee is given twice")
    for record in reviews.history:
        if record.date == entry.date:
            raise ReviewError(f"a review on {entry.date.isoformat()} is already recorded in reviews.history")
    clear = reviews.next is not None and fulfils(entry.date, reviews.next, warn_days)

    new_text = _splice(text, entry, clear)

    after = _valid_plan(new_text, verifying=True)
    history = after.reviews.history if after.reviews is not None else []
    added = [r for r in history if r.date == entry.date]
    if (
        len(history) != len(reviews.history) + 1
        or len(added) != 1
        or tuple(added[0].attendees) != entry.attendees
        or added[0].summary != entry.summary
        or tuple(added[0].decisions) != entry.decisions
        or (after.reviews is not None and (after.reviews.next is None) != (clear or reviews.next is None))
    ):
        raise ReviewError("internal error: the edited plan did not read back as intended; nothing was written")

    from asplan.agenda import next_review
    from asplan.timecalc.calendars import build_calendars

    return ReviewResult(new_text, reviews.next if clear else None, next_review(after, build_calendars(after)))


def record_review_file(
    path: Path,
    entry: ReviewEntry,
    today: date,
    warn_days: int = DEFAULT_WARN_DAYS,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> ReviewResult:
    """Record the review in the file at ``path``, atomically, keeping a leading BOM.

    The read, the edit and the write happen under :func:`~asplan.fileio.locked`, so
    two reviews recorded at once both land, one after the other.
    """
    return edit_file(path, lambda text: record_review(text, entry, today, warn_days), max_file_bytes)


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


def _valid_plan(text: str, verifying: bool = False) -> Plan:
    """The plan in ``text``, or the first loading/schema error as a :class:`ReviewError`."""
    plan, _ = valid_plan(text, verifying)
    return plan


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


# ---------------------------------------------------------------------------- splicing


@dataclass(frozen=True)
class _Style:
    """How the neighbouring entry is written, so the new one looks like it."""

    flow_entry: bool = False
    keys: tuple[str, ...] = _CANONICAL_KEYS
    flow_lists: frozenset[str] = frozenset({"attendees"})
    list_indent: int = 2  # columns from a key to the dash of its block list items


def _splice(text: str, entry: ReviewEntry, clear_next: bool) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    try:
        doc = YAML(typ="rt").load(text)
    except Exception as exc:  # ruamel raises many types; the plan already parsed with libyaml
        raise ReviewError(f"internal error: cannot locate reviews in the file ({type(exc).__name__})") from None
    reviews = doc["reviews"]
    if not isinstance(reviews, CommentedMap):
        raise ReviewError("reviews: expected a mapping")
    text_lines = text.splitlines(keepends=True)
    starts = [0]
    for line in text_lines:
        starts.append(starts[-1] + len(line))
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, str]] = []

    def offset(line: int, column: int) -> int:
        return starts[line] + column

    reviews_flow = bool(reviews.fa.flow_style())
    if clear_next:
        line, column = reviews.lc.key("next")
        if reviews_flow:
            edits.append(_flow_removal(text_lines[line], starts[line], column))
        elif _NEXT_LINE_RE.match(text_lines[line]):
            edits.append((starts[line], starts[line + 1], ""))
        else:
            raise ReviewError("reviews.next is not on a line of its own: remove it by hand", line + 1)

    history = reviews.get("history")
    if isinstance(history, CommentedSeq) and not history.fa.flow_style() and len(history) > 0:
        last_index = len(history) - 1
        item_line, item_col = history.lc.item(last_index)
        dash = text_lines[item_line].rfind("-", 0, item_col)
        dash_col = dash if dash >= 0 else max(item_col - 2, 0)
        style = _style_of(history[last_index], text_lines)
        end_line = _block_end(doc, reviews, "history", text_lines, len(text_lines), item_line + 1)
        if style.flow_entry:
            body = " " * dash_col + "- " + _flow_entry(entry, style) + newline
        else:
            body = "".join(row + newline for row in _block_entry(entry, style, dash_col, item_col))
        edits.append(_insert_lines(text, starts, end_line, body, newline))
    elif isinstance(history, CommentedSeq):
        line, column = reviews.lc.value("history")
        style = _style_of(history[-1], text_lines) if len(history) else _Style()
        close_line, close_col = _flow_close(text_lines, line, column)
        separator = ", " if len(history) else ""
        edits.append(_point(offset(close_line, close_col), separator + _flow_entry(entry, style)))
    elif reviews_flow:
        open_row, open_col = _mapping_open(doc, text_lines)
        close_line, close_col = _flow_close(text_lines, open_row, open_col)
        edits.append(_point(offset(close_line, close_col), f", history: [{_flow_entry(entry, _Style())}]"))
    else:
        first_key = next(iter(reviews))
        key_col = reviews.lc.key(first_key)[1]
        last_key = list(reviews)[-1]
        end_line = _block_end(doc, reviews, last_key, text_lines, len(text_lines), reviews.lc.key(last_key)[0] + 1)
        block = [" " * key_col + "history:", *_block_entry(entry, _Style(), key_col + 2, key_col + 4)]
        edits.append(_insert_lines(text, starts, end_line, "".join(row + newline for row in block), newline))

    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _point(at: int, replacement: str) -> tuple[int, int, str]:
    return at, at, replacement


def _insert_lines(text: str, starts: list[int], line: int, body: str, newline: str) -> tuple[int, int, str]:
    at = starts[line]
    if at == len(text) and text and not text.endswith("\n"):
        body = newline + body
    return at, at, body


def _mapping_open(doc: Any, text_lines: list[str]) -> tuple[int, int]:
    line, column = doc.lc.value("reviews")
    return int(line), int(column)


def _block_end(doc: Any, reviews: Any, key: str, text_lines: list[str], eof: int, floor: int) -> int:
    """The line before which a block entry ending the value of ``reviews[key]`` can be inserted.

    It is the start of whatever follows (the next key of ``reviews``, else the next
    top-level key, else the end of the file), backed up over blank and comment-only
    lines so that a comment introducing the next section stays with it.
    """
    keys = list(reviews)
    following = keys[keys.index(key) + 1 :]
    if following:
        end = int(reviews.lc.key(following[0])[0])
    else:
        top = list(doc)
        after = top[top.index("reviews") + 1 :]
        end = int(doc.lc.key(after[0])[0]) if after else eof
    while end > floor and (not text_lines[end - 1].strip() or text_lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _style_of(neighbour: Any, text_lines: list[str]) -> _Style:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(neighbour, CommentedMap):
        return _Style()
    keys = tuple(k for k in neighbour if k in _CANONICAL_KEYS)
    keys += tuple(k for k in _CANONICAL_KEYS if k not in keys)
    flow_lists = set()
    list_indent = 2
    for name in ("attendees", "decisions"):
        value = neighbour.get(name)
        if isinstance(value, CommentedSeq):
            if value.fa.flow_style():
                flow_lists.add(name)
            elif len(value):
                line, column = value.lc.item(0)
                dash = text_lines[line].rfind("-", 0, column)
                if dash >= 0:
                    list_indent = dash - neighbour.lc.key(name)[1]
        elif name == "attendees":
            flow_lists.add(name)
    return _Style(bool(neighbour.fa.flow_style()), keys, frozenset(flow_lists), max(list_indent, 0))


def _flow_close(text_lines: list[str], line: int, column: int) -> tuple[int, int]:
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


def _flow_removal(line_text: str, line_start: int, column: int) -> tuple[int, int, str]:
    """Remove ``next: DATE`` and one adjacent comma from a flow mapping line."""
    match = _FLOW_NEXT_RE.match(line_text, column)
    if match is None:
        raise ReviewError("reviews.next is not a plain date: remove it by hand")
    start, end = match.start(), match.end()
    after = re.compile(r"[ \t]*,[ \t]*").match(line_text, end)
    if after is not None:
        end = after.end()
    else:
        before = re.search(r",[ \t]*$", line_text[:start])
        if before is not None:
            start = before.start()
    return line_start + start, line_start + end, ""


# --------------------------------------------------------------------------- rendering


_PLAIN_BAD_START = frozenset("-?:,[]{}#&*!|>'\"%@` \t")


def _plain_ok(text: str, flow: bool) -> bool:
    """Whether ``text`` reads back as this very string when written plain."""
    if not text or text != text.strip() or text[0] in _PLAIN_BAD_START or not text.isprintable():
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(char in text for char in ",[]{}"):
        return False
    if resolve_scalar(text, None, True) != text or not isinstance(resolve_scalar(text, None, True), str):
        return False
    # The rules above are the common cases; libyaml has more corners (``[0?]``), so the
    # last word is a round trip through the parser in the very context it will sit in.
    probe = f"k: [{text}]" if flow else f"k:\n  - {text}"
    try:
        data = parse_yaml(probe).data
    except LoadError:
        return False
    return isinstance(data, dict) and data.get("k") == [text]


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes, plus every non-printable character)."""
    out = []
    for char in json.dumps(text, ensure_ascii=False):
        if char.isprintable() or char == " ":
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return "".join(out)


def _scalar(text: str, flow: bool) -> str:
    return text if _plain_ok(text, flow) else _quoted(text)


def _fields(entry: ReviewEntry) -> dict[str, object]:
    fields: dict[str, object] = {"date": entry.date.isoformat()}
    if entry.attendees:
        fields["attendees"] = list(entry.attendees)
    if entry.summary is not None:
        fields["summary"] = entry.summary
    if entry.decisions:
        fields["decisions"] = list(entry.decisions)
    return fields


def _flow_entry(entry: ReviewEntry, style: _Style) -> str:
    fields = _fields(entry)
    parts = []
    for key in style.keys:
        if key not in fields:
            continue
        value = fields[key]
        if isinstance(value, list):
            parts.append(f"{key}: [{', '.join(_scalar(v, True) for v in value)}]")
        else:
            parts.append(f"{key}: {_scalar(str(value), True)}")
    return "{" + ", ".join(parts) + "}"


def _block_entry(entry: ReviewEntry, style: _Style, dash_col: int, key_col: int) -> list[str]:
    fields = _fields(entry)
    lines: list[str] = []
    for key in style.keys:
        if key not in fields:
            continue
        value = fields[key]
        if isinstance(value, list) and key in style.flow_lists:
            lines.append(f"{key}: [{', '.join(_scalar(v, True) for v in value)}]")
        elif isinstance(value, list):
            lines.append(f"{key}:")
            lines += [" " * style.list_indent + f"- {_scalar(v, False)}" for v in value]
        elif "\n" in str(value) and _literal_ok(str(value)):
            lines.append(f"{key}: |-")
            lines += [("  " + part) if part else "" for part in str(value).split("\n")]
        else:
            lines.append(f"{key}: {_scalar(str(value), False)}")
    first = " " * dash_col + "-" + " " * max(key_col - dash_col - 1, 1) + lines[0]
    return [first] + [" " * key_col + line if line else "" for line in lines[1:]]


def _literal_ok(text: str) -> bool:
    parts = text.split("\n")
    return (
        not text[0].isspace()
        and not text.endswith("\n")
        and all(part.isprintable() for part in parts)
        and all(part == part.rstrip() for part in parts)
    )


# ------------------------------------------------------------------- the shared core

DataPath = tuple[str | int, ...]
Fields = tuple[tuple[str, str], ...]
"""An entry to write: (key, YAML literal) pairs, the literals already valid plain scalars."""

_NULL_WORDS = ("~", "null", "Null", "NULL")


class Layout:
    """Where things are in a plan's text, and the splices that change them.

    ruamel's round-trip loader gives the line and column of every key, value and list
    item; each operation turns one intended change into a splice of the original text
    at that place, written like its neighbours. Nothing else of the text is touched.
    Call :meth:`result` once all operations are queued.
    """

    def __init__(self, text: str) -> None:
        from ruamel.yaml import YAML

        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True  # so a new value can be quoted like the one it replaces or follows
        try:
            self.doc = yaml.load(text)
        except Exception as exc:  # ruamel raises many types; the plan already parsed with libyaml
            raise EditError(f"internal error: cannot locate the entry in the file ({type(exc).__name__})") from None
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self._edits: list[tuple[int, int, int, str]] = []

    # ------------------------------------------------------------------ public edits

    def set_scalar(self, path: DataPath, key: str, literal: str, after: tuple[str, ...] = ()) -> None:
        """``key: literal`` in the mapping at ``path``: its value replaced, or the key added.

        A new key goes after the first of ``after`` the mapping has (``done`` after
        ``status``), else after its last key; in a flow mapping, before the ``}``.
        """
        mapping = self._mapping(path)
        if key in mapping:
            start, end, replacement = self._value_span(mapping, key, literal)
            self._splice(start, end, replacement)
            return
        if mapping.fa.flow_style():
            self._flow_add(path, f"{key}: {literal}")
            return
        anchor = next((k for k in after if k in mapping), list(mapping)[-1])
        line = self._entry_end((*path, anchor))
        column = self._key_column(mapping)
        self._insert_lines(line, [" " * column + f"{key}: {literal}"])

    def append_entry(self, path: DataPath, key: str, fields: Fields) -> None:
        """Append a mapping entry to the list ``key`` of the mapping at ``path`` (created when absent).

        The entry copies the last entry's form (``- {a: 1, b: 2}`` or a block mapping)
        and key order; a new list is a block list of ``{...}`` entries, or ``[{...}]``
        inside a flow mapping.
        """
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        mapping = self._mapping(path)
        if key not in mapping:
            if mapping.fa.flow_style():
                self._flow_add(path, f"{key}: [{_flow_map(fields)}]")
                return
            line = self._entry_end((*path, list(mapping)[-1]))
            column = self._key_column(mapping)
            self._insert_lines(line, [" " * column + f"{key}:", " " * (column + 2) + f"- {_flow_map(fields)}"])
            return
        seq = mapping[key]
        if not isinstance(seq, CommentedSeq):
            where = _format((*path, key))
            raise EditError(f"{where} is not a list: write it as a list (`{key}: []`) first")
        last = seq[-1] if len(seq) else None
        if last is not None and not isinstance(last, CommentedMap):
            raise EditError(f"{_format((*path, key, len(seq) - 1))} is not a mapping: fix the plan first")
        ordered = _ordered(fields, last)
        if last is not None:
            ordered = tuple((k, _quoted_like(v, last.get(k))) for k, v in ordered)
        if seq.fa.flow_style() or last is None:  # ruamel leaves an empty `[]` without a style
            if last is None:
                row, column = mapping.lc.value(key)
                if self.lines[row][column : column + 1] != "[":
                    raise EditError(f"internal error: cannot find the start of {_format((*path, key))}")
                at = self._offset(row, column + 1)
                self._splice(at, at, _flow_map(ordered))
            else:
                row, column = seq.lc.item(len(seq) - 1)
                close_row, close_column = _flow_close(self.lines, row, column)
                at = self._offset(close_row, close_column + 1)
                self._splice(at, at, ", " + _flow_map(ordered))
            return
        assert last is not None  # a block list has at least one entry
        index = len(seq) - 1
        row, item_column = seq.lc.item(index)
        dash = self.lines[row].rfind("-", 0, item_column)
        dash_column = dash if dash >= 0 else max(item_column - 2, 0)
        line = self._entry_end((*path, key, index))
        if last.fa.flow_style():
            rows = [" " * dash_column + "- " + _flow_map(ordered)]
        else:
            gap = " " * max(item_column - dash_column - 1, 1)
            rows = [" " * dash_column + "-" + gap + f"{ordered[0][0]}: {ordered[0][1]}"]
            rows += [" " * item_column + f"{k}: {v}" for k, v in ordered[1:]]
        self._insert_lines(line, rows)

    def result(self) -> str:
        """The text with every queued splice; two at one place keep the order they were queued in."""
        text = self.text
        for start, end, _, replacement in sorted(self._edits, key=lambda e: e[:3], reverse=True):
            text = text[:start] + replacement + text[end:]
        return text

    def _splice(self, start: int, end: int, replacement: str) -> None:
        self._edits.append((start, end, len(self._edits), replacement))

    # --------------------------------------------------------------------- locating

    def node(self, path: DataPath) -> Any:
        node = self.doc
        for part in path:
            node = node[part]
        return node

    def _mapping(self, path: DataPath) -> Any:
        from ruamel.yaml.comments import CommentedMap

        try:
            mapping = self.node(path)
        except (KeyError, IndexError, TypeError):
            mapping = None
        if not isinstance(mapping, CommentedMap):
            raise EditError(f"internal error: {_format(path)} is not a mapping in the file")
        return mapping

    def _offset(self, line: int, column: int) -> int:
        return self.starts[line] + column

    def _key_column(self, mapping: Any) -> int:
        return int(mapping.lc.key(next(iter(mapping)))[1])

    def _value_span(self, mapping: Any, key: str, literal: str) -> tuple[int, int, str]:
        """Start, end and replacement text of the value of ``key`` (a scalar) in ``mapping``."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        value = mapping[key]
        if isinstance(value, CommentedMap | CommentedSeq):
            raise EditError(f"`{key}` holds a {'list' if isinstance(value, CommentedSeq) else 'mapping'}, not a value")
        flow = bool(mapping.fa.flow_style())
        row, column = mapping.lc.key(key)
        line = self.lines[row]
        colon = _after_key(line, column)
        if colon is None:
            raise EditError(f"`{key}` is written in a way asplan cannot edit in place: edit it by hand", row + 1)
        start = colon + 1
        while start < len(line) and line[start] in " \t":
            start += 1
        rest = line[start:].rstrip("\r\n")
        if value is None:
            if not rest or rest.startswith("#") or (flow and rest[0] in ",}"):
                # `done:` with nothing after it: the value goes right after the colon
                tail = " " if rest.startswith("#") else ""
                return self._offset(row, colon + 1), self._offset(row, start), f" {literal}{tail}"
            word = next((w for w in _NULL_WORDS if _token_at(rest, w, flow)), None)
            if word is None:
                raise EditError(f"`{key}` is written in a way asplan cannot edit in place: edit it by hand", row + 1)
            return self._offset(row, start), self._offset(row, start + len(word)), literal
        if not rest or rest.startswith("#"):
            # the value sits on a line of its own below the key
            row, start = mapping.lc.value(key)
            line = self.lines[row]
        end = _scalar_end(line, start, flow)
        if end is None:
            raise EditError(f"`{key}` is written in a way asplan cannot edit in place: edit it by hand", row + 1)
        return self._offset(row, start), self._offset(row, end), _quoted_like(literal, value)

    def _flow_open(self, path: DataPath) -> tuple[int, int]:
        """Line and column of the bracket opening the flow collection at ``path``."""
        if not path:
            raise EditError("internal error: the document itself is a flow mapping")
        parent = self.node(path[:-1])
        last = path[-1]
        row, column = parent.lc.item(last) if isinstance(last, int) else parent.lc.value(last)
        return int(row), int(column)

    def _flow_add(self, path: DataPath, pair: str) -> None:
        """``pair`` added at the end of the flow mapping at ``path``, before its ``}``."""
        row, column = self._flow_open(path)
        if self.lines[row][column : column + 1] != "{":
            raise EditError(f"internal error: cannot find the start of {_format(path)}")
        close_row, close_column = _flow_close(self.lines, row, column)
        line = self.lines[close_row]
        at = close_column
        while at > 0 and line[at - 1] in " \t":
            at -= 1
        empty = (close_row, at) == (row, column + 1)
        if at == 0:  # the `}` starts its line: add before it
            at = close_column
        offset = self._offset(close_row, at)
        self._splice(offset, offset, pair if empty else ", " + pair)

    def _entry_end(self, path: DataPath) -> int:
        """The line before which something following the entry at ``path`` can be inserted.

        It is the start of whatever follows that entry in the file (its next sibling,
        else its parent's next sibling, ..., else the end of the file), backed up over
        blank and comment-only lines, so a comment introducing the next entry stays
        with it.
        """
        from ruamel.yaml.comments import CommentedMap

        following = len(self.lines)
        for depth in range(len(path), 0, -1):
            container = self.node(path[: depth - 1])
            part = path[depth - 1]
            if isinstance(container, CommentedMap):
                keys = list(container)
                position = keys.index(part)
                if position + 1 < len(keys):
                    following = int(container.lc.key(keys[position + 1])[0])
                    break
            else:
                assert isinstance(part, int)
                if part + 1 < len(container):
                    following = int(container.lc.item(part + 1)[0])
                    break
        parent = self.node(path[:-1])
        own = path[-1]
        floor = int(parent.lc.item(own)[0] if isinstance(own, int) else parent.lc.key(own)[0]) + 1
        while following > floor and (
            not self.lines[following - 1].strip() or self.lines[following - 1].lstrip().startswith("#")
        ):
            following -= 1
        return following

    def _insert_lines(self, line: int, rows: list[str]) -> None:
        body = "".join(row + self.newline for row in rows)
        at = self.starts[line]
        if at == len(self.text) and self.text and not self.text.endswith("\n"):
            body = self.newline + body
        self._splice(at, at, body)


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


def _format(path: DataPath) -> str:
    from asplan.findings import format_path

    return format_path(path) or "the plan"


def _flow_map(fields: Fields) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in fields) + "}"


def _quoted_like(literal: str, sample: Any) -> str:
    """``literal`` in the quotes ``sample`` was written in (``period: "2026-10"``), when that keeps its meaning.

    Only a literal that reads as a string is quoted: a quoted number would become text.
    """
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if not isinstance(sample, DoubleQuotedScalarString | SingleQuotedScalarString):
        return literal
    if any(char in literal for char in "'\"\\") or not isinstance(literal_value(literal), str):
        return literal
    return f'"{literal}"' if isinstance(sample, DoubleQuotedScalarString) else f"'{literal}'"


def _ordered(fields: Fields, neighbour: Any) -> Fields:
    """``fields`` in the neighbour's key order (keys it lacks keep their own order, after)."""
    if neighbour is None:
        return fields
    order = {key: i for i, key in enumerate(neighbour)}
    return tuple(sorted(fields, key=lambda pair: order.get(pair[0], len(order))))


def _after_key(line: str, column: int) -> int | None:
    """Column of the ``:`` ending the key that starts at ``column`` (``None``: not on this line)."""
    at = column
    if at < len(line) and line[at] in "'\"":
        end = _scalar_end(line, at, True)
        if end is None:
            return None
        at = end
        while at < len(line) and line[at] in " \t":
            at += 1
    else:
        while at < len(line) and line[at] not in ":\r\n":
            at += 1
    return at if at < len(line) and line[at] == ":" else None


def _token_at(rest: str, word: str, flow: bool) -> bool:
    if not rest.startswith(word):
        return False
    after = rest[len(word) : len(word) + 1]
    return after in ("", " ", "\t") or (flow and after in ",}")


def _scalar_end(line: str, start: int, flow: bool) -> int | None:
    """End column of the one-line scalar starting at ``start`` (``None``: not one line)."""
    if start >= len(line):
        return None
    first = line[start]
    if first in "'\"":
        at = start + 1
        while at < len(line):
            if first == "'" and line[at] == "'":
                if line[at + 1 : at + 2] == "'":
                    at += 2
                    continue
                return at + 1
            if first == '"' and line[at] == "\\":
                at += 2
                continue
            if first == '"' and line[at] == '"':
                return at + 1
            at += 1
        return None
    if first in "|>[{&*!":
        return None
    at = start
    stops = ",}]" if flow else ""
    while at < len(line) and line[at] not in "\r\n" and line[at] not in stops:
        if line[at] == "#" and line[at - 1] in " \t":
            break
        at += 1
    while at > start and line[at - 1] in " \t":
        at -= 1
    return at
