"""Parse events -> plain data and positions: :func:`parse_yaml` (callers import it from :mod:`asplan.loading`).

Nothing here is constructed by a YAML library: scalars are resolved by the core schema
(:func:`asplan.loading.resolve_scalar`), foreign tags are refused, and every limit of
:mod:`asplan.loading` (depth, values, alias expansion) is counted as the events arrive,
so a hostile document is refused after a bounded amount of work. :class:`_Composer`
has one method per kind of event; the state they share (the stack of open
collections, anchors, counters) lives on the instance.
"""

from __future__ import annotations

import contextlib
from typing import Any

from asplan.findings import Finding, Severity
from asplan.yaml_document import (
    _CORE,
    _FALSES,
    _HIDDEN,
    _NULLS,
    _TRUES,
    MAX_ALIAS_CHARS,
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    MAX_NODES,
    DataPath,
    Document,
    LoadError,
    Positions,
    hidden_characters,
    parse_suppressions,
    resolve_scalar,
)
from asplan.yaml_parser import feed_events

_DUPLICATE = "\x00duplicate"


_ALLOWED_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}

# What the core schema makes of the plain scalars that are words, in one lookup
# (resolve_scalar's first three tests); everything else plain is text or a number.
_PLAIN_WORDS: dict[str, Any] = {
    **dict.fromkeys(_NULLS),
    **dict.fromkeys(_TRUES, True),
    **dict.fromkeys(_FALSES, False),
}
_MISSING = object()
# The first characters of a plain scalar the core schema may read as a number. ASCII
# only: a number's patterns are ASCII, so text starting with another digit stays text.
_NUMBER_START = frozenset("0123456789+-.")


class _Frame:
    """An open collection. Its keys so far are its container's (a repeated key is not added)."""

    __slots__ = ("anchor", "chars", "container", "count", "index", "is_map", "key", "key_pos", "path")

    def __init__(self, container: Any, path: DataPath, anchor: str | None, is_map: bool) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.is_map = is_map
        # Values and characters it holds, for an alias of it (counted while an anchored
        # collection is open: see _Composer.counting).
        self.count = 1
        self.chars = 1
        self.index = 0
        self.key: str | None = None
        self.key_pos: tuple[int, int] = (1, 1)


def explain_syntax_error(text: str, exc: Exception, last_scalar: Any = None) -> Any:
    """Position and words of a parser error (:mod:`asplan.yaml_hints`, imported only on error)."""
    from asplan.yaml_hints import explain

    return explain(text, exc, last_scalar)


def _last_scalar(event: Any) -> Any:
    """The parser's last event when it is a scalar: a quote that closed too late or too early shows there."""
    from ruamel.yaml.events import ScalarEvent

    if type(event) is not ScalarEvent:
        return None
    from asplan.yaml_hints import LastScalar

    start, end = event.start_mark, event.end_mark
    return LastScalar(
        event.style or None, (start.line, start.column, start.index), (end.line, end.column, end.index)
    )


def _unknown_alias(text: str, anchor: str, mark: Any) -> str:
    """``*bold*`` where no ``&bold`` was defined: most often text that needed quotes."""
    from asplan.yaml_hints import alias_hint

    line = text.split("\n", mark.line + 1)[mark.line] if mark.line < text.count("\n") + 1 else ""
    return f"YAML syntax error: {alias_hint(line.rstrip(chr(13)), mark.column)} (parser: unknown alias '*{anchor}')"


def _duplicate_key(file: str, key: str, at: tuple[int, int], first: int, where: DataPath) -> Finding:
    """ASP002: never last-wins, and the message says where the first one is."""
    return Finding(
        file,
        at[0],
        at[1],
        "ASP002",
        Severity.ERROR,
        f"duplicate key '{key}' (first defined on line {first}): remove or rename one of them",
        _fmt(where),
    )


def _drop_positions(positions: Positions, prefix: DataPath) -> None:
    """Forget the positions recorded for a duplicate key's (discarded) value."""
    n = len(prefix)
    for table in (positions.values, positions.keys):
        for key in [k for k in table if k[:n] == prefix]:
            del table[key]


