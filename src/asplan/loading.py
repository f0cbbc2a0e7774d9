"""YAML -> plain data plus a map of where every key and value sits in the file.

Why not ruamel's round-trip loader: it gives positions but costs ~85 ms a plan.
Instead we drive libyaml's C *parser* (``ruamel.yaml.cyaml.CParser``; ruamel's
pure-Python parser when the C extension is missing) and compose the data ourselves
from its events, which carry marks. That one loop also gives us every
safety guarantee of spec §5 for free, because nothing is ever *constructed* by a YAML
library:

* scalars are resolved by the YAML 1.2 core schema only (``2026-10-01`` stays a
  string, ``on``/``yes`` stay strings, no timestamps, no sets, no Python objects);
* any tag outside the core schema is refused (ASP004), never interpreted;
* depth is checked as the stack grows, so a 10,000-deep document is refused at
  depth 65 instead of overflowing a C stack;
* aliases are shared, not copied, and their *expanded* size is counted, in values
  and in characters, so a "billion laughs" document, or one long string repeated
  thousands of times, is refused after a bounded amount of work;
* the number of values is bounded too: 5 MB of ``[a,a,a,...`` is 2.6 million values,
  minutes of work at a few microseconds each, so it is refused after the first 250,000;
* duplicate keys are reported (ASP002) instead of silently keeping the last one.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from asplan.findings import Finding, Severity
from asplan.settings import DEFAULT_MAX_FILE_BYTES

Path = tuple[str | int, ...]

MAX_DEPTH = 64
MAX_ALIAS_NODES = 10_000
# Aliases are also bounded by what they expand to: one 100 KB anchored string used
# 2,000 times is only 2,000 values but 200 MB in every rendered document.
MAX_ALIAS_CHARS = 1_000_000
MAX_NODES = 250_000  # a 200-line plan holds ~1,000 values; parsing costs a few µs a value

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}

_INT_RE = re.compile(r"[-+]?[0-9]+\Z")
_OCT_RE = re.compile(r"0o[0-7]+\Z")
_HEX_RE = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_INFS = frozenset({".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})
_NINFS = frozenset({"-.inf", "-.Inf", "-.INF"})
_NANS = frozenset({".nan", ".NaN", ".NAN"})

_DUPLICATE = "\x00duplicate"

_IGNORE_RE = re.compile(r"#\s*asplan:\s*ignore(?:\[([^\]]*)\])?", re.IGNORECASE)


class LoadError(Exception):
    """A problem that stops a file from being read at all (one finding, exit early)."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1, *, unreadable: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        # The file could not be opened or read at all (as opposed to read and refused):
        # folder scans skip such files, since nothing says they are plans.
        self.unreadable = unreadable

    def to_finding(self, file: str) -> Finding:
        return Finding(file, self.line, self.column, self.code, Severity.ERROR, self.message)


@dataclass
class Positions:
    """Where each data path sits in the source, 1-based.

    ``values`` maps a path to the start of its value; ``keys`` maps a mapping entry's
    path to the start of its key. Lookups fall back to the nearest known ancestor, so
    a path into aliased or pruned data still lands on a sensible line.
    """

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # Mappings written inline (``{name: x, description: y}``): there a ", " in an
    # unquoted value ends it, and the rest reads as a key; ASP103 says so.
    flow: set[Path] = field(default_factory=set)

    def value(self, path: Path) -> tuple[int, int]:
        path = tuple(path)
        while path:
            pos = self.values.get(path)
            if pos is not None:
                return pos
            path = path[:-1]
        return self.values.get((), (1, 1))

    def key(self, path: Path) -> tuple[int, int]:
        """The key of a mapping entry, else the value (list items have no key)."""
        path = tuple(path)
        pos = self.keys.get(path)
        if pos is not None:
            return pos
        return self.value(path)

    def has(self, path: Path) -> bool:
        return tuple(path) in self.values


@dataclass
class Document:
    """One YAML file read safely: its data, where things are, and its suppressions."""

    path: str
    text: str
    data: Any
    positions: Positions
    findings: list[Finding]
    suppressions: dict[int, frozenset[str] | None]


