"""A YAML file as asplan reads it: plain data, where each value sits, and the limits.

The types every reader of plans shares (:class:`Document`, :class:`Positions`,
:class:`LoadError`), the YAML 1.2 core schema that resolves every scalar
(:func:`resolve_scalar`), inline suppressions (``# asplan: ignore[...]``) and hidden
characters (ASP005). :mod:`asplan.yaml_compose` builds a :class:`Document` from parse
events; :mod:`asplan.loading` reads files and is where callers start.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from asplan.findings import Finding, Severity

DataPath = tuple[str | int, ...]
"""Where a value sits in the plan's data: keys and list indexes (``("slas", 0, "target")``).

Named so, not ``Path``, so that it never hides :class:`pathlib.Path` in a module that uses both.
"""

MAX_DEPTH = 64
MAX_ALIAS_NODES = 10_000
# Aliases are also bounded by what they expand to: one 100 KB anchored string used
# 2,000 times is only 2,000 values but 200 MB in every rendered document.
MAX_ALIAS_CHARS = 1_000_000
MAX_NODES = 250_000  # a 200-line plan holds ~1,000 values; parsing costs a few µs a value

_CORE = "tag:yaml.org,2002:"

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

    values: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    # Mappings written inline (``{name: x, description: y}``): there a ", " in an
    # unquoted value ends it, and the rest reads as a key; ASP103 says so.
    flow: set[DataPath] = field(default_factory=set)

    def value(self, path: DataPath) -> tuple[int, int]:
        path = tuple(path)
        while path:
            pos = self.values.get(path)
            if pos is not None:
                return pos
            path = path[:-1]
        return self.values.get((), (1, 1))

    def key(self, path: DataPath) -> tuple[int, int]:
        """The key of a mapping entry, else the value (list items have no key)."""
        path = tuple(path)
        pos = self.keys.get(path)
        if pos is not None:
            return pos
        return self.value(path)

    def has(self, path: DataPath) -> bool:
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
    mapping_paths: dict[int, DataPath] | None = None
    """The data path of each mapping in ``data``, by ``id()``: validation reads paths there
    instead of copying the data to mark them (:mod:`asplan.model.validate_whole`).
    ``None`` when a mapping sits at two paths (an alias) or a duplicate key's mapping
    was dropped: then an ``id`` does not say one path."""


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