def _refuse_foreign_tag(tag: str | None, pos: tuple[int, int]) -> None:
    """Only the core schema's tags: nothing is ever constructed from a tag."""
    if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
        raise LoadError("ASP004", f"tag '{_short_tag(tag)}' is not allowed: plans use plain YAML values only", *pos)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _fmt(path: DataPath) -> str:
    from asplan.findings import format_path

    return format_path(path)


def parse_yaml(text: str, path: str = "<string>") -> Document:
    """Compose ``text`` into plain data and positions; raises :class:`LoadError`."""
    from ruamel.yaml.error import YAMLError

    if "\x00" in text:
        raise LoadError("ASP001", "file contains NUL bytes: it is binary, not YAML")
    composer = _Composer(text, path)
    try:
        feed_events(text, composer)
    except LoadError:
        raise
    except YAMLError as exc:
        problem = explain_syntax_error(text, exc, _last_scalar(_event_before_error(text, path, composer)))
        raise LoadError("ASP001", problem.message, problem.line, problem.column) from None
    except (ValueError, TypeError, UnicodeError) as exc:
        raise LoadError("ASP001", f"YAML syntax error: {exc}") from None
    findings = composer.findings
    # The composer's only finding is ASP002: a duplicate key's dropped mapping may be freed and its id reused.
    # (ASP005, hidden characters, added below, changes no data.)
    duplicate_keys = bool(findings)
    if composer.escaped_hidden or not text.isascii():
        findings.extend(hidden_characters(text, path, composer.escaped_hidden))
    mapping_paths = None if composer.shared or duplicate_keys else composer.mapping_paths
    return Document(path, text, composer.root, composer.positions, findings, parse_suppressions(text), mapping_paths)


def _event_before_error(text: str, path: str, composer: _Composer) -> Any:
    """The parser's last event before its error: for the hint about a quote that closed too late.

    libyaml's parser calls the composer without building event objects
    (:func:`asplan.yaml_parser.feed_events`), so there is none to look at: the text is
    parsed again with event objects, which meets the same error after the same events.
    Only a file that does not parse pays for this.
    """
    from ruamel.yaml.error import YAMLError

    if composer.event is not None:
        return composer.event
    again = _Composer(text, path)
    with contextlib.suppress(YAMLError, LoadError, ValueError, TypeError, UnicodeError):
        feed_events(text, again, event_objects=True)
    return again.event