def read_text(path: str, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> str:
    """Read a file as UTF-8, refusing what is too large or not text (never reads past the limit)."""
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise LoadError("ASP001", f"cannot read file: {exc.strerror or exc}", unreadable=True) from None
    if size > max_bytes:
        raise LoadError(
            "ASP004",
            f"file is {size:,} bytes, over the limit of {max_bytes:,}"
            " (raise max_file_bytes in asplan.toml if it is really a plan)",
        )
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise LoadError("ASP001", f"cannot read file: {exc.strerror or exc}", unreadable=True) from None
    if len(raw) > max_bytes:
        raise LoadError("ASP004", f"file is over the limit of {max_bytes:,} bytes")
    return decode_utf8(raw)


def decode_utf8(raw: bytes) -> str:
    """Strict UTF-8 (a leading BOM is allowed and dropped), with the position of a bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise LoadError("ASP001", "file is UTF-32, not UTF-8: re-save it as UTF-8")
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError("ASP001", "file is UTF-16, not UTF-8: re-save it as UTF-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            "ASP001",
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}): re-save the file as UTF-8",
            line,
            column,
        ) from None


def parse_suppressions(text: str) -> dict[int, frozenset[str] | None]:
    """``# asplan: ignore[ASP302, ASP301]`` per line; ``None`` means every code."""
    if "asplan" not in text or "ignore" not in text:
        return {}
    result: dict[int, frozenset[str] | None] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if "#" not in line:
            continue
        match = _IGNORE_RE.search(line)
        if match is None:
            continue
        codes = match.group(1)
        if codes is None or not codes.strip():
            result[number] = None
        else:
            result[number] = frozenset(c.strip().upper() for c in codes.split(",") if c.strip())
    return result


def resolve_scalar(value: str, tag: str | None, plain: bool) -> Any:
    """YAML 1.2 core schema resolution: the only types a plan can contain."""
    if tag is not None and tag != "!":
        return _resolve_tagged(value, tag)
    if not plain:
        return value
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT_RE.match(value):
            return int(value)
        if _FLOAT_RE.match(value):
            return float(value)
        if _OCT_RE.match(value):
            return int(value[2:], 8)
        if _HEX_RE.match(value):
            return int(value[2:], 16)
        if value in _INFS:
            return math.inf
        if value in _NINFS:
            return -math.inf
        if value in _NANS:
            return math.nan
    return value


def _resolve_tagged(value: str, tag: str) -> Any:
    kind = tag[len(_CORE) :]
    if kind == "str":
        return value
    resolved = resolve_scalar(value, None, True)
    expected: dict[str, tuple[type, ...]] = {
        "int": (int,),
        "float": (float, int),
        "bool": (bool,),
        "null": (type(None),),
    }
    types = expected.get(kind, ())
    if isinstance(resolved, bool) and kind != "bool":
        types = ()
    if types and isinstance(resolved, types):
        return float(resolved) if kind == "float" and isinstance(resolved, (int, float)) else resolved
    raise ValueError(f"value {value!r} is not a valid !!{kind}")


class _Frame:
    __slots__ = ("anchor", "chars", "container", "count", "index", "key", "key_pos", "path", "seen")

    def __init__(self, container: Any, path: Path, anchor: str | None) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.count = 1
        self.chars = 1
        self.index = 0
        self.key: str | None = None
        self.key_pos: tuple[int, int] = (1, 1)
        self.seen: set[str] | None = set() if isinstance(container, dict) else None


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


def _event_parser(text: str) -> Any:
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
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.scanner import Scanner, ScannerError

    line_ends = "\0\r\n\x85\u2028\u2029"
    blanks = ("", " ", "\t", "\r", "\n", "\0", "\x85", "\u2028", "\u2029")

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
                text = self.reader.buffer
                start, end = token.start_mark.index, token.end_mark.index
                for index in range(start + 1, end):
                    char = text[index]
                    if char == "?" or (char == ":" and text[index + 1 : index + 2] not in blanks):
                        line = token.start_mark.line + text.count("\n", start, index)
                        column = index - (text.rfind("\n", 0, index) + 1)
                        error: MarkedYAMLError = ScannerError(
                            "while scanning a plain scalar",
                            token.start_mark,
                            f"found unexpected {char!r}",
                            _Mark(line, column, index),
                        )
                        raise error
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


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int
    index: int


def parse_yaml(text: str, path: str = "<string>") -> Document:
    """Compose ``text`` into plain data and positions; raises :class:`LoadError`."""
    from ruamel.yaml import events as ev
    from ruamel.yaml.error import YAMLError

    if "\x00" in text:
        raise LoadError("ASP001", "file contains NUL bytes: it is binary, not YAML")

    findings: list[Finding] = []
    positions = Positions()
    values = positions.values
    keys = positions.keys
    anchors: dict[str, tuple[Any, int, int]] = {}  # value, values and characters it expands to
    alias_nodes = 0
    alias_chars = 0
    escaped_hidden: list[tuple[tuple[int, int], str]] = []
    total_nodes = 0
    stack: list[_Frame] = []
    root: Any = None
    documents = 0

    scalar_t = ev.ScalarEvent
    map_t = ev.MappingStartEvent
    seq_t = ev.SequenceStartEvent
    map_end_t = ev.MappingEndEvent
    seq_end_t = ev.SequenceEndEvent
    alias_t = ev.AliasEvent
    doc_t = ev.DocumentStartEvent

    def attach(value: Any, pos: tuple[int, int], size: int, chars: int) -> Path | None:
        """Put a finished value into its parent; returns the path it got (None for a key)."""
        nonlocal root
        if not stack:
            root = value
            values[()] = pos
            return ()
        parent = stack[-1]
        parent.count += size
        parent.chars += chars
        container = parent.container
        if parent.seen is None:
            child_path = (*parent.path, parent.index)
            parent.index += 1
            container.append(value)
            values[child_path] = pos
            return child_path
        if parent.key is None:
            if isinstance(value, (dict, list)):
                raise LoadError("ASP004", "a mapping key must be a plain value", *pos)
            key = "null" if value is None else (value if isinstance(value, str) else str(value))
            parent.key = key
            parent.key_pos = pos
            return None
        key = parent.key
        parent.key = None
        child_path = (*parent.path, key)
        if key in parent.seen:
            findings.append(_duplicate_key(path, key, parent.key_pos, keys.get(child_path, (0, 0))[0], child_path))
            return child_path
        parent.seen.add(key)
        container[key] = value
        values[child_path] = pos
        keys[child_path] = parent.key_pos
        return child_path

    def child_path_for_new_collection() -> Path:
        if not stack:
            return ()
        parent = stack[-1]
        if parent.seen is None:
            return (*parent.path, parent.index)
        if parent.key is None:
            return parent.path  # a collection used as a key: refused by the caller
        if parent.key in parent.seen:
            return (*parent.path, parent.key, _DUPLICATE)  # positions dropped at its end
        return (*parent.path, parent.key)

    event: Any = None
    try:
        parser = _event_parser(text)
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is scalar_t:
                total_nodes += 1
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                tag = event.tag
                _refuse_foreign_tag(tag, pos)
                try:
                    value = resolve_scalar(event.value, tag, event.style in ("", None))
                except ValueError as exc:
                    raise LoadError("ASP004", str(exc), *pos) from None
                chars = len(event.value) + 1
                if event.style == '"' and _HIDDEN.search(event.value):
                    escaped_hidden.append((pos, event.value))  # written as \u202e: invisible once rendered
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1, chars)
                attach(value, pos, 1, chars)
            elif kind is map_t or kind is seq_t:
                total_nodes += 1
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                tag = event.tag
                _refuse_foreign_tag(tag, pos)
                if len(stack) >= MAX_DEPTH:
                    raise LoadError("ASP004", f"nesting deeper than {MAX_DEPTH} levels is refused", *pos)
                if stack and stack[-1].seen is not None and stack[-1].key is None:
                    raise LoadError("ASP004", "a mapping key must be a plain value", *pos)
                container: Any = {} if kind is map_t else []
                frame = _Frame(container, child_path_for_new_collection(), event.anchor)
                frame.key_pos = pos  # reused below as the collection's own position
                stack.append(frame)
                values[frame.path] = pos
                if kind is map_t and event.flow_style:
                    positions.flow.add(frame.path)
            elif kind is map_end_t or kind is seq_end_t:
                frame = stack.pop()
                pos = values[frame.path]
                if frame.anchor is not None:
                    anchors[frame.anchor] = (frame.container, frame.count, frame.chars)
                if stack:
                    parent = stack[-1]
                    parent.count += frame.count
                    parent.chars += frame.chars
                    if parent.seen is None:
                        parent.container.append(frame.container)
                        parent.index += 1
                    else:
                        key = parent.key
                        parent.key = None
                        assert key is not None
                        if key in parent.seen:
                            _drop_positions(positions, frame.path)
                            frame.path = frame.path[:-1]
                            first = keys.get(frame.path, (0, 0))[0]
                            findings.append(_duplicate_key(path, key, parent.key_pos, first, frame.path))
                        else:
                            parent.seen.add(key)
                            parent.container[key] = frame.container
                            keys[frame.path] = parent.key_pos
                else:
                    root = frame.container
            elif kind is alias_t:
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                target = anchors.get(event.anchor)
                if target is None:
                    raise LoadError("ASP001", _unknown_alias(text, event.anchor, mark), *pos)
                value, size, chars = target
                alias_nodes += size
                alias_chars += chars
                total_nodes += size
                if alias_nodes > MAX_ALIAS_NODES:
                    raise LoadError(
                        "ASP004",
                        f"aliases expand to more than {MAX_ALIAS_NODES:,} values: refused as an alias bomb",
                        *pos,
                    )
                if alias_chars > MAX_ALIAS_CHARS:
                    raise LoadError(
                        "ASP004",
                        f"aliases expand to more than {MAX_ALIAS_CHARS:,} characters: refused as an alias bomb",
                        *pos,
                    )
                attach(value, pos, size, chars)
            elif kind is doc_t:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    raise LoadError(
                        "ASP001",
                        "more than one YAML document: a plan file holds exactly one",
                        mark.line + 1,
                        mark.column + 1,
                    )
            elif kind is ev.StreamEndEvent:
                break
            if total_nodes > MAX_NODES:
                mark = event.start_mark
                raise LoadError(
                    "ASP004", f"more than {MAX_NODES:,} values: refused as too large", mark.line + 1, mark.column + 1
                )
    except LoadError:
        raise
    except YAMLError as exc:
        problem = explain_syntax_error(text, exc, _last_scalar(event))
        raise LoadError("ASP001", problem.message, problem.line, problem.column) from None
    except (ValueError, TypeError, UnicodeError) as exc:
        raise LoadError("ASP001", f"YAML syntax error: {exc}") from None

    if escaped_hidden or not text.isascii():
        findings.extend(hidden_characters(text, path, escaped_hidden))
    return Document(path, text, root, positions, findings, parse_suppressions(text))


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


