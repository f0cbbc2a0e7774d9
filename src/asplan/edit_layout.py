"""Where things are in a plan's text, and the splices that change them: :class:`Layout`.

``done``, ``measure`` and ``touch`` (:mod:`asplan.writeback`) each make one small
change: set a scalar of a mapping, or append an entry to a list. ruamel's round-trip
loader gives the line and column of every key, value and list item; :class:`Layout`
turns each intended change into a splice of the original text at that place, written
like its neighbours, in block or flow style. :mod:`asplan.edit` reads, verifies and
writes the result.
"""

from __future__ import annotations

from typing import Any

from asplan.edit import DataPath, EditError, Fields, flow_close, literal_value

__all__ = ["Layout"]


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
                close_row, close_column = flow_close(self.lines, row, column)
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
        close_row, close_column = flow_close(self.lines, row, column)
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