def _position(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _too_many_values(mark: Any) -> LoadError:
    return LoadError("ASP004", f"more than {MAX_NODES:,} values: refused as too large", *_position(mark))


class _Composer:
    """The state of one composition, and one method per kind of parse event.

    Each method takes the arguments of the ruamel event class it stands for (a
    scalar's are those of ``ScalarEvent(anchor, tag, implicit, value, start_mark,
    end_mark, style)``), so that libyaml's parser can call it where it would have built
    that event (:func:`asplan.yaml_parser.feed_events`). A method returns ``None`` to go
    on, :data:`END` at the end of the stream, or the :class:`LoadError` that refuses the
    file: returned, not raised, because raised inside libyaml's parser it would leak
    the event being delivered.
    """

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.findings: list[Finding] = []
        self.positions = Positions()
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, values and characters it expands to
        self.alias_nodes = 0
        self.alias_chars = 0
        self.escaped_hidden: list[tuple[tuple[int, int], str]] = []
        self.total_nodes = 0
        self.stack: list[_Frame] = []
        self.top: _Frame | None = None  # the innermost open collection: stack[-1]
        # How many open collections have an anchor. Only an alias needs to know how much
        # a collection holds, so sizes are only added up inside an anchored one.
        self.counting = 0
        self.values = self.positions.values
        self.keys = self.positions.keys
        self.root: Any = None
        self.documents = 0
        self.event: Any = None  # the last event object, when the parser builds them
        self.mapping_paths: dict[int, DataPath] = {}  # see Document.mapping_paths
        self.shared = False  # an alias repeated a collection

    def scalar(
        self, anchor: str | None, tag: str | None, implicit: Any, text: str, start: Any, end: Any, style: str | None
    ) -> LoadError | None:
        """A scalar, resolved and put in its place; one call for the usual one (no tag).

        Nine events in ten are untagged scalars: a chain of small calls per scalar was
        a quarter of ``check``'s time, so resolving and attaching are inlined here.
        """
        if tag is not None:
            return self.tagged_scalar(anchor, tag, text, start, style)
        pos = (start.line + 1, start.column + 1)
        if not style:  # plain: libyaml says "", ruamel's parser None
            value = _PLAIN_WORDS.get(text, _MISSING)
            if value is _MISSING:
                value = text
                if text[0] in _NUMBER_START:
                    try:
                        value = resolve_scalar(text, None, True)
                    except ValueError as exc:  # an integer too long to convert
                        return LoadError("ASP004", str(exc), *pos)
        else:
            value = text
            if style == '"' and _HIDDEN.search(text):
                self.escaped_hidden.append((pos, text))  # written as \u202e: invisible once rendered
        self.total_nodes += 1
        if self.total_nodes > MAX_NODES:
            return LoadError("ASP004", f"more than {MAX_NODES:,} values: refused as too large", *pos)
        if anchor is not None:
            self.anchors[anchor] = (value, 1, len(text) + 1)
        parent = self.top
        if parent is None:
            return self.attach(value, pos, 1, len(text) + 1)
        if self.counting:
            parent.count += 1
            parent.chars += len(text) + 1
        if not parent.is_map:
            child_path = (*parent.path, parent.index)
            parent.index += 1
            parent.container.append(value)
            self.values[child_path] = pos
            return None
        key = parent.key
        if key is None:  # a mapping's key
            parent.key = "null" if value is None else (value if type(value) is str else str(value))
            parent.key_pos = pos
            return None
        if key in parent.container:
            self.attach_value(parent, value, pos)  # a repeated key: ASP002
            return None
        parent.key = None  # a mapping's value: attach_value's usual case
        parent.container[key] = value
        child_path = (*parent.path, key)
        self.values[child_path] = pos
        self.keys[child_path] = parent.key_pos
        return None

    def tagged_scalar(self, anchor: str | None, tag: str, text: str, start: Any, style: str | None) -> LoadError | None:
        self.total_nodes += 1
        pos = _position(start)
        try:
            _refuse_foreign_tag(tag, pos)
            value = resolve_scalar(text, tag, style in ("", None))
        except LoadError as exc:
            return exc
        except ValueError as exc:
            return LoadError("ASP004", str(exc), *pos)
        chars = len(text) + 1
        if style == '"' and _HIDDEN.search(text):
            self.escaped_hidden.append((pos, text))  # written as \u202e: invisible once rendered
        if anchor is not None:
            self.anchors[anchor] = (value, 1, chars)
        return self.attach(value, pos, 1, chars) or (_too_many_values(start) if self.total_nodes > MAX_NODES else None)

    def mapping_start(
        self, anchor: str | None, tag: str | None, implicit: Any, start: Any, end: Any, flow_style: Any = None
    ) -> LoadError | None:
        return self.collection_start({}, True, anchor, tag, start, flow_style)

    def sequence_start(
        self, anchor: str | None, tag: str | None, implicit: Any, start: Any, end: Any, flow_style: Any = None
    ) -> LoadError | None:
        return self.collection_start([], False, anchor, tag, start, False)

    def collection_start(
        self, container: Any, is_map: bool, anchor: str | None, tag: str | None, start: Any, flow_style: Any
    ) -> LoadError | None:
        self.total_nodes += 1
        pos = (start.line + 1, start.column + 1)
        if tag is not None:
            try:
                _refuse_foreign_tag(tag, pos)
            except LoadError as exc:
                return exc
        stack = self.stack
        if len(stack) >= MAX_DEPTH:
            return LoadError("ASP004", f"nesting deeper than {MAX_DEPTH} levels is refused", *pos)
        parent = self.top
        if parent is not None and parent.is_map and parent.key is None:
            return LoadError("ASP004", "a mapping key must be a plain value", *pos)
        frame = _Frame(container, self.child_path_for_new_collection(), anchor, is_map)
        frame.key_pos = pos  # reused below as the collection's own position
        stack.append(frame)
        self.top = frame
        if anchor is not None:
            self.counting += 1
        self.values[frame.path] = pos
        if is_map:
            self.mapping_paths[id(container)] = frame.path
            if flow_style:
                self.positions.flow.add(frame.path)
        return _too_many_values(start) if self.total_nodes > MAX_NODES else None

    def collection_end(self, start: Any = None, end: Any = None) -> None:
        stack = self.stack
        frame = stack.pop()
        parent = self.top = stack[-1] if stack else None
        if frame.anchor is not None:
            self.counting -= 1
            self.anchors[frame.anchor] = (frame.container, frame.count, frame.chars)
        if parent is None:
            self.root = frame.container
            return
        if self.counting:
            parent.count += frame.count
            parent.chars += frame.chars
        if not parent.is_map:
            parent.container.append(frame.container)
            parent.index += 1
            return
        key = parent.key
        parent.key = None
        assert key is not None
        keys = self.keys
        if key in parent.container:
            _drop_positions(self.positions, frame.path)
            frame.path = frame.path[:-1]
            first = keys.get(frame.path, (0, 0))[0]
            self.findings.append(_duplicate_key(self.path, key, parent.key_pos, first, frame.path))
        else:
            parent.container[key] = frame.container
            keys[frame.path] = parent.key_pos

    def alias(self, anchor: str, start: Any, end: Any = None) -> LoadError | None:
        pos = _position(start)
        target = self.anchors.get(anchor)
        if target is None:
            return LoadError("ASP001", _unknown_alias(self.text, anchor, start), *pos)
        value, size, chars = target
        if type(value) is dict or type(value) is list:
            self.shared = True
        self.alias_nodes += size
        self.alias_chars += chars
        self.total_nodes += size
        if self.alias_nodes > MAX_ALIAS_NODES:
            return LoadError(
                "ASP004", f"aliases expand to more than {MAX_ALIAS_NODES:,} values: refused as an alias bomb", *pos
            )
        if self.alias_chars > MAX_ALIAS_CHARS:
            return LoadError(
                "ASP004", f"aliases expand to more than {MAX_ALIAS_CHARS:,} characters: refused as an alias bomb", *pos
            )
        refused = self.attach(value, pos, size, chars)
        return refused or (_too_many_values(start) if self.total_nodes > MAX_NODES else None)

    def document_start(self, start: Any, *rest: Any) -> LoadError | None:
        self.documents += 1
        if self.documents > 1:
            return LoadError("ASP001", "more than one YAML document: a plan file holds exactly one", *_position(start))
        return None

    def attach(self, value: Any, pos: tuple[int, int], size: int, chars: int) -> LoadError | None:
        """Put a finished value into its parent (a collection as a key refuses the file)."""
        values = self.values
        parent = self.top
        if parent is None:
            self.root = value
            values[()] = pos
            return None
        if self.counting:
            parent.count += size
            parent.chars += chars
        container = parent.container
        if not parent.is_map:
            child_path = (*parent.path, parent.index)
            parent.index += 1
            container.append(value)
            values[child_path] = pos
            return None
        if parent.key is None:
            if isinstance(value, (dict, list)):
                return LoadError("ASP004", "a mapping key must be a plain value", *pos)
            key = "null" if value is None else (value if isinstance(value, str) else str(value))
            parent.key = key
            parent.key_pos = pos
            return None
        self.attach_value(parent, value, pos)
        return None

    def attach_value(self, parent: _Frame, value: Any, pos: tuple[int, int]) -> None:
        """A mapping's value, under the key read before it (a repeated key is ASP002, first kept)."""
        keys = self.keys
        key = parent.key
        assert key is not None and parent.is_map
        parent.key = None
        child_path = (*parent.path, key)
        if key in parent.container:
            first = keys.get(child_path, (0, 0))[0]
            self.findings.append(_duplicate_key(self.path, key, parent.key_pos, first, child_path))
            return
        parent.container[key] = value
        self.values[child_path] = pos
        keys[child_path] = parent.key_pos

    def child_path_for_new_collection(self) -> DataPath:
        parent = self.top
        if parent is None:
            return ()
        if not parent.is_map:
            return (*parent.path, parent.index)
        if parent.key is None:
            return parent.path  # a collection used as a key: refused by the caller
        if parent.key in parent.container:
            return (*parent.path, parent.key, _DUPLICATE)  # positions dropped at its end
        return (*parent.path, parent.key)
