"""Which YAML parser reads plans, and the pure-Python one made to read like libyaml.

:mod:`asplan.loading` composes plans from parse *events*; this module supplies them.
libyaml's C parser (``ruamel.yaml.clib``) is the fast path; where it cannot be
installed, ruamel's pure-Python parser takes over, adjusted here so that the same plan
draws the same findings at the same positions under both (the tests run both).
"""

from __future__ import annotations

import _thread
import functools
import os
import sys
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, cast

PARSER_ENV = "ASPLAN_YAML_PARSER"
_C_MODULES = ("_ruamel_yaml", "_ruamel_yaml_clibz")
"""The C modules ``ruamel.yaml.cyaml`` takes libyaml's parser from (ruamel.yaml.clib, or clibz), in its order."""


def yaml_parser_name() -> str:
    """Which YAML parser this process uses: ``"libyaml"`` (C) or ``"python"`` (ruamel's own).

    The C parser comes from ``ruamel.yaml.clib`` (or ``ruamel.yaml.clibz``), which has no
    build for PyPy or some platforms, and which ruamel.yaml 0.19 makes an optional extra.
    Without it asplan must still work, only slower; ``ASPLAN_YAML_PARSER=python`` forces
    the fallback so that the tests can prove both give the same findings.
    """
    if os.environ.get(PARSER_ENV, "").lower() == "python":
        return "python"
    try:
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]  # noqa: F401
    except ImportError:
        return "python"
    return "libyaml"


def yaml_parser_fingerprint() -> str:
    """What decides :func:`yaml_parser_name`, found without importing ruamel (a result-cache key part).

    A warm ``check`` reads no YAML, so importing the parser only to name it would be most
    of its start-up. This names the inputs instead -- the override and which of the C
    modules ``ruamel.yaml.cyaml`` imports is installed -- so a change to either changes the key.
    """
    if os.environ.get(PARSER_ENV, "").lower() == "python":
        return "python"
    from importlib.util import find_spec

    for module in _C_MODULES:
        if find_spec(module) is not None:
            return f"libyaml:{module}"
    return "python"


END: Any = object()
"""What a composer's handler returns at the end of the stream (``None`` means go on)."""


def feed_events(text: str, composer: Any, *, event_objects: bool = False) -> None:
    """Parse ``text``, calling the composer's method for each event, in order, to the end.

    The composer has one method per kind of event, taking the arguments of ruamel's
    event class (:class:`asplan.yaml_compose._Composer`); a method returns ``None`` to
    go on, or an exception that refuses the file, raised here. With libyaml, the
    parser calls those methods itself (:func:`_feed_direct`): no event object is built.
    ``event_objects`` asks for the slower way with event objects (the composer then
    keeps the last one in ``composer.event``), which the pure-Python parser always takes.
    A parse begun while this thread is inside a libyaml parse (from a signal handler or
    a finalizer) takes the pure-Python parser: libyaml's names are the outer parse's then.
    """
    if yaml_parser_name() == "python" or (_SWAP.owner == _thread.get_ident() and _SWAP.lock.locked()):
        _feed_objects(_PythonParser(text), composer)
    elif event_objects or not _direct_calls_work(cast(Hashable, type(composer))):
        _feed_c_objects(text, composer)
    else:
        _feed_direct(text, composer)


def _feed_objects(parser: Any, composer: Any) -> None:
    """Read each event object from ``parser`` and pass its fields to the composer."""
    from ruamel.yaml import events as ev

    get_event = parser.get_event
    while True:
        event = get_event()
        composer.event = event
        kind = type(event)
        if kind is ev.ScalarEvent:
            result = composer.scalar(
                event.anchor, event.tag, event.implicit, event.value, event.start_mark, event.end_mark, event.style
            )
        elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            start = composer.mapping_start if kind is ev.MappingStartEvent else composer.sequence_start
            result = start(event.anchor, event.tag, event.implicit, event.start_mark, event.end_mark, event.flow_style)
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            result = composer.collection_end(event.start_mark, event.end_mark)
        elif kind is ev.AliasEvent:
            result = composer.alias(event.anchor, event.start_mark, event.end_mark)
        elif kind is ev.DocumentStartEvent:
            result = composer.document_start(event.start_mark, event.end_mark)
        elif kind is ev.StreamEndEvent:
            return
        else:
            result = None
        if result is not None:
            raise result


def _ignore(*event: Any) -> None:
    return None


def _end(*event: Any) -> Any:
    return END


