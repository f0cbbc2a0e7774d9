"""Recording a review held with the client: a new ``reviews.history`` entry, spliced in.

``asplan review`` adds the entry written like its neighbours (block or flow style, the
same key order and list style) and, when the review fulfils the scheduled one, clears
``reviews.next``: the next review then counts from this one. The plan must validate
before the edit, and the edited text is parsed and validated again and must contain
exactly the new review before anything is written (:mod:`asplan.edit`), atomically.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from asplan.edit import ReviewError, edit_file, flow_close, valid_plan
from asplan.loading import LoadError, parse_yaml, resolve_scalar
from asplan.model.plan import Plan
from asplan.settings import DEFAULT_MAX_FILE_BYTES, DEFAULT_WARN_DAYS

__all__ = ["ReviewEntry", "ReviewResult", "fulfils", "record_review", "record_review_file"]


_NEXT_LINE_RE = re.compile(r"^[ \t]*next[ \t]*:[ \t]*(['\"]?)\d{4}-\d{2}-\d{2}\1[ \t]*(#.*)?\r?\n?$")


_FLOW_NEXT_RE = re.compile(r"next[ \t]*:[ \t]*(['\"]?)\d{4}-\d{2}-\d{2}\1")


_CANONICAL_KEYS = ("date", "attendees", "summary", "decisions")


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


def _valid_plan(text: str, verifying: bool = False) -> Plan:
    """The plan in ``text``, or the first loading/schema error as a :class:`ReviewError`."""
    plan, _ = valid_plan(text, verifying)
    return plan


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
        edits.append(_next_removal(reviews, reviews_flow, text_lines, starts))

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
        close_line, close_col = flow_close(text_lines, line, column)
        separator = ", " if len(history) else ""
        edits.append(_point(offset(close_line, close_col), separator + _flow_entry(entry, style)))
    elif reviews_flow:
        open_row, open_col = _mapping_open(doc, text_lines)
        close_line, close_col = flow_close(text_lines, open_row, open_col)
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


def _next_removal(reviews: Any, reviews_flow: bool, text_lines: list[str], starts: list[int]) -> tuple[int, int, str]:
    """The edit that clears ``reviews.next``: its line, or its pair inside ``{...}``."""
    line, column = reviews.lc.key("next")
    if reviews_flow:
        return _flow_removal(text_lines[line], starts[line], column)
    if _NEXT_LINE_RE.match(text_lines[line]):
        return starts[line], starts[line + 1], ""
    raise ReviewError("reviews.next is not on a line of its own: remove it by hand", line + 1)


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
