"""Which YAML parser reads plans, and the pure-Python one made to read like libyaml.

:mod:`asplan.loading` composes plans from parse *events*; this module supplies them.
libyaml's C parser (``ruamel.yaml.clib``) is the fast path; where it cannot be
installed, ruamel's pure-Python parser takes over, adjusted here so that the same plan
draws the same findings at the same positions under both (the tests run both).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Any

PARSER_ENV = "ASPLAN_YAML_PARSER"


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

    for module in ("_ruamel_yaml", "_ruamel_yaml_clibz"):
        if find_spec(module) is not None:
            return f"libyaml:{module}"
    return "python"


def event_parser(text: str) -> Any:
    """An object whose ``get_event()`` yields ruamel's parse events for ``text``.

    Both parsers emit the same event classes with the same marks; the pure-Python one
    reports a plain scalar's style as ``None`` where libyaml says ``""``, which the
    composer treats alike.
    """
    if yaml_parser_name() == "libyaml":
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]

        return CParser(text)
    return _PythonParser(text)


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