# libyaml's parser (ruamel.yaml.clib) builds each event by calling the event class found
# under these names in its module's globals; the composer's methods stand in for them.
_STAND_INS: dict[str, str | None] = {
    "ScalarEvent": "scalar",
    "MappingStartEvent": "mapping_start",
    "SequenceStartEvent": "sequence_start",
    "MappingEndEvent": "collection_end",
    "SequenceEndEvent": "collection_end",
    "AliasEvent": "alias",
    "DocumentStartEvent": "document_start",
    "DocumentEndEvent": None,
    "StreamStartEvent": None,
    "StreamEndEvent": None,
}


class _Swap:
    """Who holds libyaml's event names (one parse at a time in the process), and the originals.

    Every parse asplan runs with libyaml's parser takes :attr:`lock`, the direct ones
    and the event-object ones alike: while the names are bound to one composer's
    methods, another parse through that module would feed that composer. A forked
    child gets a fresh lock and the original names (:func:`_after_fork`).
    """

    lock = _thread.allocate_lock()
    owner: int | None = None  # the thread inside a libyaml parse, if any


_SWAP = _Swap()


def _event_names(module: Any) -> dict[str, Any]:
    """The module's namespace, to bind or restore every name in one call (nothing between two)."""
    namespace: dict[str, Any] = module.__dict__
    return namespace


def _originals() -> dict[str, Any]:
    """ruamel's own event classes, the values libyaml's names must have outside a direct parse."""
    from ruamel.yaml import events as ev

    return {name: getattr(ev, name) for name in _STAND_INS}


def _c_module() -> Any:
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]

    return sys.modules[CParser.__module__]


def _feed_c_objects(text: str, composer: Any) -> None:
    """libyaml's parser with event objects, under the lock, its names ruamel's own."""
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]

    with _SWAP.lock:
        _event_names(_c_module()).update(_originals())  # put right whatever an interrupt left
        _SWAP.owner = _thread.get_ident()
        try:
            _feed_objects(CParser(text), composer)
        finally:
            _SWAP.owner = None


def _feed_direct(text: str, composer: Any) -> None:
    """libyaml's parser calling the composer's methods where it would build event objects.

    Why: building ruamel's event objects (three Python ``__init__`` frames each) and
    reading them back was about a third of parsing a plan. The C parser looks its event
    classes up in its module's globals at each event, so for the length of one parse
    those names are bound to the composer's methods, and put back afterwards, whatever
    happens: in one call each way, from ruamel's own classes (a parse that finds them
    still bound, after an interrupt at the wrong moment, binds them back first).
    Every libyaml parse of asplan's holds the lock (:class:`_Swap`);
    :func:`_direct_calls_work` checks once per process that this ruamel build behaves so.
    The binding is process-wide: code outside asplan reading ruamel's C *event* API
    (``YAML(typ="safe").parse``) in another thread at that moment would be handed to
    the composer. asplan runs no such thread, and ruamel's C loaders compose nodes, not events.
    """
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]

    names = _event_names(_c_module())
    originals = _originals()
    stand_ins = {
        name: getattr(composer, method) if method else (_end if name == "StreamEndEvent" else _ignore)
        for name, method in _STAND_INS.items()
    }
    with _SWAP.lock:
        _SWAP.owner = _thread.get_ident()
        try:
            try:
                names.update(stand_ins)
                get_event = CParser(text).get_event
                result = get_event()
                while result is None:
                    result = get_event()
            finally:
                names.update(originals)
        finally:
            _SWAP.owner = None
    if result is not END:
        raise result


def _after_fork() -> None:
    """A child forked during a parse: a lock nobody holds, and ruamel's names as they should be."""
    _SWAP.lock = _thread.allocate_lock()
    _SWAP.owner = None
    module = next((sys.modules[name] for name in _C_MODULES if name in sys.modules), None)
    if module is not None and "ruamel.yaml.events" in sys.modules:
        _event_names(module).update(_originals())


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


@functools.cache
def _direct_calls_work(composer_class: Any) -> bool:
    """Whether libyaml's parser, in this build, builds its events from the names :func:`_feed_direct` swaps.

    The names must be ruamel's event classes, and a small document composed through
    the stand-ins must equal the same document composed from event objects; otherwise
    (another ruamel.yaml.clib) every parse takes the event objects.
    """
    module, originals = _c_module(), _originals()
    if any(getattr(module, name, None) is not original for name, original in originals.items()):
        return False
    probe = "a: [1, {b: &x c}]\nd: *x\ne: {f: 'g'}\n"
    direct, objects = composer_class(probe, "<probe>"), composer_class(probe, "<probe>")
    try:
        _feed_direct(probe, direct)
        _feed_c_objects(probe, objects)
    except Exception:  # any failure means: do not use the direct calls
        return False
    return bool(
        direct.root == objects.root == {"a": [1, {"b": "c"}], "d": "c", "e": {"f": "g"}}
        and direct.positions == objects.positions
    )