# Characters that change how text reads without being seen (spec §7.7, like GitHub's
# hidden-Unicode warning): bidi embeddings, overrides, isolates and marks; zero-width
# spaces and joiners, word joiners, invisible operators, the Mongolian vowel
# separator, a byte order mark inside the text, and Unicode "tag" characters.
_HIDDEN = re.compile(
    "[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u180e\ufeff\U000e0000-\U000e007f]"
)


def hidden_characters(
    text: str, path: str, escaped: list[tuple[tuple[int, int], str]] | None = None
) -> list[Finding]:
    """ASP005: one warning per line holding bidi or invisible characters, at the first one.

    Characters typed as such are found in the text; those written as escapes in a
    double-quoted value (``"\\u202e"``) are visible in the file but not in what asplan
    renders from it, so they are found in the value and reported at its position.
    A zero-width joiner between two pictographs is how emoji sequences are written (a
    family, a profession, a flag): that one use is not reported.
    """
    by_line: dict[int, tuple[int, list[str]]] = {}

    def report(line: int, column: int, found: str) -> None:
        names = by_line.setdefault(line, (column, []))[1]
        for char in found:
            name = _char_name(char)
            if name not in names:
                names.append(name)

    for match in _HIDDEN.finditer(text):
        at = match.start()
        if not _joins_emoji(text, at):
            line = text.count("\n", 0, at) + 1
            report(line, at - (text.rfind("\n", 0, at) + 1) + 1, match.group())
    for (line, column), value in escaped or ():
        report(line, column, "".join(m.group() for m in _HIDDEN.finditer(value) if not _joins_emoji(value, m.start())))
    by_line = {line: found for line, found in by_line.items() if found[1]}
    return [
        Finding(
            path,
            line,
            column,
            "ASP005",
            Severity.WARNING,
            f"hidden character{'s' if len(names) > 1 else ''} {', '.join(names)}: the text may read differently "
            "from what it holds; remove it (or type the text again)",
        )
        for line, (column, names) in sorted(by_line.items())
    ]