class _PythonParser:
    """ruamel's pure-Python parser behind libyaml's ``get_event()`` interface.

    One difference is smoothed over so that findings point at the same place: for a
    key with an empty value (``actions:``) ruamel marks the empty value at the start of
    the *next* token, libyaml right after the colon, which is where a user looks.
    """

    def __init__(self, text: str) -> None:
        from ruamel.yaml import YAML

        yaml = YAML(typ="safe", pure=True)
        yaml.Scanner = _libyaml_tabs_scanner()
        self._text = text
        self._events = yaml.parse(text)
        self._previous: Any = None

    def get_event(self) -> Any:
        from ruamel.yaml.events import ScalarEvent

        event = next(self._events)
        previous, self._previous = self._previous, event
        if (
            type(event) is ScalarEvent
            and event.value == ""
            and event.style is None
            and event.tag is None
            and type(previous) is ScalarEvent
        ):
            end = previous.end_mark
            index = end.index
            while index < len(self._text) and self._text[index] in " \t":
                index += 1
            if index < len(self._text) and self._text[index] == ":":
                event.start_mark = _Mark(end.line, end.column + index - end.index + 1, index + 1)
        return event


@functools.cache
def _libyaml_tabs_scanner() -> type:
    """ruamel's scanner, reading plain values as libyaml does.

    Tabs: ruamel (like PyYAML) refuses a tab anywhere in block context; libyaml, and
    the YAML spec, allow it as separation once the line's indentation is over. The
    loop below is libyaml's ``yaml_parser_scan_to_next_token``: a tab is skipped inside
    flow collections or where no simple key may start (after a ``:``, ``-`` or ``?``),
    and a byte order mark is skipped at the start of any line.

    Flow values: inside ``{...}`` or ``[...]`` libyaml refuses a ``:`` not followed by a
    space (``{url: https://example.com}``) and ends a value at a ``?``, where ruamel
    reads both as text. The same plan must draw the same findings under both parsers,
    so the fallback refuses them too (with libyaml's words), and both get the same hint.
    """
    from ruamel.yaml.scanner import Scanner

    line_ends = _LINE_ENDS

    class LibyamlTabsScanner(Scanner):
        def scan_to_next_token(self) -> None:
            reader = self.reader
            peek = reader.peek
            forward = reader.forward
            while True:
                if reader.column == 0 and peek() == "\ufeff":
                    forward()
                while peek() == " " or (peek() == "\t" and (self.flow_level or not self.allow_simple_key)):
                    forward()
                if peek() == "#":
                    while peek() not in line_ends:
                        forward()
                if not self.scan_line_break():
                    return
                if not self.flow_level:
                    self.allow_simple_key = True

        def scan_plain(self) -> Any:
            token = super().scan_plain()
            if self.flow_level:
                _refuse_flow_indicators(token, self.reader.buffer)
            return token

        def scan_plain_spaces(self, indent: int, start_mark: Any) -> Any:
            # libyaml takes tabs between the words of a plain scalar as blanks too.
            peek = self.reader.peek
            length = 0
            while peek(length) in " \t":
                length += 1
            if length and peek(length) not in line_ends:
                blanks = self.reader.prefix(length)
                self.reader.forward(length)
                return [blanks]
            self.reader.forward(length)
            return super().scan_plain_spaces(indent, start_mark)

    return LibyamlTabsScanner


_LINE_ENDS = "\0\r\n\x85\u2028\u2029"
_BLANKS = ("", " ", "\t", "\r", "\n", "\0", "\x85", "\u2028", "\u2029")


def _refuse_flow_indicators(token: Any, text: str) -> None:
    """libyaml's refusal of a ``:`` not followed by a blank, or a ``?``, inside a flow plain value."""
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.scanner import ScannerError

    start, end = token.start_mark.index, token.end_mark.index
    for index in range(start + 1, end):
        char = text[index]
        if char == "?" or (char == ":" and text[index + 1 : index + 2] not in _BLANKS):
            line = token.start_mark.line + text.count("\n", start, index)
            column = index - (text.rfind("\n", 0, index) + 1)
            found = f"found unexpected {char!r}"
            mark = _Mark(line, column, index)
            error: MarkedYAMLError = ScannerError("while scanning a plain scalar", token.start_mark, found, mark)
            raise error


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int
    index: int