def _char_name(char: str) -> str:
    import unicodedata

    return f"U+{ord(char):04X} {unicodedata.name(char, 'TAG CHARACTER')}"


def _joins_emoji(text: str, at: int) -> bool:
    if text[at] != "\u200d" or not 0 < at < len(text) - 1:
        return False
    return _pictographic(text[at - 1]) and _pictographic(text[at + 1])


def _pictographic(char: str) -> bool:
    import unicodedata

    return unicodedata.category(char) == "So" or "\ufe00" <= char <= "\ufe0f" or "\U0001f3fb" <= char <= "\U0001f3ff"


def _duplicate_key(file: str, key: str, at: tuple[int, int], first: int, where: Path) -> Finding:
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


def _drop_positions(positions: Positions, prefix: Path) -> None:
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


def _fmt(path: Path) -> str:
    from asplan.findings import format_path

    return format_path(path)


def load_document(path: str, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Document:
    """Read and parse one file; raises :class:`LoadError` with its single finding."""
    return parse_yaml(read_text(path, max_bytes), path)


def iter_yaml_files(root: str) -> Iterator[str]:
    """Every ``*.yaml``/``*.yml`` under ``root``, sorted, skipping hidden and tool folders."""
    skip = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in skip and not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith((".yaml", ".yml")):
                yield os.path.join(dirpath, name)


def looks_like_plan(text: str) -> bool:
    """Cheap pre-filter for folder scans: a plan has a top-level ``asplan:`` key."""
    return re.search(r"^asplan\s*:", text, re.MULTILINE) is not None or '"asplan"' in text
